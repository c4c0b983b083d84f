// Package xlsxtest holds what the tests of the workbook packages share
// (ledger/xlsx writes workbooks, ledger/xlsximport reads them back): demo
// ledgers, workbooks written from them, and the reading of a sheet's
// cached values. It is imported by tests only.
package xlsxtest

import (
	"context"
	"path/filepath"
	"regexp"
	"runtime/metrics"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"wardledger/ledger"
	"wardledger/ledger/demo"
	"wardledger/ledger/sqlite"
	"wardledger/ledger/sqlite/sqlitetest"
	"wardledger/ledger/xlsx"
)

// The demo ledgers of the tests end on Today: 2026-H1 is closed, 2026-H2
// open and half done.
var (
	Today = ledger.NewDate(2026, 8, 20)
	H1    = ledger.MustPeriod("2026-H1")
	H2    = ledger.MustPeriod("2026-H2")
)

// FixedNow is the moment the tests' workbooks are written.
func FixedNow() time.Time { return time.Date(2026, 8, 20, 10, 30, 0, 0, time.UTC) }

// Ledger creates a new ledger in a temporary directory holding the
// superior unit sup and the subordinate units.
func Ledger(tb testing.TB, sup ledger.Unit, units ...ledger.Unit) *sqlite.DB {
	tb.Helper()
	return sqlitetest.New(tb, filepath.Join(tb.TempDir(), "ledger.db"), ledger.Setup{Superior: sup, Units: units}, sqlite.Options{Now: FixedNow})
}

// UnitLedger creates a new ledger in a temporary directory that is unit's
// own, under the superior unit sup.
func UnitLedger(tb testing.TB, sup, unit ledger.Unit) *sqlite.DB {
	tb.Helper()
	return sqlitetest.New(tb, filepath.Join(tb.TempDir(), "ledger.db"),
		ledger.Setup{Superior: sup, Units: []ledger.Unit{unit}, Role: ledger.UnitRole(unit.Code)}, sqlite.Options{Now: FixedNow})
}

// Demo is a ledger holding a small demo district.
func Demo(tb testing.TB, wards, perHalf int) *sqlite.DB {
	tb.Helper()
	return sqlitetest.Demo(tb, filepath.Join(tb.TempDir(), "ledger.db"),
		demo.Options{Wards: wards, Years: 1, EntriesPerHalf: perHalf, Today: Today, Seed: 7}, sqlite.Options{Now: FixedNow})
}

// HandLedger is one ward with a few entries whose texts are awkward for
// XML (line breaks, tabs, quotes, a control character) and a reversal; it
// returns the entry reversed.
func HandLedger(tb testing.TB) (ledger.Ledger, *ledger.Entry) {
	tb.Helper()
	db := Ledger(tb, ledger.Unit{Code: "1000001", Name: "UBND quận \"Thử\"", Chapter: "599"},
		ledger.Unit{Code: "1000002", Name: "UBND phường Một", Chapter: "599"})
	ctx := context.Background()
	mk := func(kind ledger.EntryKind, tm string, amount ledger.Money, doc, date, memo string) *ledger.Entry {
		return &ledger.Entry{Unit: "1000002", Period: H1, Kind: kind, Nature: ledger.TX, Khoan: "341", TieuMuc: tm,
			Amount: amount, Doc: doc, Date: MustDate(tb, date), Memo: memo}
	}
	spend := mk(ledger.EntrySpending, "6001", 12_345_678, "PC 01", "2026-02-10", "Lương tháng 2\ndòng hai\ttab \"ngoặc\" hết ")
	es := []*ledger.Entry{
		mk(ledger.EntryAllocation, "", 500_000_000, "12/QĐ-UBND", "2025-12-20", "Giao dự toán"),
		mk(ledger.EntryWithdrawal, "", 100_000_000, "C2-02a/1", "2026-01-05", ""),
		spend,
		mk(ledger.EntrySpending, "6501", 1_000_000, " PC 02", "2026-03-01", "  tiền điện  "),
	}
	Must(tb, db.AddEntries(ctx, es, ledger.BatchSource{Reason: "test"}))
	_, err := db.ReverseEntry(ctx, spend.ID, "ghi nhầm")
	Must(tb, err)
	return db, spend
}

// ExportTo writes a workbook into dir and returns its path.
func ExportTo(tb testing.TB, src xlsx.Source, r xlsx.Request, dir string) string {
	tb.Helper()
	if r.Now == nil {
		r.Now = FixedNow
	}
	path, err := xlsx.Export(context.Background(), src, r, dir)
	if err != nil {
		tb.Fatalf("export %s: %v", r.Kind, err)
	}
	return path
}

// Export writes a workbook into a new directory and opens it.
func Export(tb testing.TB, src xlsx.Source, r xlsx.Request) (*excelize.File, string) {
	tb.Helper()
	path := ExportTo(tb, src, r, tb.TempDir())
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f, path
}

// Raw reads cells as stored, not as formatted.
var Raw = excelize.Options{RawCellValue: true}

// Grid is a sheet's cached values, 0-based.
type Grid [][]string

