package ui

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// The choices of the Kỳ selector, by how the unit's year is kept: the
// whole year and its halves (their index is Period.Half), or the whole
// year alone.
var (
	halfYearChoices = []string{"Cả năm", "6 tháng đầu năm", "6 tháng cuối năm"}
	yearChoices     = []string{"Cả năm"}
)

// shell is the main screen: which unit and period (a year or a half-year)
// is shown, its status, and the tabs (ledger with entry form, statement,
// units, codes).
type shell struct {
	u *UI
	s *session

	unitSel   *widget.Select
	yearSel   *widget.Select
	halfSel   *widget.Select
	status    *widget.Label
	closeBtn  *widgets.Button
	statusBar *widget.Label
	tabs      *container.AppTabs

	book     *bookTab
	stmt     *statementTab
	review   *reviewTab
	overview *overviewTab
	alloc    *allocationTab
	units    *unitsTab
	codes    *catalogueTab
	audit    *auditTab

	// The tabs, by what they show (their order may change).
	bookItem, stmtItem, reviewItem, overviewItem, allocItem, unitsItem, codesItem, auditItem *container.TabItem
	tabOrder                                                                                 []Tab // the Tab of each of sh.tabs.Items, left to right

	unitChoices []ledger.Unit
	unit        ledger.Unit
	period      ledger.Period
	periods     map[ledger.Period]ledger.PeriodInfo
	quiet       bool // selectors being set by code, not by the user
	ready       bool

	// The dialogs last opened, kept so tests can drive them.
	closing     *closeDialog
	reopening   *widgets.FormDialog
	settingsDlg *settingsDialog
	exported    *exportedDialog
	picker      *importPicker
	saving      *widgets.SaveAsDialog
	help        *helpDialog
	importing   *importRun
}

const prefLastUnit = "lastUnit"

func newShell(u *UI, s *session) *shell {
	sh := &shell{u: u, s: s, periods: map[ledger.Period]ledger.PeriodInfo{}}
	sh.unitSel = widget.NewSelect(nil, func(string) { sh.onUnit() })
	sh.unitSel.PlaceHolder = "(chọn đơn vị)"
	sh.yearSel = widget.NewSelect(nil, func(string) { sh.onPeriod() })
	sh.halfSel = widget.NewSelect(halfYearChoices, func(string) { sh.onPeriod() })
	sh.status = widget.NewLabel("")
	sh.status.TextStyle = fyne.TextStyle{Bold: true}
	sh.closeBtn = widgets.NewButton("Khóa sổ…", theme.ConfirmIcon(), sh.closeOrReopen)
	sh.statusBar = widget.NewLabel("")
	sh.statusBar.SizeName = theme.SizeNameCaptionText
	sh.statusBar.Truncation = fyne.TextTruncateEllipsis
	sh.book = newBookTab(sh)
	sh.stmt = newStatementTab(sh)
	sh.review = newReviewTab(sh)
	sh.overview = newOverviewTab(sh)
	sh.alloc = newAllocationTab(sh)
	sh.units = newUnitsTab(sh)
	sh.codes = newCatalogueTab(sh)
	sh.audit = newAuditTab(sh)
	sh.bookItem = container.NewTabItemWithIcon("Sổ chi tiết", theme.ListIcon(), sh.book.object())
	sh.stmtItem = container.NewTabItemWithIcon("Quyết toán", theme.DocumentIcon(), sh.stmt.object())
	sh.reviewItem = container.NewTabItemWithIcon("Xét duyệt", theme.ConfirmIcon(), sh.review.object())
	sh.overviewItem = container.NewTabItemWithIcon("Tổng hợp các đơn vị", theme.GridIcon(), sh.overview.object())
	sh.allocItem = container.NewTabItemWithIcon("Giao dự toán", theme.MailForwardIcon(), sh.alloc.object())
	sh.unitsItem = container.NewTabItemWithIcon("Đơn vị", theme.HomeIcon(), sh.units.object())
	sh.codesItem = container.NewTabItemWithIcon("Danh mục", theme.SearchIcon(), sh.codes.object())
	sh.auditItem = container.NewTabItemWithIcon("Nhật ký", theme.AccountIcon(), sh.audit.object())
	items := []*container.TabItem{sh.bookItem, sh.stmtItem, sh.reviewItem, sh.overviewItem, sh.allocItem, sh.unitsItem, sh.codesItem, sh.auditItem}
	sh.tabOrder = tabOrder
	if s.ledgerRole().IsUnit() {
		// A unit's own ledger: its book, its statement, the superior's
		// approval of it, the codes and the trail; the other units are not
		// its business.
		sh.reviewItem.Text = "Thông báo xét duyệt"
		items = []*container.TabItem{sh.bookItem, sh.stmtItem, sh.reviewItem, sh.codesItem, sh.auditItem}
		sh.tabOrder = []Tab{TabEntries, TabStatement, TabReview, TabCatalogue, TabAudit}
	}
	sh.tabs = container.NewAppTabs(items...)
	sh.tabs.OnSelected = func(*container.TabItem) { sh.tabShown() }
	return sh
}

