package xlsx

import (
	"slices"
	"strings"

	"wardledger/ledger"
)

// amountCol is one amount column of a table: its header and its figures.
type amountCol struct {
	head colHeader
	rows ledger.Rows
}

// b01Group is a group of detail columns of the B01 table under one
// heading: a Loại ("LOẠI 340") with its TỔNG SỐ first and a column per
// Khoản, as the circular prints it; or the subordinate units of a
// consolidation, without a total of their own.
type b01Group struct {
	label string
	total bool
	cols  []amountCol
}

// b01Layout tells where the B01 table put each row and column, so that
// other sheets can refer to its cells.
type b01Layout struct {
	sheet  string
	row    map[string]int // form row code → sheet row
	detail []int          // 0-based column of each detail column, groups in order
}

// cell is the reference of row code in detail column i, from another
// sheet.
func (l b01Layout) cell(code string, i int) string {
	return "'" + l.sheet + "'!" + colName(l.detail[i]) + itoa(l.row[code])
}

// b01LabelCols are STT, Chỉ tiêu and Mã số; Tổng số follows them.
const b01LabelCols = 3

// b01LabelWidth is the width of CHỈ TIÊU: its longest label of a nature
// ("Kinh phí không thường xuyên/không tự chủ") on one line.
const b01LabelWidth = 40

// b01Columns is the column plan of a B01 table: the headers (two levels
// when there are groups), the widths, where each group's total and
// details are.
type b01Columns struct {
	heads  []colHeader
	widths []float64
	totals []int   // per group: the 0-based column of its total, -1 for none
	detail [][]int // per group: the 0-based columns of its details
}

// planB01 lays out the columns: STT | CHỈ TIÊU | MÃ SỐ | TỔNG SỐ | each
// group's TỔNG SỐ and details, numbered A B C 1 2 3 … with the sums in the
// labels ("1=2+5", "2=3+4").
func planB01(total ledger.Rows, groups []b01Group, labelWidth float64) b01Columns {
	detail := 0.0
	for _, g := range groups {
		for _, c := range g.cols {
			detail = max(detail, columnsWidth(12, c.rows))
		}
	}
	totalWidth := max(detail, columnsWidth(12, total))
	p := b01Columns{
		heads:  []colHeader{{label: "STT", number: "A"}, {label: "CHỈ TIÊU", number: "B"}, {label: "MÃ SỐ", number: "C"}, {label: "TỔNG SỐ"}},
		widths: []float64{5, labelWidth, 5.5, totalWidth},
	}
	var groupTotals []string
	num := 1
	for _, g := range groups {
		at := -1
		var cols []int
		if g.total {
			at = len(p.heads)
			num++
			p.heads = append(p.heads, colHeader{label: "TỔNG SỐ", group: g.label})
			p.widths = append(p.widths, totalWidth)
			groupTotals = append(groupTotals, itoa(num))
		}
		var parts []string
		for _, c := range g.cols {
			num++
			cols = append(cols, len(p.heads))
			h := c.head
			h.group, h.number = g.label, itoa(num)
			p.heads = append(p.heads, h)
			p.widths = append(p.widths, detail)
			parts = append(parts, itoa(num))
		}
		if at >= 0 {
			p.heads[at].number = itoa(num-len(g.cols)) + "=" + sumLabel(parts)
		} else {
			groupTotals = append(groupTotals, parts...)
		}
		p.totals = append(p.totals, at)
		p.detail = append(p.detail, cols)
	}
	p.heads[b01LabelCols].number = "1"
	if len(groupTotals) > 1 {
		p.heads[b01LabelCols].number = "1=" + sumLabel(groupTotals)
	}
	return p
}

// sumLabel writes the terms of a column-number label: "2+3+4", or
// "2+…+18" when there are many.
func sumLabel(parts []string) string {
	if len(parts) > 5 {
		return parts[0] + "+…+" + parts[len(parts)-1]
	}
	return strings.Join(parts, "+")
}

// writeB01 writes the settlement statement as the circular prints it: the
// header block, the column headers, the form's headings and rows, the
// signers, all on one page. Input rows carry their figures; computed rows
// carry the form's formula in every detail column; a group's TỔNG SỐ sums
// its columns and TỔNG SỐ sums the groups.
func (b *book) writeB01(name string, h reportHead, form *ledger.Form, total ledger.Rows, groups []b01Group) (b01Layout, error) {
	plan := planB01(total, groups, b01LabelWidth)
	lines := len(form.Rows) + len(form.Headings)
	probe := &sheet{widths: plan.widths}
	height := float64(headRows)*18 + 3*22 + probe.signersHeight(b.signers)
	for _, fr := range form.Rows {
		height += rowHeight(probe.fit(fr.Label, 1, 1, style{bold: fr.Bold, indent: fr.Level}))
	}
	height += float64(len(form.Headings)) * defaultHeight
	scale, portrait := onePageScale(plan.widths, height)
	s, dataRow, err := b.startReport(name, h, plan.widths, plan.heads, b01LabelCols+1,
		sheetSetup{portrait: portrait, onePage: true})
	if err != nil {
		return b01Layout{}, err
	}
	s.scale = scale
	rows, err := s.writeFormRows(dataRow, form, total, plan, groups)
	if err != nil {
		return b01Layout{}, err
	}
	if err := s.writeSigners(dataRow+lines, dataRow+1); err != nil {
		return b01Layout{}, err
	}
	lay := b01Layout{sheet: name, row: rows}
	for _, cols := range plan.detail {
		lay.detail = append(lay.detail, cols...)
	}
	return lay, s.flush()
}