// ReadGrid reads the cached values of a sheet.
func ReadGrid(tb testing.TB, f *excelize.File, sheet string) Grid {
	tb.Helper()
	rows, err := f.GetRows(sheet, Raw)
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

// At is the value at row r, column c, "" outside the grid.
func (g Grid) At(r, c int) string {
	if r < len(g) && c < len(g[r]) {
		return g[r][c]
	}
	return ""
}

// RowsByCode maps the text of column c to its 0-based row, for rows whose
// column c matches re.
func (g Grid) RowsByCode(c int, re *regexp.Regexp) map[string]int {
	out := map[string]int{}
	for r := range g {
		if v := g.At(r, c); re.MatchString(v) {
			if _, dup := out[v]; !dup {
				out[v] = r
			}
		}
	}
	return out
}

// ColumnsByHeader maps what re captures in a header cell (rows before
// stop) to its 0-based column.
func (g Grid) ColumnsByHeader(stop int, re *regexp.Regexp) map[string]int {
	out := map[string]int{}
	for r := 0; r < stop && r < len(g); r++ {
		for c, v := range g[r] {
			if m := re.FindStringSubmatch(v); m != nil {
				out[m[1]] = c
			}
		}
	}
	return out
}

// NumberRow is the 0-based row of the column-number row (A, B, C, 1, …).
func (g Grid) NumberRow(tb testing.TB) int {
	tb.Helper()
	for r := range g {
		if g.At(r, 0) == "A" && g.At(r, 1) == "B" {
			return r
		}
	}
	tb.Fatal("no column-number row")
	return 0
}

// Cells of a B01 table: a row code, a Khoản column header, a unit column
// header.
var (
	ReCode  = regexp.MustCompile(`^\d\d$`)
	ReKhoan = regexp.MustCompile(`(?i)khoản (\d{3})`)
	ReUnit  = regexp.MustCompile(`\((\d{7})\)`)
)

// Money reads a cached amount; an empty cell is 0.
func Money(tb testing.TB, s string) ledger.Money {
	tb.Helper()
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		tb.Fatalf("cell %q is not a whole number of đồng", s)
	}
	return ledger.Money(n)
}

// Statement is the ledger's settlement of unit.
func Statement(tb testing.TB, db ledger.Ledger, unit string, p ledger.Period) *ledger.Statement {
	tb.Helper()
	st, err := ledger.Settlement(context.Background(), db, unit, p)
	Must(tb, err)
	return st
}

// SpendingDetail is F01-01 of totals.
func SpendingDetail(tb testing.TB, cat *ledger.Catalogue, totals []ledger.Total) []ledger.DetailRow {
	tb.Helper()
	rows, err := ledger.SpendingDetail(cat, totals)
	Must(tb, err)
	return rows
}

// Totals are the ledger's stored sums of unit.
func Totals(tb testing.TB, db ledger.Ledger, unit string, p ledger.Period) []ledger.Total {
	tb.Helper()
	ts, err := db.Totals(context.Background(), unit, p)
	Must(tb, err)
	return ts
}

// Catalogue is the ledger's code catalogue.
func Catalogue(tb testing.TB, db ledger.Ledger) *ledger.Catalogue {
	tb.Helper()
	cat, err := db.Catalogue(context.Background())
	Must(tb, err)
	return cat
}

// MustDate parses a date.
func MustDate(tb testing.TB, s string) ledger.Date {
	tb.Helper()
	d, err := ledger.ParseDate(s)
	Must(tb, err)
	return d
}

// Must fails the test on an error.
func Must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// WatchHeap samples the heap in use every millisecond into *peak until the
// returned function is called. It reads runtime/metrics, which does not
// stop the program: runtime.ReadMemStats stops the world, and a thousand
// stops a second slowed what was measured several times over.
func WatchHeap(peak *uint64) func() {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		// Their sum is MemStats.HeapInuse.
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if inuse := sample[0].Value.Uint64() + sample[1].Value.Uint64(); inuse > *peak {
				*peak = inuse
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

// Wards of AllocatedDistrict.
var (
	Ward1 = ledger.Unit{Code: "1000002", Name: "UBND phường Quang Trung", Chapter: "599"}
	Ward2 = ledger.Unit{Code: "1000003", Name: "UBND phường Nguyễn Trãi", Chapter: "599"}
)

// AllocatedDistrict is a district of two wards with the allocation of
// 2026-H2 decided for both (on Khoản 341 TX and KTX and Khoản 161 KTX for
// the first) and a negative adjustment for the first; it returns the
// decision's entries.
func AllocatedDistrict(tb testing.TB) (*sqlite.DB, []*ledger.Entry) {
	tb.Helper()
	ctx := context.Background()
	district := Ledger(tb, ledger.Unit{Code: "1000001", Name: "UBND quận Hà Đông", Chapter: "599"}, Ward1, Ward2)
	tx, ktx := ledger.Line{Khoan: "341", Nature: ledger.TX}, ledger.Line{Khoan: "341", Nature: ledger.KTX}
	culture := ledger.Line{Khoan: "161", Nature: ledger.KTX}
	d := ledger.AllocationDecision{Period: H2, Doc: "125/QĐ-UBND", Date: MustDate(tb, "2026-06-20"), Cells: map[string]map[ledger.Line]ledger.Money{
		Ward1.Code: {tx: 4_800_000_000, ktx: 900_000_000, culture: 220_000_000},
		Ward2.Code: {tx: 4_100_000_000},
	}}
	es, err := d.Entries()
	Must(tb, err)
	Must(tb, district.AddEntries(ctx, es, ledger.BatchSource{Reason: "test"}))
	adj := &ledger.Entry{Unit: Ward1.Code, Period: H2, Kind: ledger.EntryAdjustment, Nature: ledger.KTX, Khoan: "341", Amount: -100_000_000,
		Doc: "140/QĐ-UBND", Date: MustDate(tb, "2026-09-01"), Memo: "Điều chỉnh giảm dự toán"}
	Must(tb, district.AddEntry(ctx, adj))
	return district, es
}
