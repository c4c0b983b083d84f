package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Schema version 8: the entries' CHECKs of a kind and of how an entry came
// in name their values with CASE, not IN: SQLite codes an IN list of more
// than two values in a CHECK as a temporary table made anew for each row
// written. The table is rebuilt (rebuildTable: rows copied unchanged, so
// the hash chains hold; indexes and triggers made again) from its own
// definition with the two lists rewritten.

// entryCheckLists are the IN lists of the entries' definition as versions
// 1 and 5 wrote them, and the CASE each becomes.
var entryCheckLists = [][2]string{
	{`kind IN ('allocation', 'adjustment', 'withdrawal', 'spending', 'returned',
	                                         'carry_in_received', 'carry_in_estimate',
	                                         'carry_out_received', 'carry_out_estimate')`,
		`CASE kind WHEN 'allocation' THEN 1 WHEN 'adjustment' THEN 1 WHEN 'withdrawal' THEN 1 WHEN 'spending' THEN 1
	                                         WHEN 'returned' THEN 1 WHEN 'carry_in_received' THEN 1 WHEN 'carry_in_estimate' THEN 1
	                                         WHEN 'carry_out_received' THEN 1 WHEN 'carry_out_estimate' THEN 1 ELSE 0 END`},
	{`via IN ('', 'closing', 'import', 'annex')`,
		`CASE via WHEN '' THEN 1 WHEN 'closing' THEN 1 WHEN 'import' THEN 1 WHEN 'annex' THEN 1 ELSE 0 END`},
}

// entryChecks is the Go step of schema version 8.
func entryChecks(ctx context.Context, db *DB, tx *sql.Tx) error {
	const op = "sqlite.migrate"
	var def string
	if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'entries'`).Scan(&def); err != nil {
		return storeError(op, err)
	}
	for _, l := range entryCheckLists {
		if !strings.Contains(def, l[0]) {
			return storeError(op, fmt.Errorf("bảng entries: không thấy ràng buộc %q như phiên bản trước viết", l[0]))
		}
		def = strings.Replace(def, l[0], l[1], 1)
	}
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return storeError(op, err)
	}
	if err := rebuildTable(ctx, tx, "entries", def); err != nil {
		return storeError(op, fmt.Errorf("bảng entries: %w", err))
	}
	return nil
}
