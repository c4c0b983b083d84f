package xlsx

import (
	"context"
	"strings"
	"time"

	"wardledger/ledger"
)

// The entry register (sổ chi tiết): a compact header, then one row per
// entry under a frozen, filtered header row.
const (
	regHeadRow = 4 // the column header row
	regAmount  = 7 // 0-based column of the amount
	regIDCol   = 10
)

var registerHeads = []string{"STT", "Ngày chứng từ", "Số chứng từ", "Nghiệp vụ", "Tính chất nguồn",
	"Khoản", "Tiểu mục", "Số tiền", "Diễn giải", "Bút toán đảo", "Mã bút toán"}

var registerWidths = []float64{7, 11, 15, 34, 9, 24, 30, 17, 40, 26, 38}

// registerStyles are the style ids of a register row's cells.
type registerStyles struct {
	text, center, date, money int
}

// writeRegister writes the entry register of one unit and period. done is
// told after every thousand rows.
func (b *book) writeRegister(ctx context.Context, name string, unit ledger.Unit, p ledger.Period,
	entries []*ledger.Entry, cat *ledger.Catalogue, done func(n int)) error {
	last := regHeadRow + len(entries)
	if len(entries) == 0 {
		last++
	}
	s, err := b.newSheet(name, sheetSetup{widths: registerWidths, titleFrom: regHeadRow, titleTo: regHeadRow,
		freeze: cellName(0, regHeadRow+1), filter: "A" + itoa(regHeadRow) + ":" + cellName(regIDCol, last),
		printCols: regIDCol, autoHeights: true})
	if err != nil {
		return err
	}
	if err := s.registerHead(unit, p, entries); err != nil {
		return err
	}
	st := registerStyles{text: b.id(stText), center: b.id(stCenter), date: b.id(stDate), money: b.id(stMoney)}
	rw := newRegisterRows(entries, cat)
	r := s.newRow()
	for i, e := range entries {
		if i%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if i > 0 && done != nil {
				done(1000)
			}
		}
		ht := rw.fill(r, i, e, st)
		if err := s.put(regHeadRow+1+i, r, ht); err != nil {
			return err
		}
	}
	if done != nil {
		done(len(entries) % 1000)
	}
	if err := s.kindTotals(regHeadRow+len(entries)+2, entries); err != nil {
		return err
	}
	return s.flush()
}

// kindTotals writes, from row n under the register, the total of each
// kind of entry it lists (allocations, withdrawals, spending… are never
// added together), as SUMIF formulas over the kind column.
func (s *sheet) kindTotals(n int, entries []*ledger.Entry) error {
	b := s.b
	sums := map[ledger.EntryKind]*ledger.Sum{}
	for _, e := range entries {
		if sums[e.Kind] == nil {
			sums[e.Kind] = &ledger.Sum{}
		}
		sums[e.Kind].Add(e.Amount)
	}
	head := s.newRow()
	head.set(0, "Cộng theo nghiệp vụ", b.id(style{bold: true, h: "left"}))
	if err := s.put(n, head, 0); err != nil {
		return err
	}
	first, last := regHeadRow+1, regHeadRow+max(len(entries), 1)
	kinds, amounts := absolute(3, first, last), absolute(regAmount, first, last)
	label, money := b.id(style{border: true, bold: true}), b.id(stMoney.with(true))
	for _, k := range ledger.EntryKinds {
		if sums[k] == nil {
			continue
		}
		v, err := sums[k].Value("xlsx.register")
		if err != nil {
			return err
		}
		n++
		r := s.newRow()
		r.set(3, k.Label(), label)
		r.fill(4, regAmount-1, label)
		r.formula(regAmount, "SUMIF("+kinds+","+quote(k.Label())+","+amounts+")", v, money)
		if err := s.put(n, r, 0); err != nil {
			return err
		}
		if err := s.merge(n, 3, n, regAmount-1); err != nil {
			return err
		}
	}
	return nil
}

// absolute is the absolute reference of rows first..last of 0-based
// column c: $D$5:$D$9.
func absolute(c, first, last int) string {
	col := "$" + colName(c) + "$"
	return col + itoa(first) + ":" + col + itoa(last)
}