// tabShown tells the tabs that load lazily whether they are on screen.
func (sh *shell) tabShown() {
	sel := sh.tabs.Selected()
	sh.stmt.SetVisible(sel == sh.stmtItem)
	sh.review.SetVisible(sel == sh.reviewItem)
	sh.overview.SetVisible(sel == sh.overviewItem)
	sh.alloc.SetVisible(sel == sh.allocItem)
	sh.audit.SetVisible(sel == sh.auditItem)
}

func (sh *shell) content() fyne.CanvasObject {
	label := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignTrailing, fyne.TextStyle{})
	}
	selectors := container.New(widgets.Row(55, 300, 40, 78, 30, 165, 0),
		label("Đơn vị"), sh.unitSel, label("Năm"), sh.yearSel, label("Kỳ"), sh.halfSel, sh.status)
	actions := container.NewHBox(sh.closeBtn,
		widgets.NewButton("Sao lưu", theme.UploadIcon(), sh.backupNow),
		widgets.NewButton("Khôi phục…", theme.HistoryIcon(), sh.restore),
		widgets.NewButton("Thiết lập…", theme.SettingsIcon(), sh.settings))
	top := widgets.Border(nil, nil, nil, actions, selectors)
	bottom := widgets.Border(widget.NewSeparator(), nil, nil, nil, sh.statusBar)
	return widgets.Border(container.NewVBox(top, widget.NewSeparator()), bottom, nil, nil, sh.tabs)
}

// fileItems are the imports and exports of the Tệp menu whose ledger
// takes them: a unit's own ledger imports its superior's annexes and
// notices and exports its own settlement; the superior's ledger imports
// its units' settlements and exports everything of its own; a ledger of
// no role yet, both as before roles existed. Ctrl+I is the first import.
func (sh *shell) fileItems() []*fyne.MenuItem {
	item := sh.menuItem
	role := sh.s.ledgerRole()
	var items []*fyne.MenuItem
	if !role.IsUnit() {
		items = append(items, item("Nhập báo cáo phường…", fyne.KeyI, func() { sh.importWorkbooks(ledger.WorkbookSettlement) }))
	}
	if !role.IsSuperior() {
		key := fyne.KeyName("")
		if role.IsUnit() {
			key = fyne.KeyI
		}
		items = append(items,
			item("Nhập quyết định giao dự toán…", key, func() { sh.importWorkbooks(ledger.WorkbookAnnex) }),
			item("Nhập thông báo xét duyệt…", "", func() { sh.importWorkbooks(ledger.WorkbookReview) }))
	}
	items = append(items, fyne.NewMenuItemSeparator(),
		item("Xuất Excel: quyết toán của đơn vị…", fyne.KeyE, func() { sh.exportWorkbook(sh.request(ledger.WorkbookSettlement)) }),
		item("Xuất Excel: đối chiếu dự toán với Kho bạc…", "", func() { sh.exportWorkbook(sh.request(ledger.WorkbookReconciliation)) }))
	if role.IsUnit() {
		return append(items, item("Xuất Excel: quyết toán lập lại theo thông báo xét duyệt…", "", func() {
			r := sh.request(ledger.WorkbookSettlement)
			r.approved = true
			sh.exportWorkbook(r)
		}))
	}
	return append(items,
		item("Xuất Excel: tổng hợp các đơn vị…", "", func() { sh.exportWorkbook(sh.request(ledger.WorkbookDistrict)) }),
		item("Xuất Excel: biên bản, thông báo xét duyệt…", "", func() { sh.exportWorkbook(sh.request(ledger.WorkbookReview)) }),
		item("Xuất Excel: bảng giao dự toán…", "", func() {
			sh.exportWorkbook(exportRequest{kind: ledger.WorkbookAllocation, period: sh.alloc.selectedPeriod()})
		}),
		item("Xuất Excel: phụ lục giao dự toán từng đơn vị…", "", func() { sh.exportAnnexes(sh.alloc.selectedPeriod()) }))
}

