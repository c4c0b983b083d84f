package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"wardledger/docs"
	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// Every task from the keyboard: these tests press keys as the desktop
// driver delivers them and never tap.

// shortcut presses Ctrl+k as the desktop driver does: the main menu's
// shortcuts first, then the field that has the keyboard, then the window.
func shortcut(w fyne.Window, k fyne.KeyName) {
	sc := ctrl(k)
	if mm := w.MainMenu(); mm != nil {
		for _, m := range mm.Items {
			for _, it := range m.Items {
				if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() {
					it.Action()
					return
				}
			}
		}
	}
	if f, ok := w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	w.Canvas().(fyne.Shortcutable).TypedShortcut(sc)
}

// key presses a key as the desktop driver does: Tab moves the keyboard,
// any other key goes to the field that has it, or to the window.
func key(w fyne.Window, name fyne.KeyName) {
	c := w.Canvas()
	if name == fyne.KeyTab {
		c.FocusNext()
		return
	}
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// typeKeys types s, one key at a time, into whatever has the keyboard.
func typeKeys(w fyne.Window, s string) {
	for _, r := range s {
		if f := w.Canvas().Focused(); f != nil {
			f.TypedRune(r)
		} else if h := w.Canvas().OnTypedRune(); h != nil {
			h(r)
		}
	}
}

// tabTo presses Tab until target has the keyboard.
func tabTo(t *testing.T, w fyne.Window, target fyne.Focusable) {
	t.Helper()
	for i := 0; i < 400; i++ {
		if w.Canvas().Focused() == target {
			return
		}
		key(w, fyne.KeyTab)
	}
	t.Fatalf("Tab never reaches %T", target)
}

// TestKeyboardTabs: Ctrl+1… reach every tab, the keyboard in its first
// field, wherever the keyboard was; Ctrl+H shows the help, and while a
// dialog is open the window's shortcuts wait; Escape closes it.
func TestKeyboardTabs(t *testing.T) {
	u, w := newTestUI(t)
	sh := u.shell
	if w.Canvas().Focused() != sh.book.form.date {
		t.Fatal("the keyboard does not start in the voucher's date")
	}
	for i, item := range sh.tabs.Items {
		shortcut(w, fyne.KeyName(string(rune('1'+i))))
		u.tasks.wait()
		if sh.tabs.Selected() != item {
			t.Errorf("Ctrl+%d shows %q, want %q", i+1, sh.tabs.Selected().Text, item.Text)
		}
	}
	for k, want := range map[fyne.KeyName]fyne.Focusable{
		fyne.Key7: sh.codes.search, fyne.Key5: sh.alloc.doc, fyne.Key3: sh.review.importBtn, // nothing to review: the import fyne.Key1: sh.book.form.date,
	} {
		shortcut(w, k)
		u.tasks.wait()
		if got := w.Canvas().Focused(); got != want {
			t.Errorf("Ctrl+%s: the keyboard is in %T", k, got)
		}
	}

	shortcut(w, fyne.Key1)
	shortcut(w, fyne.KeyH)
	if sh.help == nil || !dialogOpen(w) || w.Canvas().Focused() != sh.help.keys || !sh.help.guide.Hidden {
		t.Fatal("Ctrl+H shows no shortcuts")
	}
	tabTo(t, w, sh.help.showGuide)
	key(w, fyne.KeyReturn)
	if sh.help.guide.Hidden || w.Canvas().Focused() != sh.help.guide {
		t.Fatal("Tab to “Hướng dẫn sử dụng”, Enter does not show the guide")
	}
	key(w, fyne.KeyPageDown)
	if sh.help.guide.Scroll.Offset.Y <= 0 {
		t.Error("Page Down does not scroll the guide")
	}
	// ← → turn between the two, as the dialog's note says.
	key(w, fyne.KeyLeft)
	if sh.help.keys.Hidden || w.Canvas().Focused() != sh.help.keys {
		t.Error("← in the guide does not show the shortcuts")
	}
	key(w, fyne.KeyRight)
	if sh.help.guide.Hidden || w.Canvas().Focused() != sh.help.guide {
		t.Error("→ in the shortcuts does not show the guide")
	}
	before := sh.tabs.Selected()
	shortcut(w, fyne.Key2)
	if sh.tabs.Selected() != before {
		t.Error("a shortcut acted behind the help dialog")
	}
	key(w, fyne.KeyEscape)
	if dialogOpen(w) {
		t.Fatal("Escape did not close the help")
	}
	shortcut(w, fyne.Key2)
	if sh.tabs.Selected() != sh.stmtItem {
		t.Error("Ctrl+2 after the help")
	}
	shortcut(w, fyne.Key1)
	if sh.tabs.Selected() != sh.bookItem {
		t.Error("Ctrl+1 after the help")
	}
}

// TestKeyboardNewVoucher: Ctrl+N empties the voucher for the next one,
// keeping its date, the keyboard in the date.
func TestKeyboardNewVoucher(t *testing.T) {
	u, w := newTestUI(t)
	f := u.shell.book.form
	shortcut(w, fyne.Key2)
	clearInto(w, f.doc, "PC009")
	clearInto(w, f.amount, "125000")
	clearInto(w, f.memo, "tiền điện")
	shortcut(w, fyne.KeyN)
	if u.shell.tabs.Selected() != u.shell.bookItem || w.Canvas().Focused() != f.date {
		t.Fatalf("Ctrl+N: tab %q, keyboard in %T", u.shell.tabs.Selected().Text, w.Canvas().Focused())
	}
	if f.doc.Text != "" || f.amount.Text != "" || f.memo.Text != "" || f.date.Text != testToday.VN() {
		t.Errorf("after Ctrl+N: doc %q amount %q memo %q date %q", f.doc.Text, f.amount.Text, f.memo.Text, f.date.Text)
	}
	typeKeys(w, "0203")
	key(w, fyne.KeyTab)
	if f.date.Text != "02/03/2026" || w.Canvas().Focused() != f.doc {
		t.Errorf("typing a date after Ctrl+N: %q", f.date.Text)
	}
}

// TestKeyboardReverse: an entry chosen in the table with the arrows and
// Space, reversed with Ctrl+R; Escape cancels the dialog, Enter confirms.
func TestKeyboardReverse(t *testing.T) {
	u, w := newTestUI(t)
	keyBasics(t, u, w)
	b := u.shell.book
	shortcut(w, fyne.KeyR)
	if dialogOpen(w) || !contains(u.shell.statusBar.Text, "Chọn bút toán cần đảo") {
		t.Fatalf("Ctrl+R with nothing selected: status %q", u.shell.statusBar.Text)
	}
	shortcut(w, fyne.KeyF)
	if w.Canvas().Focused() != b.text {
		t.Fatal("Ctrl+F does not reach the search box")
	}
	tabTo(t, w, b.table)
	key(w, fyne.KeySpace) // the newest entry: PC002
	shortcut(w, fyne.KeyR)
	if b.reversing == nil || !dialogOpen(w) || b.reversing.entry.Doc != "PC002" || w.Canvas().Focused() != b.reversing.reason {
		t.Fatal("Ctrl+R did not open the reversal of the selected entry, the keyboard in its reason")
	}
	key(w, fyne.KeyEscape)
	u.tasks.wait()
	if dialogOpen(w) || b.total != 6 {
		t.Fatalf("Escape: dialog open %v, %d entries", dialogOpen(w), b.total)
	}
	shortcut(w, fyne.KeyR)
	typeKeys(w, "Ghi nhầm Tiểu mục")
	key(w, fyne.KeyReturn)
	u.tasks.wait()
	if dialogOpen(w) || b.total != 7 || row(u, "19") != 0 {
		t.Fatalf("Enter: %d entries, row 19 = %s", b.total, row(u, "19"))
	}
}

// TestKeyboardClose closes the half-year with Ctrl+K, Enter, Enter, and
// reopens it with Ctrl+K, a reason and Enter; Escape leaves both dialogs.
func TestKeyboardClose(t *testing.T) {
	u, w := newTestUI(t)
	keyBasics(t, u, w)
	sh := u.shell
	shortcut(w, fyne.KeyK)
	u.tasks.wait()
	c := sh.closing
	if c == nil || w.Canvas().Focused() != c.lines[0].carryReceived {
		t.Fatal("Ctrl+K: no closing dialog with the keyboard in the first carry-over")
	}
	typeKeys(w, "15000000")
	key(w, fyne.KeyReturn)
	if c.asked == nil {
		t.Fatal("Enter did not ask for the confirmation")
	}
	key(w, fyne.KeyEscape) // no: back to the closing dialog
	if sh.periodStatus() != ledger.PeriodOpen || !dialogOpen(w) {
		t.Fatal("Escape on the confirmation closed the period or the dialog")
	}
	key(w, fyne.KeyReturn)
	key(w, fyne.KeyReturn)
	u.tasks.wait()
	if dialogOpen(w) || sh.period != testPeriod.Next() || row(u, "03") != 15_000_000 {
		t.Fatalf("after Enter, Enter: dialog %v, showing %s, row 03 %s", dialogOpen(w), sh.period, row(u, "03"))
	}

	sh.selectPeriod(testPeriod)
	u.tasks.wait()
	shortcut(w, fyne.KeyK)
	if sh.reopening == nil || w.Canvas().Focused() != sh.reopening.Fields[0].Input.(fyne.Focusable) {
		t.Fatal("Ctrl+K on a closed half-year: no reopening dialog")
	}
	key(w, fyne.KeyEscape)
	if dialogOpen(w) || sh.periodStatus() != ledger.PeriodClosed {
		t.Fatal("Escape reopened or stayed")
	}
	shortcut(w, fyne.KeyK)
	typeKeys(w, "Bổ sung chứng từ tháng 6")
	key(w, fyne.KeyReturn)
	u.tasks.wait()
	if dialogOpen(w) || sh.periodStatus() != ledger.PeriodOpen {
		t.Fatalf("reopening by keys: %s", sh.periodStatus())
	}
}

// TestKeyboardDialogs: Enter and Escape in each kind of dialog.
func TestKeyboardDialogs(t *testing.T) {
	opts := testOptions(mustLedgerFile(t))
	opts.Export = fakeExport
	var opened []string
	opts.OpenFolder = func(dir string) error { opened = append(opened, dir); return nil }
	u, w := startUI(t, opts)
	sh := u.shell

	widgets.ShowInfo(w, "Sao lưu", "Đã sao lưu")
	key(w, fyne.KeyReturn)
	if dialogOpen(w) {
		t.Error("Enter did not close a message")
	}
	widgets.ShowError(w, ledger.Errorf(ledger.KindInvalid, "test", "không được"))
	key(w, fyne.KeyEscape)
	if dialogOpen(w) {
		t.Error("Escape did not close an error")
	}
	yes := 0
	widgets.Confirm(w, "Hỏi", "Có không?", "Có", func() { yes++ })
	key(w, fyne.KeyEscape)
	widgets.Confirm(w, "Hỏi", "Có không?", "Có", func() { yes++ })
	key(w, fyne.KeyReturn)
	if yes != 1 || dialogOpen(w) {
		t.Errorf("confirm: %d yes, open %v", yes, dialogOpen(w))
	}

	// The settings: Enter saves (nothing changed), Escape leaves.
	sh.settings()
	u.tasks.wait()
	key(w, fyne.KeyEscape)
	if dialogOpen(w) {
		t.Error("Escape did not close the settings")
	}
	sh.settings()
	u.tasks.wait()
	tabTo(t, w, sh.settingsDlg.entries[ledger.SettingOperator])
	typeKeys(w, "Nguyễn Thị Lan")
	key(w, fyne.KeyReturn)
	u.tasks.wait()
	if v, _ := sh.s.l.Setting(context.Background(), ledger.SettingOperator); v != "Nguyễn Thị Lan" || dialogOpen(w) {
		t.Errorf("Enter in the settings: operator %q, open %v", v, dialogOpen(w))
	}

	// Ctrl+E: the save-as dialog, the keyboard in the name; a folder typed,
	// Enter writes, and Enter in "Xuất Excel xong" opens the folder.
	shortcut(w, fyne.KeyE)
	d := sh.saving
	if d == nil || w.Canvas().Focused() != d.Name || d.Name.Text != "QT_1000002_2026-H1.xlsx" {
		t.Fatal("Ctrl+E: no save dialog with the name proposed")
	}
	key(w, fyne.KeyEscape)
	if dialogOpen(w) {
		t.Fatal("Escape did not close the save dialog")
	}
	dir := t.TempDir()
	shortcut(w, fyne.KeyE)
	d = sh.saving
	d.Dir.SetText(dir)
	key(w, fyne.KeyReturn)
	u.tasks.wait()
	if _, err := os.Stat(filepath.Join(dir, "QT_1000002_2026-H1.xlsx")); err != nil || sh.exported == nil {
		t.Fatalf("Enter in the save dialog wrote nothing: %v", err)
	}
	key(w, fyne.KeyReturn)
	u.tasks.wait()
	if len(opened) != 1 || opened[0] != dir || dialogOpen(w) {
		t.Errorf("Enter on “Xuất Excel xong”: opened %v", opened)
	}
	// The same name again: replacing it is asked, Escape keeps the file.
	os.WriteFile(filepath.Join(dir, "QT_1000002_2026-H1.xlsx"), []byte("keep"), 0o644)
	shortcut(w, fyne.KeyE)
	sh.saving.Dir.SetText(dir)
	key(w, fyne.KeyReturn) // asks "Ghi đè tệp?"
	key(w, fyne.KeyEscape)
	key(w, fyne.KeyEscape)
	u.tasks.wait()
	if data, _ := os.ReadFile(filepath.Join(dir, "QT_1000002_2026-H1.xlsx")); string(data) != "keep" || dialogOpen(w) {
		t.Errorf("Escape on “Ghi đè tệp?” replaced the file: %q", data)
	}

	// A folder typed (backup to a USB stick): Enter backs up there.
	sh.backupTo()
	if w.Canvas().Focused() != sh.saving.Dir {
		t.Fatal("the folder dialog does not take the keyboard")
	}
	sh.saving.Dir.SetText(dir)
	key(w, fyne.KeyReturn)
	u.tasks.wait()
	if !contains(sh.statusBar.Text, "Đã sao lưu vào "+dir) {
		t.Errorf("backup by keys: %q", sh.statusBar.Text)
	}
	key(w, fyne.KeyReturn) // the message saying so
	// Restore: the list has the keyboard; Escape leaves.
	sh.restore()
	u.tasks.wait()
	key(w, fyne.KeyEscape)
	if dialogOpen(w) {
		t.Error("Escape did not close the list of backups")
	}
}

// TestKeyboardImport imports a folder's workbooks with Ctrl+I, a typed
// folder, Enter and Enter, and closes the summary with Enter.
func TestKeyboardImport(t *testing.T) {
	opts := testOptions(mustDistrictFile(t))
	opts.Import = fakeImports
	u, w := startUI(t, opts)
	dir := t.TempDir()
	for _, n := range []string{"QT_1000002_2026-H1.xlsx", "QT_1000003_2026-H1.xlsx"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	shortcut(w, fyne.KeyI)
	p := u.shell.picker
	if p == nil || w.Canvas().Focused() != p.dir {
		t.Fatal("Ctrl+I: no import dialog with the keyboard in its folder")
	}
	p.dir.SetText("")
	typeKeys(w, dir)
	key(w, fyne.KeyReturn)
	if len(p.files) != 2 || len(p.selected()) != 2 {
		t.Fatalf("Enter listed %d files", len(p.files))
	}
	key(w, fyne.KeyReturn)
	u.tasks.wait()
	r := u.shell.importing
	if r == nil || r.summary == nil || r.added() != 6 {
		t.Fatal("Enter again did not import")
	}
	key(w, fyne.KeyReturn)
	if dialogOpen(w) {
		t.Error("Enter did not close the summary")
	}
}

// TestKeyboardReview: from the overview (Ctrl+4, Space) to a review, a
// figure approved with its reason (Tab, Enter), a comment (Ctrl+Enter),
// finished (Tab to “Duyệt xong…”, Enter, Enter).
func TestKeyboardReview(t *testing.T) {
	u, w := districtUI(t, func(*shell) {})
	sh := u.shell
	sh.selectPeriod(testPeriod)
	u.tasks.wait()
	shortcut(w, fyne.Key4)
	u.tasks.wait()
	if w.Canvas().Focused() != sh.overview.table {
		t.Fatal("Ctrl+4: the keyboard is not in the overview's table")
	}
	key(w, fyne.KeySpace) // the first ward
	u.tasks.wait()
	rv := sh.review
	if sh.tabs.Selected() != sh.reviewItem || sh.unit.Code != testWard.Code || w.Canvas().Focused() != rv.khoanSel {
		t.Fatalf("Space opened %s on %q", sh.unit.Code, sh.tabs.Selected().Text)
	}
	r18 := rv.rows["18"]
	tabTo(t, w, r18.approved)
	typeKeys(w, "55000000")
	key(w, fyne.KeyTab)
	typeKeys(w, "Thiếu hóa đơn")
	key(w, fyne.KeyReturn)
	u.tasks.wait()
	ctx := context.Background()
	got, err := sh.s.l.Review(ctx, testWard.Code, testPeriod)
	if err != nil || len(got.Approvals) != 1 || got.Approvals[0].Approved != 55_000_000 || got.Approvals[0].Reason != "Thiếu hóa đơn" {
		t.Fatalf("approval by keys: %+v %v", got, err)
	}
	tabTo(t, w, rv.comment)
	typeKeys(w, "Nộp trả trước 31/7")
	shortcut(w, fyne.KeyReturn)
	u.tasks.wait()
	if got, _ := sh.s.l.Review(ctx, testWard.Code, testPeriod); got.Comment != "Nộp trả trước 31/7" {
		t.Fatalf("Ctrl+Enter in the comment: %q", got.Comment)
	}
	tabTo(t, w, rv.finishBtn)
	key(w, fyne.KeyReturn)
	u.tasks.wait()
	if rv.asked == nil {
		t.Fatal("Enter on “Duyệt xong…” asked nothing")
	}
	key(w, fyne.KeyReturn)
	u.tasks.wait()
	if got, _ := sh.s.l.Review(ctx, testWard.Code, testPeriod); got.State != ledger.ReviewFinished {
		t.Fatalf("finished by keys: %s", got.State)
	}
}

// TestKeyboardAllocation: Ctrl+5, the decision's number and date, Tab to
// the first amount, Enter, Enter.
func TestKeyboardAllocation(t *testing.T) {
	u, w := districtUI(t, func(*shell) {})
	shortcut(w, fyne.Key5)
	u.tasks.wait()
	a := u.shell.alloc
	if w.Canvas().Focused() != a.doc {
		t.Fatal("Ctrl+5: the keyboard is not in the decision number")
	}
	typeKeys(w, "215/QĐ-UBND")
	key(w, fyne.KeyTab)
	typeKeys(w, "2006")
	tx := ledger.Line{Khoan: "341", Nature: ledger.TX}
	tabTo(t, w, a.cells[tx][0])
	typeKeys(w, "600000000")
	key(w, fyne.KeyTab)
	typeKeys(w, "450000000")
	key(w, fyne.KeyReturn)
	if a.asked == nil {
		t.Fatalf("Enter did not ask: %q", a.banner.Text)
	}
	key(w, fyne.KeyReturn)
	u.tasks.wait()
	totals, err := u.shell.s.l.Totals(context.Background(), ledger.AllUnits, a.period)
	if err != nil {
		t.Fatal(err)
	}
	var sum ledger.Money
	for _, tot := range totals {
		sum += tot.Amount
	}
	if sum != 1_050_000_000 || dialogOpen(w) {
		t.Errorf("allocated %s by keys", sum)
	}
}

// TestHelpMatchesGuide: every key Trợ giúp lists is in the guide's
// table of shortcuts, and the guide the app shows has no picture or link
// it cannot open.
func TestHelpMatchesGuide(t *testing.T) {
	u, _ := newTestUI(t)
	i := strings.Index(docs.Guide, "## 13. Phím tắt")
	if i < 0 {
		t.Fatal("the guide has no section of shortcuts")
	}
	section := docs.Guide[i:]
	for _, topic := range u.shell.keyHelp() {
		for _, l := range topic.lines {
			if !strings.Contains(section, "| "+l.keys+" | "+l.what+" |") {
				t.Errorf("the guide lacks %q: %q", l.keys, l.what)
			}
		}
	}
	md := guideMarkdown(docs.Guide)
	if strings.Contains(md, "](") || !strings.Contains(md, "*(Hình: Sổ chi tiết)*") {
		t.Error("the guide shown keeps a picture or a link")
	}
}
