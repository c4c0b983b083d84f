package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"wardledger/ledger"
)

// The schema is migrated by the embedded files migration/NNNN_name.sql,
// applied in order in one transaction under PRAGMA user_version. A version
// that needs work SQL cannot do (hashing every row, say) has a Go step,
// run after its file; a file NNNN_name.post.sql, if there is one, runs
// after the Go step (to put back the triggers the step had to lift).

// migrationSteps are the Go steps, by the number of the file of the
// version they belong to (NNNN in NNNN_name.sql).
var migrationSteps = map[int]func(ctx context.Context, db *DB, tx *sql.Tx) error{
	3: chainExisting,
	5: migrateExchange,
	6: widenPeriods,
	8: entryChecks,
}

// fileNumber is NNNN of migration/NNNN_name.sql.
func fileNumber(name string) int {
	n, _ := strconv.Atoi(strings.SplitN(strings.TrimPrefix(name, "migration/"), "_", 2)[0])
	return n
}

// migrationFiles lists the schema versions' files in order.
func migrationFiles() []string {
	names, err := fs.Glob(migrationFS, "migration/*.sql")
	if err != nil {
		panic(err) // the pattern is a constant
	}
	var out []string
	for _, n := range names {
		if !strings.HasSuffix(n, ".post.sql") {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// schemaVersion is the version this program writes.
func schemaVersion() int { return len(migrationFiles()) }

// migrate brings the schema up to date. A new ledger (version 0) gets the
// whole schema and the seed catalogue (nil: the one shipped); an existing
// one is backed up beside itself first, and one from before the catalogue
// had years gets the shipped catalogue's codes it lacks (seedCatalogue).
func (db *DB) migrate(ctx context.Context, seed *ledger.CatalogueSeed) error {
	return db.migrateTo(ctx, seed, schemaVersion())
}

// migrateTo brings the schema up to version target (tests stop short of
// the latest to see one version's work).
func (db *DB) migrateTo(ctx context.Context, seed *ledger.CatalogueSeed, target int) error {
	const op = "sqlite.migrate"
	names := migrationFiles()[:target]
	var version int
	if err := db.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return storeError(op, err)
	}
	if version >= len(names) {
		return nil
	}
	if version > 0 {
		backup := fmt.Sprintf("%s.pre-migration-v%d-%s.bak", db.path, version, db.now().Format("20060102-150405"))
		if err := db.vacuumInto(ctx, backup); err != nil {
			return err
		}
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return storeError(op, err)
	}
	defer tx.Rollback()
	run := func(name string) error {
		body, err := migrationFS.ReadFile(name)
		if err != nil {
			return storeError(op, err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return storeError(op, fmt.Errorf("%s: %w", name, err))
		}
		return nil
	}
	for _, name := range names[version:] {
		if err := run(name); err != nil {
			return err
		}
		if step := migrationSteps[fileNumber(name)]; step != nil {
			if err := step(ctx, db, tx); err != nil {
				return err
			}
		}
		post := strings.TrimSuffix(name, ".sql") + ".post.sql"
		if _, err := fs.Stat(migrationFS, post); err == nil {
			if err := run(post); err != nil {
				return err
			}
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", len(names), ApplicationID)); err != nil {
		return storeError(op, err)
	}
	if err := db.seedCatalogue(ctx, tx, seed, names[version:], version); err != nil {
		return err
	}
	return storeError(op, tx.Commit())
}
