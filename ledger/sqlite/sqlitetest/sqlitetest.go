// Package sqlitetest makes ledgers for the tests of other packages: a new
// ledger from a setup, or the demo district, closed when the test ends.
package sqlitetest

import (
	"context"
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
