package ui

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// allocationTab is "Giao dự toán": one decision of the superior unit
// allocating a half-year's estimates to every subordinate unit at once. A
// grid of Loại–Khoản lines (TX and KTX) down and units across, with
// totals per line and per unit; saving records every amount as an
// allocation entry of the decision in one batch (all or nothing). The
// district's table and the per-unit annexes are exported from here.
type allocationTab struct {
	sh *shell
	widgets.Lazy

	periodSel *widget.Select
	doc       *widgets.TextEntry
	date      *widgets.TextEntry
	memo      *widgets.TextEntry
	khoan     *codePicker
	fields    widgets.FieldSet
	addBtn    *widgets.Button
	saveBtn   *widgets.Button
	banner    *widget.Label
	left      *fyne.Container // line names and totals: they stay put
	right     *fyne.Container // one column per unit: scrolls sideways
	box       fyne.CanvasObject

	periods    []ledger.Period
	preset     int // the index of the period usually allocated
	period     ledger.Period
	wards      []ledger.Unit
	lines      []ledger.Line
	cells      map[ledger.Line][]*widgets.MoneyEntry // by ward index
	lineTotals map[ledger.Line]*widget.Label
	wardTotals []*widget.Label
	grand      *widget.Label
	prior      map[string]ledger.Money // allocated by decisions already recorded
	priorSum   ledger.Money            // and their sum over the units
	before     *ledger.AllocationTable // the period before, to start from
	extra      []string                // Khoản added by hand
	gen        int

	asked *widgets.ConfirmDialog // the last confirmation, for tests
}

const (
	allocNameWidth   = 290
	allocNatureWidth = 44
	allocTotalWidth  = 150
	allocWardWidth   = 160
)

func newAllocationTab(sh *shell) *allocationTab {
	t := &allocationTab{sh: sh, fields: widgets.FieldSet{}}
	t.Lazy.Load = t.reload
	t.periods, t.preset = allocationPeriods(sh.u.today(), sh.s.superiorUnit().Periods)
	labels := make([]string, len(t.periods))
	for i, p := range t.periods {
		labels[i] = p.Label()
	}
	t.periodSel = widget.NewSelect(labels, func(string) { t.Invalidate() })
	t.periodSel.SetSelectedIndex(t.preset)
	t.doc = widgets.NewTextEntry("vd: 1234/QĐ-UBND")
	t.date = widgets.NewTextEntry("dd/mm/yyyy")
	t.memo = widgets.NewTextEntry("mặc định: Giao dự toán " + t.periods[t.preset].Name())
	t.khoan = newCodePicker(ledger.LevelKhoan, sh.s.catalogue, "số/tên Khoản")
	add := t.fields.Add
	fPeriod := add("period", "Kỳ được giao", t.periodSel, "")
	fDoc := add("doc", "Số quyết định", t.doc, "")
	fDate := add("date", "Ngày quyết định", t.date, "gõ gọn: 2006")
	fMemo := add("memo", "Diễn giải", t.memo, "")
	fKhoan := add("khoan", "Thêm Khoản vào bảng", t.khoan, "gõ số hoặc tên")
	t.khoan.bind(fKhoan)
	t.doc.OnChanged = func(string) { fDoc.ClearError() }
	t.date.OnChanged = func(string) { fDate.ClearError() }
	t.date.OnFocusLost = t.normaliseDate
	t.khoan.OnSubmitted = func(string) { t.addKhoan() }
	t.addBtn = widgets.NewButton("Thêm", theme.ContentAddIcon(), t.addKhoan)
	copyBtn := widgets.NewButton("Điền theo kỳ trước", theme.ContentCopyIcon(), t.fillFromBefore)
	t.saveBtn = widgets.NewButton("Ghi quyết định giao dự toán…", theme.DocumentSaveIcon(), t.save)
	t.saveBtn.Importance = widget.HighImportance
	table := widgets.NewButton("Xuất bảng giao dự toán (Excel)…", theme.DocumentSaveIcon(), func() {
		sh.exportWorkbook(exportRequest{kind: ledger.WorkbookAllocation, period: t.selectedPeriod()})
	})
	annex := widgets.NewButton("Xuất phụ lục cho từng đơn vị…", theme.DocumentSaveIcon(), func() { sh.exportAnnexes(t.selectedPeriod()) })
	t.banner = widget.NewLabel("")
	t.banner.Wrapping = fyne.TextWrapWord

	// Enter in the decision's fields or in a cell records the decision
	// (after a confirmation): the grid is long to Tab through.
	for _, e := range []*widgets.TextEntry{t.doc, t.date, t.memo} {
		e.OnSubmitted = func(string) { t.save() }
	}
	// "Điền theo kỳ trước" sits in the form, where Tab reaches it before
	// the grid.
	form := container.New(widgets.Row(200, 170, 130, 0, 220, t.addBtn.MinSize().Width, copyBtn.MinSize().Width),
		fPeriod.Object(), fDoc.Object(), fDate.Object(), fMemo.Object(), fKhoan.Object(),
		container.NewVBox(widgets.CaptionSpacer(), t.addBtn), container.NewVBox(widgets.CaptionSpacer(), copyBtn))
	t.left, t.right = container.NewVBox(), container.NewVBox()
	grid := widgets.Border(nil, nil, t.left, nil, container.NewHScroll(t.right))
	actions := container.NewHBox(t.saveBtn, widget.NewSeparator(), table, annex)
	t.box = widgets.Border(container.NewVBox(form, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), t.banner, actions), nil, nil, container.NewVScroll(grid))
	return t
}

