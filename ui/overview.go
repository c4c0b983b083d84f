package ui

import (
	"context"
	"fmt"
	"image/color"
	"math/big"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
)

// overviewTab is "Tổng hợp": for the selected period, every subordinate
// unit with where its review stands, how much of what it could use it
// settled (row 17 ÷ row 11) and what it carries over (row 29), as a table
// and as a bar chart, so a reviewer sees the outliers and the wards still
// missing before reading a figure. A click on a unit opens its review.
type overviewTab struct {
	sh *shell
	lazy

	title   *widget.Label
	summary *widget.Label
	table   *widget.Table
	bars    *fyne.Container
	fit     *fitter
	box     fyne.CanvasObject

	period ledger.Period
	rows   []overviewRow
	total  overviewRow
	gen    int
}

// overviewRow is one unit's line: approved figures where the review
// changed them, reported ones otherwise.
type overviewRow struct {
	unit    ledger.Unit
	state   ledger.ReviewState
	usable  ledger.Money // row 11
	settled ledger.Money // row 17
	carried ledger.Money // row 29
}

var overviewColumns = []column{
	{"Mã ĐVQHNS", 92, fyne.TextAlignCenter},
	{"Tên đơn vị", 188, fyne.TextAlignLeading},
	{"Trạng thái", 142, fyne.TextAlignLeading},
	{"Sử dụng (11)", 114, fyne.TextAlignTrailing},
	{"Quyết toán (17)", 116, fyne.TextAlignTrailing},
	{"Tỷ lệ", 62, fyne.TextAlignTrailing},
	{"Chuyển sau (29)", 118, fyne.TextAlignTrailing},
}

