package xlsximport_test

import (
	"context"
	"path/filepath"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsx/xlsxtest"
	"wardledger/ledger/xlsximport"
)

// TestImportFilesInOrder: several workbooks, read on every core, are
// recorded and reported in the order given, each as alone: a ward's new
// key pinned by its first file is the key its second file is checked
// against (the ledger decides a file after the files before it are
// recorded), the same file twice adds nothing the second time, a file
// that cannot be read is refused in its place, and the district ends
// with each ward's entries exactly.
func TestImportFilesInOrder(t *testing.T) {
	ctx := context.Background()
	src := xlsxtest.Demo(t, 4, 40)
	units, err := src.Units(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var paths []string
	for _, u := range units {
		paths = append(paths, xlsxtest.ExportTo(t, src, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: u.Code, Period: h2}, dir))
	}
	missing := filepath.Join(dir, "không-có.xlsx")
	files := []string{paths[0], paths[0], paths[1], missing, paths[2], paths[3], paths[1]}
	district := districtFor(t, src, units[0].Code, units[1].Code, units[2].Code, units[3].Code)
	var got []ledger.ImportResult
	xlsximport.ImportFiles(ctx, district, ledger.WorkbookSettlement, files, ledger.ImportOptions{}, func(r ledger.ImportResult) {
		got = append(got, r)
	})
	if len(got) != len(files) {
		t.Fatalf("%d results for %d files", len(got), len(files))
	}
	for i, r := range got {
		if r.Index != i || r.Path != files[i] {
			t.Errorf("result %d is of file %d %s", i, r.Index, r.Path)
		}
		switch {
		case files[i] == missing:
			if r.Err == nil {
				t.Errorf("file %d: a missing file imported", i)
			}
		case r.Err != nil:
			t.Errorf("file %d: %v", i, r.Err)
		case i == 1 || i == 6:
			if r.Import.Added != 0 || r.Import.Skipped == 0 {
				t.Errorf("file %d again: %+v", i, r.Import)
			}
		case r.Import.Added == 0:
			t.Errorf("file %d added nothing", i)
		}
	}
	for _, u := range units {
		sameLedgerPeriod(t, src, district, u.Code, h2)
	}
}
