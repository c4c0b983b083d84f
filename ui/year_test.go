package ui

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

// TestYearOfHalvesSelector: on a ward kept by half-years the Kỳ selector
// offers Cả năm beside the halves; the year shows its statement, made from
// the halves, in the words of a year; vouchers and closing belong to the
// halves, and the screen says so.
func TestYearOfHalvesSelector(t *testing.T) {
	u, w := newTestUI(t)
	sh := u.shell
	if got := sh.halfSel.Options; len(got) != 3 || got[0] != "Cả năm" {
		t.Fatalf("Kỳ choices %v", got)
	}
	keyBasics(t, u, w)
	sh.halfSel.SetSelected("Cả năm")
	u.tasks.wait()
	if sh.period != ledger.YearPeriod(2026) {
		t.Fatalf("selected %s", sh.period)
	}
	if got := row(u, "09"); got != 500_000_000 {
		t.Errorf("the year's row 09 = %s", got)
	}
	if sh.book.form.enabled || !contains(sh.book.form.banner.Text, "theo 6 tháng") || !sh.closeBtn.Disabled() {
		t.Errorf("the year of a ward kept by halves: form enabled %v, banner %q, close enabled %v",
			sh.book.form.enabled, sh.book.form.banner.Text, !sh.closeBtn.Disabled())
	}
	if sh.book.total != 6 || !contains(sh.status.Text, "6 bút toán") {
		t.Errorf("the year lists %d entries, status %q", sh.book.total, sh.status.Text)
	}
	if l := sh.stmt.st.Form.Rows[7].Label; l != "Dự toán được giao trong năm" {
		t.Errorf("row 08 says %q", l)
	}
	sh.closePeriod() // from the menu: explained, nothing closed
	u.tasks.wait()
	if sh.closing != nil {
		t.Error("a closing dialog opened for the year of a ward kept by halves")
	}
	sh.halfSel.SetSelected("6 tháng đầu năm")
	u.tasks.wait()
	if sh.period != testPeriod || !sh.book.form.enabled || sh.closeBtn.Disabled() {
		t.Errorf("back to H1: %s, form enabled %v", sh.period, sh.book.form.enabled)
	}
}

// TestYearLedgerSelector: a ward kept by whole years: the Kỳ selector
// holds the year alone, vouchers go into it, and closing it carries into
// the next year, the dialog speaking of years.
func TestYearLedgerSelector(t *testing.T) {
	path := filepath.Join(t.TempDir(), "so-nam.db")
	l, err := sqlite.Create(context.Background(), path, ledger.Setup{Superior: testSuperior, Units: []ledger.Unit{testWard}, Periods: ledger.ByYear}, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	u, w := startUI(t, testOptions(path))
	sh := u.shell
	y := ledger.YearPeriod(2026)
	if sh.period != y || len(sh.halfSel.Options) != 1 || sh.halfSel.Selected != "Cả năm" {
		t.Fatalf("period %s, Kỳ %v", sh.period, sh.halfSel.Options)
	}
	keyBasics(t, u, w)
	if got := row(u, "18"); got != 60_000_000 {
		t.Errorf("row 18 = %s", got)
	}
	test.Tap(sh.closeBtn)
	u.tasks.wait()
	c := sh.closing
	if c == nil || len(c.lines) != 2 {
		t.Fatalf("close dialog %v", c)
	}
	if top := w.Canvas().Overlays().Top(); top == nil || !findLabel(top, "Chuyển năm sau") {
		t.Error("the closing dialog does not speak of the next year")
	}
	typeInto(w, c.lines[0].carryReceived, "15000000")
	lines := previewLines(sh.s.l.Form(), c.period, mustPreview(t, c))
	if lines[2].label != "Chuyển năm sau – kinh phí đã nhận (31 | 34)" || lines[2].tx != 15_000_000 {
		t.Errorf("preview %+v", lines[2])
	}
	test.Tap(c.ok)
	c.asked.Confirm()
	u.tasks.wait()
	// The window moves to the year that received the carry-over.
	if sh.period != ledger.YearPeriod(2027) || sh.periods[ledger.YearPeriod(2026)].Status != ledger.PeriodClosed ||
		!contains(sh.statusBar.Text, "năm 2027") {
		t.Fatalf("shows %s, 2026 %s, status bar %q", sh.period, sh.periods[ledger.YearPeriod(2026)].Status, sh.statusBar.Text)
	}
	if got := row(u, "03"); got != 15_000_000 {
		t.Errorf("2027 row 03 = %s", got)
	}
}
