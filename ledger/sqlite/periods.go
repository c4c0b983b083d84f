package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"wardledger/ledger"
)

// periodStatus is the status recorded for exactly p.
func periodStatus(ctx context.Context, q querier, unit string, p ledger.Period) (ledger.PeriodStatus, error) {
	var st string
	err := q.QueryRowContext(ctx, `SELECT status FROM periods WHERE unit = ? AND period = ?`, unit, p.String()).Scan(&st)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ledger.PeriodOpen, nil
	case err != nil:
		return "", storeError("sqlite.periodStatus", err)
	}
	return ledger.PeriodStatus(st), nil
}

// statusOf is the status of p: its own, or for a year kept by half-years
// its halves' (ledger.YearStatus).
func statusOf(ctx context.Context, q querier, unit string, p ledger.Period) (ledger.PeriodStatus, error) {
	st, err := periodStatus(ctx, q, unit, p)
	if err != nil || st == ledger.PeriodClosed || !p.IsYear() {
		return st, err
	}
	h := p.Halves()
	var s1, s2 ledger.PeriodStatus
	if s1, err = periodStatus(ctx, q, unit, h[0]); err != nil {
		return "", err
	}
	if s2, err = periodStatus(ctx, q, unit, h[1]); err != nil {
		return "", err
	}
	var has bool
	if err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM totals WHERE unit = ? AND period = ?)`, unit, h[0].String()).Scan(&has); err != nil {
		return "", storeError("sqlite.statusOf", err)
	}
	return ledger.YearStatus(s1, s2, has), nil
}

// PeriodStatus says whether a period is open or closed.
func (db *DB) PeriodStatus(ctx context.Context, unit string, p ledger.Period) (ledger.PeriodStatus, error) {
	if _, err := db.FindUnit(ctx, unit); err != nil {
		return "", err
	}
	return statusOf(ctx, db.db, unit, p)
}

// yearWay is how unit's budget year is kept: the way its entries and
// closings of that year were recorded, or the unit's way for a year not
// begun.
func yearWay(ctx context.Context, q querier, unit string, year int) (ledger.Periodicity, error) {
	way, _, err := yearWayBegun(ctx, q, unit, year)
	return way, err
}

// yearWayBegun is yearWay, and whether the year is begun (has entries or
// a closing).
func yearWayBegun(ctx context.Context, q querier, unit string, year int) (ledger.Periodicity, bool, error) {
	const op = "sqlite.yearWay"
	y := ledger.YearPeriod(year)
	h := y.Halves()
	var period string
	err := q.QueryRowContext(ctx, `SELECT period FROM entries WHERE unit = ?1 AND period IN (?2, ?3, ?4)
		UNION ALL SELECT period FROM periods WHERE unit = ?1 AND period IN (?2, ?3, ?4) LIMIT 1`,
		unit, y.String(), h[0].String(), h[1].String()).Scan(&period)
	switch {
	case err == nil:
		p, err := ledger.ParsePeriod(period)
		if err != nil {
			return "", false, &ledger.Error{Kind: ledger.KindDamaged, Op: op, Msg: fmt.Sprintf("đơn vị %s có kỳ hỏng %q", unit, period)}
		}
		return p.Periodicity(), true, nil
	case !errors.Is(err, sql.ErrNoRows):
		return "", false, storeError(op, err)
	}
	var way string
	err = q.QueryRowContext(ctx, `SELECT periods FROM units WHERE code = ?`, unit).Scan(&way)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, &ledger.Error{Kind: ledger.KindNotFound, Op: op, Field: "unit", Msg: "không có đơn vị mã " + unit + " trong sổ"}
	}
	if err != nil {
		return "", false, storeError(op, err)
	}
	return ledger.Periodicity(way), false, nil
}

// Periodicity says how unit's budget year is kept.
func (db *DB) Periodicity(ctx context.Context, unit string, year int) (ledger.Periodicity, error) {
	return yearWay(ctx, db.db, unit, year)
}

// nextPeriod is the period a closing of p carries into: the second half
// after the first, else the first period of the next year as that year is
// kept.
func nextPeriod(ctx context.Context, q querier, unit string, p ledger.Period) (ledger.Period, error) {
	if p.Half == 1 {
		return p.Next(), nil
	}
	way, err := yearWay(ctx, q, unit, p.Year+1)
	if err != nil {
		return ledger.Period{}, err
	}
	return way.NextAfter(p), nil
}

// prevPeriod is the period before p, as the previous year is kept.
func prevPeriod(ctx context.Context, q querier, unit string, p ledger.Period) (ledger.Period, error) {
	way, err := yearWay(ctx, q, unit, p.Year-1)
	if err != nil {
		return ledger.Period{}, err
	}
	return way.PrevBefore(p), nil
}

// Periods lists the periods of a unit that have entries or a status.
func (db *DB) Periods(ctx context.Context, unit string) ([]ledger.PeriodInfo, error) {
	const op = "sqlite.Periods"
	rows, err := db.db.QueryContext(ctx, `
		SELECT p, coalesce((SELECT status FROM periods WHERE unit = ?1 AND period = p), 'open'),
		       coalesce((SELECT sum(entries) FROM totals WHERE unit = ?1 AND period = p), 0)
		FROM (SELECT period AS p FROM periods WHERE unit = ?1 UNION SELECT DISTINCT period FROM totals WHERE unit = ?1)
		ORDER BY p`, unit)
	if err != nil {
		return nil, storeError(op, err)
	}
	defer rows.Close()
	var out []ledger.PeriodInfo
	for rows.Next() {
		var pi ledger.PeriodInfo
		var p, st string
		if err := rows.Scan(&p, &st, &pi.Entries); err != nil {
			return nil, storeError(op, err)
		}
		if pi.Period, err = ledger.ParsePeriod(p); err != nil {
			return nil, storeError(op, err)
		}
		pi.Status = ledger.PeriodStatus(st)
		out = append(out, pi)
	}
	return out, storeError(op, rows.Err())
}

func closeOrigin(p ledger.Period) string { return "close:" + p.String() }

// refuseClosing refuses to close (or reopen) p when its year is kept the
// other way: a year kept by half-years is closed half by half, and one
// kept whole has no halves to close.
func refuseClosing(op, unit string, p ledger.Period, way ledger.Periodicity) error {
	if way == ledger.ByHalfYear {
		return ledger.FieldErrorf("period", op, "đơn vị %s ghi sổ năm %d theo 6 tháng: khóa sổ từng kỳ %d-H1 rồi %d-H2, không khóa sổ cả năm; "+
			"báo cáo năm %d lập từ hai kỳ đó, dù đã khóa sổ hay chưa", unit, p.Year, p.Year, p.Year, p.Year)
	}
	return ledger.FieldErrorf("period", op, "đơn vị %s ghi sổ năm %d theo cả năm: khóa sổ năm %d, không có kỳ 6 tháng để khóa", unit, p.Year, p.Year)
}

// ClosePeriod records the declared carry-overs as carry-out entries of p
// (ledger.Form.PreviewClose checks them: they may not exceed what is left
// on their line), locks p, and opens the next period with carry-in entries
// equal to p's carry-outs, but those a unit's workbook brought (their
// carry-ins come with the unit's next workbook). Whatever is left on a line becomes
// still-to-return (23/27) or cancelled (24/28).
func (db *DB) ClosePeriod(ctx context.Context, unit string, p ledger.Period, carry []ledger.CarryOver) error {
	const op = "sqlite.ClosePeriod"
	cat, err := db.Catalogue(ctx)
	if err != nil {
		return err
	}
	if _, err := db.FindUnit(ctx, unit); err != nil {
		return err
	}
	return db.write(ctx, op, func(tx *sql.Tx) error {
		way, err := yearWay(ctx, tx, unit, p.Year)
		if err != nil {
			return err
		}
		if !way.Fits(p) {
			return refuseClosing(op, unit, p, way)
		}
		if err := checkOpen(ctx, tx, unit, p); err != nil {
			return err
		}
		next, err := nextPeriod(ctx, tx, unit, p)
		if err != nil {
			return err
		}
		if st, err := periodStatus(ctx, tx, unit, next); err != nil {
			return err
		} else if st == ledger.PeriodClosed {
			return ledger.Errorf(ledger.KindLocked, op, "kỳ sau (%s) đã khóa sổ: không chuyển số dư vào được", next.Name())
		}
		prev, err := prevPeriod(ctx, tx, unit, p)
		if err != nil {
			return err
		}
		if st, err := periodStatus(ctx, tx, unit, prev); err != nil {
			return err
		} else if st == ledger.PeriodOpen {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM totals WHERE unit = ? AND period = ?`, unit, prev.String()).Scan(&n); err != nil {
				return storeError(op, err)
			}
			if n > 0 {
				return ledger.Errorf(ledger.KindConflict, op, "kỳ trước (%s) chưa khóa sổ: khóa sổ theo thứ tự thời gian", prev.Name())
			}
		}
		totals, err := db.unitTotals(ctx, tx, unit, p)
		if err != nil {
			return err
		}
		if _, err := db.form.PreviewClose(totals, carry); err != nil {
			return err
		}
		origin := closeOrigin(p)
		w := db.newWriter(ctx, tx, cat)
		defer w.close()
		for _, c := range carry {
			e := &ledger.Entry{Unit: unit, Period: p, Kind: c.Balance.CarryOutKind(), Nature: c.Line.Nature, Khoan: c.Line.Khoan,
				Amount: c.Amount, Doc: "KS-" + p.String(), Date: p.End(), Origin: origin, Via: ledger.ViaClosing,
				Memo: "Số dư chuyển sang " + next.Name()}
			if err := w.add(e); err != nil {
				return err
			}
		}
		// Carry into the next period every carry-out of p, declared now or
		// recorded before, line by line — but one a workbook brought: the
		// unit's own closing recorded it, and its carry-ins come with the
		// unit's workbook of the next period (or came already, with a year's).
		rows, err := tx.QueryContext(ctx, `SELECT khoan, nature, kind, sum(amount) FROM entries
			WHERE unit = ? AND period = ? AND kind IN ('carry_out_received', 'carry_out_estimate') AND via NOT IN ('import', 'annex')
			GROUP BY khoan, nature, kind HAVING sum(amount) <> 0 ORDER BY khoan, nature, kind`, unit, p.String())
		if err != nil {
			return storeError(op, err)
		}
		var carryIns []*ledger.Entry
		for rows.Next() {
			var khoan, nature, kind string
			var amt int64
			if err := rows.Scan(&khoan, &nature, &kind, &amt); err != nil {
				rows.Close()
				return storeError(op, err)
			}
			carryIns = append(carryIns, &ledger.Entry{Unit: unit, Period: next, Kind: db.form.CarryInKind(ledger.EntryKind(kind)), Nature: ledger.Nature(nature),
				Khoan: khoan, Amount: ledger.Money(amt), Doc: "KS-" + p.String(), Date: next.Start(), Origin: origin, Via: ledger.ViaClosing,
				Memo: "Số dư " + p.Name() + " chuyển sang"})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return storeError(op, err)
		}
		for _, e := range carryIns {
			if err := w.add(e); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO periods (unit, period, status, closed_at) VALUES (?, ?, 'closed', ?)
			ON CONFLICT (unit, period) DO UPDATE SET status = 'closed', closed_at = excluded.closed_at`,
			unit, p.String(), db.stamp()); err != nil {
			return storeError(op, err)
		}
		return db.audit(ctx, tx, "period.close", unit, p.String(), fmt.Sprintf("%d dòng chuyển kỳ sau", len(carryIns)), "")
	})
}

// ReopenPeriod unlocks p: it reverses the carry-ins its closing put into the
// next period (refused if the next period is closed or has used them) and
// the carry-outs declared at closing, so closing again starts afresh.
func (db *DB) ReopenPeriod(ctx context.Context, unit string, p ledger.Period, reason string) error {
	const op = "sqlite.ReopenPeriod"
	reason, err := cleanReason(reason)
	if err != nil {
		return err
	}
	cat, err := db.Catalogue(ctx)
	if err != nil {
		return err
	}
	if _, err := db.FindUnit(ctx, unit); err != nil {
		return err
	}
	return db.write(ctx, op, func(tx *sql.Tx) error {
		st, err := periodStatus(ctx, tx, unit, p)
		if err != nil {
			return err
		}
		if st != ledger.PeriodClosed {
			if way, err := yearWay(ctx, tx, unit, p.Year); err == nil && !way.Fits(p) {
				return refuseClosing(op, unit, p, way)
			}
			return ledger.Errorf(ledger.KindConflict, op, "kỳ %s của đơn vị %s chưa khóa sổ", p.Name(), unit)
		}
		next, err := nextPeriod(ctx, tx, unit, p)
		if err != nil {
			return err
		}
		if st, err := periodStatus(ctx, tx, unit, next); err != nil {
			return err
		} else if st == ledger.PeriodClosed {
			return ledger.Errorf(ledger.KindLocked, op, "kỳ sau (%s) đã khóa sổ: mở lại kỳ sau trước", next.Name())
		}
		if _, err := tx.ExecContext(ctx, `UPDATE periods SET status = 'open', closed_at = NULL WHERE unit = ? AND period = ?`,
			unit, p.String()); err != nil {
			return storeError(op, err)
		}
		// What this ledger's own closing of p recorded: never an entry a
		// workbook brought, whatever origin it carries.
		rows, err := tx.QueryContext(ctx, `SELECT `+entryColumns+` FROM entries e
			WHERE unit = ? AND via = 'closing' AND origin = ? AND reverses IS NULL
			AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id)`, unit, closeOrigin(p))
		if err != nil {
			return storeError(op, err)
		}
		made, err := scanEntries(rows)
		if err != nil {
			return err
		}
		// Undo the next period's carry-ins first, then this period's
		// carry-outs, so each reversal sees the balance it restores.
		sort.SliceStable(made, func(i, j int) bool { return made[i].Period != p && made[j].Period == p })
		w := db.newWriter(ctx, tx, cat)
		defer w.close()
		today := ledger.DateOf(db.now())
		for _, e := range made {
			rev := e.Reversal()
			rev.Date, rev.Doc, rev.Origin, rev.Via = ledger.ReversalDate(e, today), e.Doc, e.Origin, ledger.ViaClosing
			rev.Memo = "Mở lại sổ " + p.Name() + ": " + reason
			if err := w.add(&rev); err != nil {
				if e.Period == next && ledger.ErrorKind(err) == ledger.KindConflict {
					return ledger.Errorf(ledger.KindConflict, op, "không mở lại được sổ %s: %s đã dùng số dư chuyển sang (%v); hãy đảo các bút toán đó trước", p.Name(), next.Name(), err)
				}
				return err
			}
		}
		return db.audit(ctx, tx, "period.reopen", unit, p.String(), fmt.Sprintf("đảo %d bút toán khóa sổ", len(made)), reason)
	})
}
