package xlsx

import (
	"strings"

	"wardledger/ledger"
)

// detailKey identifies a row of the spending detail across units.
type detailKey struct {
	level       ledger.DetailLevel
	loai, khoan string
	nature      ledger.Nature
	muc, code   string
}

// keyOf keeps only the fields that place r at its level: SpendingDetail
// also fills the lower ones (from the first row under it), which differ
// from unit to unit.
func keyOf(r ledger.DetailRow) detailKey {
	k := detailKey{level: r.Level, code: r.Code}
	if r.Level >= ledger.DetailLoai {
		k.loai = r.Loai
	}
	if r.Level >= ledger.DetailKhoan {
		k.khoan = r.Khoan
	}
	if r.Level >= ledger.DetailNature {
		k.nature = r.Nature
	}
	if r.Level >= ledger.DetailMuc {
		k.muc = r.Muc
	}
	return k
}

// amountsOf indexes a spending detail by row.
func amountsOf(rows []ledger.DetailRow) map[detailKey]ledger.Money {
	m := make(map[detailKey]ledger.Money, len(rows))
	for _, r := range rows {
		m[keyOf(r)] = r.Amount
	}
	return m
}

// detailCol is one amount column of the spending detail; a column
// without amounts (a source the unit has no spending from) stays blank.
type detailCol struct {
	head    colHeader
	amounts map[detailKey]ledger.Money
}

// sourceCols are the columns of F01-01/BCQT after Tổng số, by source of
// funds: a ward spends from the domestic state budget only (column 2).
func sourceCols(amounts map[detailKey]ledger.Money) []detailCol {
	const nsnn = "NGUỒN NSNN"
	return []detailCol{
		{head: colHeader{label: "NSNN trong nước", group: nsnn}, amounts: amounts},
		{head: colHeader{label: "Viện trợ", group: nsnn}},
		{head: colHeader{label: "Vay nợ nước ngoài", group: nsnn}},
		{head: colHeader{label: "Nguồn phí được khấu trừ, để lại"}},
		{head: colHeader{label: "Nguồn hoạt động khác được để lại"}},
	}
}

// f01LabelCols are Loại, Khoản, Mục, Tiểu mục and Nội dung chi.
const f01LabelCols = 5

// detailLook is how each level of the spending detail prints: which code
// column holds its code, and its emphasis.
var detailLook = map[ledger.DetailLevel]struct {
	codeCol      int // -1: none
	bold, italic bool
	indent       int
}{
	ledger.DetailTotal:   {-1, true, false, 0},
	ledger.DetailNature:  {-1, true, false, 0},
	ledger.DetailLoai:    {0, true, false, 0},
	ledger.DetailKhoan:   {1, true, false, 0},
	ledger.DetailMuc:     {2, false, true, 1},
	ledger.DetailTieuMuc: {3, false, false, 2},
}

// writeF01 writes the spending detail (F01-01/BCQT): LOẠI | KHOẢN | MỤC |
// TIỂU MỤC | NỘI DUNG CHI | amounts, the sections of each nature first.
// Tiểu mục rows carry figures; every row above is the sum of the rows
// under it, as a formula. With a total column, it sums the amount columns
// of its row.
func (b *book) writeF01(name string, h reportHead, rows []ledger.DetailRow, cols []detailCol, withTotal bool) error {
	const labelCols = f01LabelCols
	widths := []float64{5.5, 8, 5.5, 6.5, 42} // KHOẢN, bold capitals, needs 8 to stay on one line
	heads := []colHeader{{label: "LOẠI"}, {label: "KHOẢN"}, {label: "MỤC"}, {label: "TIỂU MỤC"}, {label: "NỘI DUNG CHI"}}
	detail := 0.0
	for _, c := range cols {
		detail = max(detail, columnsWidth(11, c.amounts))
	}
	if withTotal {
		total := 14.0
		for _, r := range rows {
			total = max(total, moneyChars(r.Amount))
		}
		widths = append(widths, max(detail, total))
		heads = append(heads, colHeader{label: "TỔNG SỐ"})
	}
	for _, c := range cols {
		widths = append(widths, detail)
		heads = append(heads, c.head)
	}
	amountCols := len(heads) - labelCols
	for i, n := range numbering(labelCols, amountCols, withTotal) {
		heads[i].number = n
	}
	firstAmount := labelCols
	if withTotal {
		firstAmount++
	}
	children := detailChildren(rows)
	return b.writeFitted(name, h, widths, heads, labelCols, formScale, func(s *sheet, dataRow int) error {
		for i, dr := range rows {
			if err := s.detailRow(dataRow, i, dr, children[i], cols, firstAmount, withTotal); err != nil {
				return err
			}
		}
		return s.writeSigners(dataRow+len(rows), dataRow+1)
	})
}

