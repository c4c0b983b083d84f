package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Schema version 6: every period column accepts a whole year ("2026") as
// well as a half-year ("2026-H1"). SQLite cannot alter a CHECK, so each
// table whose CHECK allows half-years only is rebuilt, whatever the
// versions before made of it (columns, indexes, triggers, tables that
// refer to it): its rows are copied aside, the table dropped and made
// again from its own definition with the wider CHECK, the rows copied
// back unchanged (so the hash chains hold: a row's hash is over its
// content), and its indexes and triggers made again. The foreign keys are
// checked once, at the end of the migration's transaction, rather than
// while a parent table is away.

const (
	halfOnlyCheck = `period GLOB '[0-9][0-9][0-9][0-9]-H[12]'`
	yearCheck     = `(period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-H[12]')`
)

// widenPeriods is the Go step of schema version 6.
func widenPeriods(ctx context.Context, db *DB, tx *sql.Tx) error {
	const op = "sqlite.migrate"
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return storeError(op, err)
	}
	type table struct{ name, sql string }
	var tables []table
	err := eachRowArgs(ctx, tx, `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND instr(sql, ?) > 0 ORDER BY name`,
		[]any{halfOnlyCheck}, func(r *sql.Rows) error {
			var t table
			if err := r.Scan(&t.name, &t.sql); err != nil {
				return err
			}
			tables = append(tables, t)
			return nil
		})
	if err != nil {
		return storeError(op, err)
	}
	for _, t := range tables {
		if err := rebuildTable(ctx, tx, t.name, strings.ReplaceAll(t.sql, halfOnlyCheck, yearCheck)); err != nil {
			return storeError(op, fmt.Errorf("bảng %s: %w", t.name, err))
		}
	}
	var broken int
	if err := eachRow(ctx, tx, `PRAGMA foreign_key_check`, func(*sql.Rows) error { broken++; return nil }); err != nil {
		return storeError(op, err)
	}
	if broken > 0 {
		return storeError(op, fmt.Errorf("%d dòng mất liên kết khóa ngoại sau khi dựng lại bảng", broken))
	}
	return nil
}

// rebuildTable makes table name again from its definition def, with its
// rows, indexes and triggers as they were.
func rebuildTable(ctx context.Context, tx *sql.Tx, name, def string) error {
	var again []string // the table's own indexes and triggers, in the order they were made
	err := eachRowArgs(ctx, tx, `SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL
		ORDER BY rowid`, []any{name}, func(r *sql.Rows) error {
		var s string
		if err := r.Scan(&s); err != nil {
			return err
		}
		again = append(again, s)
		return nil
	})
	if err != nil {
		return err
	}
	q := `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
	for _, stmt := range []string{
		`CREATE TEMP TABLE year_copy AS SELECT * FROM ` + q,
		`DROP TABLE ` + q,
		def,
		`INSERT INTO ` + q + ` SELECT * FROM temp.year_copy`,
		`DROP TABLE temp.year_copy`,
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	for _, stmt := range again {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	return nil
}
