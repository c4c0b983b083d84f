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
)

// TestExportWiring: the Excel menu's exporter writes a real workbook.
func TestExportWiring(t *testing.T) {
	ctx := context.Background()
	l, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	today := ledger.DateOf(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
	if err := demo.Generate(ctx, l, demo.Options{Wards: 2, Years: 1, EntriesPerHalf: 40, Today: today, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	steps := 0
	path, err := export(ctx, l, "settlement", demo.WardCode(0), ledger.PeriodOf(today), dir, func(done, total int) { steps++ })
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() < 5000 || filepath.Dir(path) != dir {
		t.Fatalf("workbook %s: %v", path, err)
	}
	if steps == 0 {
		t.Error("no progress reported")
	}
	if _, err := export(ctx, l, "nonsense", "", ledger.PeriodOf(today), dir, func(int, int) {}); err == nil {
		t.Error("unknown kind accepted")
	}
}
