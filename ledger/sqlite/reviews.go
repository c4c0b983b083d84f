package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"wardledger/ledger"
)

// Review returns the review of a ward's period; with no review recorded its
// state says whether a workbook has been imported.
func (db *DB) Review(ctx context.Context, unit string, p ledger.Period) (*ledger.Review, error) {
	const op = "sqlite.Review"
	r := &ledger.Review{Unit: unit, Period: p}
	var state, updated string
	err := db.db.QueryRowContext(ctx, `SELECT state, comment, updated_at FROM reviews WHERE unit = ? AND period = ?`,
		unit, p.String()).Scan(&state, &r.Comment, &updated)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		var received bool
		if err := db.db.QueryRowContext(ctx, `SELECT `+receivedSQL("?1", "?2", "?3", "?4"), append([]any{unit}, coveredArgs(p)...)...).Scan(&received); err != nil {
			return nil, storeError(op, err)
		}
		r.State = ledger.ReviewImported
		if !received {
			// Nothing at all: a ward with no figures yet, or no such ward.
			if _, err := db.FindUnit(ctx, unit); err != nil {
				return nil, err
			}
			r.State = ledger.ReviewNotReceived
		}
		return r, nil
	case err != nil:
		return nil, storeError(op, err)
	}
	r.State = ledger.ReviewState(state)
	r.UpdatedAt, _ = time.Parse(time.RFC3339Nano, updated)
	rows, err := db.db.QueryContext(ctx, `SELECT row, khoan, approved, reason FROM approvals
		WHERE unit = ? AND period = ? ORDER BY khoan, row`, unit, p.String())
	if err != nil {
		return nil, storeError(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var a ledger.Approval
		var v int64
		if err := rows.Scan(&a.Row, &a.Khoan, &v, &a.Reason); err != nil {
			return nil, storeError(op, err)
		}
		a.Approved = ledger.Money(v)
		r.Approvals = append(r.Approvals, a)
	}
	if err := rows.Err(); err != nil {
		return nil, storeError(op, err)
	}
	if r.Info, err = db.reviewInfo(ctx, unit, p); err != nil {
		return nil, storeError(op, err)
	}
	return r, nil
}

// reviewInfo reads what the review documents print besides the figures.
func (db *DB) reviewInfo(ctx context.Context, unit string, p ledger.Period) (ledger.ReviewInfo, error) {
	var ri ledger.ReviewInfo
	var date string
	err := db.db.QueryRowContext(ctx, `SELECT place, notice_number, notice_date, audit FROM review_info WHERE unit = ? AND period = ?`,
		unit, p.String()).Scan(&ri.Place, &ri.NoticeNumber, &date, &ri.Audit)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return ri, err
	}
	if date != "" {
		if ri.NoticeDate, err = ledger.ParseDate(date); err != nil {
			return ri, err
		}
	}
	args := []any{unit, p.String()}
	err = eachRowArgs(ctx, db.db, `SELECT name, title, side FROM review_participants WHERE unit = ? AND period = ? ORDER BY seq`, args,
		func(rows *sql.Rows) error {
			var pt ledger.Participant
			if err := rows.Scan(&pt.Name, &pt.Title, &pt.Side); err != nil {
				return err
			}
			ri.Participants = append(ri.Participants, pt)
			return nil
		})
	if err != nil {
		return ri, err
	}
	err = eachRowArgs(ctx, db.db, `SELECT recipient FROM review_recipients WHERE unit = ? AND period = ? ORDER BY seq`, args,
		func(rows *sql.Rows) error {
			var r string
			if err := rows.Scan(&r); err != nil {
				return err
			}
			ri.Recipients = append(ri.Recipients, r)
			return nil
		})
	return ri, err
}

