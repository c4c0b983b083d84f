package xlsx_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"wardledger/ledger"
	"wardledger/ledger/demo"
	"wardledger/ledger/sqlite"
	"wardledger/ledger/sqlite/sqlitetest"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsx/xlsxtest"
)

// Each benchmark has two sub-benchmarks: "xlsx" is this package, "raw" is
// excelize's StreamWriter writing the same cells (values, formulas and a
// style per kind of cell) with nothing else, for the ratio between them.
//
//	go test -run '^$' -bench . -benchmem ./ledger/xlsx/
//
// BenchmarkDistrict reads the ledger named by WARDLEDGER_BENCH_DB (and
// WARDLEDGER_BENCH_PERIOD, default 2026-H1) when set, e.g. the
// one-million-entry demo ledger:
//
//	wardctl demo --db big.db --wards 17 --years 2 --entries-per-half 14800

// syntheticEntries is n entries of one unit and period, in register order,
// every hundredth one reversed.
func syntheticEntries(n int) []*ledger.Entry {
	p := ledger.MustPeriod("2026-H1")
	kinds := []ledger.EntryKind{ledger.EntryWithdrawal, ledger.EntrySpending, ledger.EntrySpending, ledger.EntrySpending, ledger.EntryReturned}
	tms := []string{"6001", "6051", "6301", "6501", "6551", "6606", "6702", "7049", "9099"}
	khoans := []string{"341", "161", "011", "041"}
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	out := make([]*ledger.Entry, 0, n)
	for i := 0; len(out) < n; i++ {
		e := &ledger.Entry{ID: ledger.NewID(now), Unit: "1000002", Period: p, Kind: kinds[i%len(kinds)],
			Nature: ledger.Natures[i%2], Khoan: khoans[i%len(khoans)], Amount: ledger.Money(1_000_000 + i*137%9_000_000),
			Doc: fmt.Sprintf("PC%06d", i), Date: ledger.NewDate(2026, 1+i%6, 1+i%28),
			Memo: fmt.Sprintf("Chi theo chứng từ số %d, nội dung thanh toán tháng %d", i, 1+i%6)}
		if e.Kind == ledger.EntrySpending {
			e.TieuMuc = tms[i%len(tms)]
		}
		out = append(out, e)
		if i%100 == 99 && len(out) < n {
			r := e.Reversal()
			r.ID, r.Doc, r.Date, r.Memo = ledger.NewID(now), e.Doc, e.Date, "Đảo bút toán: ghi nhầm"
			out = append(out, &r)
		}
	}
	return out
}

func benchCatalogue(b *testing.B) *ledger.Catalogue {
	db := sqlitetest.New(b, b.TempDir()+"/cat.db", ledger.Setup{Superior: demo.Superior}, sqlite.Options{})
	cat, err := db.Catalogue(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return cat
}

func BenchmarkRegister100k(b *testing.B) {
	entries := syntheticEntries(100_000)
	cat := benchCatalogue(b)
	unit := ledger.Unit{Code: "1000002", Name: "UBND phường Quang Trung", Chapter: "599"}
	p := ledger.MustPeriod("2026-H1")
	b.Run("xlsx", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := xlsx.WriteRegister(context.Background(), io.Discard, unit, p, entries, cat); err != nil {
				b.Fatal(err)
			}
		}
	})
	cells := xlsx.RegisterCells(entries, cat)
	raw := func(b *testing.B) { rawWrite(b, []rawSheet{{name: xlsx.SheetRegister, rows: cells}}) }
	b.Run("raw", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			raw(b)
		}
	})
	b.Run("paired", func(b *testing.B) {
		paired(b, func(b *testing.B) {
			if err := xlsx.WriteRegister(context.Background(), io.Discard, unit, p, entries, cat); err != nil {
				b.Fatal(err)
			}
		}, raw)
	})
}

// rawSheet is a sheet as raw excelize writes it: rows of values, each a
// string, an int64, an int or a float64, or a formula with its value.
type rawSheet struct {
	name string
	rows [][]any
}

type rawFormula struct {
	formula string
	value   any
}

