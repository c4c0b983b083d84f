package sqlite

import (
	"context"
	"database/sql"
	"time"

	"wardledger/ledger"
)

// chainExisting is the Go step of schema version 3: it links every entry
// and audit row already in a ledger into the hash chains, in the order
// they were written. An audit row of that time is linked to the entries'
// head as it stood when the row was written, found by the moments both
// record (an entry and its audit row were written in one transaction,
// the entry first).
func chainExisting(ctx context.Context, db *DB, tx *sql.Tx) error {
	const op = "sqlite.migrate"
	type link struct {
		seq int64
		at  time.Time
		h   ledger.Hash
	}
	var entries []link
	var prev ledger.Hash
	err := eachRow(ctx, tx, `SELECT `+noVia+` FROM entries ORDER BY seq`, func(r *sql.Rows) error {
		e, err := scanEntry(r)
		if err != nil {
			return err
		}
		prev = ledger.EntryHash(prev, e)
		entries = append(entries, link{e.Seq, e.CreatedAt, prev})
		return nil
	})
	if err != nil {
		return storeError(op, err)
	}
	upd, err := tx.PrepareContext(ctx, `UPDATE entries SET hash = ? WHERE seq = ?`)
	if err != nil {
		return storeError(op, err)
	}
	defer upd.Close()
	for _, l := range entries {
		if _, err := upd.ExecContext(ctx, l.h[:], l.seq); err != nil {
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
		audits = append(audits, rec)
		return nil
	})
	if err != nil {
		return storeError(op, err)
	}
	upa, err := tx.PrepareContext(ctx, `UPDATE audit SET entries_head = ?, hash = ? WHERE seq = ?`)
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
		if _, err := upa.ExecContext(ctx, head[:], prev[:], rec.Seq); err != nil {
			return storeError(op, err)
		}
	}
	return nil
}