func (t *allocationTab) object() fyne.CanvasObject { return t.box }

func (t *allocationTab) selectedPeriod() ledger.Period {
	i := t.periodSel.SelectedIndex()
	if i < 0 || i >= len(t.periods) {
		return t.periods[t.preset]
	}
	return t.periods[i]
}

// allocationPeriods are the periods a decision may allocate around today:
// the half-years from the last to the one after next and this year and
// the next, the ledger's way first; preset is the one usually allocated
// (the next half-year, or the next year for a ledger kept by years).
func allocationPeriods(today ledger.Date, way ledger.Periodicity) (periods []ledger.Period, preset int) {
	now := ledger.PeriodOf(today)
	halves := []ledger.Period{now.Prev(), now, now.Next(), now.Next().Next()}
	years := []ledger.Period{ledger.YearPeriod(today.Year()), ledger.YearPeriod(today.Year() + 1)}
	if way == ledger.ByYear {
		return append(years, halves...), 1
	}
	return append(halves, years...), 2
}

// reload reads what is already allocated in the period (and the one
// before, for the lines usually allocated) and lays the grid out again,
// keeping the amounts typed.
func (t *allocationTab) reload() {
	t.gen++
	gen, p := t.gen, t.selectedPeriod()
	wards := t.sh.s.unitList()
	l := t.sh.s.l
	type result struct {
		now, before *ledger.AllocationTable
		prior       map[string]ledger.Money
		priorSum    ledger.Money
	}
	background(t.sh.u.tasks, func(ctx context.Context) (result, error) {
		read := func(p ledger.Period) (*ledger.AllocationTable, error) {
			all, err := l.PeriodUnits(ctx, p)
			if err != nil {
				return nil, err
			}
			totals := map[string][]ledger.Total{}
			for code, up := range all {
				totals[code] = up.Totals
			}
			return ledger.BuildAllocationTable(p, wards, totals)
		}
		now, err := read(p)
		if err != nil {
			return result{}, err
		}
		before, err := read(p.Prev())
		if err != nil {
			return result{}, err
		}
		prior, priorSum, err := now.Allocated()
		return result{now, before, prior, priorSum}, err
	}, func(r result, err error) {
		if gen != t.gen {
			return
		}
		if err != nil {
			widgets.ShowError(t.sh.u.win, err)
			return
		}
		typed := t.typed()
		t.period, t.wards, t.before = p, wards, r.before
		t.memo.SetPlaceHolder("mặc định: Giao dự toán " + p.Name())
		t.prior, t.priorSum = r.prior, r.priorSum
		khoans := map[string]bool{}
		for _, k := range t.extra {
			khoans[k] = true
		}
		for _, tb := range []*ledger.AllocationTable{r.now, r.before} {
			for _, ln := range tb.Lines {
				khoans[ln.Khoan] = true
			}
		}
		t.lines = allocationLines(khoans)
		t.build(typed)
	})
}

