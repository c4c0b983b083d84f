package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func catalogueCount(t *testing.T, db string, args ...string) int {
	t.Helper()
	var codes []map[string]any
	out := ok(t, db, append([]string{"catalogue", "list", "--format", "json"}, args...)...)
	if err := json.Unmarshal([]byte(out), &codes); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return len(codes)
}

// TestCatalogueCommands drives wardctl catalogue as a script would: list
// counts, a code added and renamed, a retired code refusing an entry with
// its replacement, an export read back.
func TestCatalogueCommands(t *testing.T) {
	db := newLedger(t)
	if n := catalogueCount(t, db); n != 185 {
		t.Errorf("%d codes", n)
	}
	if n := catalogueCount(t, db, "--level", "muc"); n != 28 {
		t.Errorf("%d Mục", n)
	}
	if n := catalogueCount(t, db, "--year", "2026"); n != 183 { // 6106 and 6117 end in 2016
		t.Errorf("%d codes valid in 2026", n)
	}
	out := ok(t, db, "catalogue", "list", "--level", "tieu_muc", "--format", "csv")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 1+127 || lines[0] != "\ufefflevel,code,name,parent,source,valid_from,valid_until,replacement" ||
		!strings.Contains(out, "\ntieu_muc,6106,Phụ cấp thêm giờ,6100,WL-SEED,,2016,6105\n") {
		t.Errorf("csv: %d lines\n%s", len(lines), out[:200])
	}
	if _, stderr, code := wardctl(t, db, "catalogue", "list", "--level", "chuong"); code != 2 || !strings.Contains(stderr, "--level") {
		t.Errorf("bad level: %d %s", code, stderr)
	}

	// A code added with its Mục derived; the same again changes nothing;
	// another name is refused unless --rename.
	out = ok(t, db, "catalogue", "add", "--level", "tieu_muc", "--code", "6659", "--name", "Chi khác cho hội nghị trực tuyến")
	if !strings.Contains(out, "thêm: Tiểu mục 6659 Chi khác cho hội nghị trực tuyến (thuộc Mục 6650)") {
		t.Errorf("add: %s", out)
	}
	if out := ok(t, db, "catalogue", "add", "--level", "tieu_muc", "--code", "6659", "--name", "Chi khác cho hội nghị trực tuyến"); !strings.Contains(out, "đã có, không đổi") {
		t.Errorf("add again: %s", out)
	}
	if _, stderr, code := wardctl(t, db, "catalogue", "add", "--level", "tieu_muc", "--code", "6659", "--name", "Hội nghị trực tuyến"); code != 4 || !strings.Contains(stderr, "--rename") {
		t.Errorf("rename without --rename: %d %s", code, stderr)
	}
	ok(t, db, "catalogue", "add", "--level", "tieu_muc", "--code", "6659", "--name", "Hội nghị trực tuyến", "--rename")
	if _, stderr, code := wardctl(t, db, "catalogue", "add", "--level", "tieu_muc", "--code", "8051", "--name", "x"); code != 2 || !strings.Contains(stderr, "Mục 8050 chưa có trong danh mục") {
		t.Errorf("add under an unknown Mục: %d %s", code, stderr)
	}

	// Entries on retired codes are refused with the replacement.
	ok(t, db, entryArgs("1000002", "allocation", "TX", "", "1.000.000", "2026-01-05")...)
	ok(t, db, entryArgs("1000002", "withdrawal", "TX", "", "1.000.000", "2026-01-06")...)
	_, stderr, code := wardctl(t, db, entryArgs("1000002", "spending", "TX", "6106", "5.000", "2026-01-07")...)
	if code != 2 || !strings.Contains(stderr, "Tiểu mục 6106 “Phụ cấp thêm giờ” đã hết hiệu lực sau năm 2016") || !strings.Contains(stderr, "dùng Tiểu mục 6105") {
		t.Errorf("entry on 6106: %d %s", code, stderr)
	}
	ok(t, db, "catalogue", "retire", "--level", "tieu_muc", "--code", "6659", "--until", "2025", "--replacement", "6699")
	if _, stderr, code := wardctl(t, db, entryArgs("1000002", "spending", "TX", "6659", "5.000", "2026-01-07")...); code != 2 || !strings.Contains(stderr, "dùng Tiểu mục 6699") {
		t.Errorf("entry on a retired 6659: %d %s", code, stderr)
	}
	if _, _, code := wardctl(t, db, "catalogue", "retire", "--level", "tieu_muc", "--code", "6998", "--until", "2025"); code != 3 {
		t.Errorf("retire an unknown code: %d", code)
	}

	// Export, both forms; the CSV imports back with nothing to do.
	dir := t.TempDir()
	x := strings.TrimSpace(ok(t, db, "catalogue", "export", "--out", filepath.Join(dir, "dm.xlsx")))
	c := strings.TrimSpace(ok(t, db, "catalogue", "export", "--out", filepath.Join(dir, "dm.csv")))
	if out := ok(t, db, "catalogue", "import", "--file", c); !strings.Contains(out, "dm.csv: thêm 0 mã, đổi tên 0 mã, đổi hiệu lực hoặc nguồn 0 mã, 186 mã không đổi") {
		t.Errorf("import of the export: %s", out)
	}
	if out := ok(t, db, "catalogue", "import", "--file", x); !strings.Contains(out, "186 mã không đổi") {
		t.Errorf("import of the xlsx export: %s", out)
	}
}

