package ledger

import (
	"math"
	"sort"
	"strings"
)

// AllocationDecision is one decision of the superior unit allocating a
// period's estimates to several subordinate units at once (Quyết định giao
// dự toán): one amount per unit and line.
type AllocationDecision struct {
	Period Period
	Doc    string // số quyết định
	Date   Date
	Memo   string
	Cells  map[string]map[Line]Money // unit → line → amount
}

// Entries turns the decision into allocation entries, one per non-zero
// cell, in unit then Khoản then nature order.
func (d *AllocationDecision) Entries() ([]*Entry, error) {
	const op = "AllocationDecision.Entries"
	if strings.TrimSpace(d.Doc) == "" {
		return nil, FieldErrorf("doc", op, "chưa nhập số quyết định giao dự toán")
	}
	if d.Date.IsZero() {
		return nil, FieldErrorf("date", op, "chưa nhập ngày quyết định")
	}
	units := make([]string, 0, len(d.Cells))
	for u := range d.Cells {
		units = append(units, u)
	}
	sort.Strings(units)
	memo := d.Memo
	if memo == "" {
		memo = "Giao dự toán " + d.Period.Name()
	}
	var out []*Entry
	for _, u := range units {
		lines := make([]Line, 0, len(d.Cells[u]))
		for l := range d.Cells[u] {
			lines = append(lines, l)
		}
		SortLines(lines)
		for _, l := range lines {
			amt := d.Cells[u][l]
			if amt == 0 {
				continue
			}
			if err := CheckAmount("amount", op, amt); err != nil {
				return nil, err
			}
			if amt < 0 {
				return nil, FieldErrorf("amount", op, "số giao dự toán cho đơn vị %s, %s âm (%s): dùng điều chỉnh dự toán để giảm", u, l, amt)
			}
			out = append(out, &Entry{Unit: u, Period: d.Period, Kind: EntryAllocation, Nature: l.Nature, Khoan: l.Khoan,
				Amount: amt, Doc: d.Doc, Date: d.Date, Memo: memo})
		}
	}
	if len(out) == 0 {
		return nil, FieldErrorf("amount", op, "quyết định chưa giao số dự toán nào")
	}
	if _, err := SumEntries(op, out); err != nil {
		return nil, FieldErrorf("amount", op, "tổng số giao của quyết định vượt giới hạn tính toán (%s đồng): chia thành nhiều quyết định", Money(math.MaxInt64))
	}
	return out, nil
}

// AllocationTable is the allocation of one period by unit and line, summed
// from allocation and adjustment entries: the district's table has one
// column per ward.
type AllocationTable struct {
	Period Period
	Units  []Unit
	Lines  []Line                    // Khoản then TX before KTX
	Cells  map[string]map[Line]Money // unit → line → allocated
}

// BuildAllocationTable sums each unit's allocations and adjustments; a sum
// that overflows is an error.
func BuildAllocationTable(p Period, units []Unit, totals map[string][]Total) (*AllocationTable, error) {
	t := &AllocationTable{Period: p, Units: units, Cells: map[string]map[Line]Money{}}
	seen := map[Line]bool{}
	for _, u := range units {
		t.Cells[u.Code] = map[Line]Money{}
		for _, tt := range totals[u.Code] {
			if tt.Kind != EntryAllocation && tt.Kind != EntryAdjustment {
				continue
			}
			l := Line{Khoan: tt.Khoan, Nature: tt.Nature}
			v, ok := addMoney(t.Cells[u.Code][l], tt.Amount)
			if !ok {
				return nil, overflow("BuildAllocationTable")
			}
			t.Cells[u.Code][l] = v
			if !seen[l] {
				seen[l] = true
				t.Lines = append(t.Lines, l)
			}
		}
	}
	SortLines(t.Lines)
	return t, nil
}

// Allocated is what the table allocates to each unit and to all of them;
// a sum that overflows is an error.
func (t *AllocationTable) Allocated() (byUnit map[string]Money, total Money, err error) {
	const op = "AllocationTable.Allocated"
	byUnit = make(map[string]Money, len(t.Cells))
	var all Sum
	for u, cells := range t.Cells {
		var s Sum
		for _, m := range cells {
			s.Add(m)
			all.Add(m)
		}
		if byUnit[u], err = s.Value(op); err != nil {
			return nil, 0, err
		}
	}
	if total, err = all.Value(op); err != nil {
		return nil, 0, err
	}
	return byUnit, total, nil
}
