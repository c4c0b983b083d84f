package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// overviewTab is "Tổng hợp": for the selected period, every subordinate
// unit with where its review stands, how much of what it could use it
// settled (ledger.ExecutionRate of the form's settled and usable rows) and
// what it carries over (its carried row), as a table and as a bar chart,
// so a reviewer sees the outliers and the wards still missing before
// reading a figure. A click on a unit opens its review.
type overviewTab struct {
	sh *shell
	widgets.Lazy

	title   *widget.Label
	summary *widget.Label
	table   *widget.Table
	bars    *fyne.Container
	axis    *fyne.Container // the scale, as wide as the names need
	fit     *widgets.Fitter
	box     fyne.CanvasObject

	columns []widgets.Column
	period  ledger.Period
	rows    []overviewRow
	total   overviewRow
	gen     int
}

// overviewRow is one unit's line: approved figures where the review
// changed them, reported ones otherwise.
type overviewRow struct {
	unit    ledger.Unit
	state   ledger.ReviewState
	usable  ledger.Money // ledger.RoleUsable
	settled ledger.Money // ledger.RoleSettled
	carried ledger.Money // ledger.RoleCarried
}

// overviewColumns are the table's columns; the figures' headings name
// their rows in form f.
func overviewColumns(f *ledger.Form) []widgets.Column {
	return []widgets.Column{
		{Title: "Mã ĐVQHNS", Width: 92, Align: fyne.TextAlignCenter},
		{Title: "Tên đơn vị", Width: 188, Align: fyne.TextAlignLeading},
		{Title: "Trạng thái", Width: 142, Align: fyne.TextAlignLeading},
		{Title: "Sử dụng (" + f.Role(ledger.RoleUsable) + ")", Width: 114, Align: fyne.TextAlignTrailing},
		{Title: "Quyết toán (" + f.Role(ledger.RoleSettled) + ")", Width: 116, Align: fyne.TextAlignTrailing},
		{Title: "Tỷ lệ", Width: 62, Align: fyne.TextAlignTrailing},
		{Title: "Chuyển sau (" + f.Role(ledger.RoleCarried) + ")", Width: 118, Align: fyne.TextAlignTrailing},
	}
}

