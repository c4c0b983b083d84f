package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"fyne.io/fyne/v2"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

// bigEntries is how many entries the benchmark ward-period holds: a large
// ward keying every voucher line for half a year.
const bigEntries = 50_000

var (
	bigOnce sync.Once
	bigPath string
	bigErr  error
)

// bigLedger builds, once per test binary, a ledger whose ward has
// bigEntries entries in 2026-H1.
func bigLedger(b *testing.B) string {
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "wardledger-bench")
		if err != nil {
			bigErr = err
			return
		}
		bigPath = filepath.Join(dir, "lon.db")
		ctx := context.Background()
		l, err := sqlite.Create(ctx, bigPath, ledger.Setup{Superior: testSuperior, Units: []ledger.Unit{testWard}}, sqlite.Options{})
		if err != nil {
			bigErr = err
			return
		}
		defer l.Close()
		tms := []string{"6001", "6051", "6101", "6301", "6501", "6551", "6601", "6606", "6702", "7049"}
		es := []*ledger.Entry{
			{Unit: testWard.Code, Period: testPeriod, Kind: ledger.EntryAllocation, Nature: ledger.TX, Khoan: "341",
				Amount: 900_000_000_000, Doc: "1/QĐ-UBND", Date: ledger.NewDate(2025, 12, 20)},
			{Unit: testWard.Code, Period: testPeriod, Kind: ledger.EntryWithdrawal, Nature: ledger.TX, Khoan: "341",
				Amount: 800_000_000_000, Doc: "C2-02a/1", Date: ledger.NewDate(2026, 1, 1)},
		}
		for i := len(es); i < bigEntries; i++ {
			es = append(es, &ledger.Entry{Unit: testWard.Code, Period: testPeriod, Kind: ledger.EntrySpending, Nature: ledger.TX,
				Khoan: "341", TieuMuc: tms[i%len(tms)], Amount: ledger.Money(1_000_000 + i%997*1000),
				Doc: fmt.Sprintf("PC%05d", i), Date: ledger.NewDate(2026, 1+i%6, 1+i%28), Memo: "Chi theo chứng từ số " + fmt.Sprint(i)})
		}
		bigErr = l.AddEntries(ctx, es, ledger.BatchSource{Reason: "benchmark"})
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigPath
}

// TestMain removes the benchmark ledger, which outlives single benchmarks.
func TestMain(m *testing.M) {
	code := m.Run()
	if bigPath != "" {
		os.RemoveAll(filepath.Dir(bigPath))
	}
	os.Exit(code)
}

func openBig(b *testing.B) ledger.Ledger {
	l, err := sqlite.Open(context.Background(), bigLedger(b), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	return l
}

// BenchmarkFetchPage reads one page of the entries table of a ward-period
// of 50,000 entries, as scrolling does (target: under 10 ms).
func BenchmarkFetchPage(b *testing.B) {
	l := openBig(b)
	ctx := context.Background()
	base := ledger.EntryFilter{Unit: testWard.Code, Period: testPeriod, Desc: true}
	cases := []struct {
		name string
		f    ledger.EntryFilter
		page int
	}{
		{"first", base, 0},
		{"middle", base, bigEntries / pageSize / 2},
		{"last", base, bigEntries/pageSize - 1},
		{"kind-filter", withKinds(base, ledger.EntrySpending), bigEntries / pageSize / 2},
		{"code-filter", withCode(base, "6501"), 10},
		{"text-filter", withText(base, "PC4"), 5},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				pg, err := fetchPage(ctx, l, c.f, c.page, pageSize)
				if err != nil || len(pg.entries) == 0 {
					b.Fatal(err, len(pg.entries))
				}
			}
		})
	}
	// What the table does when the filter changes: count, then page one.
	b.Run("count+first", func(b *testing.B) {
		for b.Loop() {
			if _, err := l.CountEntries(ctx, base); err != nil {
				b.Fatal(err)
			}
			if _, err := fetchPage(ctx, l, base, 0, pageSize); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func withKinds(f ledger.EntryFilter, k ...ledger.EntryKind) ledger.EntryFilter { f.Kinds = k; return f }
func withCode(f ledger.EntryFilter, c string) ledger.EntryFilter               { f.Code = c; return f }
func withText(f ledger.EntryFilter, t string) ledger.EntryFilter               { f.Text = t; return f }

// BenchmarkSaveVoucher saves one spending line into the 50,000-entry
// ward-period and reads back what the screen shows after a save: the
// period list, the count and first page of the table, and the statement
// with its F01-01 detail (target: under 30 ms).
func BenchmarkSaveVoucher(b *testing.B) {
	l := openBig(b)
	ctx := context.Background()
	cat, _ := l.Catalogue(ctx)
	f := ledger.EntryFilter{Unit: testWard.Code, Period: testPeriod, Desc: true}
	for b.Loop() {
		e := &ledger.Entry{Unit: testWard.Code, Period: testPeriod, Kind: ledger.EntrySpending, Nature: ledger.TX,
			Khoan: "341", TieuMuc: "6501", Amount: 1000, Doc: "PC-BENCH", Date: ledger.NewDate(2026, 3, 15)}
		if err := l.AddEntry(ctx, e); err != nil {
			b.Fatal(err)
		}
		if _, err := l.Periods(ctx, testWard.Code); err != nil {
			b.Fatal(err)
		}
		if _, err := l.CountEntries(ctx, f); err != nil {
			b.Fatal(err)
		}
		if _, err := fetchPage(ctx, l, f, 0, pageSize); err != nil {
			b.Fatal(err)
		}
		totals, err := l.Totals(ctx, testWard.Code, testPeriod)
		if err != nil {
			b.Fatal(err)
		}
		l.Form().BuildStatement(testWard.Code, testPeriod, totals)
		ledger.SpendingDetail(cat, totals)
	}
}

// BenchmarkSaveVoucherUI is the same save driven through the entry form
// and the real screens (test driver): Enter pressed, widgets refreshed.
func BenchmarkSaveVoucherUI(b *testing.B) {
	opts := testOptions(bigLedger(b))
	u, w := startUI(b, opts)
	f := u.shell.book.form
	f.doc.SetText("PC-UI")
	f.date.SetText("15/03/2026")
	f.kind.SetSelectedIndex(3)
	f.khoan.set("341")
	for b.Loop() {
		f.tieuMuc.set("6501")
		f.amount.SetText("1.000")
		w.Canvas().Focus(f.amount)
		press(w, fyne.KeyReturn)
		u.tasks.wait()
		if f.amount.Text != "" {
			b.Fatalf("not saved: %q", f.banner.Text)
		}
	}
}
