package xlsx

import (
	"sort"

	"wardledger/ledger"
)

// allocRow is one row of the allocation table: a line (Khoản and nature)
// with figures, or a sum of other rows.
type allocRow struct {
	stt, label   string
	bold, italic bool
	indent       int
	line         *ledger.Line // nil for a sum
	children     []int        // rows summed, for a sum
}

// allocRows lays out the table: the grand total and its split by nature,
// then Loại → Khoản → nature.
func allocRows(lines []ledger.Line, cat *ledger.Catalogue) []allocRow {
	rows := []allocRow{
		{stt: "", label: "TỔNG SỐ", bold: true},
		{stt: "", label: "Trong đó: " + natureLabel(ledger.TX), italic: true, indent: 1},
		{stt: "", label: natureLabel(ledger.KTX), italic: true, indent: 1},
	}
	natureRow := map[ledger.Nature]int{ledger.TX: 1, ledger.KTX: 2}
	loaiRow, khoanRow := -1, -1
	var loai, khoan string
	nLoai, nKhoan := 0, 0
	for _, l := range lines {
		if lo := ledger.LoaiOf(cat, l.Khoan); loaiRow < 0 || lo != loai {
			loai, nLoai, nKhoan = lo, nLoai+1, 0
			rows = append(rows, allocRow{stt: roman(nLoai), label: loaiLabel(cat, lo), bold: true})
			loaiRow = len(rows) - 1
			rows[0].children = append(rows[0].children, loaiRow)
			khoanRow = -1
		}
		if khoanRow < 0 || l.Khoan != khoan {
			khoan, nKhoan = l.Khoan, nKhoan+1
			rows = append(rows, allocRow{stt: itoa(nKhoan), label: khoanLabel(cat, l.Khoan), bold: true, indent: 1})
			khoanRow = len(rows) - 1
			rows[loaiRow].children = append(rows[loaiRow].children, khoanRow)
		}
		line := l
		rows = append(rows, allocRow{stt: "-", label: natureLabel(l.Nature), indent: 2, line: &line})
		rows[khoanRow].children = append(rows[khoanRow].children, len(rows)-1)
		nr := natureRow[l.Nature]
		rows[nr].children = append(rows[nr].children, len(rows)-1)
	}
	return rows
}

// loaiLabel names a Loại with its name: "Loại 340 – Quản lý nhà nước".
func loaiLabel(cat *ledger.Catalogue, loai string) string {
	if loai == "" {
		return "Loại chưa có trong danh mục"
	}
	return "Loại " + loai + " – " + cat.Name(ledger.LevelLoai, loai)
}

// khoanLabel names a Khoản with its name, if the catalogue has one.
func khoanLabel(cat *ledger.Catalogue, khoan string) string {
	if name := cat.Name(ledger.LevelKhoan, khoan); name != "" {
		return "Khoản " + khoan + " – " + name
	}
	return "Khoản " + khoan
}

// natureLabel names a nature as the forms do.
func natureLabel(n ledger.Nature) string { return n.FormLabel() }

// allocLines are the lines that have an allocation in any unit, by Loại,
// Khoản, then TX before KTX; amounts are per unit. The caller has checked
// that the amounts' magnitudes add up within int64 (writeAllocation).
func allocLines(data []unitData, cat *ledger.Catalogue) ([]ledger.Line, []map[ledger.Line]ledger.Money) {
	seen := map[ledger.Line]bool{}
	amounts := make([]map[ledger.Line]ledger.Money, len(data))
	for i, d := range data {
		amounts[i] = map[ledger.Line]ledger.Money{}
		for _, t := range d.totals {
			if hasKind(allocKinds, t.Kind) {
				l := ledger.Line{Khoan: t.Khoan, Nature: t.Nature}
				amounts[i][l] += t.Amount
				seen[l] = true
			}
		}
	}
	lines := make([]ledger.Line, 0, len(seen))
	for l := range seen {
		lines = append(lines, l)
	}
	sort.Slice(lines, func(i, j int) bool {
		a, b := lines[i], lines[j]
		la, lb := ledger.LoaiOf(cat, a.Khoan), ledger.LoaiOf(cat, b.Khoan)
		switch {
		case la != lb:
			return la < lb
		case a.Khoan != b.Khoan:
			return a.Khoan < b.Khoan
		}
		return a.Nature == ledger.TX && b.Nature != ledger.TX
	})
	return lines, amounts
}