func newOverviewTab(sh *shell) *overviewTab {
	form := sh.s.l.Form()
	t := &overviewTab{sh: sh, fit: widgets.NewFitter(), columns: overviewColumns(form)}
	t.Lazy.Load = t.reload
	t.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.summary = widget.NewLabel("")
	t.summary.Wrapping = fyne.TextWrapWord
	t.table = t.newTable()
	t.bars = container.NewVBox()
	importBtn := widgets.NewButton("Nhập báo cáo phường…", theme.FolderOpenIcon(), func() { sh.importWorkbooks(ledger.WorkbookSettlement) })
	export := widgets.NewButton("Xuất Excel tổng hợp…", theme.DocumentSaveIcon(), func() {
		sh.exportWorkbook(exportRequest{kind: ledger.WorkbookDistrict, period: t.period})
	})
	hint := widget.NewLabel(fmt.Sprintf("Sử dụng (%s): tổng số được sử dụng; Quyết toán (%s): kinh phí đề nghị quyết toán; Chuyển sau (%s): số dư được chuyển sang kỳ sau. "+
		"Bấm vào một đơn vị (dòng của bảng hoặc thanh của biểu đồ) để mở trang xét duyệt của đơn vị đó.",
		form.Role(ledger.RoleUsable), form.Role(ledger.RoleSettled), form.Role(ledger.RoleCarried)))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	top := container.NewVBox(widgets.Border(nil, nil, nil, container.NewHBox(importBtn, export), t.title), t.summary, hint)

	legend := container.NewHBox()
	for _, st := range reviewStates {
		legend.Add(widgets.LegendItem(stateColour(st), st.Label()))
	}
	chartTitle := widget.NewLabelWithStyle("Tỷ lệ thực hiện: đề nghị quyết toán ÷ tổng số được sử dụng", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.axis = container.NewStack(widgets.NewBarAxis(0))
	chart := widgets.Border(container.NewVBox(chartTitle, legend, t.axis), nil, nil, nil, container.NewVScroll(t.bars))
	split := container.NewHSplit(t.table, chart)
	split.Offset = 0.7
	t.box = widgets.Border(top, nil, nil, nil, split)
	return t
}

func (t *overviewTab) object() fyne.CanvasObject { return t.box }

// reviewStates in the order of the legend: done first.
var reviewStates = []ledger.ReviewState{ledger.ReviewFinished, ledger.ReviewDraft, ledger.ReviewImported, ledger.ReviewNotReceived}

// stateColour is the bar colour of a review state.
func stateColour(s ledger.ReviewState) color.Color {
	switch s {
	case ledger.ReviewFinished:
		return theme.Color(theme.ColorNameSuccess)
	case ledger.ReviewDraft:
		return theme.Color(theme.ColorNameWarning)
	case ledger.ReviewImported:
		return theme.Color(theme.ColorNamePrimary)
	}
	return color.NRGBA{R: 0xa8, G: 0xae, B: 0xb8, A: 0xff}
}

func stateImportance(s ledger.ReviewState) widget.Importance {
	switch s {
	case ledger.ReviewFinished:
		return widget.SuccessImportance
	case ledger.ReviewDraft:
		return widget.WarningImportance
	case ledger.ReviewNotReceived:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

// reload reads every unit's statement and review for the period.
func (t *overviewTab) reload() {
	t.gen++
	gen, p := t.gen, t.sh.period
	t.period = p
	units := t.sh.s.unitList()
	l := t.sh.s.l
	type result struct {
		rows  []overviewRow
		total overviewRow
	}
	background(t.sh.u.tasks, func(ctx context.Context) (result, error) {
		rows, err := overviewRows(ctx, l, units, p)
		if err != nil {
			return result{}, err
		}
		total, err := overviewTotal(rows)
		return result{rows, total}, err
	}, func(r result, err error) {
		if gen != t.gen {
			return
		}
		if err != nil {
			t.show(nil, overviewRow{unit: ledger.Unit{Name: "Cộng"}}) // no figures of another period under this one's title
			widgets.ShowError(t.sh.u.win, err)
			return
		}
		t.show(r.rows, r.total)
	})
}

// overviewTotal is the line "Cộng" under the units; a sum that overflows
// is an error, never a figure.
func overviewTotal(rows []overviewRow) (overviewRow, error) {
	const op = "overview"
	var usable, settled, carried ledger.Sum
	for _, r := range rows {
		usable.Add(r.usable)
		settled.Add(r.settled)
		carried.Add(r.carried)
	}
	total := overviewRow{unit: ledger.Unit{Name: "Cộng"}}
	var err error
	for _, f := range []struct {
		to  *ledger.Money
		sum ledger.Sum
	}{{&total.usable, usable}, {&total.settled, settled}, {&total.carried, carried}} {
		if *f.to, err = f.sum.Value(op); err != nil {
			return overviewRow{}, err
		}
	}
	return total, nil
}

func overviewRows(ctx context.Context, l ledger.Ledger, units []ledger.Unit, p ledger.Period) ([]overviewRow, error) {
	if p.IsZero() {
		return nil, nil
	}
	form := l.Form()
	cu, cs, cc := form.Role(ledger.RoleUsable), form.Role(ledger.RoleSettled), form.Role(ledger.RoleCarried)
	// One read of every unit's figures and review, not two per unit.
	figures, err := l.PeriodUnits(ctx, p)
	if err != nil {
		return nil, err
	}
	reviews, err := l.Reviews(ctx, p)
	if err != nil {
		return nil, err
	}
	out := make([]overviewRow, 0, len(units))
	for _, u := range units {
		rv := reviews[u.Code]
		if rv == nil {
			rv = &ledger.Review{Unit: u.Code, Period: p, State: ledger.ReviewNotReceived}
		}
		st, err := form.BuildStatement(u.Code, p, figures[u.Code].Totals)
		if err != nil {
			return nil, err
		}
		ap, err := form.ApprovedStatement(st, rv.Approvals)
		if err != nil {
			return nil, err
		}
		out = append(out, overviewRow{unit: u, state: rv.State,
			usable: ap.Total[cu], settled: ap.Total[cs], carried: ap.Total[cc]})
	}
	return out, nil
}

func (t *overviewTab) show(rows []overviewRow, total overviewRow) {
	t.rows, t.total = rows, total
	count := map[ledger.ReviewState]int{}
	for _, r := range rows {
		count[r.state]++
	}
	t.title.SetText(fmt.Sprintf("Tổng hợp xét duyệt quyết toán %s — %d đơn vị trực thuộc", t.period.Name(), len(rows)))
	var parts []string
	for _, st := range reviewStates {
		parts = append(parts, fmt.Sprintf("%s: %d", st.Label(), count[st]))
	}
	rate := "–"
	if r, ok := ledger.ExecutionRate(t.total.settled, t.total.usable); ok {
		rate = r.String()
	}
	t.summary.SetText(strings.Join(parts, " · ") + ".   Tỷ lệ thực hiện chung: " + rate +
		".   Số liệu theo số xét duyệt (bằng số báo cáo khi chưa điều chỉnh).")
	t.table.Refresh()
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.unit.Name
	}
	nameWidth := widgets.BarNameWidth(names)
	t.table.SetColumnWidth(1, max(t.columns[1].Width, nameWidth)) // names whole
	t.axis.Objects = []fyne.CanvasObject{widgets.NewBarAxis(nameWidth)}
	t.axis.Refresh()
	t.bars.RemoveAll()
	for i, r := range rows {
		i := i
		v := widgets.BarValue{NameWidth: nameWidth, Label: r.unit.Name, Text: "–", Fill: stateColour(r.state)}
		if rate, ok := ledger.ExecutionRate(r.settled, r.usable); ok {
			v.Tenths, v.OK, v.Text = int64(rate), true, rate.String()
		}
		t.bars.Add(widgets.NewBarRow(v, func() { t.open(i) }))
	}
	t.bars.Refresh()
}

func (t *overviewTab) newTable() *widget.Table {
	tb := widget.NewTable(
		func() (int, int) {
			if len(t.rows) == 0 {
				return 0, len(t.columns)
			}
			return len(t.rows) + 1, len(t.columns)
		},
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			r, bold := t.total, true
			if id.Row < len(t.rows) {
				r, bold = t.rows[id.Row], false
			}
			text, imp := t.cell(r, id.Col, bold)
			t.fit.SetCell(l, text, t.columns[id.Col].Align, imp, fyne.TextStyle{Bold: bold})
		})
	widgets.SetColumns(tb, t.columns)
	tb.OnSelected = func(id widget.TableCellID) {
		tb.UnselectAll() // a second click on the same unit opens it again
		if id.Row < len(t.rows) {
			t.open(id.Row)
		}
	}
	return tb
}

func (t *overviewTab) cell(r overviewRow, col int, total bool) (string, widget.Importance) {
	switch col {
	case 0:
		return r.unit.Code, widget.MediumImportance
	case 1:
		return r.unit.Name, widget.MediumImportance
	case 2:
		if total {
			return "", widget.MediumImportance
		}
		return r.state.Label(), stateImportance(r.state)
	case 3:
		return r.usable.Report(), widget.MediumImportance
	case 4:
		return r.settled.Report(), widget.MediumImportance
	case 5:
		if rate, ok := ledger.ExecutionRate(r.settled, r.usable); ok {
			return rate.String(), widget.MediumImportance
		}
		return "–", widget.LowImportance
	}
	return r.carried.Report(), widget.MediumImportance
}

// open shows the review of row i's unit for the period shown.
func (t *overviewTab) open(i int) {
	if i < 0 || i >= len(t.rows) {
		return
	}
	t.sh.openReview(t.rows[i].unit.Code, t.period)
}
