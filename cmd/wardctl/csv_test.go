package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf16"
)

const importHeader = "unit,period,kind,nature,khoan,tieu_muc,amount,doc,date,memo"

func writeFile(t *testing.T, name string, body []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	must(t, os.WriteFile(p, body, 0o644))
	return p
}

// entryCount is how many entries unit 1000002 has in 2026-H1.
func entryCount(t *testing.T, db string) int {
	t.Helper()
	var list []map[string]any
	must(t, json.Unmarshal([]byte(ok(t, db, "entry", "list", "--unit", "1000002", "--period", "2026-H1", "--format", "json")), &list))
	return len(list)
}

// setCap lowers a size cap for one test.
func setCap(t *testing.T, cap *int64, n int64) {
	old := *cap
	*cap = n
	t.Cleanup(func() { *cap = old })
}

// TestImportDuplicateColumn: a second "amount" column used to win
// silently (5 đồng recorded instead of 1.000.000.000).
func TestImportDuplicateColumn(t *testing.T) {
	db := newLedger(t)
	file := writeFile(t, "dup.csv", []byte(importHeader+",amount\n"+
		"1000002,2026-H1,allocation,TX,341,,1.000.000.000,12/QĐ-UBND,02/01/2026,giao,5\n"))
	_, stderr, code := wardctl(t, db, "entry", "import", "--file", file)
	if code != 2 || !strings.Contains(stderr, `"amount"`) || !strings.Contains(stderr, "cột 7") || !strings.Contains(stderr, "cột 11") {
		t.Errorf("duplicate amount: exit %d, %s", code, stderr)
	}
	if n := entryCount(t, db); n != 0 {
		t.Errorf("a refused import recorded %d entries", n)
	}
	grid := writeFile(t, "grid.csv", []byte("unit,khoan,nature,amount,unit\n1000002,341,TX,1.000,1000003\n"))
	_, stderr, code = wardctl(t, db, "allocate", "--period", "2026-H2", "--doc", "1", "--date", "2026-06-20", "--file", grid)
	if code != 2 || !strings.Contains(stderr, `"unit"`) || !strings.Contains(stderr, "cột 1") || !strings.Contains(stderr, "cột 5") {
		t.Errorf("duplicate unit in a grid: exit %d, %s", code, stderr)
	}
	// Empty header cells (Excel's trailing commas) are not columns.
	ok(t, db, "entry", "import", "--file", writeFile(t, "trailing.csv", []byte(importHeader+",,\n"+
		"1000002,2026-H1,allocation,TX,341,,1.000.000,12/QĐ-UBND,02/01/2026,giao,,\n")))
}

// overCap is a valid import of more than n bytes, with the amount last:
// cut at n bytes, its last line is still a valid line, whose amount
// 1.250.000.000 has become 125.
func overCap(n int) []byte {
	var b bytes.Buffer
	b.WriteString("unit,period,kind,nature,khoan,tieu_muc,doc,date,memo,amount\n")
	for b.Len() < n-300 {
		b.WriteString("1000002,2026-H1,allocation,TX,341,,12/QĐ-UBND,02/01/2026,giao,1000\n")
	}
	prefix := "1000002,2026-H1,allocation,TX,341,,12/QĐ-UBND,02/01/2026,"
	memo := strings.Repeat("x", n-b.Len()-len(prefix)-len(",125"))
	b.WriteString(prefix + memo + ",1250000000\n")
	return b.Bytes()
}

// TestImportOverCapFromPipe: input larger than the cap is refused whatever
// its source; a pipe used to be cut at the cap and its last, cut amount
// recorded.
func TestImportOverCapFromPipe(t *testing.T) {
	db := newLedger(t)
	setCap(t, &maxImportBytes, 4096)
	data := overCap(4096)
	r, w, err := os.Pipe()
	must(t, err)
	go func() {
		w.Write(data)
		w.Close()
	}()
	defer r.Close()
	_, stderr, code := wardctlIn(t, db, r, "entry", "import", "--file", "-")
	if code != 2 || !strings.Contains(stderr, "quá lớn") || !strings.Contains(stderr, "4096") {
		t.Errorf("pipe over the cap: exit %d, %s", code, stderr)
	}
	_, stderr, code = wardctl(t, db, "entry", "import", "--file", writeFile(t, "big.csv", data))
	if code != 2 || !strings.Contains(stderr, "quá lớn") {
		t.Errorf("file over the cap: exit %d, %s", code, stderr)
	}
	if n := entryCount(t, db); n != 0 {
		t.Errorf("input over the cap recorded %d entries", n)
	}
	// Within the cap, stdin works.
	small := importHeader + "\n1000002,2026-H1,allocation,TX,341,,1.000,12/QĐ-UBND,02/01/2026,giao\n"
	if _, stderr, code := wardctlIn(t, db, strings.NewReader(small), "entry", "import", "--file", "-"); code != 0 {
		t.Fatalf("import from stdin: exit %d, %s", code, stderr)
	}
	if n := entryCount(t, db); n != 1 {
		t.Errorf("import from stdin recorded %d entries", n)
	}
}

