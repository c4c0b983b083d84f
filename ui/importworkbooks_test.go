package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

var testWard9 = ledger.Unit{Code: "1000009", Name: "UBND phường Chín", Chapter: "599"}

// fakeImports stands in for ledger/xlsximport.ImportFiles: each file name says
// what happens.
func fakeImports(ctx context.Context, l ledger.Ledger, kind ledger.WorkbookKind, paths []string, done func(ledger.ImportResult)) {
	for i, path := range paths {
		r := ledger.ImportResult{Index: i, Path: path}
		r.Import, r.Unit, r.Err = fakeImport(ctx, l, path)
		done(r)
	}
}

func fakeImport(ctx context.Context, l ledger.Ledger, path string) (*ledger.Import, ledger.Unit, error) {
	if err := ctx.Err(); err != nil {
		return nil, ledger.Unit{}, err
	}
	switch filepath.Base(path) {
	case "QT_1000002_2026-H1.xlsx":
		return &ledger.Import{Unit: testWard.Code, Period: testPeriod, Skipped: 6}, testWard, nil
	case "QT_1000003_2026-H1.xlsx":
		return &ledger.Import{Unit: testWard2.Code, Period: testPeriod, Added: 6,
			Warnings: []string{"B01-BCQT!E20 (mã số 18, Khoản 341): trong tệp 65.000.000, dữ liệu gốc 60.000.000"}}, testWard2, nil
	case "QT_1000009_2026-H1.xlsx":
		if _, err := l.FindUnit(ctx, testWard9.Code); err != nil {
			return nil, testWard9, &ledger.Error{Kind: ledger.KindNotFound, Op: "test", Field: "unit", Msg: "sổ chưa có đơn vị " + testWard9.Code}
		}
		return &ledger.Import{Unit: testWard9.Code, Period: testPeriod, Added: 4}, testWard9, nil
	}
	return nil, ledger.Unit{}, ledger.Errorf(ledger.KindInvalid, "test", "tệp %s không phải tệp Excel (.xlsx)", filepath.Base(path))
}

