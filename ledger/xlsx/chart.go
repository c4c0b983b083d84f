package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"wardledger/ledger"
)

// execution are the rows of the form the execution table and chart show,
// by role, with their heading (shorter than the form's label for the
// carried balance, with the form's period words) and the colour of their
// bars. The rate column divides
// the third (settled) by the first (usable).
var execution = [...]struct {
	role         ledger.Role
	label, color string
}{
	{ledger.RoleUsable, "Tổng số được sử dụng {trong}", "9DC3E6"},
	{ledger.RoleWithdrawn, "Kinh phí thực nhận {trong}", "2E75B6"},
	{ledger.RoleSettled, "Kinh phí đề nghị quyết toán", "C55A11"},
	{ledger.RoleCarried, "Số dư chuyển sang {sau}", "70AD47"},
}

// The figures of execution the rate divides.
const (
	xUsable  = 0
	xSettled = 2
)

// writeExecution writes each unit's execution (figures linked to the B01
// sheet, the settlement rate) and a bar chart of it, so outliers show
// before any figure is read.
func (b *book) writeExecution(name string, data []unitData, statements []*ledger.Statement, form *ledger.Form, lay b01Layout) error {
	codes := make([]string, len(execution))
	for j, x := range execution {
		codes[j] = form.Role(x.role)
		if _, ok := lay.row[codes[j]]; !ok {
			return internal(noRow(codes[j]))
		}
	}
	const labelCols, firstMoney = 4, 4
	widths := []float64{6, 32, 11, 13, 17, 17, 17, 17, 14}
	heads := []colHeader{{label: "STT"}, {label: "Đơn vị"}, {label: "Mã ĐVQHNS"}, {label: "Tình trạng sổ"}}
	for j, x := range execution {
		heads = append(heads, colHeader{label: form.Text(x.label, b.req.Period) + " (mã số " + codes[j] + ")"})
	}
	heads = append(heads, colHeader{label: "Tỷ lệ đề nghị quyết toán / được sử dụng"})
	for i, n := range numbering(labelCols, len(execution)+1, false) {
		heads[i].number = n
	}
	heads[len(heads)-1].number = fmt.Sprintf("%d=3/1", len(execution)+1)
	dataRow := tableRow(heads)
	totalRow := dataRow + len(data)
	// The chart starts a page of its own.
	chartRow := totalRow + 2
	wpx, hpx := chartSize(widths, len(data))
	chart := executionChart(name, dataRow, totalRow-1, b.req.Period, wpx, hpx)
	h := reportHead{unit: b.superior, title: "TÌNH HÌNH THỰC HIỆN KINH PHÍ CỦA CÁC ĐƠN VỊ TRỰC THUỘC", period: b.req.Period}
	s, _, err := b.startReport(name, h, widths, heads, 2, sheetSetup{chart: chart, chartAt: cellName(0, chartRow)})
	if err != nil {
		return err
	}
	if err := s.pageBreak(chartRow); err != nil {
		return err
	}
	money := b.id(stMoney)
	sums := make([]ledger.Sum, len(execution))
	for i, d := range data {
		n := dataRow + i
		r := s.unitRow(i, d.unit, statusLabel(d))
		for j, code := range codes {
			v := statements[i].Total[code]
			sums[j].Add(v)
			r.formula(firstMoney+j, lay.cell(code, i), v, money)
		}
		rateCell(r, firstMoney+len(execution), n, firstMoney, statements[i].Total[codes[xSettled]], statements[i].Total[codes[xUsable]], b.id(stPercent))
		if err := s.put(n, r, s.fitHeight(d.unit.Name, 1, 1, bodySize)); err != nil {
			return err
		}
	}
	r := s.newRow()
	bold := b.id(stCenter.with(true))
	r.set(1, "Tổng cộng", bold)
	r.fill(0, labelCols-1, bold)
	totals := make([]ledger.Money, len(execution))
	for j := range execution {
		if totals[j], err = sums[j].Value("xlsx.writeExecution"); err != nil {
			return err
		}
		col := firstMoney + j
		r.formula(col, "SUM("+cellName(col, dataRow)+":"+cellName(col, totalRow-1)+")", totals[j], b.id(stMoney.with(true)))
	}
	rateCell(r, firstMoney+len(execution), totalRow, firstMoney, totals[xSettled], totals[xUsable], b.id(stPercent.with(true)))
	if err := s.put(totalRow, r, 0); err != nil {
		return err
	}
	return s.flush()
}

