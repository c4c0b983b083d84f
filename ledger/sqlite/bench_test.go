package sqlite_test

import (
	"context"
	"fmt"
	"testing"

	"wardledger/ledger"
)

// benchLedger is a ward with a funded half-year of n spending vouchers.
func benchLedger(b *testing.B, n int) *ledgerFixture {
	b.Helper()
	db := MustOpenDB(b)
	ctx := context.Background()
	batch := []*ledger.Entry{
		mk(h1, ledger.EntryAllocation, ledger.TX, "341", "", 1_000_000_000_000, h1.Start()),
		mk(h1, ledger.EntryWithdrawal, ledger.TX, "341", "", 900_000_000_000, h1.Start()),
	}
	for i := 0; i < n; i++ {
		e := mk(h1, ledger.EntrySpending, ledger.TX, "341", "6501", ledger.Money(1000+i%997), h1.Start())
		e.Doc, e.Memo = fmt.Sprintf("PC%05d", i), fmt.Sprintf("chi tiền điện tháng %d", i%6+1)
		batch = append(batch, e)
	}
	must(b, db.AddEntries(ctx, batch, ledger.BatchSource{Reason: "bench"}))
	return &ledgerFixture{db: db, ctx: ctx}
}

type ledgerFixture struct {
	db  ledger.Ledger
	ctx context.Context
}

// BenchmarkAddEntry: one voucher, validated against the rules and written
// in its own transaction (synchronous=FULL, so it includes the fsync).
func BenchmarkAddEntry(b *testing.B) {
	f := benchLedger(b, 1000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		must(b, f.db.AddEntry(f.ctx, mk(h1, ledger.EntrySpending, ledger.TX, "341", "6001", 1000, h1.Start())))
	}
}

// BenchmarkAddEntriesBatch: entries per second when importing a batch.
func BenchmarkAddEntriesBatch(b *testing.B) {
	f := benchLedger(b, 0)
	const size = 1000
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		batch := make([]*ledger.Entry, size)
		for j := range batch {
			batch[j] = mk(h1, ledger.EntrySpending, ledger.TX, "341", "6001", 1000, h1.Start())
		}
		must(b, f.db.AddEntries(f.ctx, batch, ledger.BatchSource{Reason: "bench"}))
	}
	b.ReportMetric(float64(b.N*size)/b.Elapsed().Seconds(), "entries/s")
}

// BenchmarkSettlement: the statement of a ward-period of 50,000 entries.
func BenchmarkSettlement(b *testing.B) {
	f := benchLedger(b, 50_000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ledger.Settlement(f.ctx, f.db, ward, h1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEntriesPage: one page of 50 rows deep in a ward-period of
// 50,000 entries, as the entry table fetches it.
func BenchmarkEntriesPage(b *testing.B) {
	f := benchLedger(b, 50_000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		page, err := f.db.Entries(f.ctx, ledger.EntryFilter{Unit: ward, Period: h1, Offset: 40_000 + i%1000, Limit: 50})
		if err != nil || len(page) != 50 {
			b.Fatalf("page: %d entries, %v", len(page), err)
		}
	}
}
