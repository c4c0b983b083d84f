package demo_test

import (
	"context"
	"path/filepath"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/demo"
	"wardledger/ledger/sqlite"
)

// TestGenerate: the demo district obeys every rule (the store refuses
// anything else), passes the ledger check, has the right wards and periods,
// and about the asked number of entries per ward-period.
func TestGenerate(t *testing.T) {
	ctx := context.Background()
	today := ledger.NewDate(2026, 11, 27)
	db := generate(t, filepath.Join(t.TempDir(), "demo.db"), demo.Options{Wards: 3, Years: 2, EntriesPerHalf: 200, Today: today, Seed: 1})
	problems, err := db.Check(ctx)
	if err != nil || len(problems) > 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
	units, err := db.Units(ctx)
	if err != nil || len(units) != 3 || units[2].Name != "UBND phường Yết Kiêu" {
		t.Fatalf("units %v %v", units, err)
	}
	periods, err := db.Periods(ctx, units[0].Code)
	if err != nil {
		t.Fatal(err)
	}
	if len(periods) != 4 || periods[0].Period != ledger.MustPeriod("2025-H1") || periods[3].Period != ledger.MustPeriod("2026-H2") {
		t.Fatalf("periods %+v", periods)
	}
	for i, p := range periods {
		wantStatus := ledger.PeriodClosed
		if i == len(periods)-1 {
			wantStatus = ledger.PeriodOpen
		}
		if p.Status != wantStatus {
			t.Errorf("%s is %s", p.Period, p.Status)
		}
		if i < len(periods)-1 && (p.Entries < 150 || p.Entries > 260) {
			t.Errorf("%s has %d entries, asked about 200", p.Period, p.Entries)
		}
		st, err := ledger.Settlement(ctx, db, units[0].Code, p.Period)
		if err != nil {
			t.Fatal(err)
		}
		if st.Total["17"] <= 0 || st.Total["11"] <= st.Total["17"] {
			t.Errorf("%s: usable %s, settled %s", p.Period, st.Total["11"], st.Total["17"])
		}
		if i > 0 && st.Total["01"] <= 0 {
			t.Errorf("%s: nothing brought forward", p.Period)
		}
	}
	// The current half-year has nothing dated after today.
	entries, err := db.Entries(ctx, ledger.EntryFilter{Unit: units[0].Code, Period: ledger.MustPeriod("2026-H2"), Desc: true, Limit: 1})
	if err != nil || len(entries) != 1 || today.Before(entries[0].Date) {
		t.Errorf("latest entry %v %v", entries, err)
	}
	// Same seed, same ledger.
	db2 := generate(t, filepath.Join(t.TempDir(), "demo2.db"), demo.Options{Wards: 3, Years: 2, EntriesPerHalf: 200, Today: today, Seed: 1})
	a, _ := ledger.Settlement(ctx, db, ledger.AllUnits, ledger.MustPeriod("2026-H1"))
	b, _ := ledger.Settlement(ctx, db2, ledger.AllUnits, ledger.MustPeriod("2026-H1"))
	for _, code := range a.Form.Codes() {
		if a.Total[code] != b.Total[code] {
			t.Errorf("row %s differs between two runs with one seed: %s vs %s", code, a.Total[code], b.Total[code])
		}
	}
}

// generate creates a demo ledger at path.
func generate(t *testing.T, path string, o demo.Options) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	setup, err := demo.Setup(o)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Create(ctx, path, setup, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := demo.Generate(ctx, db, o); err != nil {
		t.Fatal(err)
	}
	return db
}

// Bulk is a history every rule accepts in one batch, and it is the same
// history Generate writes: the same statements, period by period.
func TestBulk(t *testing.T) {
	ctx := context.Background()
	o := demo.Options{Wards: 2, Years: 2, EntriesPerHalf: 120, Today: ledger.NewDate(2026, 11, 27), Seed: 3}
	es, err := demo.Bulk(o)
	if err != nil {
		t.Fatal(err)
	}
	setup, _ := demo.Setup(o)
	db, err := sqlite.Create(ctx, filepath.Join(t.TempDir(), "bulk.db"), setup, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.AddEntries(ctx, es, ledger.BatchSource{Reason: "bulk"}); err != nil {
		t.Fatal(err)
	}
	if ps, err := db.Check(ctx); err != nil || len(ps) > 0 {
		t.Fatalf("check: %v %v", ps, err)
	}
	gen := generate(t, filepath.Join(t.TempDir(), "gen.db"), o)
	for _, p := range []string{"2025-H1", "2025-H2", "2026-H1", "2026-H2"} {
		a, err := ledger.Settlement(ctx, db, ledger.AllUnits, ledger.MustPeriod(p))
		if err != nil {
			t.Fatal(err)
		}
		b, err := ledger.Settlement(ctx, gen, ledger.AllUnits, ledger.MustPeriod(p))
		if err != nil {
			t.Fatal(err)
		}
		for _, code := range a.Form.Codes() {
			if a.Total[code] != b.Total[code] {
				t.Errorf("%s row %s: bulk %s, generated %s", p, code, a.Total[code], b.Total[code])
			}
		}
	}
}