// SetReviewInfo records what the review documents print besides the
// figures, replacing what was there, in one transaction. It starts a draft
// review when there is none; a finished review takes it too (it changes no
// figure).
func (db *DB) SetReviewInfo(ctx context.Context, unit string, p ledger.Period, info ledger.ReviewInfo) error {
	const op = "sqlite.SetReviewInfo"
	if err := info.Validate(); err != nil {
		return err
	}
	if _, err := db.FindUnit(ctx, unit); err != nil {
		return err
	}
	key := []any{unit, p.String()}
	return db.write(ctx, op, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO reviews (unit, period, state, updated_at) VALUES (?, ?, 'draft', ?)
			ON CONFLICT (unit, period) DO UPDATE SET updated_at = excluded.updated_at`, unit, p.String(), db.stamp()); err != nil {
			return storeError(op, err)
		}
		date := ""
		if !info.NoticeDate.IsZero() {
			date = info.NoticeDate.String()
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO review_info (unit, period, place, notice_number, notice_date, audit) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (unit, period) DO UPDATE SET place = excluded.place, notice_number = excluded.notice_number,
				notice_date = excluded.notice_date, audit = excluded.audit`,
			unit, p.String(), info.Place, info.NoticeNumber, date, info.Audit); err != nil {
			return storeError(op, err)
		}
		for _, table := range []string{"review_participants", "review_recipients"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE unit = ? AND period = ?`, key...); err != nil {
				return storeError(op, err)
			}
		}
		for i, pt := range info.Participants {
			if _, err := tx.ExecContext(ctx, `INSERT INTO review_participants (unit, period, seq, name, title, side) VALUES (?, ?, ?, ?, ?, ?)`,
				unit, p.String(), i+1, pt.Name, pt.Title, string(pt.Side)); err != nil {
				return storeError(op, err)
			}
		}
		for i, r := range info.Recipients {
			if _, err := tx.ExecContext(ctx, `INSERT INTO review_recipients (unit, period, seq, recipient) VALUES (?, ?, ?, ?)`,
				unit, p.String(), i+1, r); err != nil {
				return storeError(op, err)
			}
		}
		subject := fmt.Sprintf("thông báo số %q ngày %s, %d người dự, %d nơi nhận", info.NoticeNumber, info.NoticeDate.VN(),
			len(info.Participants), len(info.Recipients))
		return db.audit(ctx, tx, "review.info", unit, p.String(), subject, "")
	})
}

// editReview runs fn in a transaction after making sure a draft review
// exists for the ward's period; a finished review is refused as locked.
func (db *DB) editReview(ctx context.Context, op, unit string, p ledger.Period, fn func(tx *sql.Tx) error) error {
	if _, err := db.FindUnit(ctx, unit); err != nil {
		return err
	}
	return db.write(ctx, op, func(tx *sql.Tx) error {
		if err := refuseReviewHere(ctx, tx, op); err != nil {
			return err
		}
		var state string
		err := tx.QueryRowContext(ctx, `SELECT state FROM reviews WHERE unit = ? AND period = ?`, unit, p.String()).Scan(&state)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.ExecContext(ctx, `INSERT INTO reviews (unit, period, state, updated_at) VALUES (?, ?, 'draft', ?)`,
				unit, p.String(), db.stamp()); err != nil {
				return storeError(op, err)
			}
		case err != nil:
			return storeError(op, err)
		case state == string(ledger.ReviewFinished):
			return ledger.Errorf(ledger.KindLocked, op, "đã duyệt xong quyết toán %s của đơn vị %s: mở lại (có ghi lý do) trước khi sửa", p.Name(), unit)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reviews SET updated_at = ? WHERE unit = ? AND period = ?`,
			db.stamp(), unit, p.String()); err != nil {
			return storeError(op, err)
		}
		return fn(tx)
	})
}

// SetApproval records the approved figure of one input row on one Khoản.
// Setting it back to the reported figure removes the approval.
func (db *DB) SetApproval(ctx context.Context, unit string, p ledger.Period, a ledger.Approval) error {
	return db.SetApprovals(ctx, unit, p, []ledger.Approval{a})
}

