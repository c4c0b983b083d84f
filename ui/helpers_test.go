package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsximport"
)

// The ledger every test starts from: a district and one ward, on
// 15/03/2026 (first half of 2026 open).
var (
	testSuperior = ledger.Unit{Code: "1000001", Name: "UBND quận Thử Nghiệm", Chapter: "599", Superior: true}
	testWard     = ledger.Unit{Code: "1000002", Name: "UBND phường Một", Chapter: "599"}
	testToday    = ledger.NewDate(2026, 3, 15)
	testPeriod   = ledger.MustPeriod("2026-H1")
)

func openSQLite(ctx context.Context, path string) (ledger.Ledger, error) {
	return sqlite.Open(ctx, path, sqlite.Options{})
}

func createSQLite(ctx context.Context, path string, setup ledger.Setup) (ledger.Ledger, error) {
	return sqlite.Create(ctx, path, setup, sqlite.Options{})
}

// mustLedgerFile creates a ledger file with the test units and returns its
// path.
func mustLedgerFile(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "so-test.db")
	ctx := context.Background()
	l, err := sqlite.Create(ctx, path, ledger.Setup{Superior: testSuperior, Units: []ledger.Unit{testWard}}, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	return path
}

func testOptions(path string) Options {
	return Options{
		DBPath: path, Open: openSQLite, Create: createSQLite,
		Today:         func() ledger.Date { return testToday },
		ReadCatalogue: xlsximport.ReadCatalogue,
		ExportCatalogue: func(ctx context.Context, cat *ledger.Catalogue, out string) (string, error) {
			return xlsx.ExportCatalogue(ctx, cat, out, time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC))
		},
		queued: true,
	}
}

// startUI opens path in a test window (no display) and waits until the
// main screen shows its data.
func startUI(t testing.TB, opts Options) (*UI, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("WardLedger")
	w.Resize(fyne.NewSize(1320, 740))
	u := Create(a, w, opts)
	t.Cleanup(func() {
		u.tasks.wait()
		u.Close()
	})
	u.tasks.wait()
	return u, w
}

// newTestUI is startUI on a fresh ledger with the test units.
func newTestUI(t testing.TB) (*UI, fyne.Window) {
	t.Helper()
	u, w := startUI(t, testOptions(mustLedgerFile(t)))
	if u.shell == nil {
		t.Fatal("the main screen did not open")
	}
	return u, w
}

// typeInto focuses obj as a click would and types s into it one rune at a
// time, as a keyboard does.
func typeInto(w fyne.Window, obj fyne.Focusable, s string) {
	w.Canvas().Focus(obj)
	for _, r := range s {
		obj.TypedRune(r)
	}
}

// press sends a key to whatever has the keyboard.
func press(w fyne.Window, name fyne.KeyName) {
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: name})
	}
}

// tab moves the keyboard to the next field, as the Tab key does.
func tab(w fyne.Window) { test.FocusNext(w.Canvas()) }

// clearable is an entry of the form (textEntry and the widgets built on it).
type clearable interface {
	fyne.Focusable
	SetText(string)
}

// clearInto empties an entry and types s into it.
func clearInto(w fyne.Window, e clearable, s string) {
	e.SetText("")
	typeInto(w, e, s)
}

// keyLine keys one voucher line through the form as an accountant would:
// kind by its number key, code pickers by typing, amount by digits, Enter.
func keyLine(t testing.TB, u *UI, w fyne.Window, kindKey rune, date, doc, nature, khoan, tieuMuc, amount, memo string) {
	t.Helper()
	keyVoucher(w, u.shell.book.form, kindKey, date, doc, nature, khoan, tieuMuc, amount, memo)
	press(w, fyne.KeyReturn)
	u.tasks.wait()
}