func (sh *shell) menu() *fyne.MainMenu {
	item := sh.menuItem
	view := fyne.NewMenu("Xem")
	for i, ti := range sh.tabs.Items {
		var key fyne.KeyName
		if i < 9 {
			key = fyne.KeyName(strconv.Itoa(i + 1))
		}
		view.Items = append(view.Items, item(ti.Text, key, func() { sh.showTab(sh.tabOrder[i]) }))
	}
	file := append([]*fyne.MenuItem{
		item("Mở sổ khác…", "", sh.openOther),
		item("Tạo sổ mới…", "", sh.createOther),
		fyne.NewMenuItemSeparator(),
	}, sh.fileItems()...)
	return fyne.NewMainMenu(
		fyne.NewMenu("Tệp", append(file,
			fyne.NewMenuItemSeparator(),
			item("Sao lưu ngay", "", sh.backupNow),
			item("Sao lưu ra thư mục khác (USB)…", "", sh.backupTo),
			item("Khôi phục từ bản sao lưu…", "", sh.restore),
			item("Kiểm tra sổ", "", sh.check),
		)...),
		fyne.NewMenu("Chứng từ",
			item("Chứng từ mới", fyne.KeyN, sh.newVoucher),
			item("Tìm trong sổ", fyne.KeyF, sh.findInBook),
			item("Đảo bút toán đang chọn…", fyne.KeyR, sh.reverseSelected),
		),
		fyne.NewMenu("Kỳ",
			item("Khóa sổ (hay mở lại sổ) kỳ đang chọn…", fyne.KeyK, sh.closeOrReopen),
			item("Khóa sổ kỳ đang chọn…", "", sh.closePeriod),
			item("Mở lại sổ kỳ đang chọn…", "", sh.reopenPeriod),
		),
		view,
		fyne.NewMenu("Công cụ",
			item("Thiết lập…", "", sh.settings),
		),
		fyne.NewMenu("Trợ giúp", append([]*fyne.MenuItem{
			item("Hướng dẫn sử dụng và phím tắt", fyne.KeyH, sh.showHelp),
			fyne.NewMenuItemSeparator(),
		}, sh.helpItems()...)...),
	)
}

// menuItem is a menu item; key, if not empty, is its shortcut with Ctrl
// (⌘ on a Mac). Fyne tries the main menu's shortcuts before the field
// that has the keyboard, so each works wherever the keyboard is — except
// while a dialog is open: the dialog's keys are the dialog's.
func (sh *shell) menuItem(label string, key fyne.KeyName, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, func() {
		if sh.u.win.Canvas().Overlays().Top() == nil {
			action()
		}
	})
	if key != "" {
		it.Shortcut = ctrl(key)
	}
	return it
}