// chartSize is the size in pixels of a chart of n units under a table of
// these column widths: as wide as the table (a wider chart would shrink the
// printed page) and as tall as the bars need, within one page.
func chartSize(widths []float64, n int) (width, height uint) {
	w := 0.0
	for _, x := range widths {
		w += colPoints(x) / 0.75
	}
	page := (pageHeight/fitScale(widths, false)*0.9 - 110) / 0.75
	return uint(w), uint(min(page, float64(160+36*n)))
}

// rateCell puts the execution rate, settled ÷ usable, as a percentage:
// a formula over the row's figures (the first of which is in column
// first), with the rate ledger.ExecutionRate gives as its value. The
// formula rounds as ExecutionRate does (ROUND goes half away from zero),
// to a tenth of a percent, so the cell shows the same figure whether a
// program recomputes it or not.
func rateCell(r row, col, n, first int, settled, usable ledger.Money, st int) {
	rate, _ := ledger.ExecutionRate(settled, usable)
	u, s := cellName(first+xUsable, n), cellName(first+xSettled, n)
	f := fmt.Sprintf("IF(%s=0,0,ROUND(%s/%s,3))", u, s, u)
	r.put(col, excelize.Cell{StyleID: st, Formula: f, Value: rate.Fraction()})
}

func statusLabel(d unitData) string {
	if len(d.totals) == 0 {
		return "Chưa có số liệu"
	}
	return d.status.Label()
}

// executionChart is a clustered bar chart of the execution table rows
// first..last, one bar per B01 row, one group per unit.
func executionChart(sheet string, first, last int, p ledger.Period, width, height uint) *excelize.Chart {
	q := "'" + sheet + "'!"
	font := excelize.Font{Family: fontName, Size: 10, Color: "000000"}
	c := &excelize.Chart{
		Type:      excelize.Bar,
		Dimension: excelize.ChartDimension{Width: width, Height: height},
		Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Thực hiện kinh phí " + p.Name() + " (tỷ đồng)",
			Font: &excelize.Font{Family: fontName, Size: 12, Bold: true, Color: "000000"}}}},
		Legend: excelize.ChartLegend{Position: "bottom", Font: &font},
		XAxis:  excelize.ChartAxis{ReverseOrder: true, Font: font},
		YAxis: excelize.ChartAxis{MajorGridLines: true, Font: font,
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: `#,##0.0,,,`}},
		Format: excelize.GraphicOptions{PrintObject: boolPtr(true), LockAspectRatio: false},
	}
	for j, x := range execution {
		col := colName(4 + j)
		c.Series = append(c.Series, excelize.ChartSeries{
			Name:       q + "$" + col + "$" + itoa(first-2),
			Categories: fmt.Sprintf("%s$B$%d:$B$%d", q, first, last),
			Values:     fmt.Sprintf("%s$%s$%d:$%s$%d", q, col, first, col, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{x.color}},
		})
	}
	return c
}

func boolPtr(b bool) *bool { return &b }

// unitRow starts the row of the i-th unit of a table by unit: STT, the
// unit's name, its code and its state.
func (s *sheet) unitRow(i int, u ledger.Unit, state string) row {
	center := s.b.id(stCenter)
	r := s.newRow()
	r.set(0, i+1, center)
	r.set(1, u.Name, s.b.id(stText))
	r.set(2, u.Code, center)
	r.set(3, state, center)
	return r
}