// formScale is the smallest scale a form is shrunk to so that it fits one
// page; a longer one runs on to more pages, one page wide.
const formScale = 0.6

// detailRow writes row i of the spending detail, the sum of rows kids
// when it has any, in the amount columns from firstAmount.
func (s *sheet) detailRow(dataRow, i int, dr ledger.DetailRow, kids []int, cols []detailCol, firstAmount int, withTotal bool) error {
	const labelCols = f01LabelCols
	b := s.b
	n := dataRow + i
	look := detailLook[dr.Level]
	r := s.newRow()
	text := style{border: true, h: "center", bold: look.bold, italic: look.italic}
	r.fill(0, labelCols-2, b.id(text))
	if look.codeCol >= 0 {
		r.set(look.codeCol, dr.Code, b.id(text))
	}
	label := dr.Name
	switch dr.Level {
	case ledger.DetailTotal:
		label = "TỔNG CỘNG"
	case ledger.DetailNature:
		label = ledger.NatureHeading(dr.Nature)
	}
	labelStyle := style{border: true, wrap: true, bold: look.bold, italic: look.italic, indent: look.indent}
	r.set(labelCols-1, label, b.id(labelStyle))
	money := b.id(style{border: true, num: moneyFormat, bold: look.bold, italic: look.italic})
	key := keyOf(dr)
	var sum ledger.Sum
	for j, c := range cols {
		col := firstAmount + j
		if c.amounts == nil {
			r.set(col, nil, money)
			continue
		}
		v := c.amounts[key]
		sum.Add(v)
		if len(kids) > 0 {
			r.formula(col, sumRows(colName(col), dataRow, kids), v, money)
		} else {
			r.set(col, int64(v), money)
		}
	}
	if withTotal {
		total, err := sum.Value("xlsx.writeF01")
		if err != nil {
			return err
		}
		r.formula(labelCols, "SUM("+cellName(firstAmount, n)+":"+cellName(firstAmount+len(cols)-1, n)+")", total, money)
	}
	return s.put(n, r, s.fit(label, labelCols-1, labelCols-1, labelStyle))
}

// detailChildren lists, for each row of a spending detail, the indexes of
// the rows one level under it.
func detailChildren(rows []ledger.DetailRow) map[int][]int {
	out := map[int][]int{}
	for i, parent := range ledger.DetailParents(rows) {
		if parent >= 0 {
			out[parent] = append(out[parent], i)
		}
	}
	return out
}

// sumRows is a SUM over the given rows (indexes from row base) of column
// col, with consecutive rows as ranges: SUM(F12:F15,F20).
func sumRows(col string, base int, idx []int) string {
	var parts []string
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && idx[j+1] == idx[j]+1 {
			j++
		}
		part := col + itoa(base+idx[i])
		if j > i {
			part += ":" + col + itoa(base+idx[j])
		}
		parts = append(parts, part)
		i = j + 1
	}
	return "SUM(" + strings.Join(parts, ",") + ")"
}
