package ui

import (
	"slices"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// What a program driving the window can do — cmd/wardledger's screenshot
// mode, which takes the pictures of the guide — beside typing into the
// focused field and using the menus: each is what a person does with the
// mouse. Call them on the UI goroutine once Options.OnReady said
// ScreenMain; on another screen they do nothing.

// Tab is a tab of the main screen.
type Tab int

const (
	TabEntries        Tab = iota // Sổ chi tiết, the keyboard in the voucher form
	TabStatement                 // Quyết toán: B01/BCQT
	TabSpendingDetail            // Quyết toán: F01-01/BCQT
	TabReview                    // Xét duyệt, the keyboard in the Khoản selector
	TabOverview                  // Tổng hợp các đơn vị, the keyboard in the table (Space opens a review)
	TabAllocation                // Giao dự toán, the keyboard in the decision number
	TabUnits                     // Đơn vị, the keyboard in the table
	TabCatalogue                 // Danh mục, the keyboard in the search box
	TabAudit                     // Nhật ký, the keyboard in the unit filter
)

// tabOrder is the Tab of each of the main screen's tabs, left to right:
// Ctrl+1 is the first.
var tabOrder = []Tab{TabEntries, TabStatement, TabReview, TabOverview, TabAllocation, TabUnits, TabCatalogue, TabAudit}

// View is a place of the main screen: a tab, showing a unit and a
// half-year.
type View struct {
	Tab    Tab
	Unit   string        // the unit's code; "" keeps the unit shown
	Period ledger.Period // zero keeps the half-year shown
	// Khoan is the Khoản the review shows (TabReview), scrolled to its
	// first row that differs from what the unit reported.
	Khoan string
}

// Show selects v's unit and half-year, as the selectors above the tabs
// do, then its tab.
func (u *UI) Show(v View) {
	sh := u.shell
	if sh == nil {
		return
	}
	show := func() {
		sh.showTab(v.Tab)
		if v.Tab == TabReview && v.Khoan != "" {
			sh.review.showKhoan(v.Khoan)
		}
	}
	if v.Unit == "" && v.Period.IsZero() {
		show()
		return
	}
	unit, p := v.Unit, v.Period
	if unit == "" {
		unit = sh.unit.Code
	}
	if p.IsZero() {
		p = sh.period
	}
	sh.showUnitPeriod(unit, p, show)
}

// showTab brings tab t forward, the keyboard in its first field.
func (sh *shell) showTab(t Tab) {
	c := sh.u.win.Canvas()
	switch t {
	case TabEntries:
		sh.tabs.Select(sh.bookItem)
		sh.book.form.focus()
	case TabStatement, TabSpendingDetail:
		sh.tabs.Select(sh.stmtItem)
		sh.stmt.tabs.SelectIndex(int(t - TabStatement))
	case TabReview:
		sh.tabs.Select(sh.reviewItem)
		sh.review.focus()
	case TabOverview:
		sh.tabs.Select(sh.overviewItem)
		c.Focus(sh.overview.table)
	case TabAllocation:
		sh.tabs.Select(sh.allocItem)
		c.Focus(sh.alloc.doc)
	case TabUnits:
		sh.tabs.Select(sh.unitsItem)
		c.Focus(sh.units.table)
	case TabCatalogue:
		sh.tabs.Select(sh.codesItem)
		c.Focus(sh.codes.search)
	case TabAudit:
		sh.tabs.Select(sh.auditItem)
		sh.audit.focus()
	}
}

// showKhoan shows Khoản k in the review, at its first difference, now if
// the review is read, else once it is.
func (t *reviewTab) showKhoan(k string) {
	if t.reported == nil || !slices.Contains(t.khoans, k) {
		t.wantKhoan = k
		return
	}
	t.wantKhoan = ""
	t.selectKhoan(k)
	t.scrollToDifference()
}

// ExportTo writes the workbook of kind for the unit and half-year shown
// to out (a file, or a folder for its usual name), as if out had been
// chosen in the save dialog.
func (u *UI) ExportTo(kind ledger.WorkbookKind, out string) {
	if sh := u.shell; sh != nil && u.opts.Export != nil {
		sh.exportTo(sh.request(kind), out)
	}
}

// ImportFolder opens the import of workbooks of kind listing those in
// dir, as “Chọn cả thư mục…” does; start ticks every file listed and
// presses “Nhập các tệp đã chọn”.
func (u *UI) ImportFolder(kind ledger.WorkbookKind, dir string, start bool) {
	sh := u.shell
	if sh == nil {
		return
	}
	p := sh.importWorkbooks(kind)
	if p == nil {
		return
	}
	if err := p.addFolder(dir); err != nil {
		widgets.ShowError(u.win, err)
		return
	}
	if start {
		for _, f := range p.files {
			f.check.SetChecked(true)
		}
		p.start()
	}
}

// Quit closes the ledger and the window, as the window's close button
// does when no voucher is half keyed in.
func (u *UI) Quit() { u.quit() }
