package sqlite

import (
	"database/sql"
	"sort"
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
//
// The stored totals (the sums statements are built from) are kept by the
// writer, not by a trigger per row: it adds up what it inserts per totals
// key and applies the sums with one upsert per key, after each entry when
// unbatched, once at the end when batched. Check proves them against the
// entries, so rows written behind the store's back show.
type insertBatch struct {
	deferred bool // batched: flush every batchRows entries and at the end
	pending  []*ledger.Entry
	hashes   []ledger.Hash     // the chain link of each pending entry
	stmts    map[int]*sql.Stmt // the INSERT of n rows (1 or batchRows), once prepared
	operator *string           // who is typing, once read
	head     *ledger.Hash      // the entries' chain head, once read
	totals   map[totalKey]*totalDelta
	upsert   *sql.Stmt

	jobs   chan insertJob // to the inserter goroutine of a batched writer
	done   chan struct{}  // closed when the inserter has stopped
	failed error          // why it stopped early, read after done
}

// totalKey is the key of a row of the totals table.
type totalKey struct {
	unit, period, khoan, nature, tieuMuc, kind string
}

type totalDelta struct {
	amount  ledger.Money
	entries int64
}

// batched makes the writer insert entries batchRows at a time: add checks
// each entry as always (shape, unit, lock, settlement rules against the
// running sums) and queues it. The caller must have made sure that no id
// given to add is already recorded (ImportEntries looks them all up at
// once), must not read the entries or totals tables before finishing, and
// must finish before committing.
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
	sums[e.Kind] += e.Amount // within the unit-period's volume limit, checked before: no overflow
	if !w.batch.deferred || len(w.batch.pending) == batchRows {
		return w.flush()
	}
	return nil
}

// insertRows is the INSERT of n entries.
func insertRows(n int) string {
	return `INSERT INTO entries
		(id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, memo, reverses, origin, created_at, created_by, via, hash)
		VALUES ` + strings.TrimSuffix(strings.Repeat(`(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?),`, n), ",")
}

// finish writes what the writer still holds: the queued entries and the
// sums of the totals.
func (w *entryWriter) finish() error {
	if err := w.flush(); err != nil {
		return err
	}
	if err := w.batch.drain(); err != nil {
		return err
	}
	return w.applyTotals()
}

// applyTotals adds the sums of what was inserted to the stored totals,
// one upsert per key, in a stable order.
func (w *entryWriter) applyTotals() error {
	const op = "sqlite.applyTotals"
	b := w.batch
	if len(b.totals) == 0 {
		return nil
	}
	if b.upsert == nil {
		stmt, err := w.tx.PrepareContext(w.ctx, `INSERT INTO totals (unit, period, khoan, nature, tieu_muc, kind, amount, entries)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (unit, period, khoan, nature, tieu_muc, kind)
			DO UPDATE SET amount = amount + excluded.amount, entries = entries + excluded.entries`)
		if err != nil {
			return storeError(op, err)
		}
		b.upsert = stmt
	}
	keys := make([]totalKey, 0, len(b.totals))
	for k := range b.totals {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return totalKeyLess(keys[i], keys[j]) })
	for _, k := range keys {
		d := b.totals[k]
		if _, err := b.upsert.ExecContext(w.ctx, k.unit, k.period, k.khoan, k.nature, k.tieuMuc, k.kind, int64(d.amount), d.entries); err != nil {
			return storeError(op, err)
		}
	}
	clear(b.totals)
	return nil
}

func totalKeyLess(a, b totalKey) bool {
	if a.unit != b.unit {
		return a.unit < b.unit
	}
	if a.period != b.period {
		return a.period < b.period
	}
	if a.khoan != b.khoan {
		return a.khoan < b.khoan
	}
	if a.nature != b.nature {
		return a.nature < b.nature
	}
	if a.tieuMuc != b.tieuMuc {
		return a.tieuMuc < b.tieuMuc
	}
	return a.kind < b.kind
}

// flush inserts the queued entries in one statement and numbers them, and
// counts them in the totals' sums (applied at once when unbatched). A
// batched writer hands the statement to its inserter goroutine and goes on
// checking the next entries while SQLite writes these: the second core
// does the checking, hashing and binding.
func (w *entryWriter) flush() error {
	b := w.batch
	n := len(b.pending)
	if n == 0 {
		return b.inserted()
	}
	job := insertJob{entries: b.pending, args: make([]any, 0, 17*n)}
	if b.totals == nil {
		b.totals = map[totalKey]*totalDelta{}
	}
	for i, e := range b.pending {
		var reverses any
		if e.Reverses != "" {
			reverses = e.Reverses
		}
		period := e.Period.String()
		job.args = append(job.args, e.ID, e.Unit, period, e.Kind, e.Nature, e.Khoan, e.TieuMuc,
			int64(e.Amount), e.Doc, e.Date.String(), e.Memo, reverses, e.Origin,
			e.CreatedAt.UTC().Format(ledger.StampFormat), e.CreatedBy, string(e.Via), b.hashes[i][:])
		k := totalKey{e.Unit, period, e.Khoan, string(e.Nature), e.TieuMuc, string(e.Kind)}
		d := b.totals[k]
		if d == nil {
			d = &totalDelta{}
			b.totals[k] = d
		}
		d.amount += e.Amount // within the unit-period's volume limit: no overflow
		d.entries++
	}
	// The job keeps the slices: the next batch gets new ones.
	b.pending, b.hashes = make([]*ledger.Entry, 0, batchRows), make([]ledger.Hash, 0, batchRows)
	if !b.deferred {
		if err := w.insert(job); err != nil {
			return err
		}
		return w.applyTotals()
	}
	if b.jobs == nil {
		b.jobs, b.done = make(chan insertJob, 2), make(chan struct{})
		go w.inserter()
	}
	select {
	case b.jobs <- job:
	case <-b.done: // the inserter stopped on an error
	}
	return b.inserted()
}

// insertJob is one INSERT of n entries with its arguments.
type insertJob struct {
	entries []*ledger.Entry
	args    []any
}

// inserter runs the batched writer's INSERTs in order until the first
// error, which it keeps for inserted.
func (w *entryWriter) inserter() {
	defer close(w.batch.done)
	for job := range w.batch.jobs {
		if err := w.insert(job); err != nil {
			w.batch.failed = err
			return
		}
	}
}

// inserted waits for nothing: it reports the inserter's error, if it has
// stopped on one.
func (b *insertBatch) inserted() error {
	if b.done == nil {
		return nil
	}
	select {
	case <-b.done:
		return b.failed
	default:
		return nil
	}
}

// drain waits for the inserter to write what it was given.
func (b *insertBatch) drain() error {
	if b.jobs == nil {
		return nil
	}
	close(b.jobs)
	<-b.done
	b.jobs = nil
	return b.failed
}

// insert runs one INSERT and numbers its entries.
func (w *entryWriter) insert(job insertJob) error {
	const op = "sqlite.insert"
	b := w.batch
	n := len(job.entries)
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
		res, err = stmt.ExecContext(w.ctx, job.args...)
	} else { // the last, partial batch
		res, err = w.tx.ExecContext(w.ctx, insertRows(n), job.args...)
	}
	if err != nil {
		return storeError(op, err)
	}
	// The rows of one INSERT take consecutive sequence numbers.
	last, _ := res.LastInsertId()
	for i, e := range job.entries {
		e.Seq = last - int64(n-1-i)
	}
	return nil
}
