package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

// tableRows reads every row of the tables the year's migration rebuilds,
// as text, keyed by table, from a ledger file opened read-only.
func tableRows(tb testing.TB, path string) map[string][]string {
	tb.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	must(tb, err)
	defer raw.Close()
	out := map[string][]string{}
	for table, order := range map[string]string{"entries": "seq", "periods": "1, 2", "imports": "seq", "reviews": "1, 2",
		"approvals": "1, 2, 3, 4", "audit": "seq", "totals": "1, 2, 3, 4, 5, 6", "settings": "1", "file_imports": "seq",
		"later_notes": "1, 2", "later_note_figures": "1, 2"} {
		out[table] = queryRows(tb, raw, `SELECT * FROM `+table+` ORDER BY `+order)
	}
	return out
}

// queryRows reads the rows a query selects, each as its columns' names
// and values.
func queryRows(tb testing.TB, raw *sql.DB, query string) []string {
	tb.Helper()
	rows, err := raw.Query(query)
	must(tb, err)
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var out []string
	for rows.Next() {
		must(tb, rows.Scan(ptrs...))
		var b strings.Builder
		for i, c := range cols {
			fmt.Fprintf(&b, "%s=%v ", c, vals[i])
		}
		out = append(out, b.String())
	}
	must(tb, rows.Err())
	return out
}

// v4Ledger is a copy of the ledger the previous program made
// (testdata/v4.db, by make-v4.sh), with the statements after it run on it.
func v4Ledger(tb testing.TB, after ...string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "v4.db")
	data, err := os.ReadFile(filepath.Join("testdata", "v4.db"))
	must(tb, err)
	must(tb, os.WriteFile(path, data, 0o644))
	raw, err := sql.Open("sqlite", path)
	must(tb, err)
	defer raw.Close()
	for _, q := range after {
		_, err := raw.Exec(q)
		must(tb, err)
	}
	return path
}

// sameTables reports each table whose rows (tableRows) a migration changed.
func sameTables(tb testing.TB, before, after map[string][]string) {
	tb.Helper()
	for table, rows := range before {
		if strings.Join(after[table], "\n") != strings.Join(rows, "\n") {
			tb.Errorf("table %s changed by the migration:\nbefore %q\nafter  %q", table, rows, after[table])
		}
	}
}