// ctrl is the shortcut Ctrl+key (⌘+key on a Mac).
func ctrl(key fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// newVoucher is Ctrl+N: the entry form, emptied for a new voucher, the
// keyboard in its date.
func (sh *shell) newVoucher() {
	sh.tabs.Select(sh.bookItem)
	sh.book.form.newVoucher()
}

// findInBook is Ctrl+F: the entries' search box.
func (sh *shell) findInBook() {
	sh.tabs.Select(sh.bookItem)
	sh.u.win.Canvas().Focus(sh.book.text)
}

// reverseSelected is Ctrl+R: the reversal of the entry selected in the
// table (Tab to the table, ↑ ↓, Space).
func (sh *shell) reverseSelected() {
	if sh.tabs.Selected() != sh.bookItem {
		sh.tabs.Select(sh.bookItem)
	}
	sh.book.reverseSelected()
}

// start fills the selectors and shows the unit used last time.
func (sh *shell) start() {
	sh.statusBar.SetText("Sổ: " + sh.s.path)
	sh.loadUnits(sh.u.app.Preferences().String(prefLastUnit))
	sh.units.reload()
	sh.codes.reload()
	sh.u.autoBackup(sh)
}

// loadUnits fills the unit selector and selects want (or the first unit).
func (sh *shell) loadUnits(want string) {
	sh.unitChoices = sh.s.unitList()
	names := make([]string, len(sh.unitChoices))
	sel := -1
	for i, un := range sh.unitChoices {
		names[i] = un.Code + " · " + un.Name
		if un.Code == want {
			sel = i
		}
	}
	if sel < 0 && len(names) > 0 {
		sel = 0
	}
	sh.quiet = true
	sh.unitSel.SetOptions(names)
	sh.quiet = false
	if sel >= 0 {
		sh.unitSel.SetSelectedIndex(sel) // → onUnit
	} else {
		sh.selectionChanged()
	}
}

func (sh *shell) onUnit() {
	if sh.quiet {
		return
	}
	i := sh.unitSel.SelectedIndex()
	if i < 0 || i >= len(sh.unitChoices) {
		return
	}
	sh.unit = sh.unitChoices[i]
	sh.u.app.Preferences().SetString(prefLastUnit, sh.unit.Code)
	sh.loadPeriods(func(ps []ledger.PeriodInfo) {
		sh.setPeriodSelectors(sh.defaultPeriod(ps))
		sh.selectionChanged()
	})
}

// loadPeriods reads the periods of the selected unit, fills the year
// selector and calls then, unless another unit was chosen meanwhile.
func (sh *shell) loadPeriods(then func([]ledger.PeriodInfo)) {
	unit := sh.unit.Code
	background(sh.u.tasks, func(ctx context.Context) ([]ledger.PeriodInfo, error) {
		return sh.s.l.Periods(ctx, unit)
	}, func(ps []ledger.PeriodInfo, err error) {
		if err != nil {
			widgets.ShowError(sh.u.win, err)
			return
		}
		if unit == sh.unit.Code {
			sh.setPeriods(ps)
			then(ps)
		}
	})
}

func (sh *shell) setPeriods(ps []ledger.PeriodInfo) {
	sh.periods = map[ledger.Period]ledger.PeriodInfo{}
	for _, p := range ps {
		sh.periods[p.Period] = p
	}
	ys := selectorYears(ps, sh.u.today(), sh.period)
	opts := make([]string, len(ys))
	for i, y := range ys {
		opts[i] = strconv.Itoa(y)
	}
	sh.quiet = true
	sh.yearSel.SetOptions(opts)
	sh.quiet = false
}

// selectorYears are the years the selector offers: those that hold data
// and the one after the last of them (this year and the next in a ledger
// without data), and the year shown, sorted.
func selectorYears(ps []ledger.PeriodInfo, today ledger.Date, shown ledger.Period) []int {
	years := map[int]bool{}
	for _, p := range ps {
		if p.Entries > 0 || p.Status == ledger.PeriodClosed {
			years[p.Period.Year] = true
		}
	}
	if len(years) == 0 {
		years[today.Year()] = true
	}
	last := 0
	for y := range years {
		last = max(last, y)
	}
	years[last+1] = true
	if !shown.IsZero() {
		years[shown.Year] = true
	}
	ys := make([]int, 0, len(years))
	for y := range years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}

// defaultPeriod is the latest open period with entries, else the period
// of today as the unit keeps this year: where an accountant left off.
func (sh *shell) defaultPeriod(ps []ledger.PeriodInfo) ledger.Period {
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].Status == ledger.PeriodOpen && ps[i].Entries > 0 {
			return ps[i].Period
		}
	}
	today := sh.u.today()
	return sh.wayOf(today.Year()).PeriodOf(today)
}

