package ui

import (
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

var halfLabels = []string{"6 tháng đầu năm", "6 tháng cuối năm"}

// shell is the main screen: which unit and half-year is shown, its status,
// and the tabs (ledger with entry form, statement, units, codes).
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
	sh.halfSel = widget.NewSelect(halfLabels, func(string) { sh.onPeriod() })
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
	sh.tabs = container.NewAppTabs(sh.bookItem, sh.stmtItem, sh.reviewItem, sh.overviewItem, sh.allocItem, sh.unitsItem, sh.codesItem, sh.auditItem)
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
	selectors := container.New(widgets.Row(55, 330, 40, 78, 30, 165, 0),
		label("Đơn vị"), sh.unitSel, label("Năm"), sh.yearSel, label("Kỳ"), sh.halfSel, sh.status)
	actions := container.NewHBox(sh.closeBtn,
		widgets.NewButton("Sao lưu", theme.UploadIcon(), sh.backupNow),
		widgets.NewButton("Khôi phục…", theme.HistoryIcon(), sh.restore),
		widgets.NewButton("Thiết lập…", theme.SettingsIcon(), sh.settings))
	top := widgets.Border(nil, nil, nil, actions, selectors)
	bottom := widgets.Border(widget.NewSeparator(), nil, nil, nil, sh.statusBar)
	return widgets.Border(container.NewVBox(top, widget.NewSeparator()), bottom, nil, nil, sh.tabs)
}

func (sh *shell) menu() *fyne.MainMenu {
	item := sh.menuItem
	view := fyne.NewMenu("Xem")
	for i, ti := range sh.tabs.Items {
		var key fyne.KeyName
		if i < 9 {
			key = fyne.KeyName(strconv.Itoa(i + 1))
		}
		view.Items = append(view.Items, item(ti.Text, key, func() { sh.showTab(tabOrder[i]) }))
	}
	return fyne.NewMainMenu(
		fyne.NewMenu("Tệp",
			item("Mở sổ khác…", "", sh.openOther),
			item("Tạo sổ mới…", "", sh.createOther),
			fyne.NewMenuItemSeparator(),
			item("Nhập báo cáo phường…", fyne.KeyI, func() { sh.importWorkbooks(ledger.WorkbookSettlement) }),
			item("Nhập quyết định giao dự toán…", "", func() { sh.importWorkbooks(ledger.WorkbookAnnex) }),
			fyne.NewMenuItemSeparator(),
			item("Xuất Excel: quyết toán của đơn vị…", fyne.KeyE, func() { sh.exportWorkbook(sh.request(ledger.WorkbookSettlement)) }),
			item("Xuất Excel: tổng hợp các đơn vị…", "", func() { sh.exportWorkbook(sh.request(ledger.WorkbookDistrict)) }),
			item("Xuất Excel: biên bản, thông báo xét duyệt…", "", func() { sh.exportWorkbook(sh.request(ledger.WorkbookReview)) }),
			item("Xuất Excel: bảng giao dự toán…", "", func() {
				sh.exportWorkbook(exportRequest{kind: ledger.WorkbookAllocation, period: sh.alloc.selectedPeriod()})
			}),
			item("Xuất Excel: phụ lục giao dự toán từng đơn vị…", "", func() { sh.exportAnnexes(sh.alloc.selectedPeriod()) }),
			fyne.NewMenuItemSeparator(),
			item("Sao lưu ngay", "", sh.backupNow),
			item("Sao lưu ra thư mục khác (USB)…", "", sh.backupTo),
			item("Khôi phục từ bản sao lưu…", "", sh.restore),
			item("Kiểm tra sổ", "", sh.check),
		),
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
		fyne.NewMenu("Trợ giúp",
			item("Hướng dẫn sử dụng và phím tắt", fyne.KeyH, sh.showHelp),
		),
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

// defaultPeriod is the latest open period with entries, else the current
// half-year: where an accountant left off.
func (sh *shell) defaultPeriod(ps []ledger.PeriodInfo) ledger.Period {
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].Status == ledger.PeriodOpen && ps[i].Entries > 0 {
			return ps[i].Period
		}
	}
	return ledger.PeriodOf(sh.u.today())
}

func (sh *shell) setPeriodSelectors(p ledger.Period) {
	sh.quiet = true
	sh.yearSel.SetSelected(strconv.Itoa(p.Year))
	sh.halfSel.SetSelectedIndex(p.Half - 1)
	sh.quiet = false
	sh.period = p
}

func (sh *shell) onPeriod() {
	if sh.quiet {
		return
	}
	y, err := strconv.Atoi(sh.yearSel.Selected)
	if err != nil || sh.halfSel.SelectedIndex() < 0 {
		return
	}
	sh.period = ledger.Period{Year: y, Half: sh.halfSel.SelectedIndex() + 1}
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

func (sh *shell) periodStatus() ledger.PeriodStatus {
	if info, ok := sh.periods[sh.period]; ok {
		return info.Status
	}
	return ledger.PeriodOpen
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
	info := sh.periods[sh.period]
	st := sh.periodStatus()
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
