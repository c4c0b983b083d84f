package xlsx_test

import (
	"context"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"wardledger/ledger"
	"wardledger/ledger/demo"
	"wardledger/ledger/sqlite"
	"wardledger/ledger/sqlite/sqlitetest"
	"wardledger/ledger/xlsx"
)

// The demo ledgers of the tests end on today: 2026-H1 is closed, 2026-H2
// open and half done.
var (
	today = ledger.NewDate(2026, 8, 20)
	h1    = ledger.MustPeriod("2026-H1")
	h2    = ledger.MustPeriod("2026-H2")
)

func fixedNow() time.Time { return time.Date(2026, 8, 20, 10, 30, 0, 0, time.UTC) }

// mustLedger creates a new ledger in a temporary directory holding the
// superior unit sup and the subordinate units.
func mustLedger(tb testing.TB, sup ledger.Unit, units ...ledger.Unit) *sqlite.DB {
	tb.Helper()
	return sqlitetest.New(tb, filepath.Join(tb.TempDir(), "ledger.db"), ledger.Setup{Superior: sup, Units: units}, sqlite.Options{Now: fixedNow})
}

// mustDemo is a ledger holding a small demo district.
func mustDemo(tb testing.TB, wards, perHalf int) *sqlite.DB {
	tb.Helper()
	return sqlitetest.Demo(tb, filepath.Join(tb.TempDir(), "ledger.db"),
		demo.Options{Wards: wards, Years: 1, EntriesPerHalf: perHalf, Today: today, Seed: 7}, sqlite.Options{Now: fixedNow})
}

// mustExport writes a workbook into a new directory and opens it.
func mustExport(tb testing.TB, src xlsx.Source, r xlsx.Request) (*excelize.File, string) {
	tb.Helper()
	if r.Now == nil {
		r.Now = fixedNow
	}
	path, err := xlsx.Export(context.Background(), src, r, tb.TempDir())
	if err != nil {
		tb.Fatalf("export %s: %v", r.Kind, err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f, path
}

var raw = excelize.Options{RawCellValue: true}

// grid is a sheet's cached values, 0-based.
type grid [][]string

func readGrid(tb testing.TB, f *excelize.File, sheet string) grid {
	tb.Helper()
	rows, err := f.GetRows(sheet, raw)
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

func (g grid) at(r, c int) string {
	if r < len(g) && c < len(g[r]) {
		return g[r][c]
	}
	return ""
}

// money reads a cached amount; an empty cell is 0.
func money(tb testing.TB, s string) ledger.Money {
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

// rowsByCode maps the text of column c to its 0-based row, for rows whose
// column c matches re.
func (g grid) rowsByCode(c int, re *regexp.Regexp) map[string]int {
	out := map[string]int{}
	for r := range g {
		if v := g.at(r, c); re.MatchString(v) {
			if _, dup := out[v]; !dup {
				out[v] = r
			}
		}
	}
	return out
}

// columnsByHeader maps what re captures in a header cell (rows before
// stop) to its 0-based column.
func (g grid) columnsByHeader(stop int, re *regexp.Regexp) map[string]int {
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

// numberRow is the 0-based row of the column-number row (A, B, C, 1, …).
func (g grid) numberRow(tb testing.TB) int {
	tb.Helper()
	for r := range g {
		if g.at(r, 0) == "A" && g.at(r, 1) == "B" {
			return r
		}
	}
	tb.Fatal("no column-number row")
	return 0
}

var (
	reCode  = regexp.MustCompile(`^\d\d$`)
	reKhoan = regexp.MustCompile(`Khoản (\d{3})`)
	reUnit  = regexp.MustCompile(`\((\d{7})\)`)
)

// checkFormulas recomputes every formula of every visible sheet and
// compares it with the value cached in the file; it returns how many it
// checked.
func checkFormulas(tb testing.TB, f *excelize.File) int {
	tb.Helper()
	n := 0
	for _, sheet := range f.GetSheetList() {
		if sheet == xlsx.PayloadSheet {
			continue
		}
		g := readGrid(tb, f, sheet)
		for r := range g {
			for c := range g[r] {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, err := f.GetCellFormula(sheet, cell)
				if err != nil {
					tb.Fatal(err)
				}
				if formula == "" {
					continue
				}
				n++
				got, err := f.CalcCellValue(sheet, cell, raw)
				if err != nil {
					tb.Fatalf("%s!%s =%s: %v", sheet, cell, formula, err)
				}
				if !sameNumber(got, g[r][c]) {
					tb.Errorf("%s!%s =%s computes %s, the file caches %s", sheet, cell, formula, got, g[r][c])
				}
			}
		}
	}
	return n
}

func sameNumber(a, b string) bool {
	x, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	y, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil {
		return a == b
	}
	return math.Abs(x-y) <= 1e-9*math.Max(1, math.Abs(y))
}

// statement is the ledger's settlement of unit.
func statement(tb testing.TB, db ledger.Ledger, unit string, p ledger.Period) *ledger.Statement {
	tb.Helper()
	st, err := ledger.Settlement(context.Background(), db, unit, p)
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

func totals(tb testing.TB, db ledger.Ledger, unit string, p ledger.Period) []ledger.Total {
	tb.Helper()
	ts, err := db.Totals(context.Background(), unit, p)
	if err != nil {
		tb.Fatal(err)
	}
	return ts
}

func catalogue(tb testing.TB, db ledger.Ledger) *ledger.Catalogue {
	tb.Helper()
	cat, err := db.Catalogue(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return cat
}

func spendingDetail(tb testing.TB, cat *ledger.Catalogue, totals []ledger.Total) []ledger.DetailRow {
	tb.Helper()
	rows, err := ledger.SpendingDetail(cat, totals)
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}
