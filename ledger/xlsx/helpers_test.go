package xlsx_test

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsx/xlsxtest"
)

// The half-years of the demo ledgers (xlsxtest.Demo): 2026-H1 closed,
// 2026-H2 open.
var h1, h2 = xlsxtest.H1, xlsxtest.H2

// ward is the first ward of the demo ledgers.
const ward = "1000002"

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
		g := xlsxtest.ReadGrid(tb, f, sheet)
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
				got, err := f.CalcCellValue(sheet, cell, xlsxtest.Raw)
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
