package xlsximport_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"wardledger/ledger"
	"wardledger/ledger/demo"
	"wardledger/ledger/sqlite"
	"wardledger/ledger/sqlite/sqlitetest"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsx/xlsxtest"
	"wardledger/ledger/xlsximport"
)

// BenchmarkImport17 imports 17 ward settlement workbooks of one half-year
// (about 3,000 entries each, exported from a demo ledger) into a new
// district ledger with ImportFiles, as wardctl import workbook does: one
// op is all 17 files. The district ledger is created outside the timer.
// Peak heap is reported as peak-heap-MB.
//
//	go test -run '^$' -bench Import17 -benchmem ./ledger/xlsximport/
func BenchmarkImport17(b *testing.B) { benchImport(b, 17, 3000, xlsxtest.Today) }

// BenchmarkImport126 is a province-sized exchange: 126 unit workbooks of
// about 6,000 entries each (one half-year) into one superior ledger. The
// workbooks are made once, before the timer (a few minutes).
//
//	go test -run '^$' -bench Import126 -benchtime 1x -count 3 ./ledger/xlsximport/
func BenchmarkImport126(b *testing.B) {
	benchImport(b, 126, 6000, ledger.NewDate(2026, 6, 30))
}

// benchImport exports the settlement workbook of each of wards demo wards
// (about perHalf entries in today's half-year) and imports them all into a
// new district ledger with ImportFiles, as wardctl import workbook does:
// one op is all the files; the district ledger is created outside the
// timer. It reports entries/s, the peak heap and the CPU time of the
// process (every core) per op, which a busy shared machine sways less.
func benchImport(b *testing.B, wards, perHalf int, today ledger.Date) {
	ctx := context.Background()
	dir := b.TempDir()
	src := sqlitetest.Demo(b, dir+"/wards.db", demo.Options{Wards: wards, Years: 1, EntriesPerHalf: perHalf, Today: today, Seed: 3}, sqlite.Options{})
	p := ledger.PeriodOf(today)
	units, err := src.Units(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var files []string
	entries := 0
	for _, u := range units {
		path, err := xlsx.Export(ctx, src, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: u.Code, Period: p, Now: xlsxtest.FixedNow}, dir)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, path)
		n, _ := src.CountEntries(ctx, ledger.EntryFilter{Unit: u.Code, Period: p})
		entries += n
	}
	i := 0
	var peak uint64
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		i++
		db := sqlitetest.District(b, fmt.Sprintf("%s/district%d.db", dir, i), units...)
		stop := xlsxtest.WatchHeap(&peak)
		b.StartTimer()
		c := cpuTime()
		xlsximport.ImportFiles(ctx, db, ledger.WorkbookSettlement, files, ledger.ImportOptions{}, func(r ledger.ImportResult) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
			if r.Import.Added == 0 {
				b.Fatal("nothing added")
			}
		})
		cpu += cpuTime() - c
		b.StopTimer()
		stop()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(entries)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(entries)/float64(len(files)), "entries/file")
}
