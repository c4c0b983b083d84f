package sqlite_test

import (
	"context"
	"strings"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

// TestMigrateEntryChecks: the ledger the previous program made
// (testdata/v4.db) brought to the version before 8, then to 8: every row
// of every table is as it was, the hash chains hold, the entries' CHECKs
// still refuse a kind or a way in that is not the domain's, and nothing
// of the old lists is left.
func TestMigrateEntryChecks(t *testing.T) {
	ctx := context.Background()
	// The tables tableRows reads beside the store's own.
	path := v4Ledger(t,
		`CREATE TABLE later_notes (unit TEXT NOT NULL, period TEXT NOT NULL, number TEXT NOT NULL, PRIMARY KEY (unit, period)) STRICT`,
		`CREATE TABLE later_note_figures (unit TEXT NOT NULL, period TEXT NOT NULL, approved INTEGER NOT NULL) STRICT`)
	must(t, sqlite.MigrateTo(ctx, path, sqlite.EntryChecksVersion()-1))
	before := tableRows(t, path)
	must(t, sqlite.MigrateTo(ctx, path, sqlite.EntryChecksVersion()))
	if len(before["entries"]) < 30 {
		t.Fatalf("the fixture holds %d entries", len(before["entries"]))
	}
	sameTables(t, before, tableRows(t, path))
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	must(t, err)
	defer db.Close()
	mustCheckClean(t, db)
	var lists int
	must(t, db.SQL().QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'entries'
		AND (instr(sql, 'kind IN (') > 0 OR instr(sql, 'via IN (') > 0)`).Scan(&lists))
	if lists > 0 {
		t.Error("the entries table keeps its IN lists")
	}
	insert := func(kind, via string) error {
		_, err := db.SQL().Exec(`INSERT INTO entries (id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, created_at, via, hash)
			VALUES ('01234567-89ab-7def-8123-456789abcdef', '1000002', '2027-H1', ?, 'TX', '341', '', 5, 'X', '2027-01-02', 'x', ?, ?)`,
			kind, via, make([]byte, 32))
		return err
	}
	for _, c := range [][2]string{{"gift", ""}, {"Allocation", ""}, {"allocation ", ""}, {"allocation", "mail"}, {"allocation", "Import"}} {
		if err := insert(c[0], c[1]); err == nil || !strings.Contains(err.Error(), "CHECK") {
			t.Errorf("kind %q via %q: %v", c[0], c[1], err)
		}
	}
	must(t, insert(string(ledger.EntryAllocation), string(ledger.ViaImport)))
}

// TestEntryInsertPlan: writing an entry builds no temporary table for a
// CHECK (an IN list of more than two values is built again for every
// row), whatever the version the ledger was made with.
func TestEntryInsertPlan(t *testing.T) {
	db := MustOpenDB(t)
	rows, err := db.SQL().Query(`EXPLAIN INSERT INTO entries (id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, memo,
		reverses, origin, created_at, created_by, via, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		make([]any, 17)...)
	must(t, err)
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		must(t, rows.Scan(ptrs...))
		if op, _ := vals[1].(string); op == "OpenEphemeral" {
			t.Errorf("the INSERT of an entry builds a temporary table (step %v)", vals[0])
		}
	}
	must(t, rows.Err())
}