// keyVoucher fills the voucher form field by field, moving with Tab,
// leaving the keyboard in the memo without saving.
func keyVoucher(w fyne.Window, f *entryForm, kindKey rune, date, doc, nature, khoan, tieuMuc, amount, memo string) {
	clearInto(w, f.date, date)
	tab(w)
	clearInto(w, f.doc, doc)
	tab(w)
	f.kind.TypedRune(kindKey)
	tab(w)
	f.nature.TypedRune([]rune(nature)[0])
	tab(w)
	clearInto(w, f.khoan, khoan)
	tab(w)
	clearInto(w, f.tieuMuc, tieuMuc)
	tab(w)
	clearInto(w, f.amount, amount)
	tab(w)
	clearInto(w, f.memo, memo)
}

// row returns a statement row of the selected unit and period.
func row(u *UI, code string) ledger.Money {
	if u.shell.stmt.st == nil {
		return 0
	}
	return u.shell.stmt.st.Total[code]
}

// tableText is the text of a cell of the entries table as drawn.
func tableText(u *UI, r, c int) string {
	e, reversed, _ := u.shell.book.pages.row(r)
	if e == nil {
		return ""
	}
	return u.shell.book.cellText(e, reversed, c)
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// A second ward, for the district's screens.
var testWard2 = ledger.Unit{Code: "1000003", Name: "UBND phường Hai", Chapter: "599"}

// wardEntries are the basics of a half-year of one ward on Khoản 341:
// allocated TX 500.000.000 and KTX 80.000.000, withdrawn 100.000.000 and
// 30.000.000, spent 60.000.000 (6501) and 20.000.000 (6606).
func wardEntries(unit string, p ledger.Period) []*ledger.Entry {
	d := p.Start()
	e := func(k ledger.EntryKind, n ledger.Nature, tm string, amount ledger.Money, doc string) *ledger.Entry {
		return &ledger.Entry{Unit: unit, Period: p, Kind: k, Nature: n, Khoan: "341", TieuMuc: tm, Amount: amount, Doc: doc, Date: d}
	}
	return []*ledger.Entry{
		e(ledger.EntryAllocation, ledger.TX, "", 500_000_000, "15/QĐ-UBND"),
		e(ledger.EntryAllocation, ledger.KTX, "", 80_000_000, "15/QĐ-UBND"),
		e(ledger.EntryWithdrawal, ledger.TX, "", 100_000_000, "C2-02a/001"),
		e(ledger.EntryWithdrawal, ledger.KTX, "", 30_000_000, "C2-02a/002"),
		e(ledger.EntrySpending, ledger.TX, "6501", 60_000_000, "PC001"),
		e(ledger.EntrySpending, ledger.KTX, "6606", 20_000_000, "PC002"),
	}
}

// mustDistrictFile is a district ledger with two wards: the first has its
// workbook for testPeriod imported (its review can start), the second
// sent nothing.
func mustDistrictFile(t testing.TB) string {
	t.Helper()
	path := mustLedgerFile(t)
	ctx := context.Background()
	l, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := l.AddUnit(ctx, testWard2); err != nil {
		t.Fatal(err)
	}
	if err := l.AddEntries(ctx, wardEntries(testWard.Code, testPeriod), ledger.BatchSource{Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	// Import what is already there: the import is recorded, as when the
	// ward's workbook came in, and nothing is added.
	es, err := l.Entries(ctx, ledger.EntryFilter{Unit: testWard.Code, Period: testPeriod})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.ImportEntries(ctx, &ledger.Import{Unit: testWard.Code, Period: testPeriod, File: "QT_1000002_2026-H1.xlsx", SHA256: strings.Repeat("ab", 32)}, es); err != nil {
		t.Fatal(err)
	}
	return path
}

// labelTexts are the texts of every label under o, in order.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func anyContains(texts []string, sub string) bool {
	for _, s := range texts {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// districtUI opens the district ledger of mustDistrictFile and runs show
// (select a tab, open a review), waiting for its data.
func districtUI(t testing.TB, show func(sh *shell)) (*UI, fyne.Window) {
	t.Helper()
	u, w := startUI(t, testOptions(mustDistrictFile(t)))
	show(u.shell)
	u.tasks.wait()
	return u, w
}

func showAllocation(sh *shell) { sh.tabs.Select(sh.allocItem) }

func reviewOf(unit string) func(*shell) {
	return func(sh *shell) { sh.openReview(unit, testPeriod) }
}
