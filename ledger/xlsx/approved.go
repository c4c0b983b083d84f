package xlsx

import (
	"fmt"
	"strings"

	"wardledger/ledger"
)

// Sheets of the consolidation once reviews exist.
const (
	SheetApproved = "B01-Duyet"
	SheetCompare  = "Bao-cao-va-Duyet"
)

// reviewLabel says where a unit's review stands, for a column header.
func reviewLabel(rev *ledger.Review) string {
	if rev == nil {
		return "Chưa xét duyệt: số báo cáo"
	}
	return rev.State.Label()
}

// writeApproved writes the approved B01 by unit (the reported figures for
// units not reviewed) and the comparison of reported and approved figures.
func (b *book) writeApproved(data []unitData, statements []*ledger.Statement, reviews map[string]*ledger.Review,
	form *ledger.Form, h reportHead, reported b01Layout) error {
	approved := make([]*ledger.Statement, len(data))
	cols := make([]amountCol, len(data))
	sums := map[string]*ledger.Sum{}
	for i, d := range data {
		var approvals []ledger.Approval
		if rev := reviews[d.unit.Code]; rev != nil {
			approvals = rev.Approvals
		}
		var err error
		if approved[i], err = form.ApprovedStatement(statements[i], approvals); err != nil {
			return err
		}
		head := unitHead(d.unit)
		head.label += "\n" + reviewLabel(reviews[d.unit.Code])
		cols[i] = amountCol{head: head, rows: approved[i].Total}
		for code, v := range approved[i].Total {
			if sums[code] == nil {
				sums[code] = &ledger.Sum{}
			}
			sums[code].Add(v)
		}
	}
	total := ledger.Rows{}
	for code, s := range sums {
		v, err := s.Value("xlsx.writeApproved")
		if err != nil {
			return err
		}
		total[code] = v
	}
	h.title = "TỔNG HỢP SỐ QUYẾT TOÁN ĐƯỢC DUYỆT\nCỦA CÁC ĐƠN VỊ TRỰC THUỘC"
	lay, err := b.writeB01(SheetApproved, h, form, total, unitGroups(cols))
	if err != nil {
		return err
	}
	b.step(1)
	if err := b.writeCompare(data, statements, approved, reviews, form, reported, lay); err != nil {
		return err
	}
	b.step(1)
	return nil
}

// compared is a figure the comparison shows: the sum of some rows.
type compared struct {
	label string
	codes []string
}

// writeCompare writes, for each unit, reported | approved | difference of
// the figures a review decides on: the spending settled, what is still to
// return to the budget, what is carried over. Reported and approved cells
// point at the two B01 sheets.
func (b *book) writeCompare(data []unitData, reported, approved []*ledger.Statement, reviews map[string]*ledger.Review,
	form *ledger.Form, repLay, appLay b01Layout) error {
	settled, carried, toReturn := form.Role(ledger.RoleSettled), form.Role(ledger.RoleCarried), form.BalanceRows(ledger.BalanceReceived)
	figures := []compared{
		{"Kinh phí đề nghị quyết toán (mã số " + settled + ")", []string{settled}},
		{"Còn phải nộp NSNN (mã số " + strings.Join(toReturn, "+") + ")", toReturn},
		{form.Text("Số dư chuyển sang {sau}", b.req.Period) + " (mã số " + carried + ")", []string{carried}},
	}
	for _, f := range figures {
		for _, c := range f.codes {
			if _, ok := repLay.row[c]; !ok {
				return internal(noRow(c))
			}
		}
	}
	const labelCols = 4
	widths := []float64{6, 30, 11, 15}
	heads := []colHeader{{label: "STT", number: "A"}, {label: "Đơn vị", number: "B"}, {label: "Mã ĐVQHNS", number: "C"},
		{label: "Tình trạng xét duyệt", number: "D"}}
	num := 0
	for _, f := range figures {
		for _, sub := range []string{"Số đơn vị báo cáo", "Số xét duyệt", "Chênh lệch"} {
			num++
			widths = append(widths, 15)
			label := itoa(num)
			if sub == "Chênh lệch" {
				label = itoa(num) + "=" + itoa(num-1) + "-" + itoa(num-2)
			}
			heads = append(heads, colHeader{label: sub, group: f.label, number: label})
		}
	}
	h := reportHead{unit: b.superior, title: "SỐ BÁO CÁO VÀ SỐ XÉT DUYỆT QUYẾT TOÁN\nCỦA CÁC ĐƠN VỊ TRỰC THUỘC", period: b.req.Period}
	s, dataRow, err := b.startReport(SheetCompare, h, widths, heads, 2, sheetSetup{paginate: true})
	if err != nil {
		return err
	}
	money := b.id(stMoney)
	const op = "xlsx.writeCompare"
	sum := func(st *ledger.Statement, codes []string) (ledger.Money, error) {
		var v ledger.Sum
		for _, c := range codes {
			v.Add(st.Total[c])
		}
		return v.Value(op)
	}
	refs := func(lay b01Layout, i int, codes []string) string {
		parts := make([]string, len(codes))
		for j, c := range codes {
			parts[j] = lay.cell(c, i)
		}
		return strings.Join(parts, "+")
	}
	totals := make([]ledger.Sum, 3*len(figures))
	for i, d := range data {
		n := dataRow + i
		state := "Chưa xét duyệt"
		if rev := reviews[d.unit.Code]; rev != nil {
			state = rev.State.Label()
		}
		r := s.unitRow(i, d.unit, state)
		for j, f := range figures {
			col := labelCols + 3*j
			rep, err := sum(reported[i], f.codes)
			if err != nil {
				return err
			}
			app, err := sum(approved[i], f.codes)
			if err != nil {
				return err
			}
			var d ledger.Sum
			d.Add(app)
			d.Sub(rep)
			diff, err := d.Value(op)
			if err != nil {
				return err
			}
			r.formula(col, refs(repLay, i, f.codes), rep, money)
			r.formula(col+1, refs(appLay, i, f.codes), app, money)
			r.formula(col+2, cellName(col+1, n)+"-"+cellName(col, n), diff, money)
			totals[3*j].Add(rep)
			totals[3*j+1].Add(app)
			totals[3*j+2].Add(diff)
		}
		if err := s.put(n, r, max(s.fitHeight(d.unit.Name, 1, 1, bodySize), s.fitHeight(state, 3, 3, bodySize))); err != nil {
			return err
		}
	}
	n := dataRow + len(data)
	r := s.newRow()
	bold := b.id(stCenter.with(true))
	r.set(1, "Tổng cộng", bold)
	r.fill(0, labelCols-1, bold)
	for j, t := range totals {
		v, err := t.Value(op)
		if err != nil {
			return err
		}
		col := labelCols + j
		r.formula(col, "SUM("+cellName(col, dataRow)+":"+cellName(col, n-1)+")", v, b.id(stMoney.with(true)))
	}
	if err := s.put(n, r, 0); err != nil {
		return err
	}
	if err := s.mergeAll([]span{{n, n, colRange{1, labelCols - 1}}}); err != nil {
		return err
	}
	if err := s.writeSigners(n+1, n-2); err != nil {
		return err
	}
	return s.flush()
}

// noRow is the failure of a sheet that needs a row its table lacks: a
// bug, since the tables are written from the same form.
func noRow(code string) error {
	return fmt.Errorf("biểu mẫu thiếu chỉ tiêu %s", code)
}