// TestImportCommasMemory: a 50 MB line of commas used to take 4.4 GB (a
// record of millions of fields); it is refused at its line, within a
// small budget.
func TestImportCommasMemory(t *testing.T) {
	db := newLedger(t)
	body := append([]byte(importHeader+"\n"), bytes.Repeat([]byte{','}, 50<<20)...)
	file := writeFile(t, "commas.csv", body)
	body = nil
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, stderr, code := wardctl(t, db, "entry", "import", "--file", file)
	runtime.ReadMemStats(&after)
	if code != 2 || !strings.Contains(stderr, "dòng 2") || !strings.Contains(stderr, "dài quá") {
		t.Errorf("a line of 50 MB of commas: exit %d, %s", code, stderr)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	if alloc > 100<<20 {
		t.Errorf("importing 50 MB of commas allocated %d MB", alloc>>20)
	}
	t.Logf("50 MB of commas: refused after allocating %d KB", alloc>>10)
}

func utf16File(order binary.AppendByteOrder, bom bool, s string) []byte {
	var b []byte
	if bom {
		b = order.AppendUint16(b, 0xFEFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, u)
	}
	return b
}

// TestImportUTF16: Excel's "Unicode Text" and some editors save UTF-16;
// the message says so and how to save the file instead.
func TestImportUTF16(t *testing.T) {
	db := newLedger(t)
	content := importHeader + "\n1000002,2026-H1,allocation,TX,341,,1.000,12/QĐ-UBND,02/01/2026,giao dự toán\n"
	for name, body := range map[string][]byte{
		"le.csv":     utf16File(binary.LittleEndian, true, content),
		"be.csv":     utf16File(binary.BigEndian, true, content),
		"no-bom.csv": utf16File(binary.LittleEndian, false, content),
	} {
		_, stderr, code := wardctl(t, db, "entry", "import", "--file", writeFile(t, name, body))
		if code != 2 || !strings.Contains(stderr, "UTF-16") || !strings.Contains(stderr, "CSV UTF-8") || !strings.Contains(stderr, name) {
			t.Errorf("%s: exit %d, %s", name, code, stderr)
		}
	}
	if n := entryCount(t, db); n != 0 {
		t.Errorf("UTF-16 files recorded %d entries", n)
	}
}

// TestReadCSVChecksum: readCSV returns the SHA-256 of every byte read, the
// byte order mark included, for the store to recognise a file imported
// before.
func TestReadCSVChecksum(t *testing.T) {
	body := []byte("\ufeffunit,khoan,nature,amount\n1000002,341,TX,1.000\n")
	file := writeFile(t, "grid.csv", body)
	src, err := readCSV(nil, file, "test", 1<<20, allocationColumns, nil, "", func(int, func(string) string) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(body)
	if src.SHA256 != hex.EncodeToString(sum[:]) || src.Name != file {
		t.Errorf("source %+v, want SHA-256 %x", src, sum)
	}
	db := newLedger(t)
	if _, stderr, code := wardctl(t, db, "entry", "import", "--file", writeFile(t, "x.csv", []byte(importHeader+"\n")), "--again"); code != 2 || strings.Contains(stderr, "again") {
		t.Errorf("--again is not a flag of entry import: %d %s", code, stderr)
	}
}

// TestImportSameFileTwice: the store knows a file by the SHA-256 readCSV
// computes, whatever its name or source; --again imports it anyway.
func TestImportSameFileTwice(t *testing.T) {
	db := newLedger(t)
	body := importHeader + "\n1000002,2026-H1,allocation,TX,341,,1.000,12/QĐ-UBND,02/01/2026,giao\n"
	ok(t, db, "entry", "import", "--file", writeFile(t, "a.csv", []byte(body)))
	_, stderr, code := wardctlIn(t, db, strings.NewReader(body), "entry", "import", "--file", "-")
	if code != 4 || !strings.Contains(stderr, "đã được nhập") || !strings.Contains(stderr, "a.csv") || !strings.Contains(stderr, "--again") {
		t.Errorf("the same content again from stdin: exit %d, %s", code, stderr)
	}
	if n := entryCount(t, db); n != 1 {
		t.Fatalf("%d entries after a refused second import", n)
	}
	ok(t, db, "entry", "import", "--file", writeFile(t, "b.csv", []byte(body)), "--again")
	if n := entryCount(t, db); n != 2 {
		t.Errorf("%d entries after --again", n)
	}

	grid := writeFile(t, "grid.csv", []byte("unit,khoan,nature,amount\n1000002,341,TX,1.000\n"))
	args := []string{"allocate", "--period", "2026-H2", "--doc", "1", "--date", "2026-06-20", "--file", grid}
	ok(t, db, args...)
	if _, stderr, code := wardctl(t, db, args...); code != 4 || !strings.Contains(stderr, "--again") {
		t.Errorf("the same grid again: exit %d, %s", code, stderr)
	}
	ok(t, db, append(args, "--again")...)
}