func newOverviewTab(sh *shell) *overviewTab {
	t := &overviewTab{sh: sh, fit: newFitter()}
	t.lazy.load = t.reload
	t.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.summary = widget.NewLabel("")
	t.summary.Wrapping = fyne.TextWrapWord
	t.table = t.newTable()
	t.bars = container.NewVBox()
	importBtn := widget.NewButtonWithIcon("Nhập báo cáo phường…", theme.FolderOpenIcon(), func() { sh.importWorkbooks(importSettlement) })
	export := widget.NewButtonWithIcon("Xuất Excel tổng hợp…", theme.DocumentSaveIcon(), func() {
		sh.exportWorkbook(exportRequest{kind: exportDistrict, period: t.period})
	})
	hint := widget.NewLabel("Sử dụng (11): tổng số được sử dụng; Quyết toán (17): kinh phí đề nghị quyết toán; Chuyển sau (29): số dư được chuyển sang kỳ sau. " +
		"Bấm vào một đơn vị (dòng của bảng hoặc thanh của biểu đồ) để mở trang xét duyệt của đơn vị đó.")
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(importBtn, export), t.title), t.summary, hint)

	legend := container.NewHBox()
	for _, st := range reviewStates {
		legend.Add(legendItem(stateColour(st), st.Label()))
	}
	chartTitle := widget.NewLabelWithStyle("Tỷ lệ thực hiện: đề nghị quyết toán ÷ tổng số được sử dụng", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	chart := container.NewBorder(container.NewVBox(chartTitle, legend, newBarAxis()), nil, nil, nil, container.NewVScroll(t.bars))
	split := container.NewHSplit(t.table, chart)
	split.Offset = 0.7
	t.box = container.NewBorder(top, nil, nil, nil, split)
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

// identityRows are the rows the overview shows, read from the form's
// identity "11=17+20+29": usable, settled (first term), carried over
// (last term), so a new circular's numbering is a data change.
func identityRows(f *ledger.Form) (usable, settled, carried string) {
	left, right, ok := strings.Cut(f.Identity, "=")
	terms := strings.Split(right, "+")
	if !ok || len(terms) < 2 {
		return "11", "17", "29"
	}
	return strings.TrimSpace(left), strings.TrimSpace(terms[0]), strings.TrimSpace(terms[len(terms)-1])
}

// reload reads every unit's statement and review for the period.
func (t *overviewTab) reload() {
	t.gen++
	gen, p := t.gen, t.sh.period
	t.period = p
	units := t.sh.s.unitList()
	l := t.sh.s.l
	background(t.sh.u.tasks, func(ctx context.Context) ([]overviewRow, error) {
		return overviewRows(ctx, l, units, p)
	}, func(rows []overviewRow, err error) {
		if gen != t.gen {
			return
		}
		if err != nil {
			showError(t.sh.u.win, err)
			return
		}
		t.show(rows)
	})
}

func overviewRows(ctx context.Context, l ledger.Ledger, units []ledger.Unit, p ledger.Period) ([]overviewRow, error) {
	if p.IsZero() {
		return nil, nil
	}
	form := l.Form()
	cu, cs, cc := identityRows(form)
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

func (t *overviewTab) show(rows []overviewRow) {
	t.rows = rows
	t.total = overviewRow{unit: ledger.Unit{Name: "Cộng"}}
	count := map[ledger.ReviewState]int{}
	for _, r := range rows {
		t.total.usable += r.usable
		t.total.settled += r.settled
		t.total.carried += r.carried
		count[r.state]++
	}
	t.title.SetText(fmt.Sprintf("Tổng hợp xét duyệt quyết toán %s — %d đơn vị trực thuộc", t.period.Label(), len(rows)))
	var parts []string
	for _, st := range reviewStates {
		parts = append(parts, fmt.Sprintf("%s: %d", st.Label(), count[st]))
	}
	rate := "–"
	if tenths, ok := rateTenths(t.total.settled, t.total.usable); ok {
		rate = formatTenths(tenths, false)
	}
	t.summary.SetText(strings.Join(parts, " · ") + ".   Tỷ lệ thực hiện chung: " + rate +
		".   Số liệu theo số xét duyệt (bằng số báo cáo khi chưa điều chỉnh).")
	t.table.Refresh()
	t.bars.RemoveAll()
	for i, r := range rows {
		i := i
		v := barValue{label: r.unit.Name, text: "–", fill: stateColour(r.state)}
		if tenths, ok := rateTenths(r.settled, r.usable); ok {
			v.tenths, v.ok, v.text = tenths, true, formatTenths(tenths, false)
		}
		t.bars.Add(newBarRow(v, func() { t.open(i) }))
	}
	t.bars.Refresh()
}

func (t *overviewTab) newTable() *widget.Table {
	tb := widget.NewTable(
		func() (int, int) {
			if len(t.rows) == 0 {
				return 0, len(overviewColumns)
			}
			return len(t.rows) + 1, len(overviewColumns)
		},
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			r, bold := t.total, true
			if id.Row < len(t.rows) {
				r, bold = t.rows[id.Row], false
			}
			text, imp := t.cell(r, id.Col, bold)
			t.fit.setCell(l, text, overviewColumns[id.Col].align, imp, fyne.TextStyle{Bold: bold})
		})
	setColumns(tb, overviewColumns)
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
		if tenths, ok := rateTenths(r.settled, r.usable); ok {
			return formatTenths(tenths, false), widget.MediumImportance
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

// rateTenths is num ÷ den in tenths of a percent, rounded half away from
// zero, in integer arithmetic (big, so no amount overflows); ok is false
// when den is zero.
func rateTenths(num, den ledger.Money) (int64, bool) {
	if den == 0 {
		return 0, false
	}
	n := new(big.Int).Mul(big.NewInt(int64(num)), big.NewInt(2000))
	d := big.NewInt(int64(den))
	neg := n.Sign()*d.Sign() < 0
	n.Abs(n)
	d.Abs(d)
	n.Add(n, d)                                  // 2·num·1000 + den …
	n.Quo(n, new(big.Int).Mul(d, big.NewInt(2))) // … ÷ 2·den: rounded half up
	if !n.IsInt64() {
		return 0, false
	}
	v := n.Int64()
	if neg {
		v = -v
	}
	return v, true
}

// formatTenths writes tenths of a percent the Vietnamese way: "87,5%";
// whole, when short: "25%".
func formatTenths(t int64, short bool) string {
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	if short || t%10 == 0 && t >= 1000 {
		return fmt.Sprintf("%s%d%%", sign, t/10)
	}
	return fmt.Sprintf("%s%d,%d%%", sign, t/10, t%10)
}
