// Command wardledger is the desktop app of WardLedger for the ward
// accountant and the district reviewer. It only wires: the screens are in
// package ui, the ledger file is opened by ledger/sqlite, workbooks are
// written by ledger/xlsx and imported by ledger/xlsximport.
package main

import (
	"context"
	"flag"
	"os"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2/app"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsximport"
	"wardledger/ui"
)

func main() {
	start := time.Now()
	db := flag.String("db", "", "ledger file (default: the one used last, else "+ledger.DefaultDBPath()+")")
	shot := flag.String("screenshot", os.Getenv("WARDLEDGER_SCREENSHOT"), "write the window to this PNG once the ledger is shown, print timings, quit")
	view := flag.String("screenshot-view", "so", "what the screenshot shows: so, nhap, loi, quyettoan, chitiet, xuatexcel, xuatxong, xetduyet, tonghop, giaodutoan, nhapbaocao, donvi, danhmuc, goima, themma, khoaso, batdau")
	flag.Parse()
	if os.Getenv("GOMEMLIMIT") == "" {
		// The live heap is ~30 MB; without a limit the collector lets it
		// double before running, which an office PC pays for in RAM.
		debug.SetMemoryLimit(48 << 20)
	}

	a := app.NewWithID(ledger.AppID)
	w := a.NewWindow("WardLedger")
	u := ui.Create(a, w, ui.Options{
		DBPath: *db, Screenshot: *shot, ScreenshotView: *view, Started: start,
		Open: func(ctx context.Context, path string) (ledger.Ledger, error) {
			return sqlite.Open(ctx, path, sqlite.Options{})
		},
		Create: func(ctx context.Context, path string, setup ledger.Setup) (ledger.Ledger, error) {
			return sqlite.Create(ctx, path, setup, sqlite.Options{})
		},
		Export:        export,
		ExportAnnexes: exportAnnexes,
		Import:        importWorkbooks,
		Capture:       glCapture,
		ReadCatalogue: xlsximport.ReadCatalogue,
		ExportCatalogue: func(ctx context.Context, cat *ledger.Catalogue, out string) (string, error) {
			return xlsx.ExportCatalogue(ctx, cat, out, time.Now())
		},
	})
	w.ShowAndRun()
	if u.ScreenshotError() != nil {
		os.Exit(1)
	}
}

// export writes a workbook with ledger/xlsx for the app's Excel menu, to
// the file chosen (or into a folder, under its default name).
func export(ctx context.Context, l ledger.Ledger, kind ledger.WorkbookKind, unit string, p ledger.Period, out string, progress func(done, total int)) (string, error) {
	if err := l.Health(ctx); err != nil {
		return "", err // a damaged ledger is never passed on
	}
	return xlsx.Export(ctx, l, xlsx.Request{Kind: kind, Unit: unit, Period: p, Progress: progress}, out)
}

// exportAnnexes writes every subordinate unit's allocation annex of p into
// dir.
func exportAnnexes(ctx context.Context, l ledger.Ledger, p ledger.Period, dir string, progress func(done, total int)) ([]string, error) {
	if err := l.Health(ctx); err != nil {
		return nil, err
	}
	return xlsx.ExportAnnexes(ctx, l, xlsx.Request{Kind: ledger.WorkbookAnnex, Period: p, Progress: progress}, dir)
}

// importWorkbooks brings workbooks into l through the import pipeline
// wardctl uses too: subordinate units' settlements or allocation annexes.
func importWorkbooks(ctx context.Context, l ledger.Ledger, kind ledger.WorkbookKind, paths []string, done func(ledger.ImportResult)) {
	xlsximport.ImportFiles(ctx, l, kind, paths, ledger.ImportOptions{}, done)
}