// writeFormRows writes the form's headings and rows from sheet row first,
// in the columns of plan, and returns the sheet row of each form row.
func (s *sheet) writeFormRows(first int, form *ledger.Form, total ledger.Rows, plan b01Columns, groups []b01Group) (map[string]int, error) {
	b := s.b
	rowOf := make(map[string]int, len(form.Rows))
	n := first
	for _, fr := range form.Rows {
		n += len(form.HeadingsBefore(fr.Code))
		rowOf[fr.Code] = n
		n++
	}
	last := len(plan.widths) - 1
	n = first
	for _, fr := range form.Rows {
		for _, hd := range form.HeadingsBefore(fr.Code) {
			if err := s.headingRow(n, hd, last); err != nil {
				return nil, err
			}
			n++
		}
		r := s.newRow()
		height := s.formRowLabels(r, fr)
		money := b.id(stMoney.with(fr.Bold))
		var parts []string // what TỔNG SỐ sums
		for g, grp := range groups {
			cols := plan.detail[g]
			for j, c := range grp.cols {
				col := cols[j]
				if fr.IsInput() {
					r.set(col, int64(c.rows[fr.Code]), money)
				} else {
					r.formula(col, rowFormula(form, fr.Code, colName(col), rowOf), c.rows[fr.Code], money)
				}
			}
			if at := plan.totals[g]; at >= 0 {
				var sum ledger.Sum
				for _, c := range grp.cols {
					sum.Add(c.rows[fr.Code])
				}
				v, err := sum.Value("xlsx.writeB01")
				if err != nil {
					return nil, err
				}
				r.formula(at, "SUM("+cellName(cols[0], n)+":"+cellName(cols[len(cols)-1], n)+")", v, money)
				parts = append(parts, cellName(at, n))
			} else if len(cols) > 0 {
				parts = append(parts, cellName(cols[0], n)+":"+cellName(cols[len(cols)-1], n))
			}
		}
		if len(parts) > 0 {
			r.formula(b01LabelCols, "SUM("+strings.Join(parts, ",")+")", total[fr.Code], money)
		} else {
			r.set(b01LabelCols, int64(total[fr.Code]), money)
		}
		if err := s.put(n, r, height); err != nil {
			return nil, err
		}
		n++
	}
	return rowOf, nil
}

// headingRow writes an uncoded heading of the form ("A", "NGÂN SÁCH NHÀ
// NƯỚC") in row n, its cells bordered up to column last.
func (s *sheet) headingRow(n int, hd ledger.FormHeading, last int) error {
	b := s.b
	r := s.newRow()
	r.set(0, hd.STT, b.id(stCenter.with(true)))
	r.set(1, hd.Label, b.id(style{border: true, wrap: true, bold: true}))
	r.fill(2, last, b.id(stCenter))
	return s.put(n, r, 0)
}

// formRowLabels puts STT, Chỉ tiêu and Mã số of a form row in columns A–C
// of r, as the circular prints them, and returns the height the label
// needs.
func (s *sheet) formRowLabels(r row, fr ledger.FormRow) float64 {
	b := s.b
	r.set(0, fr.STT, b.id(stCenter.with(fr.Bold)))
	labelStyle := style{border: true, wrap: true, bold: fr.Bold, indent: fr.Level}
	r.set(1, fr.Label, b.id(labelStyle))
	r.set(2, fr.Code, b.id(stCenter.with(fr.Bold)))
	return s.fit(fr.Label, 1, 1, labelStyle)
}

// rowFormula turns a form formula ("03+15-18") into a spreadsheet formula
// over column col ("E12+E24-E27").
func rowFormula(form *ledger.Form, code, col string, rowOf map[string]int) string {
	signs, codes := form.Terms(code)
	var sb strings.Builder
	for i, c := range codes {
		switch {
		case signs[i] < 0:
			sb.WriteByte('-')
		case i > 0:
			sb.WriteByte('+')
		}
		sb.WriteString(col + itoa(rowOf[c]))
	}
	return sb.String()
}

// khoanGroups groups a statement's Khoản columns by Loại, the Loại in
// order of code: LOẠI 340 with its TỔNG SỐ, then KHOẢN 341, KHOẢN 342. A
// Khoản the catalogue gives no Loại goes last, under "LOẠI …".
func khoanGroups(cat *ledger.Catalogue, st *ledger.Statement) []b01Group {
	khoans := slices.Clone(st.Khoans)
	loaiOf := func(k string) string {
		if l := ledger.LoaiOf(cat, k); l != "" {
			return l
		}
		return "~" // after every code
	}
	slices.SortStableFunc(khoans, func(a, b string) int { return strings.Compare(loaiOf(a), loaiOf(b)) })
	var out []b01Group
	for _, k := range khoans {
		label := "LOẠI " + strings.Replace(loaiOf(k), "~", "…", 1)
		if len(out) == 0 || out[len(out)-1].label != label {
			out = append(out, b01Group{label: label, total: true})
		}
		g := &out[len(out)-1]
		g.cols = append(g.cols, amountCol{head: colHeader{label: "KHOẢN " + k}, rows: st.ByKhoan[k]})
	}
	return out
}
