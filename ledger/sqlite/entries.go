package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"wardledger/ledger"
)

// AddEntry validates e, applies the settlement rules and records it.
func (db *DB) AddEntry(ctx context.Context, e *ledger.Entry) error {
	const op = "sqlite.AddEntry"
	cat, err := db.Catalogue(ctx)
	if err != nil {
		return err
	}
	e.Via = ledger.ViaKeyed // how an entry came in is the store's to say
	return db.write(ctx, op, func(tx *sql.Tx) error {
		w := db.newWriter(ctx, tx, cat)
		defer w.close()
		if err := w.add(e); err != nil {
			return err
		}
		return db.audit(ctx, tx, "entry.add", e.Unit, e.Period.String(), e.ID, "")
	})
}

// AddEntries records all of es or none. They are applied in the order a
// ledger would see them — unit by unit, then period, date, and allocations
// before withdrawals before spending — so a batch that is valid as a whole
// is accepted in any order; an error names the entry by its 1-based
// position in es. A file whose content was imported before is refused
// unless src.Again. The entries go in batchRows at a time, in the order of
// the ledger's indexes.
func (db *DB) AddEntries(ctx context.Context, es []*ledger.Entry, src ledger.BatchSource) error {
	const op = "sqlite.AddEntries"
	if len(es) == 0 {
		return nil
	}
	cat, err := db.Catalogue(ctx)
	if err != nil {
		return err
	}
	order := make([]int, len(es))
	for i := range order {
		order[i] = i
		es[i].Via = ledger.ViaKeyed // how an entry came in is the store's to say
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := es[order[a]], es[order[b]]
		switch {
		case x.Unit != y.Unit:
			return x.Unit < y.Unit
		case x.Period != y.Period:
			return x.Period.Before(y.Period)
		case x.Date != y.Date:
			return x.Date.Before(y.Date)
		}
		return kindRank[x.Kind] < kindRank[y.Kind]
	})
	units := map[string]bool{}
	return db.write(ctx, op, func(tx *sql.Tx) error {
		if err := refuseImportedFile(ctx, tx, src); err != nil {
			return err
		}
		if err := refuseKnownIDs(ctx, tx, es); err != nil {
			return err
		}
		w := db.newWriter(ctx, tx, cat)
		defer w.close()
		w.batched() // the ids given were looked up above
		for _, i := range order {
			if err := w.add(es[i]); err != nil {
				return ledger.AtItem(i+1, "bút toán", err)
			}
			units[es[i].Unit+" "+es[i].Period.String()] = true
		}
		if err := w.finish(); err != nil {
			return err
		}
		for up := range units {
			unit, period, _ := strings.Cut(up, " ")
			if err := db.audit(ctx, tx, "entry.batch", unit, period, strconv.Itoa(len(es))+" bút toán", src.Reason); err != nil {
				return err
			}
		}
		if src.SHA256 == "" {
			return nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO file_imports (sha256, file, entries, at) VALUES (?, ?, ?, ?)`,
			src.SHA256, src.File, len(es), db.stamp())
		return storeError(op, err)
	})
}

// refuseKnownIDs refuses a batch naming an entry id the ledger has (or
// naming one twice), looking them all up at once.
func refuseKnownIDs(ctx context.Context, tx *sql.Tx, es []*ledger.Entry) error {
	var ids []string
	pos := map[string]int{}
	for i, e := range es {
		if e.ID == "" {
			continue
		}
		if _, dup := pos[e.ID]; dup {
			return ledger.AtItem(i+1, "bút toán", &ledger.Error{Kind: ledger.KindConflict, Op: "sqlite.AddEntries", Field: "id",
				Msg: "bút toán mã " + e.ID + " có hai lần trong lô"})
		}
		pos[e.ID] = i
		ids = append(ids, e.ID)
	}
	present, err := entriesByID(ctx, tx, ids)
	if err != nil {
		return err
	}
	for id := range present {
		return ledger.AtItem(pos[id]+1, "bút toán", &ledger.Error{Kind: ledger.KindConflict, Op: "sqlite.AddEntries", Field: "id",
			Msg: "bút toán mã " + id + " đã có trong sổ"})
	}
	return nil
}

// refuseImportedFile refuses a file whose content this ledger imported
// before, naming when, unless the user asked to import it again.
func refuseImportedFile(ctx context.Context, tx *sql.Tx, src ledger.BatchSource) error {
	if src.SHA256 == "" || src.Again {
		return nil
	}
	var file, at string
	var n int
	err := tx.QueryRowContext(ctx, `SELECT file, entries, at FROM file_imports WHERE sha256 = ? ORDER BY seq LIMIT 1`, src.SHA256).Scan(&file, &n, &at)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return storeError("sqlite.AddEntries", err)
	}
	when := at
	if t, err := parseStamp(at); err == nil {
		when = t.Local().Format("15:04 ngày 02/01/2006")
	}
	return &ledger.Error{Kind: ledger.KindConflict, Op: "sqlite.AddEntries", Field: "file",
		Msg: fmt.Sprintf("nội dung tệp %s đã được nhập vào sổ lúc %s (tệp %s, %d bút toán): không nhập lại hai lần. "+
			"Nếu thật sự cần nhập lại, dùng --again", src.File, when, file, n)}
}

// kindRank orders kinds the way funds flow through a period.
var kindRank = map[ledger.EntryKind]int{
	ledger.EntryCarryInReceived: 0, ledger.EntryCarryInEstimate: 0,
	ledger.EntryAllocation: 1, ledger.EntryAdjustment: 2,
	ledger.EntryWithdrawal: 3, ledger.EntrySpending: 4, ledger.EntryReturned: 5,
	ledger.EntryCarryOutReceived: 6, ledger.EntryCarryOutEstimate: 6,
}

// entryWriter is the one path every entry takes into the table within one
// transaction: shape, unit, period lock, settlement rules, then the row. It
// remembers what it has checked and the running sums of each line, so a
// batch of thousands of entries costs one INSERT each.
type entryWriter struct {
	db     *DB
	ctx    context.Context
	tx     *sql.Tx
	q      *preparedQueries // the checks' queries, each prepared once
	cat    *ledger.Catalogue
	exists *sql.Stmt
	batch  *insertBatch // checked entries on their way in (batch.go)
	units  map[string]error
	open   map[string]error
	sums   map[string]ledger.Sums // per unit, period and line; summed says which periods are read
	summed map[string]bool
	volume map[string]ledger.Money       // per unit and period: the sum of |amount| (Form.CheckVolume)
	ways   map[string]ledger.Periodicity // per unit and budget year: how it is kept (yearWay)
	// adopt takes the way of a year not yet begun from the entries, as
	// the ledger that made them kept it (an import); adopted lists the
	// years it took so, when the unit's own way differs.
	adopt   bool
	adopted []string
}

func (db *DB) newWriter(ctx context.Context, tx *sql.Tx, cat *ledger.Catalogue) *entryWriter {
	return &entryWriter{db: db, ctx: ctx, tx: tx, q: newPreparedQueries(tx), cat: cat,
		batch: &insertBatch{pending: make([]*ledger.Entry, 0, batchRows), stmts: map[int]*sql.Stmt{}},
		units: map[string]error{}, open: map[string]error{}, sums: map[string]ledger.Sums{}, summed: map[string]bool{}, volume: map[string]ledger.Money{},
		ways: map[string]ledger.Periodicity{}}
}

func (w *entryWriter) close() {
	w.batch.drain() // on an error path: let the inserter stop before the statements close
	w.q.close()
	if w.exists != nil {
		w.exists.Close()
	}
	if w.batch.upsert != nil {
		w.batch.upsert.Close()
	}
	for _, stmt := range w.batch.stmts {
		stmt.Close()
	}
}

func (w *entryWriter) checkUnit(unit string) error {
	const op = "sqlite.checkUnit"
	if err, seen := w.units[unit]; seen {
		return err
	}
	var superior bool
	var res error
	err := w.q.QueryRowContext(w.ctx, `SELECT is_superior FROM units WHERE code = ?`, unit).Scan(&superior)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res = &ledger.Error{Kind: ledger.KindNotFound, Op: op, Field: "unit", Msg: "không có đơn vị mã " + unit + " trong sổ"}
	case err != nil:
		return storeError(op, err)
	case superior:
		res = &ledger.Error{Kind: ledger.KindInvalid, Op: op, Field: "unit", Msg: "đơn vị " + unit + " là đơn vị cấp trên: bút toán ghi cho đơn vị trực thuộc"}
	}
	w.units[unit] = res
	return res
}

func (w *entryWriter) add(e *ledger.Entry) error {
	const op = "sqlite.insertEntry"
	e.Normalize() // the text as the domain keeps it, before it is hashed
	if err := e.Validate(w.cat); err != nil {
		return err
	}
	if err := w.checkUnit(e.Unit); err != nil {
		return err
	}
	if err := w.checkWay(e); err != nil {
		return err
	}
	up := e.Unit + "|" + e.Period.String()
	openErr, seen := w.open[up]
	if !seen {
		openErr = checkOpen(w.ctx, w.q, e.Unit, e.Period)
		if ledger.ErrorKind(openErr) == ledger.KindInternal && openErr != nil {
			return openErr
		}
		w.open[up] = openErr
	}
	if openErr != nil {
		return openErr
	}
	key := up + "|" + e.Khoan + "|" + string(e.Nature)
	sums, seen := w.sums[key]
	if !seen {
		if !w.summed[up] { // every line of the unit's period at once: one query, not one per line
			lines, err := periodSums(w.ctx, w.q, e.Unit, e.Period)
			if err != nil {
				return err
			}
			for l, ls := range lines {
				w.sums[up+"|"+l.Khoan+"|"+string(l.Nature)] = ls
			}
			w.summed[up] = true
		}
		if sums, seen = w.sums[key]; !seen {
			sums = ledger.Sums{}
			w.sums[key] = sums
		}
	}
	if err := w.db.form.CheckEntry(sums, e); err != nil {
		return err
	}
	vol, seen := w.volume[up]
	if !seen {
		var v int64
		if err := w.q.QueryRowContext(w.ctx, `SELECT coalesce(sum(abs(amount)), 0) FROM totals WHERE unit = ? AND period = ?`,
			e.Unit, e.Period.String()).Scan(&v); err != nil {
			return storeError(op, err)
		}
		vol = ledger.Money(v)
	}
	vol += max(e.Amount, -e.Amount) // both within MaxAmount: no overflow
	if err := w.db.form.CheckVolume(vol, e); err != nil {
		return err
	}
	if e.ID == "" {
		e.ID = ledger.NewID(w.db.now())
	} else if !w.batch.deferred { // batched: the caller has looked the ids up
		if w.exists == nil {
			stmt, err := w.tx.PrepareContext(w.ctx, `SELECT count(*) FROM entries WHERE id = ?`)
			if err != nil {
				return storeError(op, err)
			}
			w.exists = stmt
		}
		var n int
		if err := w.exists.QueryRowContext(w.ctx, e.ID).Scan(&n); err != nil {
			return storeError(op, err)
		}
		if n > 0 {
			return &ledger.Error{Kind: ledger.KindConflict, Op: op, Field: "id", Msg: "bút toán mã " + e.ID + " đã có trong sổ"}
		}
	}
	w.volume[up] = vol
	return w.queue(e, sums)
}

// checkWay refuses an entry in a period of the other way than its unit's
// budget year is kept: one year is never kept both whole and by halves.
func (w *entryWriter) checkWay(e *ledger.Entry) error {
	key := e.Unit + "|" + fmt.Sprint(e.Period.Year)
	way, seen := w.ways[key]
	if !seen {
		var begun bool
		var err error
		if way, begun, err = yearWayBegun(w.ctx, w.q, e.Unit, e.Period.Year); err != nil {
			return err
		}
		if w.adopt && !begun && way != e.Period.Periodicity() {
			way = e.Period.Periodicity()
			w.adopted = append(w.adopted, fmt.Sprintf("đơn vị %s tự đặt ghi sổ %s, nhưng năm %d của đơn vị được ghi theo %s như trong tệp",
				e.Unit, wayName(way.Other()), e.Period.Year, wayName(way)))
		}
		w.ways[key] = way
	}
	if w.adopt && way != e.Period.Periodicity() { // an import: the file's periods are not the person's to change
		return &ledger.Error{Kind: ledger.KindInvalid, Op: "sqlite.insertEntry", Field: "period", Msg: fmt.Sprintf(
			"tệp ghi năm %d của đơn vị %s theo %s, nhưng sổ này ghi năm %d theo %s: không nhập được (một năm chỉ ghi theo một cách; hai sổ cần ghi năm đó theo cùng một cách)",
			e.Period.Year, e.Unit, wayName(e.Period.Periodicity()), e.Period.Year, wayName(way))}
	}
	return way.CheckPeriod("sqlite.insertEntry", e.Unit, e.Period)
}

func wayName(w ledger.Periodicity) string {
	if w == ledger.ByYear {
		return "cả năm"
	}
	return "kỳ 6 tháng"
}

// checkOpen refuses entries in a closed period (a closed year closes its
// halves, a closed half its year), and in a period whose review, or its
// year's, the superior has finished (the approved figures are final: the
// review must be reopened, with a reason, first). The store's trigger
// holds the same locks.
func checkOpen(ctx context.Context, q querier, unit string, p ledger.Period) error {
	const op = "sqlite.checkOpen"
	// The periods whose closing locks p: itself, its year, a year's halves.
	y, h := p.WholeYear(), p.WholeYear().Halves()
	lockers := []any{unit, p.String(), y.String(), "", ""}
	if p.IsYear() {
		lockers[3], lockers[4] = h[0].String(), h[1].String()
	}
	var closed string
	err := q.QueryRowContext(ctx, `SELECT period FROM periods WHERE unit = ? AND status = 'closed' AND period IN (?, ?, ?, ?)
		ORDER BY period LIMIT 1`, lockers...).Scan(&closed)
	switch {
	case err == nil:
		what := "kỳ " + p.Name()
		if c, _ := ledger.ParsePeriod(closed); c != p {
			what = fmt.Sprintf("kỳ %s (%s đã khóa sổ)", p.Name(), c.Name())
		}
		return &ledger.Error{Kind: ledger.KindLocked, Op: op, Field: "period",
			Msg: fmt.Sprintf("%s của đơn vị %s đã khóa sổ: không ghi thêm bút toán (mở lại sổ nếu cần, có ghi lý do)", what, unit)}
	case !errors.Is(err, sql.ErrNoRows):
		return storeError(op, err)
	}
	var finished string
	err = q.QueryRowContext(ctx, `SELECT period FROM reviews WHERE unit = ? AND period IN (?, ?) AND state = 'finished' LIMIT 1`,
		unit, p.String(), y.String()).Scan(&finished)
	switch {
	case err == nil:
		f, _ := ledger.ParsePeriod(finished)
		return &ledger.Error{Kind: ledger.KindLocked, Op: op, Field: "period",
			Msg: fmt.Sprintf("quyết toán %s của đơn vị %s đã được cấp trên duyệt xong: không ghi thêm bút toán vào %s (cấp trên mở lại xét duyệt, có ghi lý do, nếu cần)", f.Name(), unit, p.Name())}
	case !errors.Is(err, sql.ErrNoRows):
		return storeError(op, err)
	}
	return nil
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// periodSums reads the recorded sums per kind of every line of a unit's
// period that has any.
func periodSums(ctx context.Context, q querier, unit string, p ledger.Period) (map[ledger.Line]ledger.Sums, error) {
	const op = "sqlite.periodSums"
	rows, err := q.QueryContext(ctx, `SELECT khoan, nature, kind, sum(amount) FROM totals
		WHERE unit = ? AND period = ? GROUP BY khoan, nature, kind`, unit, p.String())
	if err != nil {
		return nil, storeError(op, err)
	}
	defer rows.Close()
	lines := map[ledger.Line]ledger.Sums{}
	for rows.Next() {
		var l ledger.Line
		var k string
		var v int64
		if err := rows.Scan(&l.Khoan, &l.Nature, &k, &v); err != nil {
			return nil, storeError(op, err)
		}
		if lines[l] == nil {
			lines[l] = ledger.Sums{}
		}
		lines[l][ledger.EntryKind(k)] = ledger.Money(v)
	}
	return lines, storeError(op, rows.Err())
}

// ReverseEntry records the reversal of an entry: same line, negated amount,
// dated today (within the entry's period), naming the entry it reverses.
func (db *DB) ReverseEntry(ctx context.Context, id, reason string) (*ledger.Entry, error) {
	const op = "sqlite.ReverseEntry"
	reason, err := cleanReason(reason)
	if err != nil {
		return nil, err
	}
	cat, err := db.Catalogue(ctx)
	if err != nil {
		return nil, err
	}
	var rev ledger.Entry
	err = db.write(ctx, op, func(tx *sql.Tx) error {
		orig, err := findEntry(ctx, tx, id)
		if err != nil {
			return err
		}
		if orig.IsReversal() {
			return ledger.Errorf(ledger.KindConflict, op, "bút toán %s là bút toán đảo: không đảo lại được; hãy ghi lại bút toán đúng", id)
		}
		switch orig.Via {
		case ledger.ViaAnnex:
			return ledger.Errorf(ledger.KindConflict, op, "bút toán %s là dự toán cấp trên giao (nhập từ phụ lục): đơn vị không đảo được; "+
				"cấp trên điều chỉnh bằng quyết định mới và gửi phụ lục mới", id)
		case ledger.ViaClosing:
			return ledger.Errorf(ledger.KindConflict, op, "bút toán %s do khóa sổ ghi: muốn sửa hãy mở lại sổ (có ghi lý do)", id)
		}
		var by string
		err = tx.QueryRowContext(ctx, `SELECT id FROM entries WHERE reverses = ?`, id).Scan(&by)
		switch {
		case err == nil:
			return ledger.Errorf(ledger.KindConflict, op, "bút toán %s đã được đảo bởi bút toán %s", id, by)
		case !errors.Is(err, sql.ErrNoRows):
			return storeError(op, err)
		}
		rev = orig.Reversal()
		rev.Date = ledger.ReversalDate(orig, ledger.DateOf(db.now()))
		rev.Doc = orig.Doc
		rev.Memo = "Đảo bút toán ngày " + orig.Date.VN() + ": " + reason
		w := db.newWriter(ctx, tx, cat)
		defer w.close()
		if err := w.add(&rev); err != nil {
			return err
		}
		return db.audit(ctx, tx, "entry.reverse", orig.Unit, orig.Period.String(), id+" → "+rev.ID, reason)
	})
	if err != nil {
		return nil, err
	}
	return &rev, nil
}

// FindEntry returns an entry by id.
func (db *DB) FindEntry(ctx context.Context, id string) (*ledger.Entry, error) {
	return findEntry(ctx, db.db, id)
}

// entryColumns are the columns scanEntry reads; entryColumnsV4 the same
// for a ledger of schema 4 or older, which has no via (the migration steps
// of those versions read them).
const (
	entryColumnsV4 = `seq, id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, memo,
	coalesce(reverses, ''), origin, created_at, created_by`
	entryColumns = entryColumnsV4 + `, via`
	noVia        = entryColumnsV4 + `, ''`
)

func findEntry(ctx context.Context, q querier, id string) (*ledger.Entry, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+entryColumns+` FROM entries WHERE id = ?`, id)
	if err != nil {
		return nil, storeError("sqlite.findEntry", err)
	}
	es, err := scanEntries(rows)
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, &ledger.Error{Kind: ledger.KindNotFound, Op: "sqlite.findEntry", Field: "id", Msg: "không có bút toán mã " + id}
	}
	return es[0], nil
}

func scanEntries(rows *sql.Rows) ([]*ledger.Entry, error) {
	const op = "sqlite.scanEntries"
	defer rows.Close()
	var out []*ledger.Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, storeError(op, err)
		}
		out = append(out, e)
	}
	return out, storeError(op, rows.Err())
}

// scanEntry reads one row of entryColumns, then extra columns into extra.
func scanEntry(rows *sql.Rows, extra ...any) (*ledger.Entry, error) {
	const op = "sqlite.scanEntry"
	var e ledger.Entry
	var period, date, created string
	var amount int64
	dest := append([]any{&e.Seq, &e.ID, &e.Unit, &period, &e.Kind, &e.Nature, &e.Khoan, &e.TieuMuc, &amount,
		&e.Doc, &date, &e.Memo, &e.Reverses, &e.Origin, &created, &e.CreatedBy, &e.Via}, extra...)
	if err := rows.Scan(dest...); err != nil {
		return nil, err
	}
	var err error
	if e.Period, err = ledger.ParsePeriod(period); err != nil {
		return nil, &ledger.Error{Kind: ledger.KindDamaged, Op: op, Msg: fmt.Sprintf("bút toán số %d có kỳ hỏng %q", e.Seq, period)}
	}
	if e.Date, err = ledger.ParseDate(date); err != nil {
		return nil, &ledger.Error{Kind: ledger.KindDamaged, Op: op, Msg: fmt.Sprintf("bút toán số %d có ngày hỏng %q", e.Seq, date)}
	}
	e.Amount = ledger.Money(amount)
	e.CreatedAt, _ = parseStamp(created)
	return &e, nil
}

// parseStamp reads a moment as the store writes it.
func parseStamp(s string) (time.Time, error) { return time.Parse(ledger.StampFormat, s) }

// filterSQL selects the entries of a filter: a year's are its own and its
// halves' (a unit's year is kept one way, so only one of them has any).
func filterSQL(f ledger.EntryFilter) (string, []any) {
	where := []string{"unit = ?", "period = ?"}
	args := []any{f.Unit, f.Period.String()}
	if f.Period.IsYear() {
		h := f.Period.Halves()
		where[1] = "period IN (?, ?, ?)"
		args = append(args, h[0].String(), h[1].String())
	}
	if len(f.Kinds) > 0 {
		ph := strings.TrimSuffix(strings.Repeat("?,", len(f.Kinds)), ",")
		where = append(where, "kind IN ("+ph+")")
		for _, k := range f.Kinds {
			args = append(args, string(k))
		}
	}
	if c := strings.TrimSpace(f.Code); c != "" {
		where = append(where, "(khoan LIKE ? ESCAPE '\\' OR tieu_muc LIKE ? ESCAPE '\\')")
		args = append(args, likeEscape(c)+"%", likeEscape(c)+"%")
	}
	if t := ledger.Fold(f.Text); t != "" {
		// The same search as everywhere: case and accents folded
		// (ledger.Fold, registered as wl_fold below).
		where = append(where, "instr(wl_fold(doc || ' ' || memo), ?) > 0")
		args = append(args, t)
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Entries returns one page of the entries of a unit and period, by date.
func (db *DB) Entries(ctx context.Context, f ledger.EntryFilter) ([]*ledger.Entry, error) {
	where, args := filterSQL(f)
	// By period first: one period's entries by date, a year's halves one
	// after the other, in the order of the index (no sort).
	order := " ORDER BY period, date, seq"
	if f.Desc {
		order = " ORDER BY period DESC, date DESC, seq DESC"
	}
	limit := ""
	if f.Limit > 0 {
		limit = " LIMIT ? OFFSET ?"
		args = append(args, f.Limit, f.Offset)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+entryColumns+` FROM entries`+where+order+limit, args...)
	if err != nil {
		return nil, storeError("sqlite.Entries", err)
	}
	return scanEntries(rows)
}

// CountEntries counts the entries a filter selects.
func (db *DB) CountEntries(ctx context.Context, f ledger.EntryFilter) (int, error) {
	where, args := filterSQL(f)
	var n int
	err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM entries`+where, args...).Scan(&n)
	return n, storeError("sqlite.CountEntries", err)
}

// ReversedIDs returns which of ids have a reversal recorded.
func (db *DB) ReversedIDs(ctx context.Context, ids []string) (map[string]bool, error) {
	const op = "sqlite.ReversedIDs"
	out := map[string]bool{}
	err := inChunks(ids, func(ph string, args []any) error {
		return eachRowArgs(ctx, db.db, `SELECT reverses FROM entries WHERE reverses IN (`+ph+`)`, args, func(rows *sql.Rows) error {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			out[id] = true
			return nil
		})
	})
	if err != nil {
		return nil, storeError(op, err)
	}
	return out, nil
}

// Totals returns the stored sums of one unit, or of every subordinate
// unit; a year's are folded from its periods (Form.YearTotals).
func (db *DB) Totals(ctx context.Context, unit string, p ledger.Period) ([]ledger.Total, error) {
	out, err := db.unitTotals(ctx, db.db, unit, p)
	if err != nil {
		return nil, err
	}
	// No totals: an empty period, or a unit the ledger does not know.
	if len(out) == 0 && unit != ledger.AllUnits {
		if _, err := db.FindUnit(ctx, unit); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// unitTotals reads the stored sums of one unit, or of every subordinate
// unit, through q. A year is folded unit by unit, then summed.
func (db *DB) unitTotals(ctx context.Context, qr querier, unit string, p ledger.Period) ([]ledger.Total, error) {
	if p.IsYear() {
		byUnit, err := db.yearTotals(ctx, qr, unit, p)
		if err != nil {
			return nil, err
		}
		lists := make([][]ledger.Total, 0, len(byUnit))
		for _, ts := range byUnit {
			lists = append(lists, ts)
		}
		return ledger.MergeTotals(lists...)
	}
	const op = "sqlite.Totals"
	query := `SELECT khoan, nature, tieu_muc, kind, amount FROM totals WHERE unit = ? AND period = ?`
	args := []any{unit, p.String()}
	if unit == ledger.AllUnits {
		query = `SELECT khoan, nature, tieu_muc, kind, sum(amount) FROM totals
			WHERE period = ? AND unit IN (SELECT code FROM units WHERE is_superior = 0)
			GROUP BY khoan, nature, tieu_muc, kind`
		args = args[1:]
	}
	rows, err := qr.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, storeError(op, err)
	}
	defer rows.Close()
	var out []ledger.Total
	for rows.Next() {
		var t ledger.Total
		var amt int64
		if err := rows.Scan(&t.Khoan, &t.Nature, &t.TieuMuc, &t.Kind, &amt); err != nil {
			return nil, storeError(op, err)
		}
		t.Amount = ledger.Money(amt)
		out = append(out, t)
	}
	return out, storeError(op, rows.Err())
}

// yearTotals reads the stored sums of year y and its halves for one unit,
// or every subordinate unit, and folds each unit's into its year's.
func (db *DB) yearTotals(ctx context.Context, qr querier, unit string, y ledger.Period) (map[string][]ledger.Total, error) {
	const op = "sqlite.Totals"
	h := y.Halves()
	filter := `unit = ?4`
	args := []any{y.String(), h[0].String(), h[1].String()}
	if unit == ledger.AllUnits {
		filter = `unit IN (SELECT code FROM units WHERE is_superior = 0)`
	} else {
		args = append(args, unit)
	}
	parts := map[string]map[ledger.Period][]ledger.Total{}
	err := eachRowArgs(ctx, qr, `SELECT unit, period, khoan, nature, tieu_muc, kind, amount FROM totals
		WHERE `+filter+` AND period IN (?1, ?2, ?3)`, args, func(rows *sql.Rows) error {
		var u, period string
		var t ledger.Total
		var amt int64
		if err := rows.Scan(&u, &period, &t.Khoan, &t.Nature, &t.TieuMuc, &t.Kind, &amt); err != nil {
			return err
		}
		p, err := ledger.ParsePeriod(period)
		if err != nil {
			return &ledger.Error{Kind: ledger.KindDamaged, Op: op, Msg: fmt.Sprintf("tổng lưu sẵn của đơn vị %s có kỳ hỏng %q", u, period)}
		}
		t.Amount = ledger.Money(amt)
		if parts[u] == nil {
			parts[u] = map[ledger.Period][]ledger.Total{}
		}
		parts[u][p] = append(parts[u][p], t)
		return nil
	})
	if err != nil {
		return nil, storeError(op, err)
	}
	out := make(map[string][]ledger.Total, len(parts))
	for u, ps := range parts {
		if out[u], err = db.form.YearTotals(y, ps); err != nil {
			return nil, err
		}
	}
	return out, nil
}
