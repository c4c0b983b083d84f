package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"wardledger/ledger"
)

// TestShow: a view selects its unit, half-year and tab, the keyboard in
// the tab's first field; a review opens on the Khoản asked.
func TestShow(t *testing.T) {
	var screens []Screen
	opts := testOptions(mustDistrictFile(t))
	opts.OnReady = func(s Screen) { screens = append(screens, s) }
	u, w := startUI(t, opts)
	sh := u.shell
	if len(screens) != 1 || screens[0] != ScreenMain || w.Canvas().Focused() != sh.book.form.date {
		t.Fatalf("ready with %v, keyboard in %T", screens, w.Canvas().Focused())
	}

	u.Show(View{Tab: TabReview, Unit: testWard.Code, Period: testPeriod, Khoan: "341"})
	u.tasks.wait()
	if sh.tabs.Selected() != sh.reviewItem || sh.unit.Code != testWard.Code || sh.period != testPeriod ||
		sh.review.reported == nil || sh.review.khoan != "341" {
		t.Fatalf("review of %s %s on %q, Khoản %q", sh.unit.Code, sh.period, sh.tabs.Selected().Text, sh.review.khoan)
	}

	if want := "so-test.db · 1000002 UBND phường Một · 6 tháng đầu năm 2026 — WardLedger"; w.Title() != want {
		t.Errorf("window title %q, want %q", w.Title(), want)
	}

	u.Show(View{Tab: TabSpendingDetail})
	if sh.tabs.Selected() != sh.stmtItem || sh.stmt.tabs.SelectedIndex() != 1 || sh.unit.Code != testWard.Code {
		t.Errorf("F01-01 not shown: %q, page %d", sh.tabs.Selected().Text, sh.stmt.tabs.SelectedIndex())
	}
	u.Show(View{Tab: TabCatalogue})
	if sh.tabs.Selected() != sh.codesItem || w.Canvas().Focused() != sh.codes.search {
		t.Errorf("catalogue: %q, keyboard in %T", sh.tabs.Selected().Text, w.Canvas().Focused())
	}
	u.Show(View{Tab: TabAllocation})
	if sh.tabs.Selected() != sh.allocItem || w.Canvas().Focused() != sh.alloc.doc {
		t.Errorf("allocation: %q, keyboard in %T", sh.tabs.Selected().Text, w.Canvas().Focused())
	}
	u.tasks.wait()
}

// TestImportFolder lists a folder's workbooks and, asked to, imports them
// all.
func TestImportFolder(t *testing.T) {
	opts := testOptions(mustDistrictFile(t))
	var imported []string
	opts.Import = func(ctx context.Context, l ledger.Ledger, kind ledger.WorkbookKind, paths []string, _ ledger.ImportOptions, done func(ledger.ImportResult)) {
		imported = append(imported, paths...)
		fakeImports(ctx, l, kind, paths, ledger.ImportOptions{}, done)
	}
	u, _ := startUI(t, opts)
	dir := t.TempDir()
	for _, n := range []string{"QT_1000002_2026-H1.xlsx", "ghi chu.xlsx"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	u.ImportFolder(ledger.WorkbookSettlement, dir, false)
	if p := u.shell.picker; p == nil || len(p.files) != 2 || len(imported) != 0 {
		t.Fatalf("picker %+v, imported %v", p, imported)
	}
	u.ImportFolder(ledger.WorkbookSettlement, dir, true)
	u.tasks.wait()
	if len(imported) != 2 || u.shell.importing == nil || u.shell.importing.summary == nil {
		t.Fatalf("imported %v", imported)
	}
}
