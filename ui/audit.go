package ui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// auditTab is "Nhật ký": the ledger's audit trail, newest first — when,
// who (the operator named in the settings), what, for which unit and
// half-year, and why — filtered by unit, half-year and kind of action,
// and read from the store a page at a time. The rows are the hash-chained
// ones "Kiểm tra sổ" verifies; this only reads them.
type auditTab struct {
	sh *shell
	widgets.Lazy

	unitSel   *widgets.KeySelect
	periodSel *widgets.KeySelect
	actionSel *widgets.KeySelect
	count     *widget.Label
	table     *widget.Table
	box       fyne.CanvasObject

	units   []string // the unit selector's codes, "" first (every unit)
	periods []ledger.Period
	filter  ledger.AuditFilter
	total   int
	pages   *pageCache[[]ledger.AuditRecord]
	fit     *widgets.Fitter
}

// auditColumns fit the window (with its scroll bar): Nội dung is widest, as
// a changed figure ("mã số 18 Khoản 341: báo cáo …, duyệt …") needs.
var auditColumns = []widgets.Column{
	{Title: "Thời gian", Width: 150, Align: fyne.TextAlignLeading},
	{Title: "Người thực hiện", Width: 130, Align: fyne.TextAlignLeading},
	{Title: "Việc", Width: 170, Align: fyne.TextAlignLeading},
	{Title: "Đơn vị", Width: 80, Align: fyne.TextAlignCenter},
	{Title: "Kỳ", Width: 100, Align: fyne.TextAlignCenter},
	{Title: "Nội dung", Width: 430, Align: fyne.TextAlignLeading},
	{Title: "Lý do", Width: 210, Align: fyne.TextAlignLeading},
}

func newAuditTab(sh *shell) *auditTab {
	t := &auditTab{sh: sh, pages: newPageCache[[]ledger.AuditRecord](pageSize), fit: widgets.NewFitter()}
	t.Lazy.Load = t.reload
	t.unitSel = widgets.NewKeySelect(nil, nil, func(string) { t.filterChanged() })
	t.periodSel = widgets.NewKeySelect(nil, nil, func(string) { t.filterChanged() })
	actions := []string{"Mọi việc"}
	for _, g := range ledger.AuditGroups {
		actions = append(actions, g.Label)
	}
	t.actionSel = widgets.NewKeySelect(actions, nil, func(string) { t.filterChanged() })
	t.actionSel.SetSelectedIndex(0)
	t.count = widget.NewLabel("")
	t.table = t.newTable()
	hint := widget.NewLabel("Mọi việc ghi vào sổ đều có dòng nhật ký: ai làm (tên người nhập liệu trong Thiết lập), lúc nào, việc gì, vì sao. " +
		"Nhật ký chỉ thêm, không sửa, không xóa được; “Kiểm tra sổ” kiểm tra chuỗi băm của nó.")
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	bar := container.New(widgets.Row(60, 330, 30, 200, 40, 220, 0),
		widgets.RightLabel("Đơn vị"), t.unitSel, widgets.RightLabel("Kỳ"), t.periodSel, widgets.RightLabel("Việc"), t.actionSel, t.count)
	t.box = widgets.Border(container.NewVBox(bar, hint), nil, nil, nil, t.table)
	return t
}

func (t *auditTab) object() fyne.CanvasObject { return t.box }

// fillFilters offers the units and half-years of the ledger, keeping what
// is chosen.
func (t *auditTab) fillFilters() {
	unit, period := t.filter.Unit, t.filter.Period
	sup := t.sh.s.superiorUnit()
	t.units = []string{"", sup.Code}
	names := []string{"Mọi đơn vị", sup.Code + " · " + sup.Name}
	for _, u := range t.sh.s.unitList() {
		t.units = append(t.units, u.Code)
		names = append(names, u.Code+" · "+u.Name)
	}
	t.periods = []ledger.Period{{}}
	labels := []string{"Mọi kỳ"}
	for _, y := range t.sh.yearSel.Options {
		year, err := strconv.Atoi(y)
		if err != nil {
			continue
		}
		for half := 1; half <= 2; half++ {
			p := ledger.Period{Year: year, Half: half}
			t.periods = append(t.periods, p)
			labels = append(labels, p.Label())
		}
	}
	t.unitSel.OnChanged, t.periodSel.OnChanged = nil, nil
	t.unitSel.SetOptions(names)
	t.unitSel.SetSelectedIndex(max(0, indexOf(t.units, unit)))
	t.periodSel.SetOptions(labels)
	t.periodSel.SetSelectedIndex(max(0, indexOf(t.periods, period)))
	t.unitSel.OnChanged = func(string) { t.filterChanged() }
	t.periodSel.OnChanged = func(string) { t.filterChanged() }
}

