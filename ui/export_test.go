package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"wardledger/ledger"
)

// fakeExport stands in for ledger/xlsx (wired by cmd/wardledger, tested
// there): it reports progress and writes the file chosen, or one named
// like the real one in a folder.
func fakeExport(ctx context.Context, l ledger.Ledger, job ExportJob) (string, error) {
	if _, err := l.Totals(ctx, job.Unit, job.Period); err != nil {
		return "", err
	}
	for i := 1; i <= 4; i++ {
		job.Progress(i, 4)
	}
	path := job.Out
	if st, err := os.Stat(job.Out); err == nil && st.IsDir() {
		path = filepath.Join(job.Out, "QT_"+job.Unit+"_"+job.Period.String()+".xlsx")
	}
	return path, os.WriteFile(path, []byte(job.Kind), 0o644)
}

// TestExportSettlement writes the ward's settlement workbook to the file
// the save dialog returned, then offers to open its folder.
func TestExportSettlement(t *testing.T) {
	opts := testOptions(mustLedgerFile(t))
	opts.Export = fakeExport
	var opened []string
	opts.OpenFolder = func(dir string) error { opened = append(opened, dir); return nil }
	u, w := startUI(t, opts)
	keyBasics(t, u, w)
	sh := u.shell
	r := sh.request(ledger.WorkbookSettlement)
	if got, want := sh.fileName(r), "QT_1000002_2026-H1.xlsx"; got != want {
		t.Errorf("proposed name %q, want %q", got, want)
	}
	if got := sh.fileName(sh.request(ledger.WorkbookDistrict)); got != "THQT_1000001_2026-H1.xlsx" {
		t.Errorf("district name %q", got)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "Báo cáo quý", "QT_1000002_2026-H1.xlsx")
	os.MkdirAll(filepath.Dir(out), 0o755)
	j := sh.exportTo(r, out)
	u.tasks.wait()
	<-j.Done()
	if data, err := os.ReadFile(out); err != nil || ledger.WorkbookKind(data) != ledger.WorkbookSettlement {
		t.Fatalf("workbook %s: %q %v", out, data, err)
	}
	if j.Fraction() != 1 {
		t.Errorf("progress ended at %v", j.Fraction())
	}
	if !contains(sh.statusBar.Text, out) {
		t.Errorf("status bar = %q", sh.statusBar.Text)
	}
	e := sh.exported
	if e == nil || e.dir != filepath.Dir(out) {
		t.Fatalf("no “Mở thư mục” after the export: %+v", e)
	}
	test.Tap(e.open)
	u.tasks.wait()
	if len(opened) != 1 || opened[0] != filepath.Dir(out) {
		t.Errorf("opened %v, want %s", opened, filepath.Dir(out))
	}
}

// TestExportCancel: Cancel stops a long export and leaves no file, not
// even the empty one the save dialog created.
func TestExportCancel(t *testing.T) {
	opts := testOptions(mustLedgerFile(t))
	started := make(chan struct{})
	opts.Export = func(ctx context.Context, l ledger.Ledger, job ExportJob) (string, error) {
		job.Progress(1, 10)
		close(started)
		<-ctx.Done()
		return "", ctx.Err()
	}
	u, _ := startUI(t, opts)
	// A workbook of the same name, which the user chose to replace.
	out := filepath.Join(t.TempDir(), "THQT.xlsx")
	os.WriteFile(out, []byte("the old workbook"), 0o644)
	j := u.shell.exportTo(u.shell.request(ledger.WorkbookDistrict), out)
	<-started
	j.Cancel()
	u.tasks.wait()
	<-j.Done()
	if !contains(u.shell.statusBar.Text, "Đã hủy") {
		t.Errorf("status bar = %q", u.shell.statusBar.Text)
	}
	if data, err := os.ReadFile(out); err != nil || string(data) != "the old workbook" {
		t.Errorf("a cancelled export touched the file: %q %v", data, err)
	}
}

// TestExportAnnexes writes one annex per ward into a folder and lists them.
func TestExportAnnexes(t *testing.T) {
	opts := testOptions(mustDistrictFile(t))
	opts.ExportAnnexes = func(ctx context.Context, l ledger.Ledger, p ledger.Period, dir string, progress func(done, total int)) ([]string, error) {
		var out []string
		for i, code := range []string{testWard.Code, testWard2.Code} {
			path := filepath.Join(dir, "PLDT_"+code+"_"+p.String()+".xlsx")
			if err := os.WriteFile(path, []byte("annex"), 0o644); err != nil {
				return out, err
			}
			out = append(out, path)
			progress(i+1, 2)
		}
		return out, nil
	}
	u, _ := startUI(t, opts)
	dir := t.TempDir()
	j := u.shell.exportAnnexesTo(ledger.MustPeriod("2026-H2"), dir)
	u.tasks.wait()
	<-j.Done()
	e := u.shell.exported
	if e == nil || e.dir != dir {
		t.Fatalf("exported dialog = %+v", e)
	}
	texts := []string{e.text.Text}
	if !anyContains(texts, "PLDT_1000003_2026-H2.xlsx") || !anyContains(texts, "Đã xuất 2 phụ lục") {
		t.Errorf("dialog says %q", texts)
	}
}
