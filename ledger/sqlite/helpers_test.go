package sqlite_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

const ward = "1000002"

var (
	h1 = ledger.MustPeriod("2026-H1")
	h2 = ledger.MustPeriod("2026-H2")
)

// clock is a fixed, advancing test clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { c.t = c.t.Add(time.Second); return c.t }

// MustOpenDB creates a new ledger in a temporary directory with a district
// and one ward.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	return mustOpenAt(tb, filepath.Join(tb.TempDir(), "ledger.db"))
}

// mustOpenAt opens the ledger at path, creating it (a district and one
// ward) when nothing is there yet.
func mustOpenAt(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	ctx := context.Background()
	c := &clock{t: time.Date(2026, 8, 1, 8, 0, 0, 0, time.UTC)}
	opt := sqlite.Options{Now: c.now}
	var db *sqlite.DB
	var err error
	if _, serr := os.Stat(path); serr == nil {
		db, err = sqlite.Open(ctx, path, opt)
	} else {
		db, err = sqlite.Create(ctx, path, testSetup(), opt)
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// testSetup is the district and ward every store test starts with.
func testSetup() ledger.Setup {
	return ledger.Setup{
		Superior: ledger.Unit{Code: "1000001", Name: "UBND quận Hà Đông", Chapter: "599"},
		Units:    []ledger.Unit{{Code: ward, Name: "UBND phường Quang Trung", Chapter: "599"}},
	}
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// mk builds an entry of the test ward.
func mk(p ledger.Period, kind ledger.EntryKind, n ledger.Nature, khoan, tm string, amount ledger.Money, date ledger.Date) *ledger.Entry {
	return &ledger.Entry{Unit: ward, Period: p, Kind: kind, Nature: n, Khoan: khoan, TieuMuc: tm, Amount: amount,
		Doc: "CT-" + fmt.Sprint(amount), Date: date, Memo: "kiểm thử"}
}

func add(tb testing.TB, db *sqlite.DB, e *ledger.Entry) *ledger.Entry {
	tb.Helper()
	must(tb, db.AddEntry(context.Background(), e))
	return e
}

// fund records an allocation of alloc, a withdrawal of withdrawn and a
// spending of spent on Khoản 341 of nature n in period p.
func fund(tb testing.TB, db *sqlite.DB, p ledger.Period, n ledger.Nature, alloc, withdrawn, spent ledger.Money) {
	tb.Helper()
	d := p.Start()
	add(tb, db, mk(p, ledger.EntryAllocation, n, "341", "", alloc, d))
	if withdrawn > 0 {
		add(tb, db, mk(p, ledger.EntryWithdrawal, n, "341", "", withdrawn, d))
	}
	if spent > 0 {
		add(tb, db, mk(p, ledger.EntrySpending, n, "341", "6001", spent, d))
	}
}

// snapshot is a digest of everything the ledger records: entries, totals,
// periods, units, codes, settings and the audit trail.
func snapshot(tb testing.TB, db *sqlite.DB) string {
	tb.Helper()
	h := sha256.New()
	for _, q := range []string{
		`SELECT * FROM entries ORDER BY seq`, `SELECT * FROM totals ORDER BY 1, 2, 3, 4, 5, 6`,
		`SELECT * FROM periods ORDER BY 1, 2`, `SELECT * FROM units ORDER BY 1`, `SELECT * FROM codes ORDER BY 1, 2`,
		`SELECT * FROM settings ORDER BY 1`, `SELECT * FROM audit ORDER BY seq`, `SELECT * FROM imports ORDER BY seq`,
		`SELECT * FROM reviews ORDER BY 1, 2`, `SELECT * FROM approvals ORDER BY 1, 2, 3, 4`, `SELECT * FROM file_imports ORDER BY seq`,
		`SELECT * FROM review_info ORDER BY 1, 2`, `SELECT * FROM review_participants ORDER BY 1, 2, 3`, `SELECT * FROM review_recipients ORDER BY 1, 2, 3`,
	} {
		rows, err := db.SQL().Query(q)
		if err != nil {
			tb.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		n := 0
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				tb.Fatal(err)
			}
			fmt.Fprintf(h, "%v\n", vals)
			n++
		}
		rows.Close()
		fmt.Fprintf(h, "%s: %d rows\n", q, n)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// counts returns the number of entries and the sum of their amounts.
func counts(tb testing.TB, db *sqlite.DB) (n int, sum int64) {
	tb.Helper()
	must(tb, db.SQL().QueryRow(`SELECT count(*), coalesce(sum(amount), 0) FROM entries`).Scan(&n, &sum))
	return n, sum
}

func rowsOf(tb testing.TB, db *sqlite.DB, p ledger.Period) ledger.Rows {
	tb.Helper()
	st, err := ledger.Settlement(context.Background(), db, ward, p)
	must(tb, err)
	return st.Total
}

// mustCheckClean fails the test if the ledger check finds any problem.
func mustCheckClean(tb testing.TB, db *sqlite.DB) {
	tb.Helper()
	problems, err := db.Check(context.Background())
	must(tb, err)
	if len(problems) > 0 {
		tb.Fatalf("check: %v", problems)
	}
}