// quote is a text literal of a spreadsheet formula.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// registerHead writes the title, the unit and period line, where the
// totals are, and the column headers.
func (s *sheet) registerHead(unit ledger.Unit, p ledger.Period, entries []*ledger.Entry) error {
	b := s.b
	title := s.newRow()
	title.set(0, "SỔ CHI TIẾT BÚT TOÁN", b.id(stTitle))
	if err := s.put(1, title, 22); err != nil {
		return err
	}
	sub := s.newRow()
	sub.set(0, unit.Name+" — Mã ĐVQHNS: "+unit.Code+" — Mã chương: "+unit.Chapter+" — "+p.Label(), b.id(stSubtitle))
	if err := s.put(2, sub, 18); err != nil {
		return err
	}
	unitLine := s.newRow()
	unitLine.set(0, "Tổng số tiền theo từng nghiệp vụ ở cuối sổ.", b.id(style{italic: true, h: "left"}))
	unitLine.set(regAmount, "Đơn vị: Đồng", b.id(style{italic: true, h: "right"}))
	if err := s.put(3, unitLine, 0); err != nil {
		return err
	}
	if err := s.headRow(regHeadRow, registerHeads); err != nil {
		return err
	}
	// The title is centred over the printed columns (not the ids).
	for _, m := range [][3]int{{1, 0, regIDCol - 1}, {2, 0, regIDCol - 1}, {3, 0, regAmount - 1}} {
		if err := s.merge(m[0], m[1], m[0], m[2]); err != nil {
			return err
		}
	}
	return nil
}

// registerRows turns entries into register rows, with the names of codes
// and the links between reversals and what they reverse.
type registerRows struct {
	cat      *ledger.Catalogue
	byID     map[string]*ledger.Entry // the reversed entries by id
	reversal map[string]*ledger.Entry // reversed id → its reversal
	names    map[string]string        // "k341", "t6001" → "341 – name"
	lines    map[lineKey]int          // cached line counts of repeated labels
}

func newRegisterRows(entries []*ledger.Entry, cat *ledger.Catalogue) *registerRows {
	rw := &registerRows{cat: cat, byID: map[string]*ledger.Entry{}, reversal: map[string]*ledger.Entry{},
		names: map[string]string{}, lines: map[lineKey]int{}}
	for _, e := range entries {
		if e.Reverses != "" {
			rw.reversal[e.Reverses] = e
		}
	}
	for _, e := range entries {
		if rw.reversal[e.ID] != nil {
			rw.byID[e.ID] = e
		}
	}
	return rw
}

// code is "341 – Quản lý nhà nước", or the bare code when the catalogue
// does not know it.
func (rw *registerRows) code(level ledger.CodeLevel, c string) string {
	if c == "" {
		return ""
	}
	key := string(level) + c
	if v, ok := rw.names[key]; ok {
		return v
	}
	v := c
	if name := rw.cat.Name(level, c); name != "" {
		v = c + " – " + name
	}
	rw.names[key] = v
	return v
}

// link says which entry e reverses or which entry reversed it.
func (rw *registerRows) link(e *ledger.Entry) string {
	if e.Reverses != "" {
		if o := rw.byID[e.Reverses]; o != nil {
			return "Đảo bút toán số " + o.Doc + " ngày " + o.Date.VN()
		}
		return "Đảo bút toán " + e.Reverses
	}
	if r := rw.reversal[e.ID]; r != nil {
		return "Đã bị đảo ngày " + r.Date.VN()
	}
	return ""
}

// fill sets r to the cells of entry e (the i-th, 0-based) and returns the
// row height its wrapped texts need (0 for one line).
func (rw *registerRows) fill(r row, i int, e *ledger.Entry, st registerStyles) float64 {
	khoan, tm, link := rw.code(ledger.LevelKhoan, e.Khoan), rw.code(ledger.LevelTieuMuc, e.TieuMuc), rw.link(e)
	r.set(0, i+1, st.center)
	r.set(1, serial(e.Date), st.date)
	r.set(2, e.Doc, st.text)
	r.set(3, e.Kind.Label(), st.text)
	r.set(4, string(e.Nature), st.center)
	r.set(5, khoan, st.text)
	r.set(6, tm, st.text)
	r.set(7, int64(e.Amount), st.money)
	r.set(8, e.Memo, st.text)
	r.set(9, link, st.text)
	r.set(10, e.ID, st.text)
	n := max(rw.cachedLines(e.Kind.Label(), 3), rw.cachedLines(khoan, 5), rw.cachedLines(tm, 6),
		lines(e.Doc, registerWidths[2], bodySize), lines(e.Memo, registerWidths[8], bodySize), lines(link, registerWidths[9], bodySize))
	if n <= 1 {
		return 0
	}
	return height(n, bodySize)
}

type lineKey struct {
	col  int
	text string
}

func (rw *registerRows) cachedLines(text string, col int) int {
	key := lineKey{col, text}
	if n, ok := rw.lines[key]; ok {
		return n
	}
	n := lines(text, registerWidths[col], bodySize)
	rw.lines[key] = n
	return n
}

// serial is the spreadsheet serial number of a date (days since 1899-12-30),
// written as a number with a date format so filters and sorting work.
func serial(d ledger.Date) int {
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return int(time.Date(d.Year(), time.Month(d.Month()), d.Day(), 0, 0, 0, 0, time.UTC).Sub(epoch).Hours() / 24)
}