// TestCatalogueImportCommand: a sheet with new and renamed codes is
// refused (exit 4, renames listed, nothing added) until --rename; a bad
// file is refused with its line (exit 2).
func TestCatalogueImportCommand(t *testing.T) {
	db := newLedger(t)
	dir := t.TempDir()
	f := excelize.NewFile()
	for i, r := range [][]any{
		{"PHỤ LỤC III – DANH MỤC MỤC, TIỂU MỤC"},
		{"Mục", "Tiểu mục", "Tên"},
		{6100, nil, "Phụ cấp lương"},
		{nil, 6105, "Phụ cấp làm đêm, thêm giờ"},
		{8000, nil, "Chi hỗ trợ khác"},
		{nil, 8001, "Chi hỗ trợ khác cho cá nhân"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(t, f.SetSheetRow("Sheet1", cell, &r))
	}
	sheet := filepath.Join(dir, "tt130.xlsx")
	must(t, f.SaveAs(sheet))
	f.Close()

	stdout, stderr, code := wardctl(t, db, "catalogue", "import", "--file", sheet)
	if code != 4 || !strings.Contains(stderr, "Tiểu mục 6105: “Phụ cấp làm đêm, làm thêm giờ” → “Phụ cấp làm đêm, thêm giờ” (trang Sheet1, dòng 4)") ||
		!strings.Contains(stderr, "--rename") || stdout != "" {
		t.Errorf("without --rename: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if n := catalogueCount(t, db); n != 185 {
		t.Errorf("the refused import added codes: %d", n)
	}
	out := ok(t, db, "catalogue", "import", "--file", sheet, "--rename")
	for _, want := range []string{"thêm: Mục 8000 Chi hỗ trợ khác — trang Sheet1, dòng 5", "thêm: Tiểu mục 8001 Chi hỗ trợ khác cho cá nhân (thuộc Mục 8000)",
		"đổi tên: Tiểu mục 6105", "tt130.xlsx: thêm 2 mã, đổi tên 1 mã, đổi hiệu lực hoặc nguồn 0 mã, 1 mã không đổi"} {
		if !strings.Contains(out, want) {
			t.Errorf("import lacks %q:\n%s", want, out)
		}
	}
	if n := catalogueCount(t, db); n != 187 {
		t.Errorf("%d codes after the import", n)
	}

	bad := filepath.Join(dir, "bad.csv")
	must(t, os.WriteFile(bad, []byte("level,code,name,parent\nmuc,8050,Chi hỗ trợ doanh nghiệp,\ntieu_muc,80511,Hỗ trợ,8050\n"), 0o644))
	if _, stderr, code := wardctl(t, db, "catalogue", "import", "--file", bad); code != 2 || !strings.Contains(stderr, "dòng 3: mã \"80511\" không hợp lệ") {
		t.Errorf("bad file: %d %s", code, stderr)
	}
	if _, stderr, code := wardctl(t, db, "catalogue", "import", "--file", filepath.Join(dir, "none.csv")); code != 3 {
		t.Errorf("missing file: %d %s", code, stderr)
	}
	if n := catalogueCount(t, db); n != 187 {
		t.Errorf("a refused file changed the catalogue: %d", n)
	}
}