func indexOf[T comparable](list []T, v T) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}

// filterChanged reads the filters and the trail again.
func (t *auditTab) filterChanged() {
	if i := t.unitSel.SelectedIndex(); i >= 0 && i < len(t.units) {
		t.filter.Unit = t.units[i]
	}
	if i := t.periodSel.SelectedIndex(); i >= 0 && i < len(t.periods) {
		t.filter.Period = t.periods[i]
	}
	t.filter.Action = ""
	if i := t.actionSel.SelectedIndex(); i > 0 {
		t.filter.Action = ledger.AuditGroups[i-1].Action
	}
	t.Invalidate()
}

// reload counts the rows the filters select and reads the first page.
func (t *auditTab) reload() {
	t.fillFilters()
	t.pages.reset()
	gen, f, l := t.pages.gen, t.filter, t.sh.s.l
	t.pages.loading[0] = true
	type result struct {
		n  int
		pg []ledger.AuditRecord
	}
	background(t.sh.u.tasks, func(ctx context.Context) (result, error) {
		n, err := l.CountAudit(ctx, f)
		if err != nil {
			return result{}, err
		}
		f.Limit = pageSize
		pg, err := l.Audit(ctx, f)
		return result{n, pg}, err
	}, func(r result, err error) {
		if err != nil {
			widgets.ShowError(t.sh.u.win, err)
			return
		}
		if !t.pages.put(gen, 0, r.pg) {
			return
		}
		t.total = r.n
		t.count.SetText(ledger.Money(r.n).String() + " dòng nhật ký")
		t.table.ScrollToTop()
		t.table.Refresh()
	})
}

// loadPage reads page n in the background and redraws the table.
func (t *auditTab) loadPage(n int) {
	if t.pages.loading[n] {
		return
	}
	t.pages.loading[n] = true
	gen, f, l := t.pages.gen, t.filter, t.sh.s.l
	f.Offset, f.Limit = n*pageSize, pageSize
	background(t.sh.u.tasks, func(ctx context.Context) ([]ledger.AuditRecord, error) {
		return l.Audit(ctx, f)
	}, func(pg []ledger.AuditRecord, err error) {
		if err != nil {
			delete(t.pages.loading, n)
			widgets.ShowError(t.sh.u.win, err)
			return
		}
		if t.pages.put(gen, n, pg) {
			t.table.Refresh()
		}
	})
}

// row is the record at row i, nil while its page is read.
func (t *auditTab) row(i int) *ledger.AuditRecord {
	pg, ok := t.pages.pages[i/pageSize]
	if !ok {
		t.loadPage(i / pageSize)
		return nil
	}
	if j := i % pageSize; j < len(pg) {
		return &pg[j]
	}
	return nil
}

func (t *auditTab) newTable() *widget.Table {
	tb := widget.NewTable(
		func() (int, int) { return t.total, len(auditColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			text := ""
			if r := t.row(id.Row); r != nil {
				text = auditCell(r, id.Col)
			}
			t.fit.SetCell(o.(*widget.Label), text, auditColumns[id.Col].Align, widget.MediumImportance, fyne.TextStyle{})
		})
	widgets.SetColumns(tb, auditColumns)
	return tb
}

// auditCell is the text of column col for record r.
func auditCell(r *ledger.AuditRecord, col int) string {
	switch col {
	case 0:
		return r.At.Local().Format("02/01/2006 15:04:05")
	case 1:
		return r.Who
	case 2:
		return ledger.AuditActionLabel(r.Action)
	case 3:
		return r.Unit
	case 4:
		if p, err := ledger.ParsePeriod(r.Period); err == nil {
			return shortPeriod(p)
		}
		return r.Period
	case 5:
		return r.Subject
	}
	return r.Reason
}

// shortPeriod writes a half-year as the table has room for: "6T đầu 2026".
func shortPeriod(p ledger.Period) string {
	switch p.Half {
	case 1:
		return "6T đầu " + strconv.Itoa(p.Year)
	case 2:
		return "6T cuối " + strconv.Itoa(p.Year)
	}
	return p.Label()
}

// focus puts the keyboard in the first filter.
func (t *auditTab) focus() { t.sh.u.win.Canvas().Focus(t.unitSel) }