// SetApprovals records several approvals at once: all of them or, if any
// is refused, none. The error of a refused one gives its position
// (ledger.ErrorItem).
func (db *DB) SetApprovals(ctx context.Context, unit string, p ledger.Period, as []ledger.Approval) error {
	const op = "sqlite.SetApprovals"
	as = append([]ledger.Approval(nil), as...)
	for i := range as {
		as[i].Normalize()
	}
	reported, err := ledger.Settlement(ctx, db, unit, p)
	if err != nil {
		return err
	}
	if len(reported.Khoans) == 0 {
		return ledger.Errorf(ledger.KindNotFound, op, "chưa có số liệu quyết toán %s của đơn vị %s để xét duyệt", p.Name(), unit)
	}
	for i, a := range as {
		if err := db.form.CheckApproval(reported, a); err != nil {
			if len(as) == 1 {
				return err
			}
			return ledger.AtItem(i+1, "dòng duyệt", err)
		}
	}
	current, err := db.Review(ctx, unit, p)
	if err != nil {
		return err
	}
	if _, err := db.form.ApprovedStatement(reported, mergeApprovals(current.Approvals, as)); err != nil {
		return err
	}
	return db.editReview(ctx, op, unit, p, func(tx *sql.Tx) error {
		for _, a := range as {
			var err error
			if a.Approved == reported.ByKhoan[a.Khoan][a.Row] {
				_, err = tx.ExecContext(ctx, `DELETE FROM approvals WHERE unit = ? AND period = ? AND row = ? AND khoan = ?`,
					unit, p.String(), a.Row, a.Khoan)
			} else {
				_, err = tx.ExecContext(ctx, `INSERT INTO approvals (unit, period, row, khoan, approved, reason) VALUES (?, ?, ?, ?, ?, ?)
					ON CONFLICT (unit, period, row, khoan) DO UPDATE SET approved = excluded.approved, reason = excluded.reason`,
					unit, p.String(), a.Row, a.Khoan, int64(a.Approved), strings.TrimSpace(a.Reason))
			}
			if err != nil {
				return storeError(op, err)
			}
			if err := db.audit(ctx, tx, "review.set", unit, p.String(),
				fmt.Sprintf("mã số %s Khoản %s: báo cáo %s, duyệt %s", a.Row, a.Khoan, reported.ByKhoan[a.Khoan][a.Row], a.Approved), a.Reason); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetReviewComment records the reviewer's comments to the ward.
func (db *DB) SetReviewComment(ctx context.Context, unit string, p ledger.Period, comment string) error {
	const op = "sqlite.SetReviewComment"
	comment = ledger.NormalizeMultiline(comment)
	if err := ledger.CheckComment(comment); err != nil {
		return err
	}
	return db.editReview(ctx, op, unit, p, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE reviews SET comment = ? WHERE unit = ? AND period = ?`,
			comment, unit, p.String()); err != nil {
			return storeError(op, err)
		}
		return db.audit(ctx, tx, "review.comment", unit, p.String(), "", "")
	})
}

// FinishReview locks the review: its approved figures are final.
func (db *DB) FinishReview(ctx context.Context, unit string, p ledger.Period) error {
	const op = "sqlite.FinishReview"
	st, err := ledger.Settlement(ctx, db, unit, p)
	if err != nil {
		return err
	}
	if len(st.Khoans) == 0 {
		return ledger.Errorf(ledger.KindNotFound, op, "chưa có số liệu quyết toán %s của đơn vị %s để xét duyệt", p.Name(), unit)
	}
	return db.editReview(ctx, op, unit, p, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE reviews SET state = 'finished' WHERE unit = ? AND period = ?`, unit, p.String()); err != nil {
			return storeError(op, err)
		}
		return db.audit(ctx, tx, "review.finish", unit, p.String(), "", "")
	})
}

// ReopenReview unlocks a finished review; the reason is audited.
func (db *DB) ReopenReview(ctx context.Context, unit string, p ledger.Period, reason string) error {
	const op = "sqlite.ReopenReview"
	reason, err := cleanReason(reason)
	if err != nil {
		return err
	}
	return db.write(ctx, op, func(tx *sql.Tx) error {
		if err := refuseReviewHere(ctx, tx, op); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE reviews SET state = 'draft', updated_at = ? WHERE unit = ? AND period = ? AND state = 'finished'`,
			db.stamp(), unit, p.String())
		if err != nil {
			return storeError(op, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ledger.Errorf(ledger.KindConflict, op, "quyết toán %s của đơn vị %s chưa duyệt xong", p.Name(), unit)
		}
		return db.audit(ctx, tx, "review.reopen", unit, p.String(), "", reason)
	})
}

// refuseReviewHere refuses to review on a unit's own ledger: reviewing is
// the superior unit's, whose approval the unit receives in a review
// workbook (wardctl import review).
func refuseReviewHere(ctx context.Context, tx *sql.Tx, op string) error {
	role, err := readRole(ctx, tx)
	if err != nil || !role.IsUnit() {
		return err
	}
	return ledger.Errorf(ledger.KindInvalid, op, "đây là sổ của đơn vị %s: việc xét duyệt do đơn vị cấp trên làm; "+
		"số xét duyệt của cấp trên được ghi vào sổ khi nhập tệp xét duyệt XD_… (wardctl import review)", role.Unit)
}

// receivedSQL is the SQL test of whether a ward's figures for a period are
// here: a workbook was imported, or its withdrawals and spending were
// recorded some other way (keyed in, the demo); allocations alone are the
// district's own doing. unit is an SQL expression, periods the SQL
// expressions of the period and, for a year, its halves: a year's figures
// are here when any of them are.
func receivedSQL(unit string, periods ...string) string {
	in := strings.Join(periods, ", ")
	return `EXISTS (SELECT 1 FROM imports WHERE unit = ` + unit + ` AND period IN (` + in + `) AND kind = 'settlement')
	OR EXISTS (SELECT 1 FROM totals WHERE unit = ` + unit + ` AND period IN (` + in + `)
	           AND kind IN ('withdrawal', 'spending', 'returned'))`
}

// coveredArgs are the three values of a "period IN (?, ?, ?)": p and, for
// a year, its halves; a half-year is itself three times (never "", which
// rows with no period hold).
func coveredArgs(p ledger.Period) []any {
	if !p.IsYear() {
		return []any{p.String(), p.String(), p.String()}
	}
	h := p.Halves()
	return []any{p.String(), h[0].String(), h[1].String()}
}

// Reviews returns the review of every subordinate unit in period p, with
// its approvals, in three queries.
func (db *DB) Reviews(ctx context.Context, p ledger.Period) (map[string]*ledger.Review, error) {
	const op = "sqlite.Reviews"
	out := map[string]*ledger.Review{}
	err := eachRowArgs(ctx, db.db, `SELECT u.code, `+receivedSQL("u.code", "?1", "?2", "?3")+`
		FROM units u WHERE u.is_superior = 0`, coveredArgs(p),
		func(rows *sql.Rows) error {
			r := &ledger.Review{Period: p, State: ledger.ReviewNotReceived}
			var received bool
			if err := rows.Scan(&r.Unit, &received); err != nil {
				return err
			}
			if received {
				r.State = ledger.ReviewImported
			}
			out[r.Unit] = r
			return nil
		})
	if err != nil {
		return nil, storeError(op, err)
	}
	err = eachRowArgs(ctx, db.db, `SELECT unit, state, comment, updated_at FROM reviews WHERE period = ?`, []any{p.String()},
		func(rows *sql.Rows) error {
			var unit, state, updated string
			var comment string
			if err := rows.Scan(&unit, &state, &comment, &updated); err != nil {
				return err
			}
			if r := out[unit]; r != nil {
				r.State, r.Comment = ledger.ReviewState(state), comment
				r.UpdatedAt, _ = time.Parse(time.RFC3339Nano, updated)
			}
			return nil
		})
	if err != nil {
		return nil, storeError(op, err)
	}
	err = eachRowArgs(ctx, db.db, `SELECT unit, row, khoan, approved, reason FROM approvals WHERE period = ? ORDER BY unit, khoan, row`,
		[]any{p.String()}, func(rows *sql.Rows) error {
			var unit string
			var a ledger.Approval
			var v int64
			if err := rows.Scan(&unit, &a.Row, &a.Khoan, &v, &a.Reason); err != nil {
				return err
			}
			a.Approved = ledger.Money(v)
			if r := out[unit]; r != nil {
				r.Approvals = append(r.Approvals, a)
			}
			return nil
		})
	if err != nil {
		return nil, storeError(op, err)
	}
	return out, nil
}

// PeriodUnits returns the status and totals of every subordinate unit in
// p in a few queries; a year's totals are folded unit by unit.
func (db *DB) PeriodUnits(ctx context.Context, p ledger.Period) (map[string]ledger.UnitPeriod, error) {
	const op = "sqlite.PeriodUnits"
	out := map[string]ledger.UnitPeriod{}
	// The status of p and, for a year, of its halves.
	args := coveredArgs(p)
	err := eachRowArgs(ctx, db.db, `SELECT u.code,
		coalesce((SELECT status FROM periods WHERE unit = u.code AND period = ?1), 'open'),
		coalesce((SELECT status FROM periods WHERE unit = u.code AND period = ?2), 'open'),
		coalesce((SELECT status FROM periods WHERE unit = u.code AND period = ?3), 'open'),
		EXISTS (SELECT 1 FROM totals WHERE unit = u.code AND period = ?2)
		FROM units u WHERE u.is_superior = 0`, args,
		func(rows *sql.Rows) error {
			var code, status, s1, s2 string
			var h1 bool
			if err := rows.Scan(&code, &status, &s1, &s2, &h1); err != nil {
				return err
			}
			st := ledger.PeriodStatus(status)
			if p.IsYear() && st != ledger.PeriodClosed {
				st = ledger.YearStatus(ledger.PeriodStatus(s1), ledger.PeriodStatus(s2), h1)
			}
			out[code] = ledger.UnitPeriod{Status: st}
			return nil
		})
	if err != nil {
		return nil, storeError(op, err)
	}
	if p.IsYear() {
		byUnit, err := db.yearTotals(ctx, db.db, ledger.AllUnits, p)
		if err != nil {
			return nil, err
		}
		for code, ts := range byUnit {
			if up, ok := out[code]; ok {
				up.Totals = ts
				out[code] = up
			}
		}
		return out, nil
	}
	// Unit by unit, so that each is a range of the primary key (unit,
	// period, …) rather than a scan of every period's totals; CROSS JOIN
	// keeps SQLite to that order.
	err = eachRowArgs(ctx, db.db, `SELECT t.unit, t.khoan, t.nature, t.tieu_muc, t.kind, t.amount
		FROM units u CROSS JOIN totals t ON t.unit = u.code AND t.period = ? WHERE u.is_superior = 0`, []any{p.String()},
		func(rows *sql.Rows) error {
			var unit string
			var t ledger.Total
			var amt int64
			if err := rows.Scan(&unit, &t.Khoan, &t.Nature, &t.TieuMuc, &t.Kind, &amt); err != nil {
				return err
			}
			t.Amount = ledger.Money(amt)
			if up, ok := out[unit]; ok {
				up.Totals = append(up.Totals, t)
				out[unit] = up
			}
			return nil
		})
	if err != nil {
		return nil, storeError(op, err)
	}
	return out, nil
}

// mergeApprovals is the review's approvals after setting more: a later one
// for the same row and Khoản replaces an earlier one.
func mergeApprovals(old, more []ledger.Approval) []ledger.Approval {
	out := append([]ledger.Approval(nil), old...)
	for _, a := range more {
		replaced := false
		for i := range out {
			if out[i].Row == a.Row && out[i].Khoan == a.Khoan {
				out[i], replaced = a, true
			}
		}
		if !replaced {
			out = append(out, a)
		}
	}
	return out
}
