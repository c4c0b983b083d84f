package sqlite

import (
	"context"
	"database/sql"
	"time"
)

// SQL exposes the underlying handle to the store's tests, which attack the
// file with raw SQL; it is not part of the package's API.
func (db *DB) SQL() *sql.DB { return db.db }

// SchemaVersion is the schema version this program writes.
func SchemaVersion() int { return schemaVersion() }

// YearVersion is the schema version of the year's migration (0006_year).
func YearVersion() int {
	for i, name := range migrationFiles() {
		if fileNumber(name) == 6 {
			return i + 1
		}
	}
	return 0
}

// MigrateTo brings the ledger at path to schema version target, as Open
// would, and closes it.
func MigrateTo(ctx context.Context, path string, target int) error {
	db := &DB{path: path, now: time.Now}
	var err error
	if db.lock, err = lockLedger(path); err != nil {
		return err
	}
	if db.db, err = openPool(ctx, path, false); err != nil {
		db.lock.release()
		return err
	}
	defer db.Close()
	seed, err := shippedSeed()
	if err != nil {
		return err
	}
	return db.migrateTo(ctx, seed, target)
}

// EntryChecksVersion is the schema version that rewrote the entries'
// CHECK lists (0008_entry_checks).
func EntryChecksVersion() int {
	for i, name := range migrationFiles() {
		if fileNumber(name) == 8 {
			return i + 1
		}
	}
	return 0
}