// TestImportFlow picks a folder's workbooks from a checklist, imports them
// off the UI goroutine and shows a summary per file; the ward the ledger
// does not know is offered to be added, and its file imported again.
func TestImportFlow(t *testing.T) {
	opts := testOptions(mustDistrictFile(t))
	opts.Import = fakeImports
	u, _ := startUI(t, opts)
	sh := u.shell

	dir := t.TempDir()
	for _, n := range []string{"QT_1000002_2026-H1.xlsx", "QT_1000003_2026-H1.xlsx", "QT_1000009_2026-H1.xlsx",
		"ghi chu.xlsx", "~$QT_1000002_2026-H1.xlsx", "doc-truoc.txt"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	p := sh.importWorkbooks(ledger.WorkbookSettlement)
	if err := p.addFolder(dir); err != nil {
		t.Fatal(err)
	}
	if len(p.files) != 4 || len(p.selected()) != 3 {
		t.Fatalf("listed %d files, %d checked; want 4 listed (no lock file, no .txt), the 3 QT_ checked", len(p.files), len(p.selected()))
	}
	for _, f := range p.files {
		if filepath.Base(f.path) == "ghi chu.xlsx" {
			if f.check.Checked {
				t.Error("a file not named QT_… came checked")
			}
			f.check.SetChecked(true)
		}
	}
	if !contains(p.count.Text, "4 / 4") {
		t.Errorf("count %q", p.count.Text)
	}
	test.Tap(p.ok)
	u.tasks.wait()
	r := sh.importing
	if r == nil {
		t.Fatal("nothing imported")
	}
	<-r.done
	if r.job.Fraction() != 1 {
		t.Errorf("progress ended at %v", r.job.Fraction())
	}
	byName := map[string]*importResult{}
	for _, res := range r.results {
		byName[filepath.Base(res.path)] = res
	}
	texts := func(n string) []string { return labelTexts(byName[n].box) }
	if s := texts("QT_1000002_2026-H1.xlsx"); !anyContains(s, "Đã có trong sổ: UBND phường Một (1000002)") || !anyContains(s, "không thêm gì") {
		t.Errorf("file already imported: %q", s)
	}
	if s := texts("QT_1000003_2026-H1.xlsx"); !anyContains(s, "Đã nhập: UBND phường Hai (1000003), 6 tháng đầu năm 2026 — thêm 6 bút toán") ||
		!anyContains(s, "B01-BCQT!E20 (mã số 18, Khoản 341)") {
		t.Errorf("file imported with a warning: %q", s)
	}
	if s := texts("ghi chu.xlsx"); !anyContains(s, "KHÔNG NHẬP ĐƯỢC (sổ không thay đổi): tệp ghi chu.xlsx không phải tệp Excel") {
		t.Errorf("bad file: %q", s)
	}
	res9 := byName["QT_1000009_2026-H1.xlsx"]
	if s := texts("QT_1000009_2026-H1.xlsx"); !anyContains(s, "sổ chưa có đơn vị UBND phường Chín (mã ĐVQHNS 1000009)") || res9.retry == nil {
		t.Fatalf("unknown ward not offered: %q", s)
	}
	if !contains(r.summary.head.Text, "4 tệp: 1 nhập được (thêm 6 bút toán), 1 đã có trong sổ từ trước, 2 không nhập được.") {
		t.Errorf("summary head %q", r.summary.head.Text)
	}

	test.Tap(res9.retry)
	d := res9.adding
	if d == nil {
		t.Fatal("no unit form")
	}
	uf := d.Fields
	if uf[0].Input.(*widgets.TextEntry).Text != testWard9.Code || uf[1].Input.(*widgets.TextEntry).Text != testWard9.Name {
		t.Errorf("form not filled from the workbook")
	}
	test.Tap(d.OK)
	u.tasks.wait()
	if _, err := sh.s.l.FindUnit(context.Background(), testWard9.Code); err != nil {
		t.Fatalf("ward not added: %v", err)
	}
	if res9.err != nil || res9.im == nil || res9.im.Added != 4 || res9.retry != nil {
		t.Fatalf("not imported again: %+v", res9)
	}
	if s := texts("QT_1000009_2026-H1.xlsx"); !anyContains(s, "Đã nhập: UBND phường Chín (1000009)") {
		t.Errorf("after retry: %q", s)
	}
	if !contains(r.summary.head.Text, "2 nhập được (thêm 10 bút toán)") {
		t.Errorf("summary head %q", r.summary.head.Text)
	}
	if n := len(sh.unitChoices); n != 3 {
		t.Errorf("unit selector has %d units after adding one", n)
	}
}

// TestImportAnnex: on the ward's side an annex is imported and the
// allocation now recorded is listed.
func TestImportAnnex(t *testing.T) {
	opts := testOptions(mustLedgerFile(t))
	next := ledger.MustPeriod("2026-H2")
	opts.Import = func(ctx context.Context, l ledger.Ledger, kind ledger.WorkbookKind, paths []string, done func(ledger.ImportResult)) {
		if kind != ledger.WorkbookAnnex {
			t.Errorf("imported as %q", kind)
		}
		es := []*ledger.Entry{{Unit: testWard.Code, Period: next, Kind: ledger.EntryAllocation, Nature: ledger.TX, Khoan: "341",
			Amount: 600_000_000, Doc: "215/QĐ-UBND", Date: ledger.NewDate(2026, 6, 20)}}
		r := ledger.ImportResult{Path: paths[0], Unit: testWard, Err: l.AddEntries(ctx, es, ledger.BatchSource{Reason: "test"})}
		if r.Err == nil {
			r.Import = &ledger.Import{Unit: testWard.Code, Period: next, Added: 1}
		}
		done(r)
	}
	u, _ := startUI(t, opts)
	r := u.shell.importFiles(ledger.WorkbookAnnex, []string{"/tmp/PLDT_1000002_2026-H2.xlsx"})
	u.tasks.wait()
	<-r.done
	s := labelTexts(r.results[0].box)
	if !anyContains(s, "Đã nhập: UBND phường Một (1000002), 6 tháng cuối năm 2026 — thêm 1 bút toán") ||
		!anyContains(s, "Khoản 341") || !anyContains(s, "600.000.000 đồng") {
		t.Errorf("annex summary: %q", s)
	}
	if !anyContains(s, "Tổng dự toán được giao 6 tháng cuối năm 2026: 600.000.000 đồng") {
		t.Errorf("annex summary: %q", s)
	}
}
