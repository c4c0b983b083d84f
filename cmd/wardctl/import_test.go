package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestImportWorkbookCommand: a ward's settlement goes into a district
// ledger; the same file again adds nothing; several files, one bad.
func TestImportWorkbookCommand(t *testing.T) {
	wardDB := filepath.Join(t.TempDir(), "wards.db")
	ok(t, wardDB, "demo", "--wards", "2", "--years", "1", "--entries-per-half", "60")
	dir := t.TempDir()
	q1 := strings.TrimSpace(ok(t, wardDB, "export", "settlement", "--unit", "1000002", "--period", "2026-H1", "--out", dir))
	q2 := strings.TrimSpace(ok(t, wardDB, "export", "settlement", "--unit", "1000003", "--period", "2026-H1", "--out", dir))

	db := filepath.Join(t.TempDir(), "district.db")
	ok(t, db, "init", "--superior-code", "1000001", "--superior-name", "UBND quận Hà Đông")
	ok(t, db, "unit", "add", "--code", "1000002", "--name", "UBND phường Quang Trung")

	out := ok(t, db, "import", "workbook", "--file", q1)
	if !regexp.MustCompile(`QT_1000002_2026-H1.xlsx: UBND phường Quang Trung \(1000002\), 6 tháng đầu năm 2026: thêm \d+ bút toán, 0 bút toán đã có`).MatchString(out) {
		t.Errorf("first import: %s", out)
	}
	out = ok(t, db, "import", "workbook", "--file", q1)
	if !strings.Contains(out, "không thêm gì") {
		t.Errorf("second import: %s", out)
	}
	if ours, theirs := report(t, db, "--unit", "1000002"), report(t, wardDB, "--unit", "1000002"); ours.Rows["11"] != theirs.Rows["11"] || ours.Rows["17"] != theirs.Rows["17"] {
		t.Errorf("figures differ: %v against %v", ours.Rows, theirs.Rows)
	}

	// The second ward is unknown: refused, with the command that adds it.
	bad := filepath.Join(dir, "notes.xlsx")
	must(t, os.WriteFile(bad, []byte("not a workbook"), 0o644))
	stdout, stderr, code := wardctl(t, db, "import", "workbook", "--file", q2, "--file", bad, "--file", q1)
	if code != 3 || !strings.Contains(stderr, "wardctl unit add --code 1000003 --name \"UBND phường Nguyễn Trãi\"") ||
		!strings.Contains(stderr, "notes.xlsx: KHÔNG NHẬP ĐƯỢC") || !strings.Contains(stdout, "3 tệp: 1 nhập được, 2 không nhập được") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	ok(t, db, "unit", "add", "--code", "1000003", "--name", "UBND phường Nguyễn Trãi")
	if out := ok(t, db, "import", "workbook", q2); !strings.Contains(out, "thêm") {
		t.Errorf("import by position: %s", out)
	}
	if _, stderr, code := wardctl(t, db, "import", "workbook"); code != 2 || !strings.Contains(stderr, "--file") {
		t.Errorf("no file: %d %s", code, stderr)
	}

	// Review it and write the review's workbook and the consolidation.
	ok(t, db, "review", "set", "--unit", "1000002", "--period", "2026-H1", "--row", "18", "--khoan", "341",
		"--approved", "1", "--reason", "xuất toán")
	xd := strings.TrimSpace(ok(t, db, "export", "review", "--unit", "1000002", "--period", "2026-H1", "--out", dir))
	if filepath.Base(xd) != "XD_1000002_2026-H1.xlsx" {
		t.Errorf("review workbook %s", xd)
	}
	if _, stderr, code := wardctl(t, db, "export", "review", "--period", "2026-H1"); code != 2 || !strings.Contains(stderr, "--unit") {
		t.Errorf("review without unit: %d %s", code, stderr)
	}
	ok(t, db, "export", "district", "--period", "2026-H1", "--out", dir)
}

// TestAllocationCommands: the district allocates from a grid, writes each
// ward's annex; the ward imports its annex into its own ledger.
func TestAllocationCommands(t *testing.T) {
	db := newLedger(t)
	dir := t.TempDir()
	grid := filepath.Join(dir, "grid.csv")
	must(t, os.WriteFile(grid, []byte("\ufeffunit,khoan,nature,amount\n1000002,341,TX,4.800.000.000\n1000002,341,KTX,900.000.000\n1000003,341,TX,4.100.000.000\n"), 0o644))
	out := ok(t, db, "allocate", "--period", "2026-H2", "--doc", "125/QĐ-UBND", "--date", "20/06/2026", "--file", grid)
	if !strings.Contains(out, "3 bút toán giao dự toán 6 tháng cuối năm 2026 cho 2 đơn vị, tổng 9.800.000.000 đồng") {
		t.Errorf("allocate: %s", out)
	}
	badGrid := filepath.Join(dir, "bad.csv")
	must(t, os.WriteFile(badGrid, []byte("unit,khoan,nature,amount\n1000002,341,XX,5\n1000002,341,TX,\"1,5\"\n"), 0o644))
	if _, stderr, code := wardctl(t, db, "allocate", "--period", "2026-H2", "--doc", "1", "--date", "2026-06-20", "--file", badGrid); code != 2 ||
		!strings.Contains(stderr, "dòng 2") || !strings.Contains(stderr, "dòng 3") {
		t.Errorf("bad grid: %d %s", code, stderr)
	}
	table := strings.TrimSpace(ok(t, db, "export", "allocation", "--period", "2026-H2", "--out", dir))
	annex := strings.TrimSpace(ok(t, db, "export", "allocation", "--period", "2026-H2", "--unit", "1000002", "--out", dir))
	if filepath.Base(table) != "DT_1000001_2026-H2.xlsx" || filepath.Base(annex) != "PLDT_1000002_2026-H2.xlsx" {
		t.Errorf("allocation files %s %s", table, annex)
	}
	annexes := t.TempDir()
	if out := ok(t, db, "export", "allocation", "--period", "2026-H2", "--annexes", annexes); strings.Count(out, "PLDT_") != 2 {
		t.Errorf("annexes: %s", out)
	}
	if _, stderr, code := wardctl(t, db, "export", "allocation", "--period", "2026-H2", "--unit", "1000002", "--annexes", annexes); code != 2 {
		t.Errorf("--unit with --annexes: %d %s", code, stderr)
	}

	ward := filepath.Join(t.TempDir(), "ward.db")
	ok(t, ward, "init", "--superior-code", "1000001", "--superior-name", "UBND quận Hà Đông", "--unit", "1000002", "--unit-name", "UBND phường Quang Trung")
	if out := ok(t, ward, "import", "allocation", "--file", annex); !strings.Contains(out, "thêm 2 bút toán") {
		t.Errorf("import allocation: %s", out)
	}
	var h2 settlement
	out = ok(t, ward, "report", "settlement", "--unit", "1000002", "--period", "2026-H2", "--format", "json")
	must(t, jsonUnmarshal(out, &h2))
	if h2.Rows["09"] != 4_800_000_000 || h2.Rows["10"] != 900_000_000 {
		t.Errorf("ward's allocation %v", h2.Rows)
	}
	if _, stderr, code := wardctl(t, ward, "import", "allocation", "--file", table); code != 2 || !strings.Contains(stderr, "bảng giao dự toán") {
		t.Errorf("district table as an annex: %d %s", code, stderr)
	}
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
