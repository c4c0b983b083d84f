package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"wardledger/ledger"
)

// Backup writes a consistent copy of the ledger to path with VACUUM INTO,
// checks the copy with integrity_check, and only then puts it in place, so a
// failed backup never leaves a half-written file where a good one was
// expected.
func (db *DB) Backup(ctx context.Context, path string) error {
	return db.vacuumInto(ctx, path)
}

func (db *DB) vacuumInto(ctx context.Context, path string) error {
	const op = "sqlite.Backup"
	abs, err := filepath.Abs(path)
	if err != nil {
		return ledger.Internal(op, err)
	}
	if dbAbs, _ := filepath.Abs(db.path); dbAbs == abs {
		return ledger.Errorf(ledger.KindInvalid, op, "tệp sao lưu không được trùng với tệp sổ đang mở")
	}
	dir := filepath.Dir(abs)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return ledger.Errorf(ledger.KindInvalid, op, "thư mục %s không tồn tại", dir)
	}
	tmp := fmt.Sprintf("%s.tmp-%d", abs, os.Getpid())
	os.Remove(tmp)
	defer os.Remove(tmp)
	if _, err := db.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return &ledger.Error{Kind: ledger.KindInvalid, Op: op, Msg: "không ghi được bản sao lưu " + abs, Err: err}
	}
	if err := IntegrityCheck(ctx, tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, abs); err != nil {
		return &ledger.Error{Kind: ledger.KindInvalid, Op: op, Msg: "không ghi được bản sao lưu " + abs, Err: err}
	}
	return nil
}

// IntegrityCheck opens the SQLite file at path read-only and runs
// PRAGMA integrity_check; it returns nil only when SQLite answers "ok".
func IntegrityCheck(ctx context.Context, path string) error {
	const op = "sqlite.IntegrityCheck"
	if _, err := os.Stat(path); err != nil {
		return &ledger.Error{Kind: ledger.KindNotFound, Op: op, Msg: "không có tệp " + path, Err: err}
	}
	sdb, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return ledger.Internal(op, err)
	}
	defer sdb.Close()
	problems, err := integrity(ctx, sdb)
	if err != nil {
		return openError(op, path, err)
	}
	if len(problems) > 0 {
		return ledger.Errorf(ledger.KindInvalid, op, "tệp %s hỏng: %s", path, problems[0])
	}
	return nil
}

func integrity(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		if s != "ok" {
			out = append(out, s)
		}
	}
	return out, rows.Err()
}