// wayOf is how the selected unit keeps year y: the way its periods of that
// year were recorded, else the unit's own (ledger.PeriodService.Periodicity
// says the same from the store).
func (sh *shell) wayOf(year int) ledger.Periodicity {
	for p := range sh.periods {
		if p.Year == year {
			return p.Periodicity()
		}
	}
	if sh.unit.Periods != "" {
		return sh.unit.Periods
	}
	return ledger.ByHalfYear
}

// setPeriodSelectors shows p: its year, and in the Kỳ selector the
// choices of that year's way with p among them (a half-year of a year
// kept whole shows as the year).
func (sh *shell) setPeriodSelectors(p ledger.Period) {
	sh.quiet = true
	sh.yearSel.SetSelected(strconv.Itoa(p.Year))
	if sh.setKyChoices(p.Year) == ledger.ByYear {
		p = p.WholeYear()
	}
	sh.halfSel.SetSelectedIndex(p.Half)
	sh.quiet = false
	sh.period = p
}

// setKyChoices gives the Kỳ selector the choices of year's way and returns
// the way.
func (sh *shell) setKyChoices(year int) ledger.Periodicity {
	way := sh.wayOf(year)
	choices := halfYearChoices
	if way == ledger.ByYear {
		choices = yearChoices
	}
	if len(sh.halfSel.Options) != len(choices) {
		sh.halfSel.SetOptions(choices)
	}
	return way
}

func (sh *shell) onPeriod() {
	if sh.quiet {
		return
	}
	y, err := strconv.Atoi(sh.yearSel.Selected)
	if err != nil {
		return
	}
	i := sh.halfSel.SelectedIndex()
	sh.quiet = true
	if sh.setKyChoices(y) == ledger.ByYear || i < 0 || i >= len(sh.halfSel.Options) {
		i = 0
	}
	sh.halfSel.SetSelectedIndex(i)
	sh.quiet = false
	sh.period = ledger.Period{Year: y, Half: i}
	sh.selectionChanged()
}

// selectPeriod shows another period of the current unit.
func (sh *shell) selectPeriod(p ledger.Period) {
	sh.setPeriods(sh.periodList())
	sh.setPeriodSelectors(p)
	sh.selectionChanged()
}

func (sh *shell) periodList() []ledger.PeriodInfo {
	out := make([]ledger.PeriodInfo, 0, len(sh.periods))
	for _, p := range sh.periods {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Period.Before(out[j].Period) })
	return out
}

// selectionChanged reloads everything that depends on unit and period.
func (sh *shell) selectionChanged() {
	sh.showStatus()
	sh.book.selectionChanged()
	sh.reloadViews()
}

// changed is called after the ledger was written (entry, reversal, close):
// the status, the entries and the statement are read again.
func (sh *shell) changed() {
	sh.loadPeriods(func([]ledger.PeriodInfo) { sh.showStatus() })
	sh.reloadViews()
}

func (sh *shell) reloadViews() {
	sh.audit.Invalidate()
	sh.review.Invalidate()
	sh.overview.Invalidate()
	sh.alloc.Invalidate()
	left := 2
	done := func() {
		if left--; left == 0 {
			sh.loaded()
		}
	}
	sh.book.reload(done)
	sh.stmt.reload(done)
}

// loaded is called when the entries and the statement are on screen.
func (sh *shell) loaded() {
	if sh.ready {
		return
	}
	sh.ready = true
	sh.book.form.focus()
	sh.u.ready(ScreenMain)
}

// periodStatus is the status of the selected period; a year kept by
// halves is closed with them (ledger.YearStatus).
func (sh *shell) periodStatus() ledger.PeriodStatus {
	return sh.periodInfo().Status
}

