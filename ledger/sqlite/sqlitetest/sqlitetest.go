// Package sqlitetest makes ledgers for the tests of other packages: a new
// ledger from a setup, or the demo district, closed when the test ends.
package sqlitetest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/demo"
	"wardledger/ledger/sqlite"
)

// New creates a ledger at path holding setup.
func New(tb testing.TB, path string, setup ledger.Setup, opt sqlite.Options) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Create(context.Background(), path, setup, opt)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Demo creates a ledger of the demo district at path and fills it.
func Demo(tb testing.TB, path string, o demo.Options, opt sqlite.Options) *sqlite.DB {
	tb.Helper()
	setup, err := demo.Setup(o)
	if err != nil {
		tb.Fatal(err)
	}
	db := New(tb, path, setup, opt)
	if err := demo.Generate(context.Background(), db, o); err != nil {
		tb.Fatal(err)
	}
	return db
}

// District is a ledger of the demo district's superior unit with the
// given subordinate units and no entries: the superior's side of an
// exchange.
func District(tb testing.TB, path string, units ...ledger.Unit) *sqlite.DB {
	tb.Helper()
	return New(tb, path, ledger.Setup{Superior: demo.Superior, Units: units}, sqlite.Options{})
}

// Digest is a digest of every row of every table of the ledger, read
// through a connection of its own: equal digests mean a refused action
// changed nothing at all.
func Digest(tb testing.TB, db *sqlite.DB) string {
	tb.Helper()
	raw, err := sql.Open("sqlite", "file:"+(&url.URL{Path: db.Path()}).EscapedPath()+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	var tables []string
	rows, err := raw.Query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		tb.Fatal(err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			tb.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	h := sha256.New()
	for _, table := range tables {
		rows, err := raw.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			tb.Fatal(err)
		}
		cols, _ := rows.Columns()
		var lines []string
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				tb.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("%q", vals))
		}
		rows.Close()
		sort.Strings(lines)
		fmt.Fprintf(h, "%s %d\n%s\n", table, len(lines), strings.Join(lines, "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}
