package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// keyBasics records a typical half-year on line 341 TX and 341 KTX.
func keyBasics(t *testing.T, u *UI, w fyne.Window) {
	t.Helper()
	keyLine(t, u, w, '1', "05/01/2026", "15/QĐ-UBND", "T", "341", "", "500000000", "")
	keyLine(t, u, w, '1', "05/01/2026", "15/QĐ-UBND", "K", "341", "", "80000000", "")
	keyLine(t, u, w, '3', "06/01/2026", "C2-02a/001", "T", "341", "", "100000000", "")
	keyLine(t, u, w, '3', "06/01/2026", "C2-02a/002", "K", "341", "", "30000000", "")
	keyLine(t, u, w, '4', "10/01/2026", "PC001", "T", "341", "6501", "60000000", "")
	keyLine(t, u, w, '4', "11/01/2026", "PC002", "K", "341", "6606", "20000000", "")
	if u.shell.book.total != 6 {
		t.Fatalf("%d entries keyed, want 6", u.shell.book.total)
	}
}

// TestCloseHalfYear closes the period through the dialog: what is left
// per line is listed, carry-overs are typed, the resulting rows previewed,
// and after confirming the period is locked and the next one opens with
// the carried amounts. Then it is reopened with a reason.
func TestCloseHalfYear(t *testing.T) {
	u, w := newTestUI(t)
	keyBasics(t, u, w)
	sh := u.shell

	test.Tap(sh.closeBtn)
	u.tasks.wait()
	c := sh.closing
	if c == nil || len(c.lines) != 2 {
		t.Fatalf("close dialog lines = %v", c)
	}
	tx, ktx := c.lines[0], c.lines[1]
	if tx.line != (ledger.Line{Khoan: "341", Nature: ledger.TX}) || tx.leftReceived != 40_000_000 || tx.leftEstimate != 400_000_000 {
		t.Fatalf("TX line = %+v", tx)
	}
	if ktx.leftReceived != 10_000_000 || ktx.leftEstimate != 50_000_000 {
		t.Fatalf("KTX line = %+v", ktx)
	}
	// Too much carried over is refused at the input, before anything is written.
	typeInto(w, ktx.carryReceived, "20000000")
	if c.ok.Disabled() == false || !contains(c.note.Text, "thừa 10.000.000 đồng") {
		t.Fatalf("over-carry not refused: ok disabled %v, note %q", c.ok.Disabled(), c.note.Text)
	}
	ktx.carryReceived.SetText("")
	typeInto(w, ktx.carryReceived, "10000000")
	typeInto(w, ktx.carryEstimate, "25000000")
	typeInto(w, tx.carryReceived, "15000000")
	if c.ok.Disabled() {
		t.Fatalf("valid carry refused: %q", c.note.Text)
	}
	if tx.toReturn.Text != "25.000.000" || ktx.cancelled.Text != "25.000.000" {
		t.Errorf("per-line preview: TX to return %q, KTX cancelled %q", tx.toReturn.Text, ktx.cancelled.Text)
	}
	preview := previewLines(sh.s.l.Form(), c.period, mustPreview(t, c))
	want := []previewLine{
		{"Còn phải nộp NSNN (23 | 27)", 25_000_000, 0},
		{"Dự toán bị hủy (24 | 28)", 400_000_000, 25_000_000},
		{"Chuyển kỳ sau – kinh phí đã nhận (31 | 34)", 15_000_000, 10_000_000},
		{"Chuyển kỳ sau – dự toán còn dư ở Kho bạc (32 | 35)", 0, 25_000_000},
	}
	if len(preview) != len(want) {
		t.Fatalf("preview %+v", preview)
	}
	for i := range want {
		if preview[i] != want[i] {
			t.Errorf("preview line %d = %+v, want %+v", i, preview[i], want[i])
		}
	}
	if !findLabel(c.preview, "Dự toán bị hủy (24 | 28)") || !findLabel(c.preview, "400.000.000") {
		t.Error("preview not on screen")
	}
	// 15/03/2026 is before the half-year ends: the dialog says so, and
	// so does the confirmation.
	if c.early == nil || !contains(c.early.Text, "chưa kết thúc") {
		t.Error("the closing dialog does not say the half-year has not ended")
	}
	test.Tap(c.ok)
	if c.asked == nil {
		t.Fatal("closing did not ask for confirmation")
	}
	if !contains(c.asked.Title, "trước khi hết kỳ") || !contains(c.asked.Message, "kết thúc ngày 30/06/2026") {
		t.Errorf("early closing asked %q: %q", c.asked.Title, c.asked.Message)
	}
	c.asked.Confirm()
	u.tasks.wait()

	// The selector moves to the half-year that received the carry-over.
	if sh.period != testPeriod.Next() || sh.halfSel.SelectedIndex() != testPeriod.Next().Half || sh.yearSel.Selected != "2026" {
		t.Fatalf("after closing the window shows %s", sh.period)
	}
	if got := row(u, "03"); got != 15_000_000 {
		t.Errorf("next period row 03 = %s", got)
	}
	if got := row(u, "07"); got != 25_000_000 {
		t.Errorf("next period row 07 = %s", got)
	}
	sh.selectPeriod(testPeriod)
	u.tasks.wait()
	if sh.periodStatus() != ledger.PeriodClosed {
		t.Fatalf("period status %s after closing", sh.periodStatus())
	}
	if !contains(sh.status.Text, "Đã khóa sổ") || sh.book.form.enabled {
		t.Errorf("status %q, form enabled %v", sh.status.Text, sh.book.form.enabled)
	}
	if got := row(u, "23"); got != 25_000_000 {
		t.Errorf("row 23 after closing = %s, want 25.000.000", got)
	}
	if got := row(u, "31"); got != 15_000_000 {
		t.Errorf("row 31 = %s", got)
	}
	if got := row(u, "35"); got != 25_000_000 {
		t.Errorf("row 35 = %s", got)
	}
	// Reopening asks for a reason.
	test.Tap(sh.closeBtn)
	r := sh.reopening
	if r == nil {
		t.Fatal("no reopen dialog")
	}
	test.Tap(r.OK)
	u.tasks.wait()
	if !contains(r.Banner.Text, "lý do") {
		t.Errorf("reopen without reason: %q", r.Banner.Text)
	}
	typeInto(w, r.Fields[0].Input.(*widgets.TextEntry), "Bổ sung chứng từ chi tháng 6")
	test.Tap(r.OK)
	u.tasks.wait()
	if sh.periodStatus() != ledger.PeriodOpen || !sh.book.form.enabled {
		t.Fatalf("period not reopened: %s", sh.periodStatus())
	}
	if got := row(u, "31"); got != 0 {
		t.Errorf("row 31 after reopening = %s", got)
	}
}

