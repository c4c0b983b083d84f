package sqlite

import "database/sql"

// SQL exposes the underlying handle to the store's tests, which attack the
// file with raw SQL; it is not part of the package's API.
func (db *DB) SQL() *sql.DB { return db.db }

// SchemaVersion is the schema version this program writes.
func SchemaVersion() int { return schemaVersion() }
