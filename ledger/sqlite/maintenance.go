package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync"

	"wardledger/ledger"
)

// health remembers whether the ledger was found sound: it is checked once
// per open (before the first write or export), and a damaged file found
// later by SQLite itself is remembered too.
type health struct {
	mu   sync.Mutex
	done bool
	err  error
}

func (h *health) set(err error) {
	h.mu.Lock()
	h.done, h.err = true, err
	h.mu.Unlock()
}

// maxShownDamage is how many problems a damaged-ledger refusal lists.
const maxShownDamage = 5

// Health says whether the ledger may be written and exported: nil when
// SQLite's quick_check passes, the stored totals equal the entries and the
// hash chains hold; otherwise a KindDamaged error that points to the
// backups. The answer is worked out once per open.
func (db *DB) Health(ctx context.Context) error {
	const op = "sqlite.Health"
	db.health.mu.Lock()
	defer db.health.mu.Unlock()
	if db.health.done {
		return db.health.err
	}
	q, done, err := db.snapshot(ctx)
	if err != nil {
		return err
	}
	defer done()
	var problems []string
	add := func(_, _, format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	msgs, err := pragmaList(ctx, q, `PRAGMA quick_check`)
	if err != nil {
		if isNotADatabase(err) {
			msgs = []string{err.Error()}
		} else {
			return storeError(op, err)
		}
	}
	for _, m := range msgs {
		add("", "", "quick_check: %s", m)
	}
	if len(problems) == 0 {
		for _, check := range []func(context.Context, querier, addFunc) error{db.checkTotals, db.checkChains} {
			if err := check(ctx, q, add); err != nil {
				if ledger.ErrorKind(err) != ledger.KindDamaged {
					return err
				}
				add("", "", "%v", err)
			}
		}
	}
	db.health.done = true
	if len(problems) > 0 {
		if len(problems) > maxShownDamage {
			problems = append(problems[:maxShownDamage], fmt.Sprintf("… và %d lỗi khác (wardctl check liệt kê đủ)", len(problems)-maxShownDamage))
		}
		db.health.err = &ledger.Error{Kind: ledger.KindDamaged, Op: op, Msg: "Sổ " + db.path + ": " + damagedAdvice, Problems: problems}
	}
	return db.health.err
}

// IntegrityCheck opens the SQLite file at path read-only and runs
// PRAGMA integrity_check; it returns nil only when SQLite answers "ok".
func IntegrityCheck(ctx context.Context, path string) error {
	const op = "sqlite.IntegrityCheck"
	if _, err := os.Stat(path); err != nil {
		return notFound(op, path, err)
	}
	sdb, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		return ledger.Internal(op, err)
	}
	defer sdb.Close()
	problems, err := pragmaList(ctx, sdb, `PRAGMA integrity_check`)
	if err != nil {
		if isNotADatabase(err) {
			return &ledger.Error{Kind: ledger.KindDamaged, Op: op, Msg: fmt.Sprintf("tệp %s không phải là sổ WardLedger hoặc đã hỏng", path), Err: err}
		}
		return storeError(op, err)
	}
	if len(problems) > 0 {
		return &ledger.Error{Kind: ledger.KindDamaged, Op: op, Msg: fmt.Sprintf("tệp %s hỏng: %s", path, problems[0])}
	}
	return nil
}

// pragmaList runs a check pragma and returns what it reports other than "ok".
func pragmaList(ctx context.Context, q querier, pragma string) ([]string, error) {
	var out []string
	err := eachRow(ctx, q, pragma, func(r *sql.Rows) error {
		var s string
		if err := r.Scan(&s); err != nil {
			return err
		}
		if s != "ok" {
			out = append(out, s)
		}
		return nil
	})
	return out, err
}

// snapshot is a read transaction: every query of a check sees the ledger
// as it was at one moment, whatever another program writes meanwhile.
func (db *DB) snapshot(ctx context.Context) (querier, func(), error) {
	tx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, storeError("sqlite.Check", err)
	}
	return tx, func() { tx.Rollback() }, nil
}

// addFunc records one problem found by a check.
type addFunc func(unit, period, format string, args ...any)

