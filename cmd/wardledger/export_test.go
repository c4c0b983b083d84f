package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"wardledger/ledger"
	"wardledger/ledger/demo"
	"wardledger/ledger/sqlite"
	"wardledger/ledger/sqlite/sqlitetest"
	"wardledger/ui"
)

// TestExportWiring: the Excel menu's exporter writes a real workbook.
func TestExportWiring(t *testing.T) {
	ctx := context.Background()
	today := ledger.DateOf(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
	l := sqlitetest.Demo(t, filepath.Join(t.TempDir(), "demo.db"), demo.Options{Wards: 2, Years: 1, EntriesPerHalf: 40, Today: today, Seed: 1}, sqlite.Options{})
	dir := t.TempDir()
	steps := 0
	path, err := export(ctx, l, ui.ExportJob{Kind: ledger.WorkbookSettlement, Unit: demo.WardCode(0), Period: ledger.PeriodOf(today), Out: dir, Progress: func(done, total int) { steps++ }})
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() < 5000 || filepath.Dir(path) != dir {
		t.Fatalf("workbook %s: %v", path, err)
	}
	if steps == 0 {
		t.Error("no progress reported")
	}
	if _, err := export(ctx, l, ui.ExportJob{Kind: ledger.WorkbookKind("nonsense"), Period: ledger.PeriodOf(today), Out: dir, Progress: func(int, int) {}}); err == nil {
		t.Error("unknown kind accepted")
	}
}

// TestImportWiring: a ward's workbook written by the export hook comes
// into another ledger through the import hook, once; a ward that ledger
// does not know is named by ImportResult.UnknownUnit; the annex hook round-trips an
// allocation back to the ward's own ledger.
func TestImportWiring(t *testing.T) {
	ctx := context.Background()
	today := ledger.DateOf(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
	ward := sqlitetest.Demo(t, filepath.Join(t.TempDir(), "phuong.db"), demo.Options{Wards: 2, Years: 1, EntriesPerHalf: 40, Today: today, Seed: 1}, sqlite.Options{})
	p := ledger.PeriodOf(today).Prev()
	code := demo.WardCode(1)
	dir := t.TempDir()
	sup, _ := ward.Superior(ctx)
	name := ledger.WorkbookSettlement.FileName(code, p, sup.Code)
	if name != "QT_"+code+"_"+p.String()+".xlsx" {
		t.Errorf("default name %q", name)
	}
	path, err := export(ctx, ward, ui.ExportJob{Kind: ledger.WorkbookSettlement, Unit: code, Period: p, Out: filepath.Join(dir, name), Progress: func(int, int) {}})
	if err != nil {
		t.Fatal(err)
	}

	district := sqlitetest.New(t, filepath.Join(t.TempDir(), "quan.db"), ledger.Setup{Superior: sup}, sqlite.Options{})
	importOne := func(l ledger.Ledger, kind ledger.WorkbookKind, path string) ledger.ImportResult {
		var got []ledger.ImportResult
		importWorkbooks(ctx, l, kind, []string{path}, ledger.ImportOptions{}, func(r ledger.ImportResult) { got = append(got, r) })
		if len(got) != 1 {
			t.Fatalf("%d results for one file", len(got))
		}
		return got[0]
	}
	res := importOne(district, ledger.WorkbookSettlement, path)
	u, ok := res.UnknownUnit()
	if !ok || u.Code != code {
		t.Fatalf("unknown ward not named: %v", res.Err)
	}
	if err := district.AddUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	first := importOne(district, ledger.WorkbookSettlement, path)
	if first.Err != nil || first.Import.Added == 0 {
		t.Fatalf("import: %+v", first)
	}
	again := importOne(district, ledger.WorkbookSettlement, path)
	if again.Err != nil || again.Import.Added != 0 || again.Import.Skipped != first.Import.Added {
		t.Fatalf("second import: %+v", again)
	}

	// The district allocates the next half-year; the ward imports its annex.
	next := p.Next().Next()
	dec := ledger.AllocationDecision{Period: next, Doc: "215/QĐ-UBND", Date: today,
		Cells: map[string]map[ledger.Line]ledger.Money{code: {{Khoan: "341", Nature: ledger.TX}: 600_000_000}}}
	es, err := dec.Entries()
	if err != nil {
		t.Fatal(err)
	}
	if err := district.AddEntries(ctx, es, ledger.BatchSource{Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	annexes, err := exportAnnexes(ctx, district, next, t.TempDir(), func(int, int) {})
	if err != nil || len(annexes) != 1 {
		t.Fatalf("annexes %v: %v", annexes, err)
	}
	// The ward's side is the ward's own ledger.
	if err := ward.SetRole(ctx, ledger.UnitRole(code), "sổ của phường"); err != nil {
		t.Fatal(err)
	}
	got := importOne(ward, ledger.WorkbookAnnex, annexes[0])
	if got.Err != nil || got.Import.Added != 1 || got.Import.Unit != code || got.Import.Period != next {
		t.Fatalf("annex import: %+v", got)
	}
}