// TestReverseEntry reverses a spending voucher chosen in the table.
func TestReverseEntry(t *testing.T) {
	u, w := newTestUI(t)
	keyBasics(t, u, w)
	b := u.shell.book
	if b.reverseBtn.Disabled() == false {
		t.Fatal("reverse enabled with nothing selected")
	}
	// Newest first: row 0 is PC002, 20.000.000 KTX on 6606.
	b.table.Select(widget.TableCellID{Row: 0, Col: 1})
	if b.reverseBtn.Disabled() {
		t.Fatal("reverse disabled for a selected spending entry")
	}
	test.Tap(b.reverseBtn)
	r := b.reversing
	if r == nil || r.entry.Doc != "PC002" {
		t.Fatalf("reverse dialog for %+v", r)
	}
	if !contains(r.explain.Text, "ghi ngày hôm nay 15/03/2026") {
		t.Errorf("the dialog does not say the reversal's date: %q", r.explain.Text)
	}
	test.Tap(r.ok)
	if !contains(r.note.Text, "lý do") {
		t.Errorf("no reason asked: %q", r.note.Text)
	}
	typeInto(w, r.reason, "Ghi nhầm Tiểu mục")
	press(w, fyne.KeyReturn)
	u.tasks.wait()
	if got := row(u, "19"); got != 0 {
		t.Errorf("row 19 after reversal = %s, want 0", got)
	}
	if b.total != 7 {
		t.Fatalf("%d entries, want 7 (reversal added, nothing deleted)", b.total)
	}
	// The reversal is listed on top; the original is marked.
	if got := tableText(u, 0, 8); got != "Bút toán đảo" {
		t.Errorf("row 0 note = %q", got)
	}
	if got := tableText(u, 0, 6); got != "(20.000.000)" {
		t.Errorf("reversal amount = %q", got)
	}
	found := false
	for i := 0; i < b.total; i++ {
		if tableText(u, i, 1) == "PC002" && tableText(u, i, 8) == "Đã bị đảo" {
			found = true
		}
	}
	if !found {
		t.Error("the reversed entry is not marked")
	}
	// Neither can be reversed again.
	b.table.Select(widget.TableCellID{Row: 0, Col: 1})
	if !b.reverseBtn.Disabled() {
		t.Error("a reversal can be reversed")
	}
}