// Check runs SQLite's integrity and foreign-key checks and the ledger's own
// invariants: stored totals equal the sums of entries; reversals mirror what
// they reverse; no balance row (23, 24, 27, 28) is negative; every statement
// satisfies its identity; every closing carried into the next period exactly
// what it carried out; the entries' and the audit trail's hash chains hold.
func (db *DB) Check(ctx context.Context) ([]ledger.Problem, error) {
	const op = "sqlite.Check"
	var out []ledger.Problem
	add := func(unit, period, format string, args ...any) {
		out = append(out, ledger.Problem{Unit: unit, Period: period, What: fmt.Sprintf(format, args...)})
	}
	q, done, err := db.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	msgs, err := pragmaList(ctx, q, `PRAGMA integrity_check`)
	if err != nil {
		if !isNotADatabase(err) {
			return nil, storeError(op, err)
		}
		msgs = []string{err.Error()}
	}
	for _, m := range msgs {
		add("", "", "integrity_check: %s", m)
	}
	if len(msgs) > 0 {
		return out, nil // nothing else can be trusted
	}
	if err := eachRow(ctx, q, `PRAGMA foreign_key_check`, func(r *sql.Rows) error {
		var table, parent string
		var rowid, fkid sql.NullInt64
		if err := r.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return err
		}
		add("", "", "foreign_key_check: bảng %s dòng %d tham chiếu tới %s không có", table, rowid.Int64, parent)
		return nil
	}); err != nil {
		return nil, storeError(op, err)
	}
	for _, check := range []func(context.Context, querier, addFunc) error{
		db.checkTotals, db.checkReversals, db.checkStatements, db.checkCarryOvers, db.checkChains,
	} {
		if err := check(ctx, q, add); err != nil {
			if ledger.ErrorKind(err) != ledger.KindDamaged {
				return nil, err
			}
			add("", "", "%v", err)
		}
	}
	return out, nil
}

