package sqlite

import (
	"database/sql"
	"strings"

	"wardledger/ledger"
)

// batchRows is how many entries one INSERT writes when the writer is
// batched. Each statement costs far more than each row through
// database/sql and modernc.org/sqlite: one-row INSERTs made an import of
// 50,000 entries about three times slower.
const batchRows = 64

// insertBatch holds the checked entries not yet inserted. Every entry
// goes through it; an unbatched writer flushes after each one, so what it
// wrote is visible to the next query of the transaction at once.
type insertBatch struct {
	deferred bool // batched: flush every batchRows entries and at the end
	pending  []*ledger.Entry
	hashes   []ledger.Hash     // the chain link of each pending entry
	stmts    map[int]*sql.Stmt // the INSERT of n rows (1 or batchRows), once prepared
	operator *string           // who is typing, once read
	head     *ledger.Hash      // the entries' chain head, once read
}

// batched makes the writer insert entries batchRows at a time: add checks
// each entry as always (shape, unit, lock, settlement rules against the
// running sums) and queues it. The caller must have made sure that no id
// given to add is already recorded (ImportEntries looks them all up at
// once), must not read the entries table before flushing, and must flush
// before committing.
func (w *entryWriter) batched() { w.batch.deferred = true }

// queue adds a checked entry to the batch, counting it in its line's sums
// and linking it to the entries' hash chain.
func (w *entryWriter) queue(e *ledger.Entry, sums ledger.Sums) error {
	b := w.batch
	if b.operator == nil {
		who, err := operator(w.ctx, w.tx)
		if err != nil {
			return err
		}
		b.operator = &who
	}
	if b.head == nil {
		head, err := entriesHead(w.ctx, w.tx)
		if err != nil {
			return err
		}
		b.head = &head
	}
	e.CreatedAt, e.CreatedBy = w.db.now(), *b.operator
	*b.head = ledger.EntryHash(*b.head, e)
	b.pending = append(b.pending, e)
	b.hashes = append(b.hashes, *b.head)
	sums[e.Kind] += e.Amount
	if !w.batch.deferred || len(w.batch.pending) == batchRows {
		return w.flush()
	}
	return nil
}

// insertRows is the INSERT of n entries.
func insertRows(n int) string {
	return `INSERT INTO entries
		(id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, memo, reverses, origin, created_at, created_by, hash)
		VALUES ` + strings.TrimSuffix(strings.Repeat(`(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?),`, n), ",")
}

// flush inserts the queued entries in one statement and numbers them.
func (w *entryWriter) flush() error {
	const op = "sqlite.flush"
	b := w.batch
	n := len(b.pending)
	if n == 0 {
		return nil
	}
	args := make([]any, 0, 16*n)
	for i, e := range b.pending {
		var reverses any
		if e.Reverses != "" {
			reverses = e.Reverses
		}
		args = append(args, e.ID, e.Unit, e.Period.String(), e.Kind, e.Nature, e.Khoan, e.TieuMuc,
			int64(e.Amount), e.Doc, e.Date.String(), e.Memo, reverses, e.Origin,
			e.CreatedAt.UTC().Format(ledger.StampFormat), e.CreatedBy, b.hashes[i][:])
	}
	stmt := b.stmts[n]
	if stmt == nil && (n == 1 || n == batchRows) {
		var err error
		if stmt, err = w.tx.PrepareContext(w.ctx, insertRows(n)); err != nil {
			return storeError(op, err)
		}
		b.stmts[n] = stmt
	}
	var res sql.Result
	var err error
	if stmt != nil {
		res, err = stmt.ExecContext(w.ctx, args...)
	} else { // the last, partial batch
		res, err = w.tx.ExecContext(w.ctx, insertRows(n), args...)
	}
	if err != nil {
		return storeError(op, err)
	}
	// The rows of one INSERT take consecutive sequence numbers.
	last, _ := res.LastInsertId()
	for i, e := range b.pending {
		e.Seq = last - int64(n-1-i)
	}
	b.pending, b.hashes = b.pending[:0], b.hashes[:0]
	return nil
}