// TestMigrateToYear: a ledger the previous program made (testdata/v4.db,
// by make-v4.sh: entries, a reversal, a closing reopened and closed again,
// an imported ward workbook, a finished review with an approval, an
// allocation decision, an entry file) is migrated in place: every row of
// every rebuilt table is as it was, the hash chains and every invariant
// hold (check is ok), nothing names the old tables, and the ledger works
// on — its year's statement folded from its halves, its locks in force.
func TestMigrateToYear(t *testing.T) {
	ctx := context.Background()
	// A table of a later version with a half-year CHECK, a table that
	// refers to it, its index and trigger: the step rebuilds what it
	// finds, not a list (as the exchange's notices).
	path := v4Ledger(t,
		`CREATE TABLE later_notes (unit TEXT NOT NULL REFERENCES units (code),
			period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-H[12]'), number TEXT NOT NULL, PRIMARY KEY (unit, period)) STRICT`,
		`CREATE TABLE later_note_figures (unit TEXT NOT NULL, period TEXT NOT NULL, approved INTEGER NOT NULL,
			FOREIGN KEY (unit, period) REFERENCES later_notes (unit, period)) STRICT`,
		`CREATE INDEX later_notes_by_number ON later_notes (number)`,
		`CREATE TRIGGER later_notes_no_delete BEFORE DELETE ON later_notes BEGIN SELECT RAISE(ABORT, 'kept'); END`,
		`INSERT INTO later_notes VALUES ('1000003', '2026-H1', '12/TB')`,
		`INSERT INTO later_note_figures VALUES ('1000003', '2026-H1', 470000000)`)
	// The versions before the year's (the exchange's, when the ledger is
	// older), then the year's alone: what it changes is its own doing.
	must(t, sqlite.MigrateTo(ctx, path, sqlite.YearVersion()-1))
	before := tableRows(t, path)
	if len(before["entries"]) < 30 || len(before["approvals"]) != 1 || len(before["imports"]) != 1 || len(before["periods"]) != 1 {
		t.Fatalf("the fixture lacks what it should hold: %d entries, %d approvals, %d imports, %d periods",
			len(before["entries"]), len(before["approvals"]), len(before["imports"]), len(before["periods"]))
	}
	must(t, sqlite.MigrateTo(ctx, path, sqlite.YearVersion()))
	sameTables(t, before, tableRows(t, path))
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	must(t, err)
	defer db.Close()
	var v int
	must(t, db.SQL().QueryRow(`PRAGMA user_version`).Scan(&v))
	if v != sqlite.SchemaVersion() {
		t.Fatalf("user_version %d after migration, want %d", v, sqlite.SchemaVersion())
	}
	mustCheckClean(t, db)
	// No CHECK is left that takes half-years only, nothing temporary is
	// left, and every period column takes a year.
	var narrow []string
	rows, err := db.SQL().Query(`SELECT type || ' ' || name FROM sqlite_master
		WHERE instr(sql, 'period GLOB ''[0-9][0-9][0-9][0-9]-H[12]''') > 0
		  AND instr(sql, 'period GLOB ''[0-9][0-9][0-9][0-9]'' OR') = 0
		UNION ALL SELECT 'temp ' || name FROM sqlite_temp_master`)
	must(t, err)
	for rows.Next() {
		var s string
		must(t, rows.Scan(&s))
		narrow = append(narrow, s)
	}
	rows.Close()
	if len(narrow) > 0 {
		t.Errorf("left after the migration: %v", narrow)
	}
	for _, q := range []string{
		`INSERT INTO periods (unit, period, status) VALUES ('1000002', '2030', 'open')`,
		`INSERT INTO reviews (unit, period, state, updated_at) VALUES ('1000002', '2030', 'draft', 'x')`,
		`INSERT INTO later_notes VALUES ('1000002', '2030', '1/TB')`,
		`INSERT INTO imports (unit, period, file, sha256, added, skipped, at) VALUES ('1000002', '2030', 'f', '` + strings.Repeat("0", 64) + `', 0, 0, 'x')`,
	} {
		if _, err := db.SQL().Exec(q); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
	if _, err := db.SQL().Exec(`INSERT INTO periods (unit, period, status) VALUES ('1000002', '2030-H3', 'open')`); err == nil {
		t.Error("a period 2030-H3 accepted")
	}
	if _, err := db.SQL().Exec(`DELETE FROM later_notes`); err == nil || !strings.Contains(err.Error(), "kept") {
		t.Errorf("the rebuilt table's trigger: %v", err)
	}
	var n int
	must(t, db.SQL().QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'later_notes_by_number'`).Scan(&n))
	if n != 1 {
		t.Error("the rebuilt table's index is gone")
	}
	units, err := db.Units(ctx)
	must(t, err)
	for _, u := range units {
		if u.Periods != ledger.ByHalfYear {
			t.Errorf("unit %s kept %q after the migration, want by half-years as before", u.Code, u.Periods)
		}
	}

	// The ledger works on: the year from its halves, the old locks.
	y := ledger.YearPeriod(2026)
	h1st, err := ledger.Settlement(ctx, db, "1000002", h1)
	must(t, err)
	h2st, err := ledger.Settlement(ctx, db, "1000002", h2)
	must(t, err)
	year, err := ledger.Settlement(ctx, db, "1000002", y)
	must(t, err)
	if year.Total["01"] != h1st.Total["01"] || year.Total["18"] != h1st.Total["18"]+h2st.Total["18"] ||
		year.Total["29"] != h2st.Total["29"] || year.Total["23"] != h1st.Total["23"]+h2st.Total["23"] {
		t.Errorf("year of the migrated ledger: 01=%d 18=%d 29=%d 23=%d", year.Total["01"], year.Total["18"], year.Total["29"], year.Total["23"])
	}
	if year.Total["01"] != 15_000_000 || year.Total["18"] != 420_000_000+350_000_000+12_000_000 {
		t.Errorf("year 01=%d 18=%d, want the fixture's 15.000.000 and 782.000.000", year.Total["01"], year.Total["18"])
	}
	e := &ledger.Entry{Unit: "1000002", Period: y, Kind: ledger.EntryWithdrawal, Nature: ledger.TX, Khoan: "341",
		Amount: 1, Doc: "C2", Date: ledger.NewDate(2026, 9, 1)}
	if err := db.AddEntry(ctx, e); ledger.ErrorField(err) != "period" || !strings.Contains(err.Error(), "2026-H2") {
		t.Errorf("an entry in the year of a unit kept by halves: %v", err)
	}
	e.Period = h2
	must(t, db.AddEntry(ctx, e))
	if err := db.AddEntry(ctx, &ledger.Entry{Unit: "1000003", Period: h1, Kind: ledger.EntryReturned, Nature: ledger.TX, Khoan: "341",
		Amount: 1, Doc: "NT", Date: ledger.NewDate(2026, 6, 1)}); ledger.ErrorKind(err) != ledger.KindLocked {
		t.Errorf("an entry in a finished review's period after the migration: %v", err)
	}
	if err := db.AddEntry(ctx, &ledger.Entry{Unit: "1000002", Period: h1, Kind: ledger.EntryReturned, Nature: ledger.TX, Khoan: "341",
		Amount: 1, Doc: "NT", Date: ledger.NewDate(2026, 6, 1)}); ledger.ErrorKind(err) != ledger.KindLocked {
		t.Errorf("an entry in a closed half-year after the migration: %v", err)
	}
	r, err := db.Review(ctx, "1000003", h1)
	if err != nil || r.State != ledger.ReviewFinished || len(r.Approvals) != 1 {
		t.Errorf("review after the migration: %+v %v", r, err)
	}
	mustCheckClean(t, db)
}
