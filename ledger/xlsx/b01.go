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
	widths := []float64{6, 40, 7, 17}
	for range cols {
		widths = append(widths, 15)
	}
	const labelCols = 3
	heads := []colHeader{{label: "STT"}, {label: "Chỉ tiêu"}, {label: "Mã số"}, {label: "Tổng số"}}
	for _, c := range cols {
		heads = append(heads, c.head)
	}
	for i, n := range numbering(labelCols, len(cols)+1, true) {
		heads[i].number = n
	}
	s, dataRow, err := b.startReport(name, h, widths, heads, labelCols+1, sheetSetup{repeat: labelCols + 1})
	if err != nil {
		return b01Layout{}, err
	}
	lay := b01Layout{sheet: name, row: map[string]int{}, first: labelCols + 1}
	for i, fr := range form.Rows {
		lay.row[fr.Code] = dataRow + i
	}
	lastCol := colName(labelCols + len(cols))
	for i, fr := range form.Rows {
		n := dataRow + i
		r := s.newRow()
		label := fr.Label
		if fr.Formula != "" {
			label += " (" + fr.Code + "=" + fr.Formula + ")"
		}
		r.set(0, fr.STT, b.id(stCenter.with(fr.Bold)))
		labelStyle := style{border: true, wrap: true, bold: fr.Bold, indent: fr.Level}
		r.set(1, label, b.id(labelStyle))
		r.set(2, fr.Code, b.id(stCenter.with(fr.Bold)))
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
				r.formula(col, rowFormula(form, fr.Code, colName(col), lay.row), c.rows[fr.Code], money)
			}
		}
		if err := s.put(n, r, s.fit(label, 1, 1, labelStyle)); err != nil {
			return b01Layout{}, err
		}
	}
	if err := s.writeSigners(dataRow+len(form.Rows), dataRow+1); err != nil {
		return b01Layout{}, err
	}
	return lay, s.flush()
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
