package sqlite

import (
	"context"
	"database/sql"
	"time"

	"wardledger/ledger"
)

// chainExisting is the Go step of schema version 3: it puts the text
// already stored in NFC (normalizeStored), then links every entry and
// audit row already in a ledger into the hash chains, in the order they
// were written. An audit row of that time is linked to the entries'
// head as it stood when the row was written, found by the moments both
// record (an entry and its audit row were written in one transaction,
// the entry first).
func chainExisting(ctx context.Context, db *DB, tx *sql.Tx) error {
	const op = "sqlite.migrate"
	if err := normalizeStored(ctx, tx); err != nil {
		return err
	}
	type link struct {
		seq  int64
		at   time.Time
		h    ledger.Hash
		text [2]string // doc and memo, normalized
	}
	var entries []link
	var prev ledger.Hash
	err := eachRow(ctx, tx, `SELECT `+entryColumns+` FROM entries ORDER BY seq`, func(r *sql.Rows) error {
		e, err := scanEntry(r)
		if err != nil {
			return err
		}
		e.Doc, e.Memo = ledger.NormalizeText(e.Doc), ledger.NormalizeMultiline(e.Memo)
		prev = ledger.EntryHash(prev, e)
		entries = append(entries, link{e.Seq, e.CreatedAt, prev, [2]string{e.Doc, e.Memo}})
		return nil
	})
	if err != nil {
		return storeError(op, err)
	}
	upd, err := tx.PrepareContext(ctx, `UPDATE entries SET hash = ?, doc = ?, memo = ? WHERE seq = ?`)
	if err != nil {
		return storeError(op, err)
	}
	defer upd.Close()
	for _, l := range entries {
		if _, err := upd.ExecContext(ctx, l.h[:], l.text[0], l.text[1], l.seq); err != nil {
			return storeError(op, err)
		}
	}
	var audits []ledger.AuditRecord
	err = eachRow(ctx, tx, `SELECT seq, at, who, action, unit, period, subject, reason FROM audit ORDER BY seq`, func(r *sql.Rows) error {
		var rec ledger.AuditRecord
		var at string
		if err := r.Scan(&rec.Seq, &at, &rec.Who, &rec.Action, &rec.Unit, &rec.Period, &rec.Subject, &rec.Reason); err != nil {
			return err
		}
		rec.At, _ = parseStamp(at)
		rec.Subject, rec.Reason = ledger.NormalizeMultiline(rec.Subject), ledger.NormalizeMultiline(rec.Reason)
		audits = append(audits, rec)
		return nil
	})
	if err != nil {
		return storeError(op, err)
	}
	upa, err := tx.PrepareContext(ctx, `UPDATE audit SET entries_head = ?, hash = ?, subject = ?, reason = ? WHERE seq = ?`)
	if err != nil {
		return storeError(op, err)
	}
	defer upa.Close()
	prev = ledger.Hash{}
	var head ledger.Hash
	next := 0
	for i := range audits {
		rec := &audits[i]
		for next < len(entries) && !rec.At.Before(entries[next].at) {
			head = entries[next].h
			next++
		}
		if i == len(audits)-1 && len(entries) > 0 {
			head = entries[len(entries)-1].h // the newest row has seen every entry
		}
		prev = ledger.AuditHash(prev, head, rec)
		if _, err := upa.ExecContext(ctx, head[:], prev[:], rec.Subject, rec.Reason, rec.Seq); err != nil {
			return storeError(op, err)
		}
	}
	return nil
}

// normalizeStored puts the texts a ledger of an earlier version stored in
// NFC, as the domain now keeps them: names of units and codes, settings,
// review comments and approvals' reasons (entries and audit rows are done
// as they are chained). A finished review's approvals are locked by a
// trigger, lifted for this and put back as 0002 made it.
func normalizeStored(ctx context.Context, tx *sql.Tx) error {
	const op = "sqlite.migrate"
	type change struct {
		update string
		args   []any
	}
	var changes []change
	for _, t := range []struct {
		query, update string
		multiline     bool
	}{
		{`SELECT name, code FROM units`, `UPDATE units SET name = ? WHERE code = ?`, false},
		{`SELECT name, level, code FROM codes`, `UPDATE codes SET name = ? WHERE level = ? AND code = ?`, false},
		{`SELECT value, key FROM settings`, `UPDATE settings SET value = ? WHERE key = ?`, false},
		{`SELECT comment, unit, period FROM reviews`, `UPDATE reviews SET comment = ? WHERE unit = ? AND period = ?`, true},
		{`SELECT reason, unit, period, row, khoan FROM approvals`, `UPDATE approvals SET reason = ? WHERE unit = ? AND period = ? AND row = ? AND khoan = ?`, true},
	} {
		err := eachRow(ctx, tx, t.query, func(r *sql.Rows) error {
			cols, _ := r.Columns()
			vals := make([]string, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := r.Scan(ptrs...); err != nil {
				return err
			}
			text := ledger.NormalizeText(vals[0])
			if t.multiline {
				text = ledger.NormalizeMultiline(vals[0])
			}
			if text != vals[0] {
				args := []any{text}
				for _, v := range vals[1:] {
					args = append(args, v)
				}
				changes = append(changes, change{t.update, args})
			}
			return nil
		})
		if err != nil {
			return storeError(op, err)
		}
	}
	if len(changes) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DROP TRIGGER IF EXISTS approvals_locked_update`); err != nil {
		return storeError(op, err)
	}
	for _, c := range changes {
		if _, err := tx.ExecContext(ctx, c.update, c.args...); err != nil {
			return storeError(op, err)
		}
	}
	_, err := tx.ExecContext(ctx, `CREATE TRIGGER approvals_locked_update BEFORE UPDATE ON approvals
WHEN (SELECT state FROM reviews WHERE unit = OLD.unit AND period = OLD.period) = 'finished'
BEGIN
	SELECT RAISE(ABORT, 'review is finished');
END`)
	return storeError(op, err)
}