// allocationLines are TX and KTX of each Khoản, in Khoản order.
func allocationLines(khoans map[string]bool) []ledger.Line {
	ks := make([]string, 0, len(khoans))
	for k := range khoans {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var out []ledger.Line
	for _, k := range ks {
		out = append(out, ledger.Line{Khoan: k, Nature: ledger.TX}, ledger.Line{Khoan: k, Nature: ledger.KTX})
	}
	return out
}

type cellKey struct {
	line ledger.Line
	unit string
}

// typed is what the grid holds now, to put back after a rebuild.
func (t *allocationTab) typed() map[cellKey]string {
	out := map[cellKey]string{}
	for ln, es := range t.cells {
		for i, e := range es {
			if e.Text != "" && i < len(t.wards) {
				out[cellKey{ln, t.wards[i].Code}] = e.Text
			}
		}
	}
	return out
}

// build lays out the grid: on the left the line names and their totals,
// on the right one column of amounts per unit.
func (t *allocationTab) build(typed map[cellKey]string) {
	cat := t.sh.s.catalogue()
	h := widgets.EntryHeight()
	head := widget.NewLabel("1\n2").MinSize().Height
	leftRow := func(height float32, objs ...fyne.CanvasObject) fyne.CanvasObject {
		return container.New(widgets.GridRowOf(height, allocNameWidth, allocNatureWidth, allocTotalWidth), objs...)
	}
	widths := make([]float32, len(t.wards))
	for i, w := range t.wards {
		widths[i] = widgets.HeaderWidth(strings.TrimPrefix(w.Name, "UBND "), allocWardWidth)
	}
	rightRow := func(height float32, objs []fyne.CanvasObject) fyne.CanvasObject {
		return container.New(widgets.GridRowOf(height, widths...), objs...)
	}
	bold := func(s string, align fyne.TextAlign) *widget.Label {
		l := widget.NewLabelWithStyle(s, align, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.left.RemoveAll()
	t.right.RemoveAll()
	t.cells = map[ledger.Line][]*widgets.MoneyEntry{}
	t.lineTotals = map[ledger.Line]*widget.Label{}

	t.left.Add(leftRow(head, bold("Nội dung (Loại – Khoản)", fyne.TextAlignLeading), bold("TC", fyne.TextAlignCenter), bold("Tổng số", fyne.TextAlignTrailing)))
	var heads []fyne.CanvasObject
	for _, w := range t.wards {
		l := widget.NewLabelWithStyle(w.Code+"\n"+strings.TrimPrefix(w.Name, "UBND "), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		heads = append(heads, l)
	}
	t.right.Add(rightRow(head, heads))

	for _, ln := range t.lines {
		name := ""
		if ln.Nature == ledger.TX {
			name = khoanLabel(cat, ln.Khoan)
		}
		nl := widget.NewLabel(name)
		nl.Truncation = fyne.TextTruncateEllipsis
		total := widgets.RightLabel("")
		t.lineTotals[ln] = total
		t.left.Add(leftRow(h, nl, widget.NewLabelWithStyle(string(ln.Nature), fyne.TextAlignCenter, fyne.TextStyle{}), total))
		var es []fyne.CanvasObject
		for _, w := range t.wards {
			e := widgets.NewMoneyEntry()
			e.SetText(typed[cellKey{ln, w.Code}])
			e.OnEdited = t.recount
			e.OnSubmitted = func(string) { t.save() }
			t.cells[ln] = append(t.cells[ln], e)
			es = append(es, e)
		}
		t.right.Add(rightRow(h, es))
	}
	if len(t.lines) == 0 {
		t.left.Add(widget.NewLabel("Chưa có dòng nào: thêm Khoản ở ô “Thêm Khoản vào bảng” phía trên."))
	}

	t.grand = bold("", fyne.TextAlignTrailing)
	t.left.Add(leftRow(h, bold("Cộng quyết định này", fyne.TextAlignLeading), widget.NewLabel(""), t.grand))
	t.wardTotals = nil
	var tots, priors []fyne.CanvasObject
	for _, w := range t.wards {
		l := bold("", fyne.TextAlignTrailing)
		t.wardTotals = append(t.wardTotals, l)
		tots = append(tots, l)
		pl := widgets.RightLabel(t.prior[w.Code].Report())
		pl.Importance = widget.LowImportance
		priors = append(priors, pl)
	}
	t.right.Add(rightRow(h, tots))
	pt := widgets.RightLabel(t.priorSum.Report())
	pt.Importance = widget.LowImportance
	pn := widget.NewLabel("Đã giao trước (các quyết định đã ghi)")
	pn.Importance = widget.LowImportance
	t.left.Add(leftRow(h, pn, widget.NewLabel(""), pt))
	t.right.Add(rightRow(h, priors))
	t.left.Refresh()
	t.right.Refresh()
	t.recount()
}

// recount writes the totals per line, per unit and overall; an amount
// that does not read is marked and left out.
func (t *allocationTab) recount() {
	wardSum := make([]ledger.Sum, len(t.wards))
	var grand ledger.Sum
	var bad error
	for _, ln := range t.lines {
		var sum ledger.Sum
		for i, e := range t.cells[ln] {
			m, err := t.amount(e)
			e.SetValidationError(err)
			if err != nil {
				if bad == nil {
					bad = fmt.Errorf("%s, %s %s: %s", t.wards[i].Name, khoanLabel(t.sh.s.catalogue(), ln.Khoan), ln.Nature, widgets.ErrorText(err))
				}
				continue
			}
			sum.Add(m)
			wardSum[i].Add(m)
			grand.Add(m)
		}
		t.lineTotals[ln].SetText(sumText(sum, &bad))
	}
	for i, l := range t.wardTotals {
		l.SetText(sumText(wardSum[i], &bad))
	}
	if t.grand != nil {
		t.grand.SetText(sumText(grand, &bad))
	}
	if bad != nil {
		t.say(bad.Error(), widget.DangerImportance)
	} else if t.banner.Importance == widget.DangerImportance {
		t.say("", widget.MediumImportance)
	}
}

// sumText shows a sum of the grid, or "–" for one that overflows, keeping
// the first refusal in bad.
func sumText(s ledger.Sum, bad *error) string {
	v, err := s.Value("allocation")
	if err != nil {
		if *bad == nil {
			*bad = err
		}
		return "–"
	}
	return v.Report()
}

// amount reads a cell: empty is nothing allocated.
func (t *allocationTab) amount(e *widgets.MoneyEntry) (ledger.Money, error) {
	if strings.TrimSpace(e.Text) == "" {
		return 0, nil
	}
	m, err := e.Value()
	if err == nil && m < 0 {
		err = errors.New("số giao dự toán không được âm (giảm dự toán: dùng điều chỉnh dự toán ở sổ chi tiết)")
	}
	return m, err
}

func (t *allocationTab) say(msg string, imp widget.Importance) {
	t.banner.Importance = imp
	t.banner.SetText(msg)
}

// addKhoan adds the TX and KTX lines of the Khoản picked.
func (t *allocationTab) addKhoan() {
	t.khoan.commit()
	k := t.khoan.Code()
	if _, ok := t.sh.s.catalogue().Lookup(ledger.LevelKhoan, k); !ok {
		t.fields["khoan"].SetError("không có Khoản " + k + " trong danh mục")
		return
	}
	t.fields["khoan"].ClearError()
	for _, ln := range t.lines {
		if ln.Khoan == k {
			t.khoan.set("")
			return
		}
	}
	t.extra = append(t.extra, k)
	khoans := map[string]bool{}
	for _, ln := range t.lines {
		khoans[ln.Khoan] = true
	}
	khoans[k] = true
	t.lines = allocationLines(khoans)
	t.build(t.typed())
	t.khoan.set("")
}

// decidedIn is the half-year a short date (2006) is read in: a decision is
// taken around now, often before the half-year it allocates.
func (t *allocationTab) decidedIn() ledger.Period { return ledger.PeriodOf(t.sh.u.today()) }

func (t *allocationTab) normaliseDate() {
	if d, err := parseFormDate(t.date.Text, t.decidedIn()); err == nil && d.VN() != t.date.Text {
		t.date.SetText(d.VN())
	}
}

// decision reads the grid into a decision; the error names the cell or
// field that is wrong, and marks it.
func (t *allocationTab) decision() (*ledger.AllocationDecision, error) {
	for _, f := range t.fields {
		f.ClearError()
	}
	d := &ledger.AllocationDecision{Period: t.period, Doc: strings.TrimSpace(t.doc.Text), Memo: strings.TrimSpace(t.memo.Text),
		Cells: map[string]map[ledger.Line]ledger.Money{}}
	if strings.TrimSpace(t.date.Text) != "" {
		date, err := parseFormDate(t.date.Text, t.decidedIn())
		if err != nil {
			return nil, &ledger.Error{Kind: ledger.KindInvalid, Op: "ui.allocate", Field: "date", Msg: widgets.ErrorText(err)}
		}
		d.Date = date
	}
	for _, ln := range t.lines {
		for i, e := range t.cells[ln] {
			m, err := t.amount(e)
			if err != nil {
				t.sh.u.win.Canvas().Focus(e)
				return nil, fmt.Errorf("%s, %s %s: %s", t.wards[i].Name, khoanLabel(t.sh.s.catalogue(), ln.Khoan), ln.Nature, widgets.ErrorText(err))
			}
			if m != 0 {
				u := t.wards[i].Code
				if d.Cells[u] == nil {
					d.Cells[u] = map[ledger.Line]ledger.Money{}
				}
				d.Cells[u][ln] = m
			}
		}
	}
	return d, nil
}

// save asks for confirmation, then records the decision's entries in
// one batch: all of them or, on a refusal, none.
func (t *allocationTab) save() {
	d, err := t.decision()
	if err == nil {
		_, err = d.Entries()
	}
	if err != nil {
		t.refuse(err)
		return
	}
	entries, _ := d.Entries()
	total, err := ledger.SumEntries("allocation", entries) // Entries has checked it
	if err != nil {
		t.refuse(err)
		return
	}
	msg := fmt.Sprintf("Ghi quyết định số %s ngày %s giao dự toán %s:\n%s đồng cho %d đơn vị (%d bút toán giao dự toán)?\n\n"+
		"Bút toán đã ghi không sửa, không xóa được; muốn bớt phải ghi điều chỉnh dự toán.",
		d.Doc, d.Date.VN(), d.Period.Name(), total.String(), len(d.Cells), len(entries))
	l := t.sh.s.l
	t.asked = widgets.Confirm(t.sh.u.win, "Ghi quyết định giao dự toán", msg, "Ghi", func() {
		t.saveBtn.Disable()
		t.sh.u.tasks.run(func(ctx context.Context) error {
			return l.AddEntries(context.WithoutCancel(ctx), entries, ledger.BatchSource{Reason: "Quyết định giao dự toán số " + d.Doc})
		}, func(err error) {
			t.saveBtn.Enable()
			if n := ledger.ErrorItem(err); n > 0 && n <= len(entries) {
				e, cause := entries[n-1], ledger.Cause(err)
				err = &ledger.Error{Kind: ledger.ErrorKind(cause), Op: "ui.allocate", Field: ledger.ErrorField(cause),
					Msg: fmt.Sprintf("%s, %s %s: %s (không ghi bút toán nào)", t.unitName(e.Unit),
						khoanLabel(t.sh.s.catalogue(), e.Khoan), e.Nature, widgets.ErrorText(cause))}
				t.markCell(ledger.Line{Khoan: e.Khoan, Nature: e.Nature}, e.Unit)
			}
			if err != nil {
				t.refuse(err)
				return
			}
			for _, es := range t.cells {
				for _, e := range es {
					e.SetText("")
				}
			}
			t.doc.SetText("")
			done := fmt.Sprintf("Đã ghi quyết định số %s ngày %s: %d bút toán giao dự toán %s, tổng %s đồng. "+
				"Xuất bảng giao dự toán và phụ lục gửi từng đơn vị bằng các nút dưới đây.", d.Doc, d.Date.VN(), len(entries), d.Period.Name(), total.String())
			t.sh.setStatusBar(fmt.Sprintf("Đã ghi quyết định giao dự toán số %s.", d.Doc))
			t.sh.changed()
			t.reload()
			t.say(done, widget.SuccessImportance)
		})
	})
}

func (t *allocationTab) unitName(code string) string {
	for _, w := range t.wards {
		if w.Code == code {
			return w.Name
		}
	}
	return code
}

func (t *allocationTab) markCell(ln ledger.Line, unit string) {
	for i, w := range t.wards {
		if w.Code == unit && i < len(t.cells[ln]) {
			t.cells[ln][i].SetValidationError(errors.New("bị từ chối"))
			t.sh.u.win.Canvas().Focus(t.cells[ln][i])
		}
	}
}

// refuse shows why the decision was not recorded, at its field when the
// ledger names one.
func (t *allocationTab) refuse(err error) {
	msg := widgets.ErrorText(err)
	if f := t.fields[ledger.ErrorField(err)]; f != nil {
		f.SetError(msg)
		if in, ok := f.Input.(fyne.Focusable); ok {
			t.sh.u.win.Canvas().Focus(in)
		}
	}
	t.say(msg, widget.DangerImportance)
}

// fillFromBefore puts in each empty cell what the unit was allocated on
// that line in the period before: most lines change little from one
// half-year to the next, so the reviewer corrects rather than types.
func (t *allocationTab) fillFromBefore() {
	if t.before == nil {
		return
	}
	n := 0
	for _, ln := range t.lines {
		for i, e := range t.cells[ln] {
			if m := t.before.Cells[t.wards[i].Code][ln]; m > 0 && strings.TrimSpace(e.Text) == "" {
				e.SetText(m.String())
				n++
			}
		}
	}
	if n == 0 {
		t.say("Kỳ "+t.period.Prev().Name()+" không có số giao dự toán nào để điền vào các ô trống.", widget.MediumImportance)
		return
	}
	t.say(fmt.Sprintf("Đã điền %d ô theo số giao dự toán %s: sửa lại những số thay đổi trước khi ghi.", n, t.period.Prev().Name()), widget.MediumImportance)
}