// writeAllocation writes the allocation table: STT | Nội dung | Tổng số |
// one column per unit | Ghi chú.
func (b *book) writeAllocation(name string, h reportHead, data []unitData, cat *ledger.Catalogue) error {
	// Every figure of the table is a signed sum of the units' allocation
	// totals, so none overflows once the sum of their magnitudes fits: the
	// sums below are bounded by this checked one.
	var bound ledger.Sum
	for _, d := range data {
		for _, t := range d.totals {
			if hasKind(allocKinds, t.Kind) {
				bound.AddAbs(t.Amount)
			}
		}
	}
	if _, err := bound.Value("xlsx.writeAllocation"); err != nil {
		return err
	}
	lines, amounts := allocLines(data, cat)
	rows := allocRows(lines, cat)
	const labelCols = 2
	// No row of a unit exceeds the sum of its amounts, in magnitude.
	detail, grand := 0.0, ledger.Money(0)
	for _, m := range amounts {
		var sum ledger.Money
		for _, a := range m {
			sum += max(a, -a)
		}
		detail = max(detail, moneyWidth(12, sum))
		grand += sum
	}
	widths := []float64{6, 44, max(detail, moneyWidth(14, grand))}
	heads := []colHeader{{label: "STT"}, {label: "Nội dung"}, {label: "Tổng số"}}
	for _, d := range data {
		widths = append(widths, detail)
		heads = append(heads, unitHead(d.unit))
	}
	widths, heads = withNote(widths, heads, labelCols)
	for i, n := range numbering(labelCols, len(data)+1, true) {
		heads[i].number = n
	}
	s, dataRow, err := b.startReport(name, h, widths, heads, labelCols+1, sheetSetup{})
	if err != nil {
		return err
	}
	firstUnit, lastUnit := labelCols+1, labelCols+len(data)
	values := make([]ledger.Money, len(data)) // this row's figure per unit
	for i, ar := range rows {
		n := dataRow + i
		r := s.newRow()
		text := style{border: true, bold: ar.bold, italic: ar.italic}
		r.set(0, ar.stt, b.id(style{border: true, h: "center", bold: ar.bold}))
		labelStyle := style{border: true, wrap: true, bold: ar.bold, italic: ar.italic, indent: ar.indent}
		r.set(1, ar.label, b.id(labelStyle))
		money := b.id(style{border: true, num: moneyFormat, bold: ar.bold, italic: ar.italic})
		var sum ledger.Money // bounded, as allocValue
		for j := range data {
			values[j] = allocValue(rows, i, amounts[j])
			sum += values[j]
			col := firstUnit + j
			if ar.line != nil {
				r.set(col, int64(values[j]), money)
			} else {
				r.formula(col, sumRows(colName(col), dataRow, ar.children), values[j], money)
			}
		}
		r.formula(labelCols, "SUM("+cellName(firstUnit, n)+":"+cellName(lastUnit, n)+")", sum, money)
		r.set(lastUnit+1, "", b.id(text))
		if err := s.put(n, r, s.fit(ar.label, 1, 1, labelStyle)); err != nil {
			return err
		}
	}
	if err := s.writeSigners(dataRow+len(rows), dataRow+1); err != nil {
		return err
	}
	return s.flush()
}

// allocValue is the figure of row i for one unit: a sum bounded by the
// magnitudes writeAllocation checked.
func allocValue(rows []allocRow, i int, amounts map[ledger.Line]ledger.Money) ledger.Money {
	if rows[i].line != nil {
		return amounts[*rows[i].line]
	}
	var v ledger.Money
	for _, c := range rows[i].children {
		v += allocValue(rows, c, amounts)
	}
	return v
}

// roman writes n (1..39) in Roman numerals, as sections of a form are
// numbered.
func roman(n int) string {
	var out string
	for _, p := range []struct {
		v int
		s string
	}{{10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			out += p.s
			n -= p.v
		}
	}
	return out
}
