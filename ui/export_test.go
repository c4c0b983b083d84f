package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"wardledger/ledger"
)

// fakeExport stands in for ledger/xlsx (wired by cmd/wardledger, tested
// there): it reports progress and writes a file named like the real one.
func fakeExport(ctx context.Context, l ledger.Ledger, kind, unit string, p ledger.Period, dir string, progress func(done, total int)) (string, error) {
	if _, err := l.Totals(ctx, unit, p); err != nil {
		return "", err
	}
	for i := 1; i <= 4; i++ {
		progress(i, 4)
	}
	path := filepath.Join(dir, "QT_"+unit+"_"+p.String()+".xlsx")
	return path, os.WriteFile(path, []byte(kind), 0o644)
}

// TestExportSettlement writes the ward's settlement workbook from the app.
func TestExportSettlement(t *testing.T) {
	opts := testOptions(mustLedgerFile(t))
	opts.Export = fakeExport
	u, w := startUI(t, opts)
	keyBasics(t, u, w)
	dir := t.TempDir()
	j := u.shell.exportTo(exportSettlement, dir)
	u.tasks.wait()
	<-j.done
	want := filepath.Join(dir, "QT_"+testWard.Code+"_"+testPeriod.String()+".xlsx")
	if data, err := os.ReadFile(want); err != nil || string(data) != exportSettlement {
		t.Fatalf("workbook %s: %v", want, err)
	}
	if j.bar.Value != 1 {
		t.Errorf("progress ended at %v", j.bar.Value)
	}
	if !contains(u.shell.statusBar.Text, want) {
		t.Errorf("status bar = %q", u.shell.statusBar.Text)
	}
}

// TestExportCancel: Cancel stops a long export and leaves no file.
func TestExportCancel(t *testing.T) {
	opts := testOptions(mustLedgerFile(t))
	started := make(chan struct{})
	opts.Export = func(ctx context.Context, l ledger.Ledger, kind, unit string, p ledger.Period, dir string, progress func(done, total int)) (string, error) {
		progress(1, 10)
		close(started)
		<-ctx.Done()
		return "", ctx.Err()
	}
	u, _ := startUI(t, opts)
	j := u.shell.exportTo(exportDistrict, t.TempDir())
	<-started
	j.cancel()
	u.tasks.wait()
	<-j.done
	if !contains(u.shell.statusBar.Text, "Đã hủy") {
		t.Errorf("status bar = %q", u.shell.statusBar.Text)
	}
}