// periodInfo is the status and number of entries of the selected period:
// for a year kept by halves, of its halves together.
func (sh *shell) periodInfo() ledger.PeriodInfo {
	info, ok := sh.periods[sh.period]
	if !ok {
		info = ledger.PeriodInfo{Period: sh.period, Status: ledger.PeriodOpen}
	}
	if sh.period.IsYear() && !sh.keptAsSelected() {
		h := sh.period.Halves()
		i1, i2 := sh.periods[h[0]], sh.periods[h[1]]
		info.Entries = i1.Entries + i2.Entries
		info.Status = ledger.YearStatus(cmp.Or(i1.Status, ledger.PeriodOpen), cmp.Or(i2.Status, ledger.PeriodOpen), i1.Entries > 0)
	}
	return info
}

// keptAsSelected reports whether the selected period is one the unit
// records entries in and closes: not the year of a unit that keeps it by
// halves (that year is their sum, to read).
func (sh *shell) keptAsSelected() bool {
	return sh.wayOf(sh.period.Year).Fits(sh.period)
}

// showTitle names the ledger file, the unit and the half-year in the
// window's title, so two windows (or a window and a printout) are told
// apart.
func (sh *shell) showTitle() {
	title := filepath.Base(sh.s.path)
	if sh.unit.Code != "" {
		title += " · " + sh.unit.Code + " " + sh.unit.Name
	}
	if !sh.period.IsZero() {
		title += " · " + sh.period.Label()
	}
	sh.u.win.SetTitle(title + " — WardLedger")
}

func (sh *shell) showStatus() {
	sh.showTitle()
	if sh.unit.Code == "" || sh.period.IsZero() {
		sh.status.SetText("")
		sh.book.form.prepare("", sh.period, ledger.PeriodOpen)
		return
	}
	info := sh.periodInfo()
	st := info.Status
	sh.status.SetText(fmt.Sprintf("%s · %s bút toán", st.Label(), ledger.Money(info.Entries).String()))
	if st == ledger.PeriodClosed {
		sh.status.Importance = widget.WarningImportance
		sh.closeBtn.SetText("Mở lại sổ…")
		sh.closeBtn.SetIcon(theme.MailReplyIcon())
	} else {
		sh.status.Importance = widget.SuccessImportance
		sh.closeBtn.SetText("Khóa sổ…")
		sh.closeBtn.SetIcon(theme.ConfirmIcon())
	}
	if sh.keptAsSelected() {
		sh.closeBtn.Enable()
	} else {
		sh.closeBtn.Disable() // the halves close, each on its own
	}
	sh.status.Refresh()
	sh.book.form.prepare(sh.unit.Code, sh.period, st)
}

func (sh *shell) closeOrReopen() {
	if sh.periodStatus() == ledger.PeriodClosed {
		sh.reopenPeriod()
		return
	}
	sh.closePeriod()
}

// setStatusBar shows a line at the bottom of the window after the path.
func (sh *shell) setStatusBar(msg string) {
	text := "Sổ: " + sh.s.path
	if msg != "" {
		text += "   ·   " + msg
	}
	sh.statusBar.SetText(text)
}

// reviewChanged is called after a review was written: the review and the
// overview read it again.
func (sh *shell) reviewChanged() {
	sh.audit.Invalidate()
	sh.review.Invalidate()
	sh.overview.Invalidate()
}

// openReview shows the review of unit for period p, the keyboard in its
// Khoản selector.
func (sh *shell) openReview(unit string, p ledger.Period) {
	sh.showUnitPeriod(unit, p, func() { sh.showTab(TabReview) })
}

// showUnitPeriod selects unit and period p, as if chosen above, then
// calls then.
func (sh *shell) showUnitPeriod(code string, p ledger.Period, then func()) {
	i := -1
	for j, un := range sh.unitChoices {
		if un.Code == code {
			i = j
		}
	}
	if i < 0 {
		return
	}
	sh.quiet = true
	sh.unitSel.SetSelectedIndex(i)
	sh.quiet = false
	sh.unit = sh.unitChoices[i]
	sh.u.app.Preferences().SetString(prefLastUnit, code)
	sh.loadPeriods(func([]ledger.PeriodInfo) {
		sh.setPeriods(sh.periodList())
		sh.setPeriodSelectors(p)
		sh.selectionChanged()
		then()
	})
}
