package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"wardledger/ledger"
)

// TestAllocationGrid allocates the next half-year to both wards from the
// grid: totals follow the amounts typed, the decision number is required,
// saving records one allocation entry per amount, and the statement of
// the next period shows them.
func TestAllocationGrid(t *testing.T) {
	u, w := districtUI(t, showAllocation)
	sh := u.shell
	a := sh.alloc
	next := ledger.MustPeriod("2026-H2")
	if a.period != next {
		t.Fatalf("allocating %s, want the next half-year %s", a.period, next)
	}
	tx := ledger.Line{Khoan: "341", Nature: ledger.TX}
	ktx := ledger.Line{Khoan: "341", Nature: ledger.KTX}
	if len(a.lines) != 2 || a.lines[0] != tx || a.lines[1] != ktx || len(a.wards) != 2 {
		t.Fatalf("grid lines %v × %d wards, want 341 TX, KTX × 2", a.lines, len(a.wards))
	}
	clearInto(w, a.cells[tx][0], "600000000")
	clearInto(w, a.cells[tx][1], "450000000")
	clearInto(w, a.cells[ktx][0], "90000000")
	if a.lineTotals[tx].Text != "1.050.000.000" || a.wardTotals[0].Text != "690.000.000" || a.grand.Text != "1.140.000.000" {
		t.Errorf("totals: line %q, ward %q, all %q", a.lineTotals[tx].Text, a.wardTotals[0].Text, a.grand.Text)
	}

	// A negative amount is marked, left out of the totals and named.
	clearInto(w, a.cells[ktx][1], "-5000000")
	if !contains(a.banner.Text, testWard2.Name) || !contains(a.banner.Text, "âm") || a.grand.Text != "1.140.000.000" {
		t.Errorf("negative amount: banner %q, total %q", a.banner.Text, a.grand.Text)
	}
	clearInto(w, a.cells[ktx][1], "")

	test.Tap(a.saveBtn) // no decision number
	if a.fields["doc"].Err() == "" || a.asked != nil {
		t.Fatalf("saved without a decision number (note %q)", a.fields["doc"].Note.Text)
	}
	typeInto(w, a.doc, "215/QĐ-UBND")
	typeInto(w, a.date, "2006") // 20/06 of the period's year
	a.normaliseDate()
	if a.date.Text != "20/06/2026" {
		t.Errorf("date %q", a.date.Text)
	}
	test.Tap(a.saveBtn)
	if a.asked == nil {
		t.Fatalf("no confirmation: %q", a.banner.Text)
	}
	a.asked.Confirm()
	u.tasks.wait()

	ctx := context.Background()
	count := func(unit string) int {
		n, err := sh.s.l.CountEntries(ctx, ledger.EntryFilter{Unit: unit, Period: next, Kinds: []ledger.EntryKind{ledger.EntryAllocation}})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n1, n2 := count(testWard.Code), count(testWard2.Code); n1 != 2 || n2 != 1 {
		t.Fatalf("allocation entries %d and %d, want 2 and 1 (banner %q)", n1, n2, a.banner.Text)
	}
	es, _ := sh.s.l.Entries(ctx, ledger.EntryFilter{Unit: testWard.Code, Period: next})
	for _, e := range es {
		if e.Doc != "215/QĐ-UBND" || e.Date != ledger.NewDate(2026, 6, 20) {
			t.Errorf("entry %+v", e)
		}
	}
	if a.cells[tx][0].Text != "" || a.prior[testWard.Code] != 690_000_000 || !contains(a.banner.Text, "Đã ghi quyết định số 215/QĐ-UBND") {
		t.Errorf("after saving: cell %q, already allocated %v, banner %q", a.cells[tx][0].Text, a.prior, a.banner.Text)
	}

	// The statement of the next half-year has the allocation (row 09: TX).
	sh.selectPeriod(next)
	u.tasks.wait()
	if got := row(u, "09"); got != 600_000_000 {
		t.Errorf("row 09 of %s = %s, want 600.000.000", next, got)
	}
	if got := row(u, "10"); got != 90_000_000 {
		t.Errorf("row 10 of %s = %s, want 90.000.000", next, got)
	}
}

// TestAllocationAddKhoan adds a Khoản to the grid and fills from the
// period before.
func TestAllocationAddKhoan(t *testing.T) {
	u, w := districtUI(t, showAllocation)
	sh := u.shell
	a := sh.alloc
	typeInto(w, a.khoan, "341")
	test.Tap(a.addBtn)
	if len(a.lines) != 2 {
		t.Fatalf("adding a Khoản already there changed the lines: %v", a.lines)
	}
	clearInto(w, a.cells[a.lines[0]][1], "7000000")
	cat := sh.s.catalogue().Level(ledger.LevelKhoan)
	other := ""
	for _, c := range cat {
		if c.Code != "341" {
			other = c.Code
			break
		}
	}
	typeInto(w, a.khoan, other)
	test.Tap(a.addBtn)
	if len(a.lines) != 4 {
		t.Fatalf("lines after adding Khoản %s: %v", other, a.lines)
	}
	if a.cells[ledger.Line{Khoan: "341", Nature: ledger.TX}][1].Text != "7.000.000" {
		t.Errorf("the amount typed was lost when the grid grew")
	}
	a.fillFromBefore()
	if got := a.cells[ledger.Line{Khoan: "341", Nature: ledger.TX}][0].Text; got != "500.000.000" {
		t.Errorf("filled from 2026-H1: %q", got)
	}
	if got := a.cells[ledger.Line{Khoan: "341", Nature: ledger.TX}][1].Text; got != "7.000.000" {
		t.Errorf("a typed amount was overwritten: %q", got)
	}
}

// TestAllocationRefused: when the ledger refuses one amount (here the
// second ward's half-year is already closed) nothing of the decision is
// recorded, and the refusal names the ward and the line.
func TestAllocationRefused(t *testing.T) {
	u, w := districtUI(t, showAllocation)
	sh := u.shell
	a := sh.alloc
	ctx := context.Background()
	for _, p := range []ledger.Period{testPeriod, a.period} {
		if err := sh.s.l.ClosePeriod(ctx, testWard2.Code, p, nil); err != nil {
			t.Fatal(err)
		}
	}
	tx := ledger.Line{Khoan: "341", Nature: ledger.TX}
	clearInto(w, a.cells[tx][0], "600000000")
	clearInto(w, a.cells[tx][1], "450000000")
	typeInto(w, a.doc, "216/QĐ-UBND")
	typeInto(w, a.date, "20/06/2026")
	test.Tap(a.saveBtn)
	a.asked.Confirm()
	u.tasks.wait()
	if !contains(a.banner.Text, testWard2.Name) || !contains(a.banner.Text, "Khoản 341") || !contains(a.banner.Text, "không ghi bút toán nào") {
		t.Errorf("refusal: %q", a.banner.Text)
	}
	n, err := sh.s.l.CountEntries(ctx, ledger.EntryFilter{Unit: testWard.Code, Period: a.period})
	if err != nil || n != 0 {
		t.Errorf("%d entries of the refused decision recorded for the first ward", n)
	}
	if a.cells[tx][0].Text != "600.000.000" {
		t.Errorf("the amounts typed were lost: %q", a.cells[tx][0].Text)
	}
}