// rawWrite writes the sheets with StreamWriter, a style per kind of value,
// and saves the workbook to nowhere.
func rawWrite(b *testing.B, sheets []rawSheet) {
	f := excelize.NewFile()
	defer f.Close()
	money, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(`#,##0_);(#,##0);"-"_)`)})
	if err != nil {
		b.Fatal(err)
	}
	text, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true}})
	for i, s := range sheets {
		if i == 0 {
			f.SetSheetName("Sheet1", s.name)
		} else if _, err := f.NewSheet(s.name); err != nil {
			b.Fatal(err)
		}
		sw, err := f.NewStreamWriter(s.name)
		if err != nil {
			b.Fatal(err)
		}
		row := make([]any, 0, 32)
		for r, vals := range s.rows {
			row = row[:0]
			for _, v := range vals {
				switch v := v.(type) {
				case rawFormula:
					row = append(row, excelize.Cell{StyleID: money, Formula: v.formula, Value: v.value})
				case string:
					row = append(row, excelize.Cell{StyleID: text, Value: v})
				default:
					row = append(row, excelize.Cell{StyleID: money, Value: v})
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := sw.SetRow(cell, row); err != nil {
				b.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			b.Fatal(err)
		}
	}
	if err := f.Write(io.Discard); err != nil {
		b.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

// benchLedger is the ledger of BenchmarkDistrict.
func benchLedger(b *testing.B) (*sqlite.DB, ledger.Period) {
	ctx := context.Background()
	p := ledger.MustPeriod("2026-H1")
	if s := os.Getenv("WARDLEDGER_BENCH_PERIOD"); s != "" {
		p = ledger.MustPeriod(s)
	}
	if path := os.Getenv("WARDLEDGER_BENCH_DB"); path != "" {
		db, err := sqlite.Open(ctx, path, sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		return db, p
	}
	return sqlitetest.Demo(b, b.TempDir()+"/bench.db", demo.Options{Wards: 17, Years: 1, EntriesPerHalf: 300, Today: xlsxtest.Today, Seed: 1}, sqlite.Options{}), p
}

func BenchmarkDistrict(b *testing.B) {
	db, p := benchLedger(b)
	defer db.Close()
	req := xlsx.Request{Kind: ledger.WorkbookDistrict, Period: p, Now: xlsxtest.FixedNow}
	var out bytes.Buffer
	if err := xlsx.Write(context.Background(), db, req, &out); err != nil {
		b.Fatal(err)
	}
	sheets := cellsOf(b, out.Bytes())
	ours := func(b *testing.B) {
		if err := xlsx.Write(context.Background(), db, req, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	raw := func(b *testing.B) { rawWrite(b, sheets) }
	b.Run("xlsx", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ours(b)
		}
	})
	b.Run("raw", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			raw(b)
		}
	})
	b.Run("paired", func(b *testing.B) { paired(b, ours, raw) })
}

// paired runs ours and raw one after the other in every iteration and
// reports the time of each and their ratio: on a shared machine whose
// speed drifts, both see the same conditions, which separate
// sub-benchmarks run seconds apart do not.
func paired(b *testing.B, ours, raw func(*testing.B)) {
	var tOurs, tRaw time.Duration
	for i := 0; b.Loop(); i++ {
		// Alternate which goes first, so neither always runs after the
		// other's garbage.
		first, second, t1, t2 := ours, raw, &tOurs, &tRaw
		if i%2 == 1 {
			first, second, t1, t2 = raw, ours, &tRaw, &tOurs
		}
		start := time.Now()
		first(b)
		mid := time.Now()
		second(b)
		*t1 += mid.Sub(start)
		*t2 += time.Since(mid)
	}
	b.ReportMetric(float64(tOurs.Milliseconds())/float64(b.N), "xlsx-ms/op")
	b.ReportMetric(float64(tRaw.Milliseconds())/float64(b.N), "raw-ms/op")
	b.ReportMetric(float64(tOurs)/float64(tRaw), "xlsx/raw")
}

// cellsOf reads back every cell of a workbook as rawWrite writes it.
func cellsOf(b *testing.B, data []byte) []rawSheet {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out []rawSheet
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, xlsxtest.Raw)
		if err != nil {
			b.Fatal(err)
		}
		s := rawSheet{name: name}
		for r, cols := range rows {
			vals := make([]any, len(cols))
			for c, v := range cols {
				// Text stays text (codes such as "011" look like numbers).
				var val any = v
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if typ, _ := f.GetCellType(name, cell); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
					if n, err := strconv.ParseInt(v, 10, 64); err == nil {
						val = n
					} else if x, err := strconv.ParseFloat(v, 64); err == nil {
						val = x
					}
				}
				if fm, _ := f.GetCellFormula(name, cell); fm != "" {
					val = rawFormula{fm, val}
				}
				vals[c] = val
			}
			s.rows = append(s.rows, vals)
		}
		out = append(out, s)
	}
	return out
}

// BenchmarkSettlement is one unit's whole settlement workbook (register and
// payload included) from the benchmark ledger.
func BenchmarkSettlement(b *testing.B) {
	db, p := benchLedger(b)
	defer db.Close()
	req := xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: "1000002", Period: p, Now: xlsxtest.FixedNow}
	b.ReportAllocs()
	for b.Loop() {
		if err := xlsx.Write(context.Background(), db, req, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
