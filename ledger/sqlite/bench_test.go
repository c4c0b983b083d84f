package sqlite_test

import (
	"context"
	"database/sql"
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
	benchBatches(b, benchLedger(b, 0))
}

// benchBatches writes batches of 1,000 spending vouchers and reports the
// entries written per second.
func benchBatches(b *testing.B, f *ledgerFixture) {
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
func BenchmarkSettlement(b *testing.B) { benchSettlement(b, h1) }

// BenchmarkSettlementYear: the statement of the year of the same ward,
// folded from its halves — compare with BenchmarkSettlement.
func BenchmarkSettlementYear(b *testing.B) { benchSettlement(b, y2026) }

func benchSettlement(b *testing.B, p ledger.Period) {
	f := benchLedger(b, 50_000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ledger.Settlement(f.ctx, f.db, ward, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEntriesPage: one page of 50 rows deep in a ward-period of
// 50,000 entries, as the entry table fetches it.
func BenchmarkEntriesPage(b *testing.B) { benchEntriesPage(b, h1) }

// BenchmarkEntriesPageYear: the same page read through the year's filter
// (the year and its halves) — compare with BenchmarkEntriesPage.
func BenchmarkEntriesPageYear(b *testing.B) { benchEntriesPage(b, y2026) }

func benchEntriesPage(b *testing.B, p ledger.Period) {
	f := benchLedger(b, 50_000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		page, err := f.db.Entries(f.ctx, ledger.EntryFilter{Unit: ward, Period: p, Offset: 40_000 + i%1000, Limit: 50})
		if err != nil || len(page) != 50 {
			b.Fatalf("page: %d entries, %v", len(page), err)
		}
	}
}

// BenchmarkGuardTrigger: batches written under the entries' guard trigger
// of schema 6 (the locks of a year, one way per year) and under the one of
// schema 5 it replaced, in one run.
func BenchmarkGuardTrigger(b *testing.B) {
	const v5 = `DROP TRIGGER entries_guard;
CREATE TRIGGER entries_guard BEFORE INSERT ON entries
BEGIN
	SELECT RAISE(ABORT, 'entry without its chain hash')
	WHERE NEW.hash IS NULL OR typeof(NEW.hash) <> 'blob' OR length(NEW.hash) <> 32;
	SELECT RAISE(ABORT, 'period is closed')
	WHERE EXISTS (SELECT 1 FROM periods WHERE unit = NEW.unit AND period = NEW.period AND status = 'closed');
	SELECT RAISE(ABORT, 'review is finished')
	WHERE EXISTS (SELECT 1 FROM reviews WHERE unit = NEW.unit AND period = NEW.period AND state = 'finished');
END;`
	for _, schema := range []string{"v6", "v5"} {
		b.Run(schema, func(b *testing.B) {
			f := benchLedger(b, 20_000)
			if schema == "v5" {
				_, err := f.db.(interface{ SQL() *sql.DB }).SQL().Exec(v5)
				must(b, err)
			}
			benchBatches(b, f)
		})
	}
}