// checkTotals: the stored totals equal the sums of the entries.
func (db *DB) checkTotals(ctx context.Context, q querier, add addFunc) error {
	return checkQuery(ctx, q, `
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
	})
}

// checkReversals: a reversal mirrors the entry it reverses.
func (db *DB) checkReversals(ctx context.Context, q querier, add addFunc) error {
	return checkQuery(ctx, q, `
		SELECT r.id, r.unit, r.period FROM entries r JOIN entries o ON o.id = r.reverses
		WHERE r.amount <> -o.amount OR r.kind <> o.kind OR r.unit <> o.unit OR r.period <> o.period
		   OR r.khoan <> o.khoan OR r.nature <> o.nature OR r.tieu_muc <> o.tieu_muc OR o.reverses IS NOT NULL`, func(r *sql.Rows) error {
		var id, unit, period string
		if err := r.Scan(&id, &unit, &period); err != nil {
			return err
		}
		add(unit, period, "bút toán đảo %s không khớp với bút toán nó đảo", id)
		return nil
	})
}

// checkCarryOvers: every closing carried into the next period exactly what
// it carried out (the next half-year, or the next year as it is kept) —
// but the carry-outs a unit's workbook brought, whose carry-ins come with
// the unit's next workbook (ClosePeriod).
func (db *DB) checkCarryOvers(ctx context.Context, q querier, add addFunc) error {
	return checkQuery(ctx, q, `
		SELECT o.unit, o.period, o.khoan, o.nature, o.s, coalesce(i.s, 0) FROM
		  (SELECT unit, period, khoan, nature, replace(kind, 'carry_out_', '') AS b, sum(amount) AS s FROM entries
		   WHERE kind LIKE 'carry_out_%' AND via NOT IN ('import', 'annex') GROUP BY 1, 2, 3, 4, 5) o
		JOIN periods p ON p.unit = o.unit AND p.period = o.period AND p.status = 'closed'
		LEFT JOIN
		  (SELECT unit, period, khoan, nature, replace(kind, 'carry_in_', '') AS b, sum(amount) AS s FROM entries
		   WHERE kind LIKE 'carry_in_%' AND origin LIKE 'close:%' AND via IN ('closing', '') GROUP BY unit, origin, 3, 4, 5) i
		ON i.unit = o.unit AND i.khoan = o.khoan AND i.nature = o.nature AND i.b = o.b
		   AND i.period IN (CASE substr(o.period, 6) WHEN 'H1' THEN substr(o.period, 1, 4) || '-H2'
		                    ELSE (CAST(substr(o.period, 1, 4) AS INTEGER) + 1) || '-H1' END,
		                    CASE substr(o.period, 6) WHEN 'H1' THEN '' ELSE CAST(CAST(substr(o.period, 1, 4) AS INTEGER) + 1 AS TEXT) END)
		WHERE o.s <> coalesce(i.s, 0)`, func(r *sql.Rows) error {
		var unit, period, khoan, nature string
		var out, in int64
		if err := r.Scan(&unit, &period, &khoan, &nature, &out, &in); err != nil {
			return err
		}
		add(unit, period, "Khoản %s %s chuyển sang kỳ sau %d nhưng kỳ sau nhận %d", khoan, nature, out, in)
		return nil
	})
}

// checkStatements: every statement satisfies its identity and keeps its
// balance rows at or above zero.
func (db *DB) checkStatements(ctx context.Context, q querier, add addFunc) error {
	type up struct{ unit, period string }
	var ups []up
	if err := checkQuery(ctx, q, `SELECT DISTINCT unit, period FROM totals ORDER BY 1, 2`, func(r *sql.Rows) error {
		var u up
		if err := r.Scan(&u.unit, &u.period); err != nil {
			return err
		}
		ups = append(ups, u)
		return nil
	}); err != nil {
		return err
	}
	for _, u := range ups {
		p, err := ledger.ParsePeriod(u.period)
		if err != nil {
			add(u.unit, u.period, "kỳ %q không hợp lệ", u.period)
			continue
		}
		totals, err := db.unitTotals(ctx, q, u.unit, p)
		if err != nil {
			return err
		}
		st, err := db.form.BuildStatement(u.unit, p, totals)
		if err != nil {
			add(u.unit, u.period, "%v", err)
			continue
		}
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

// checkChains walks the entries' and the audit trail's hash chains and
// names the first row of each break; the audit trail must name entries'
// heads in the order the entries were written, its last row the current
// head, so entries cut from the end show too.
func (db *DB) checkChains(ctx context.Context, q querier, add addFunc) error {
	var heads []ledger.Hash // every entry's link, by seq
	var prev ledger.Hash
	broken := 0
	err := checkQuery(ctx, q, `SELECT `+entryColumns+`, hash FROM entries ORDER BY seq`, func(r *sql.Rows) error {
		var stored []byte
		e, err := scanEntry(r, &stored)
		if err != nil {
			return err
		}
		var h ledger.Hash
		copy(h[:], stored)
		if len(stored) != len(h) || ledger.EntryHash(prev, e) != h {
			if broken++; broken <= maxShownBreaks {
				add(e.Unit, e.Period.String(), "chuỗi băm đứt ở bút toán số %d (mã %s): bút toán này hoặc bút toán ngay trước nó đã bị sửa, chèn hoặc xóa ngoài chương trình", e.Seq, e.ID)
			}
		}
		heads = append(heads, h)
		prev = h
		return nil
	})
	if err != nil {
		return err
	}
	pos := -1 // the audit trail has seen entries up to heads[pos]
	prev = ledger.Hash{}
	var last ledger.Hash
	auditBroken := 0
	err = checkQuery(ctx, q, `SELECT seq, at, who, action, unit, period, subject, reason, entries_head, hash FROM audit ORDER BY seq`, func(r *sql.Rows) error {
		var rec ledger.AuditRecord
		var at string
		var headB, hashB []byte
		if err := r.Scan(&rec.Seq, &at, &rec.Who, &rec.Action, &rec.Unit, &rec.Period, &rec.Subject, &rec.Reason, &headB, &hashB); err != nil {
			return err
		}
		rec.At, _ = parseStamp(at)
		var head, h ledger.Hash
		copy(head[:], headB)
		copy(h[:], hashB)
		if len(hashB) != len(h) || len(headB) != len(head) || ledger.AuditHash(prev, head, &rec) != h {
			if auditBroken++; auditBroken <= maxShownBreaks {
				add(rec.Unit, rec.Period, "chuỗi băm nhật ký đứt ở dòng nhật ký số %d (%s): dòng này hoặc dòng ngay trước nó đã bị sửa, chèn hoặc xóa ngoài chương trình", rec.Seq, rec.Action)
			}
		}
		prev = h
		if !head.IsZero() && (pos < 0 || heads[pos] != head) {
			i := pos + 1
			for i < len(heads) && heads[i] != head {
				i++
			}
			if i == len(heads) {
				if auditBroken++; auditBroken <= maxShownBreaks {
					add(rec.Unit, rec.Period, "dòng nhật ký số %d (%s) ghi một trạng thái bút toán không có trong sổ: bút toán đã bị sửa hoặc xóa ngoài chương trình", rec.Seq, rec.Action)
				}
			} else {
				pos = i
			}
		}
		last = head
		return nil
	})
	if err != nil {
		return err
	}
	if len(heads) > 0 && last != heads[len(heads)-1] {
		add("", "", "các bút toán cuối sổ (sau bút toán thứ %d) không có trong nhật ký: nhật ký đã bị cắt hoặc bút toán được chèn ngoài chương trình", pos+1)
	}
	if broken > maxShownBreaks || auditBroken > maxShownBreaks {
		add("", "", "… chuỗi băm còn đứt ở %d chỗ khác", broken+auditBroken-2*maxShownBreaks)
	}
	return nil
}

// maxShownBreaks is how many breaks of each chain a check names.
const maxShownBreaks = 10

// checkQuery runs a check's query; a damaged file reads as damage, not as
// a failure of the check.
func checkQuery(ctx context.Context, q querier, query string, fn func(*sql.Rows) error) error {
	return storeError("sqlite.Check", eachRow(ctx, q, query, fn))
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
