package sqlite_test

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

// v4Rows reads every row of every table of a ledger at schema version 4,
// by the columns that version had, as sorted text, through a read-only
// connection of its own. The hash links (entries.hash, audit.hash and
// audit.entries_head) are left out: version 5 links the chains again, as
// how each entry came in joins its link; check verifies them.
func v4Rows(tb testing.TB, path string, columns map[string][]string) map[string][]string {
	tb.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	must(tb, err)
	defer raw.Close()
	out := map[string][]string{}
	for table, cols := range columns {
		out[table] = queryRows(tb, raw, `SELECT `+strings.Join(cols, ", ")+` FROM "`+table+`"`)
		slices.Sort(out[table])
	}
	return out
}

// v4Columns lists the tables of the ledger at path and their columns, but
// the hash links.
func v4Columns(tb testing.TB, path string) map[string][]string {
	tb.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	must(tb, err)
	defer raw.Close()
	out := map[string][]string{}
	rows, err := raw.Query(`SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'`)
	must(tb, err)
	defer rows.Close()
	for rows.Next() {
		var table, col string
		must(tb, rows.Scan(&table, &col))
		if col == "hash" || col == "entries_head" {
			continue
		}
		out[table] = append(out[table], col)
	}
	must(tb, rows.Err())
	return out
}

// TestMigrateV4ThroughLatest: the ledger the program of schema version 4
// made (testdata/v4.db) opened by this one is migrated through the
// exchange (5), the year (6) and the review documents (7) at once: every
// row of every table it had is there with the same content (the audit
// trail may only grow), the chains link again and check is ok; each entry
// is told how it came in — the district's own closing by closing, what
// the ward's workbook brought, its carry-outs too, by import — and the
// ledger works on: a year's statement and review information.
func TestMigrateV4ThroughLatest(t *testing.T) {
	ctx := context.Background()
	path := v4Ledger(t)
	cols := v4Columns(t, path)
	before := v4Rows(t, path, cols)
	if len(before["entries"]) != 34 || len(before["audit"]) != 26 {
		t.Fatalf("the fixture holds %d entries, %d audit rows", len(before["entries"]), len(before["audit"]))
	}
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	must(t, err)
	defer db.Close()
	var v int
	must(t, db.SQL().QueryRow(`PRAGMA user_version`).Scan(&v))
	if v != sqlite.SchemaVersion() || v < 7 {
		t.Fatalf("user_version %d, want %d", v, sqlite.SchemaVersion())
	}
	after := v4Rows(t, path, cols)
	for table, rows := range before {
		got := after[table]
		if table == "audit" {
			for _, r := range rows {
				if !slices.Contains(got, r) {
					t.Errorf("audit row lost: %s", r)
				}
			}
			continue
		}
		if !slices.Equal(got, rows) {
			t.Errorf("table %s changed:\nbefore %q\nafter  %q", table, rows, got)
		}
	}
	mustCheckClean(t, db)

	via := map[string]map[ledger.EntryVia]int{}
	for _, unit := range []string{"1000002", "1000003"} {
		es, err := db.Entries(ctx, ledger.EntryFilter{Unit: unit, Period: ledger.YearPeriod(2026)})
		must(t, err)
		for _, e := range es {
			k := unit + " " + e.Origin
			if via[k] == nil {
				via[k] = map[ledger.EntryVia]int{}
			}
			via[k][e.Via]++
		}
	}
	for k, want := range map[string]ledger.EntryVia{"1000002 close:2026-H1": ledger.ViaClosing, "1000003 import": ledger.ViaImport,
		"1000003 close:2026-H1": ledger.ViaImport, "1000002 ": ledger.ViaKeyed} {
		if len(via[k]) != 1 || via[k][want] == 0 {
			t.Errorf("entries of %q came in via %v, want %q", k, via[k], want)
		}
	}

	year, err := ledger.Settlement(ctx, db, "1000003", ledger.YearPeriod(2026))
	must(t, err)
	if year.Total["18"] != 480_000_000 || year.Total["31"] != 20_000_000 {
		t.Errorf("the ward's year: 18=%s 31=%s", year.Total["18"], year.Total["31"])
	}
	info := ledger.ReviewInfo{NoticeNumber: "7/TB-TCKH", Place: "Hà Đông"}
	must(t, db.SetReviewInfo(ctx, "1000003", h1, info))
	r, err := db.Review(ctx, "1000003", h1)
	if err != nil || r.Info.NoticeNumber != "7/TB-TCKH" || r.State != ledger.ReviewFinished {
		t.Errorf("the migrated review: %+v %v", r, err)
	}
	mustCheckClean(t, db)
}
