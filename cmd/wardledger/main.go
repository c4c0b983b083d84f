// Command wardledger is the desktop app of WardLedger for the ward
// accountant and the district reviewer. It only wires: the screens are in
// package ui, the ledger file is opened by ledger/sqlite, workbooks are
// written by ledger/xlsx and imported by ledger/xlsximport. Its screenshot
// mode (screenshot.go) drives the window for the smoke test and the
// pictures of the guide.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2/app"

	"wardledger/assets"
	"wardledger/ledger"
	"wardledger/ledger/sqlite"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsximport"
	"wardledger/ui"
	"wardledger/ui/applog"
)

func main() {
	start := time.Now()
	db := flag.String("db", "", "ledger file (default: the one used last, else "+ledger.DefaultDBPath()+")")
	shot := flag.String("screenshot", os.Getenv("WARDLEDGER_SCREENSHOT"), "write the window to this PNG once the ledger is shown, print timings, quit")
	view := flag.String("screenshot-view", "so", "what the screenshot shows: "+screenshotViews)
	version := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *version {
		fmt.Println("wardledger", assets.Version)
		return
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// The live heap is ~30 MB; without a limit the collector lets it
		// double before running, which an office PC pays for in RAM.
		debug.SetMemoryLimit(48 << 20)
	}
	// What the app, Fyne and GLFW would print goes to the log file: a
	// Windows GUI program has no stderr. Without a log it still runs.
	g := &graphicsWatch{}
	logPath := ""
	if l, err := applog.Start(applog.DefaultPath(), "WardLedger "+assets.Version); err == nil {
		defer l.Close()
		l.Watch(g.line)
		logPath = l.Path()
	} else {
		log.Printf("no log file: %v", err)
	}

	a := app.NewWithID(ledger.AppID)
	w := a.NewWindow("WardLedger")
	opts := ui.Options{
		DBPath: *db, LogPath: logPath,
		Open: func(ctx context.Context, path string) (ledger.Ledger, error) {
			return sqlite.Open(ctx, path, sqlite.Options{})
		},
		Create: func(ctx context.Context, path string, setup ledger.Setup) (ledger.Ledger, error) {
			return sqlite.Create(ctx, path, setup, sqlite.Options{})
		},
		Export:        export,
		ExportAnnexes: exportAnnexes,
		Import:        importWorkbooks,
		ReadCatalogue: xlsximport.ReadCatalogue,
		ExportCatalogue: func(ctx context.Context, cat *ledger.Catalogue, out string) (string, error) {
			return xlsx.ExportCatalogue(ctx, cat, out, time.Now())
		},
	}
	var shots *screenshotMode
	if *shot != "" {
		shots = newScreenshotMode(a, w, *shot, *view, start)
		shots.wire(&opts)
	}
	u := ui.Create(a, w, opts)
	if shots != nil {
		shots.start(u)
	}
	if err := showWindow(w, g); err != nil {
		// Without a window the app would run on unseen, holding the
		// ledger: say why, release the ledger, and stop.
		log.Printf("the window could not be created: %v", err)
		u.Close()
		messageBox(noWindowTitle, noWindowText(err, logPath))
		log.Printf("WardLedger stopped: no window")
		os.Exit(1)
	}
	a.Run()
	log.Printf("WardLedger stopped")
	if shots != nil && shots.Err() != nil {
		os.Exit(1)
	}
}

// export writes a workbook with ledger/xlsx for the app's Excel menu, to
// the file chosen (or into a folder, under its default name).
func export(ctx context.Context, l ledger.Ledger, kind ledger.WorkbookKind, unit string, p ledger.Period, out string, progress func(done, total int)) (string, error) {
	if err := l.Health(ctx); err != nil {
		return "", err // a damaged ledger is never passed on
	}
	return xlsx.Export(ctx, l, xlsx.Request{Kind: kind, Unit: unit, Period: p, Progress: progress, AppVersion: assets.Version}, out)
}

// exportAnnexes writes every subordinate unit's allocation annex of p into
// dir.
func exportAnnexes(ctx context.Context, l ledger.Ledger, p ledger.Period, dir string, progress func(done, total int)) ([]string, error) {
	if err := l.Health(ctx); err != nil {
		return nil, err
	}
	return xlsx.ExportAnnexes(ctx, l, xlsx.Request{Kind: ledger.WorkbookAnnex, Period: p, Progress: progress, AppVersion: assets.Version}, dir)
}

// importWorkbooks brings workbooks into l through the import pipeline
// wardctl uses too: subordinate units' settlements or allocation annexes.
func importWorkbooks(ctx context.Context, l ledger.Ledger, kind ledger.WorkbookKind, paths []string, done func(ledger.ImportResult)) {
	xlsximport.ImportFiles(ctx, l, kind, paths, done)
}
