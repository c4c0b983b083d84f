package ui

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
	"wardledger/ui/widgets"
)

// TestAuditTab reads the audit trail page by page, newest first, and
// filters it by action, unit and half-year from the keyboard.
func TestAuditTab(t *testing.T) {
	path := mustLedgerFile(t)
	ctx := context.Background()
	l, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.AddEntry(ctx, &ledger.Entry{Unit: testWard.Code, Period: testPeriod, Kind: ledger.EntryAllocation, Nature: ledger.TX,
		Khoan: "341", Amount: 1_000_000_000, Doc: "QĐ-1", Date: testPeriod.Start()}); err != nil {
		t.Fatal(err)
	}
	for i := range 150 { // more than a page
		e := &ledger.Entry{Unit: testWard.Code, Period: testPeriod.Next(), Kind: ledger.EntryAllocation, Nature: ledger.TX,
			Khoan: "341", Amount: 1_000, Doc: fmt.Sprintf("QĐ-%d", i), Date: testPeriod.Next().Start()}
		if err := l.AddEntry(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	u, w := startUI(t, testOptions(path))
	sh := u.shell
	shortcut(w, fyne.Key8)
	u.tasks.wait()
	a := sh.audit
	if sh.tabs.Selected() != sh.auditItem || w.Canvas().Focused() != a.unitSel {
		t.Fatalf("Ctrl+8 shows %q", sh.tabs.Selected().Text)
	}
	// init, the ledger's role and way of keeping periods, the ward, 151
	// entries.
	if a.total != 155 || auditCell(a.row(0), 2) != "Ghi bút toán" || auditCell(a.row(0), 4) != "6T cuối 2026" {
		t.Fatalf("%d rows, newest %q %q", a.total, auditCell(a.row(0), 2), auditCell(a.row(0), 4))
	}
	if a.row(154) != nil {
		t.Fatal("the second page was there before it was read")
	}
	u.tasks.wait()
	if r := a.row(154); r == nil || r.Action != "init" || auditCell(r, 5) != testSuperior.Name {
		t.Fatalf("the oldest row: %+v", r)
	}

	// Filters, by keys: ← → step through a drop-down's choices.
	key(w, fyne.KeyRight) // the superior unit
	u.tasks.wait()
	if a.filter.Unit != testSuperior.Code || a.total != 1 || a.row(0).Action != "init" {
		t.Fatalf("the superior's rows: %d", a.total)
	}
	key(w, fyne.KeyRight) // the ward
	u.tasks.wait()
	key(w, fyne.KeyTab)
	if w.Canvas().Focused() != a.periodSel {
		t.Fatal("Tab does not reach the half-year filter")
	}
	for a.filter.Period != testPeriod {
		key(w, fyne.KeyRight)
		u.tasks.wait()
	}
	if a.total != 1 || a.row(0).Subject == "" {
		t.Fatalf("the ward's %s: %d rows", testPeriod, a.total)
	}
	key(w, fyne.KeyTab)
	key(w, fyne.KeyRight) // the first group: entries
	u.tasks.wait()
	if a.filter.Action != "entry" || a.total != 1 {
		t.Fatalf("entries of the ward in %s: %d", testPeriod, a.total)
	}

	// A reversal keyed now shows on top with its reason.
	shortcut(w, fyne.Key1)
	sh.selectPeriod(testPeriod)
	u.tasks.wait()
	keyLine(t, u, w, '1', "05/01/2026", "QĐ-2", "T", "341", "", "70000000", "")
	sh.book.selected = 0
	sh.book.reverseSelected()
	typeInto(w, sh.book.reversing.reason, "ghi trùng")
	key(w, fyne.KeyReturn)
	u.tasks.wait()
	shortcut(w, fyne.Key8)
	u.tasks.wait()
	if r := a.row(0); a.total != 3 || r.Action != "entry.reverse" || auditCell(r, 6) != "ghi trùng" || auditCell(r, 2) != "Đảo bút toán" {
		t.Fatalf("after a reversal: %d rows, newest %+v", a.total, r)
	}
}

// TestAuditColumnsFitWindow: the trail's columns, Lý do the last, are all
// on screen in the window as it opens.
func TestAuditColumnsFitWindow(t *testing.T) {
	var sum float32
	for _, c := range auditColumns {
		sum += widgets.HeaderWidth(c.Title, c.Width) + theme.Padding()
	}
	if sum > windowSize.Width-theme.ScrollBarSize() {
		t.Errorf("the columns take %.0f, the window is %.0f wide", sum, windowSize.Width)
	}
}
