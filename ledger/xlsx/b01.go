package xlsx

import (
	"strings"

	"wardledger/ledger"
)

// amountCol is one amount column of a table: its header and its figures.
type amountCol struct {
	head colHeader
	rows ledger.Rows
}

// b01Layout tells where the B01 table put each row and column, so that
// other sheets can refer to its cells.
type b01Layout struct {
	sheet string
	row   map[string]int // form row code → sheet row
	first int            // 0-based column of the first detail column
}

// cell is the reference of row code in detail column i, from another
// sheet.
func (l b01Layout) cell(code string, i int) string {
	return "'" + l.sheet + "'!" + colName(l.first+i) + itoa(l.row[code])
}

// writeB01 writes the settlement statement: STT | Chỉ tiêu | Mã số |
// Tổng số | one column per detail (Loại–Khoản, or unit). Input rows carry
// their figures; computed rows carry the form's formula in every detail
// column; Tổng số is the sum of the details.
func (b *book) writeB01(name string, h reportHead, form *ledger.Form, total ledger.Rows, cols []amountCol) (b01Layout, error) {
	detail := 0.0
	for _, c := range cols {
		detail = max(detail, columnsWidth(12, c.rows))
	}
	widths := []float64{6, 40, 7, max(detail, columnsWidth(14, total))}
	for range cols {
		widths = append(widths, detail)
	}
	const labelCols = b01LabelCols
	heads := []colHeader{{label: "STT"}, {label: "Chỉ tiêu"}, {label: "Mã số"}, {label: "Tổng số"}}
	for _, c := range cols {
		heads = append(heads, c.head)
	}
	for i, n := range numbering(labelCols, len(cols)+1, true) {
		heads[i].number = n
	}
	s, dataRow, err := b.startReport(name, h, widths, heads, labelCols+1, sheetSetup{})
	if err != nil {
		return b01Layout{}, err
	}
	rows, err := s.writeFormRows(dataRow, form, total, cols)
	if err != nil {
		return b01Layout{}, err
	}
	if err := s.writeSigners(dataRow+len(form.Rows), dataRow+1); err != nil {
		return b01Layout{}, err
	}
	return b01Layout{sheet: name, row: rows, first: b01LabelCols + 1}, s.flush()
}

// b01LabelCols are STT, Chỉ tiêu and Mã số; Tổng số follows them.
const b01LabelCols = 3

// writeFormRows writes every row of the form from sheet row first, in the
// columns of writeB01: input rows carry their figures, computed rows the
// form's formula in every detail column, Tổng số the sum of the details.
// It returns the sheet row of each form row.
func (s *sheet) writeFormRows(first int, form *ledger.Form, total ledger.Rows, cols []amountCol) (map[string]int, error) {
	b := s.b
	const labelCols = b01LabelCols
	rowOf := make(map[string]int, len(form.Rows))
	for i, fr := range form.Rows {
		rowOf[fr.Code] = first + i
	}
	lastCol := colName(labelCols + len(cols))
	for i, fr := range form.Rows {
		n := first + i
		r := s.newRow()
		height := s.formRowLabels(r, fr)
		money := b.id(stMoney.with(fr.Bold))
		if len(cols) > 0 {
			r.formula(labelCols, "SUM("+colName(labelCols+1)+itoa(n)+":"+lastCol+itoa(n)+")", total[fr.Code], money)
		} else {
			r.set(labelCols, int64(total[fr.Code]), money)
		}
		for j, c := range cols {
			col := labelCols + 1 + j
			if fr.IsInput() {
				r.set(col, int64(c.rows[fr.Code]), money)
			} else {
				r.formula(col, rowFormula(form, fr.Code, colName(col), rowOf), c.rows[fr.Code], money)
			}
		}
		if err := s.put(n, r, height); err != nil {
			return nil, err
		}
	}
	return rowOf, nil
}

// formRowLabels puts STT, Chỉ tiêu (with the formula of a computed row)
// and Mã số of a form row in columns A–C of r, and returns the height the
// label needs.
func (s *sheet) formRowLabels(r row, fr ledger.FormRow) float64 {
	b := s.b
	label := fr.Label
	if fr.Formula != "" {
		label += " (" + fr.Code + "=" + fr.Formula + ")"
	}
	r.set(0, fr.STT, b.id(stCenter.with(fr.Bold)))
	labelStyle := style{border: true, wrap: true, bold: fr.Bold, indent: fr.Level}
	r.set(1, label, b.id(labelStyle))
	r.set(2, fr.Code, b.id(stCenter.with(fr.Bold)))
	return s.fit(label, 1, 1, labelStyle)
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
