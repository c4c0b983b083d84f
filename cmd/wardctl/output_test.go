package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wardledger/assets"
	"wardledger/ledger/xlsximport"
)

func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "version"} {
		out := ok(t, filepath.Join(t.TempDir(), "unused.db"), arg)
		if strings.TrimSpace(out) != "wardctl "+assets.Version {
			t.Errorf("wardctl %s = %q, want %q", arg, out, "wardctl "+assets.Version)
		}
	}
}

// CSV for people starts with a UTF-8 byte-order mark (Excel on Windows
// needs it to read Vietnamese); --bom=false gives scripts bare UTF-8. Both
// parse to the same records.
func TestCSVByteOrderMark(t *testing.T) {
	db := newLedger(t)
	for _, args := range [][]string{
		{"unit", "list"},
		{"entry", "list", "--unit", "1000002", "--period", "2026-H1"},
		{"report", "settlement", "--unit", "1000002", "--period", "2026-H1"},
		{"review", "show", "--unit", "1000002", "--period", "2026-H1"},
	} {
		withBOM := ok(t, db, append(args, "--format", "csv")...)
		bare := ok(t, db, append(args, "--format", "csv", "--bom=false")...)
		if !strings.HasPrefix(withBOM, "\ufeff") {
			t.Errorf("%v --format csv starts %q, want the byte-order mark", args, withBOM[:min(10, len(withBOM))])
		}
		if strings.HasPrefix(bare, "\ufeff") || withBOM != "\ufeff"+bare {
			t.Errorf("%v --bom=false: %q, want the same CSV without the mark", args, bare[:min(10, len(bare))])
		}
		if _, err := csv.NewReader(strings.NewReader(bare)).ReadAll(); err != nil {
			t.Errorf("%v: %v", args, err)
		}
		if table := ok(t, db, args...); strings.HasPrefix(table, "\ufeff") {
			t.Errorf("%v: a table for the terminal got a byte-order mark", args)
		}
	}
	if got := ok(t, db, "unit", "list", "--format", "csv"); !strings.Contains(got, "UBND phường Quang Trung") {
		t.Errorf("unit list CSV lost the Vietnamese: %q", got)
	}
	// The catalogue's CSV export is for people too, and imports back.
	path := strings.TrimSpace(ok(t, db, "catalogue", "export", "--out", filepath.Join(t.TempDir(), "danh-muc.csv")))
	data, err := os.ReadFile(path)
	must(t, err)
	if !strings.HasPrefix(string(data), "\ufefflevel,code,name") {
		t.Errorf("catalogue export starts %q, want the byte-order mark and the header", data[:min(20, len(data))])
	}
	ok(t, db, "catalogue", "import", "--file", path)
}

// An --out that names no existing folder and no .xlsx file is a folder the
// user forgot to create: it gets its own message, and nothing is written.
func TestExportToMissingFolder(t *testing.T) {
	db := newLedger(t)
	dir := t.TempDir()
	for _, out := range []string{filepath.Join(dir, "Báo cáo"), filepath.Join(dir, "Báo cáo") + string(os.PathSeparator)} {
		_, stderr, code := wardctl(t, db, "export", "settlement", "--unit", "1000002", "--period", "2026-H1", "--out", out)
		if code != 2 || !strings.Contains(stderr, "thư mục") || !strings.Contains(stderr, "Báo cáo") || strings.Contains(stderr, "đuôi .xlsx (the file") {
			t.Errorf("--out %q: exit %d, %q; want 2 and a missing-folder message", out, code, stderr)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused export left %v", entries)
	}
	// Made, the same folder takes the workbook under its default name.
	folder := filepath.Join(dir, "Báo cáo")
	must(t, os.Mkdir(folder, 0o755))
	ok(t, db, entryArgs("1000002", "allocation", "TX", "", "1.000.000", "2026-01-05")...)
	path := strings.TrimSpace(ok(t, db, "export", "settlement", "--unit", "1000002", "--period", "2026-H1", "--out", folder))
	if filepath.Dir(path) != folder || filepath.Base(path) != "QT_1000002_2026-H1.xlsx" {
		t.Errorf("export into %s wrote %s", folder, path)
	}
	// The payload names the release it was written by.
	p, err := xlsximport.ReadPayloadFile(context.Background(), path)
	must(t, err)
	if p.AppVersion != assets.Version {
		t.Errorf("payload app_version %q, want %q", p.AppVersion, assets.Version)
	}
	// A file name with another extension keeps its own message.
	if _, stderr, code := wardctl(t, db, "export", "settlement", "--unit", "1000002", "--period", "2026-H1", "--out", filepath.Join(dir, "qt.xls")); code != 2 || !strings.Contains(stderr, ".xlsx") {
		t.Errorf("--out qt.xls: exit %d, %q", code, stderr)
	}
}