// Check runs SQLite's integrity and foreign-key checks and the ledger's own
// invariants: stored totals equal the sums of entries; reversals mirror what
// they reverse; no balance row (23, 24, 27, 28) is negative; every statement
// satisfies its identity; every closing carried into the next period exactly
// what it carried out.
func (db *DB) Check(ctx context.Context) ([]ledger.Problem, error) {
	const op = "sqlite.Check"
	var out []ledger.Problem
	add := func(unit, period, format string, args ...any) {
		out = append(out, ledger.Problem{Unit: unit, Period: period, What: fmt.Sprintf(format, args...)})
	}
	msgs, err := integrity(ctx, db.db)
	if err != nil {
		return nil, ledger.Internal(op, err)
	}
	for _, m := range msgs {
		add("", "", "integrity_check: %s", m)
	}
	if err := eachRow(ctx, db.db, `PRAGMA foreign_key_check`, func(r *sql.Rows) error {
		var table, parent string
		var rowid, fkid sql.NullInt64
		if err := r.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return err
		}
		add("", "", "foreign_key_check: %s row %d refers to a missing %s", table, rowid.Int64, parent)
		return nil
	}); err != nil {
		return nil, ledger.Internal(op, err)
	}
	if err := eachRow(ctx, db.db, `
		SELECT coalesce(e.unit, t.unit), coalesce(e.period, t.period), coalesce(e.khoan, t.khoan), coalesce(e.kind, t.kind),
		       coalesce(e.s, 0), coalesce(t.amount, 0)
		FROM (SELECT unit, period, khoan, nature, tieu_muc, kind, sum(amount) AS s, count(*) AS n FROM entries
		      GROUP BY unit, period, khoan, nature, tieu_muc, kind) e
		FULL JOIN totals t USING (unit, period, khoan, nature, tieu_muc, kind)
		WHERE e.s IS NOT t.amount OR e.n IS NOT t.entries`, func(r *sql.Rows) error {
		var unit, period, khoan, kind string
		var s, t int64
		if err := r.Scan(&unit, &period, &khoan, &kind, &s, &t); err != nil {
			return err
		}
		add(unit, period, "tổng lưu sẵn của Khoản %s, %s là %d nhưng tổng bút toán là %d", khoan, kind, t, s)
		return nil
	}); err != nil {
		return nil, ledger.Internal(op, err)
	}
	if err := eachRow(ctx, db.db, `
		SELECT r.id, r.unit, r.period FROM entries r JOIN entries o ON o.id = r.reverses
		WHERE r.amount <> -o.amount OR r.kind <> o.kind OR r.unit <> o.unit OR r.period <> o.period
		   OR r.khoan <> o.khoan OR r.nature <> o.nature OR r.tieu_muc <> o.tieu_muc OR o.reverses IS NOT NULL`, func(r *sql.Rows) error {
		var id, unit, period string
		if err := r.Scan(&id, &unit, &period); err != nil {
			return err
		}
		add(unit, period, "bút toán đảo %s không khớp với bút toán nó đảo", id)
		return nil
	}); err != nil {
		return nil, ledger.Internal(op, err)
	}
	if err := db.checkStatements(ctx, add); err != nil {
		return nil, err
	}
	if err := eachRow(ctx, db.db, `
		SELECT o.unit, o.period, o.khoan, o.nature, o.s, coalesce(i.s, 0) FROM
		  (SELECT unit, period, khoan, nature, replace(kind, 'carry_out_', '') AS b, sum(amount) AS s FROM totals
		   WHERE kind LIKE 'carry_out_%' GROUP BY 1, 2, 3, 4, 5) o
		JOIN periods p ON p.unit = o.unit AND p.period = o.period AND p.status = 'closed'
		LEFT JOIN
		  (SELECT unit, period, khoan, nature, replace(kind, 'carry_in_', '') AS b, sum(amount) AS s FROM entries
		   WHERE kind LIKE 'carry_in_%' AND origin LIKE 'close:%' GROUP BY unit, origin, 3, 4, 5) i
		ON i.unit = o.unit AND i.khoan = o.khoan AND i.nature = o.nature AND i.b = o.b
		   AND i.period = (CASE substr(o.period, 6) WHEN 'H1' THEN substr(o.period, 1, 4) || '-H2'
		                   ELSE (CAST(substr(o.period, 1, 4) AS INTEGER) + 1) || '-H1' END)
		WHERE o.s <> coalesce(i.s, 0)`, func(r *sql.Rows) error {
		var unit, period, khoan, nature string
		var out, in int64
		if err := r.Scan(&unit, &period, &khoan, &nature, &out, &in); err != nil {
			return err
		}
		add(unit, period, "Khoản %s %s chuyển sang kỳ sau %d nhưng kỳ sau nhận %d", khoan, nature, out, in)
		return nil
	}); err != nil {
		return nil, ledger.Internal(op, err)
	}
	return out, nil
}

func (db *DB) checkStatements(ctx context.Context, add func(unit, period, format string, args ...any)) error {
	type up struct{ unit, period string }
	var ups []up
	if err := eachRow(ctx, db.db, `SELECT DISTINCT unit, period FROM totals ORDER BY 1, 2`, func(r *sql.Rows) error {
		var u up
		if err := r.Scan(&u.unit, &u.period); err != nil {
			return err
		}
		ups = append(ups, u)
		return nil
	}); err != nil {
		return ledger.Internal("sqlite.Check", err)
	}
	for _, u := range ups {
		p, err := ledger.ParsePeriod(u.period)
		if err != nil {
			add(u.unit, u.period, "kỳ %q không hợp lệ", u.period)
			continue
		}
		totals, err := db.Totals(ctx, u.unit, p)
		if err != nil {
			return err
		}
		st := db.form.BuildStatement(u.unit, p, totals)
		for _, k := range st.Khoans {
			rows := st.ByKhoan[k]
			if d, ok := db.form.CheckIdentity(rows); !ok {
				add(u.unit, u.period, "Khoản %s: đẳng thức %s lệch %s đồng", k, db.form.Identity, d)
			}
			for _, byNature := range db.form.Balances {
				for _, code := range byNature {
					if rows[code] < 0 {
						add(u.unit, u.period, "Khoản %s: chỉ tiêu %s âm (%s đồng)", k, code, rows[code])
					}
				}
			}
		}
	}
	return nil
}

func eachRow(ctx context.Context, q querier, query string, fn func(*sql.Rows) error) error {
	return eachRowArgs(ctx, q, query, nil, fn)
}

// eachRowArgs runs fn on every row of a query with arguments.
func eachRowArgs(ctx context.Context, q querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