// TestFilters: the table filters by kind, code and text, and sorts by date.
func TestFilters(t *testing.T) {
	u, w := newTestUI(t)
	keyBasics(t, u, w)
	b := u.shell.book
	b.kindSel.SetSelectedIndex(4) // Chi đề nghị quyết toán
	u.tasks.wait()
	if b.total != 2 {
		t.Fatalf("spending filter: %d entries", b.total)
	}
	b.kindSel.SetSelectedIndex(0)
	typeInto(w, b.code, "6501")
	u.tasks.wait()
	if b.total != 1 || tableText(u, 0, 1) != "PC001" {
		t.Fatalf("code filter: %d entries", b.total)
	}
	b.code.SetText("")
	typeInto(w, b.text, "C2-02a")
	u.tasks.wait()
	if b.total != 2 {
		t.Fatalf("text filter: %d entries", b.total)
	}
	b.text.SetText("")
	u.tasks.wait()
	test.Tap(b.sortBtn)
	u.tasks.wait()
	if b.total != 6 || tableText(u, 0, 0) != "05/01/2026" {
		t.Fatalf("oldest first: %d entries, first dated %s", b.total, tableText(u, 0, 0))
	}
}

func mustPreview(t *testing.T, c *closeDialog) *ledger.ClosePreview {
	t.Helper()
	_, p, err := c.carries()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSelectorYears: the years that hold data and the one after the last,
// the current year when none does, and the year shown.
func TestSelectorYears(t *testing.T) {
	info := func(p string, n int, st ledger.PeriodStatus) ledger.PeriodInfo {
		return ledger.PeriodInfo{Period: ledger.MustPeriod(p), Entries: n, Status: st}
	}
	today := ledger.NewDate(2026, 11, 20)
	cases := []struct {
		ps    []ledger.PeriodInfo
		shown string
		want  string
	}{
		{nil, "", "[2026 2027]"},
		{[]ledger.PeriodInfo{info("2024-H1", 10, ledger.PeriodClosed), info("2024-H2", 5, ledger.PeriodOpen)}, "", "[2024 2025]"},
		{[]ledger.PeriodInfo{info("2024-H2", 5, ledger.PeriodClosed), info("2026-H1", 3, ledger.PeriodOpen)}, "", "[2024 2026 2027]"},
		{[]ledger.PeriodInfo{info("2025-H1", 0, ledger.PeriodOpen), info("2026-H2", 1, ledger.PeriodOpen)}, "2022-H1", "[2022 2026 2027]"},
	}
	for _, c := range cases {
		var shown ledger.Period
		if c.shown != "" {
			shown = ledger.MustPeriod(c.shown)
		}
		if got := fmt.Sprint(selectorYears(c.ps, today, shown)); got != c.want {
			t.Errorf("%v shown %q: %s, want %s", c.ps, c.shown, got, c.want)
		}
	}
}
