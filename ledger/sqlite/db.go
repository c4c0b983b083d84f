// Package sqlite stores a WardLedger ledger in one SQLite file through
// modernc.org/sqlite (pure Go, no cgo). It implements ledger.Ledger.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"wardledger/assets"
	"wardledger/ledger"

	"modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migration/*.sql
var migrationFS embed.FS

var _ ledger.Ledger = (*DB)(nil)

// wl_fold(text) is ledger.Fold in SQL: the key an entry search compares,
// so "điện", "Điện" and "dien" find "Chi tiền Điện" however it was typed.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("wl_fold", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		s, _ := args[0].(string)
		return ledger.Fold(s), nil
	})
}

// Options configure a DB. The zero value is the production setup.
type Options struct {
	// Form is the settlement form; nil means the B01/BCQT shipped in assets.
	Form *ledger.Form
	// Now is the clock; nil means time.Now. Tests inject a fixed one.
	Now func() time.Time
	// Seed is the catalogue a new ledger starts with; nil means the one
	// shipped in assets.
	Seed *ledger.CatalogueSeed
	// ReadOnly opens the ledger for reading only: no writer's lock is
	// taken, so it works while another program writes the ledger.
	ReadOnly bool
}

// DB is an open ledger file.
type DB struct {
	db       *sql.DB
	path     string
	form     *ledger.Form
	now      func() time.Time
	lock     *fileLock // nil when read-only
	readOnly bool

	mu  sync.Mutex
	cat *ledger.Catalogue // cached; reloaded after a catalogue change

	health health // whether the ledger was found sound (health.go)
}

// ApplicationID marks a SQLite file as a WardLedger ledger
// (PRAGMA application_id): "WLdg".
const ApplicationID = 0x574c6467

func (o *Options) defaults() error {
	const op = "sqlite.Open"
	if o.Form == nil {
		f, err := ledger.ParseForm(assets.FormB01)
		if err != nil {
			return storeError(op, err)
		}
		o.Form = f
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Seed == nil {
		seed, err := shippedSeed()
		if err != nil {
			return storeError(op, err)
		}
		o.Seed = seed
	}
	return nil
}

// Open opens the existing ledger at path. It never creates a file: a path
// with nothing there is "not found". A file that is not a WardLedger ledger
// is refused untouched. Opened for writing (the default), the ledger holds
// the writer's lock until Close and its schema is brought up to date, after
// a backup beside it; opened read-only, it takes no lock.
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	const op = "sqlite.Open"
	if err := opt.defaults(); err != nil {
		return nil, err
	}
	version, err := inspect(ctx, path)
	if err != nil {
		return nil, err
	}
	if opt.ReadOnly && version < schemaVersion() {
		// An older ledger is upgraded once, by whoever can write it.
		db, err := Open(ctx, path, Options{Form: opt.Form, Now: opt.Now, Seed: opt.Seed})
		if err != nil {
			if ledger.ErrorKind(err) == ledger.KindBusy {
				return nil, ledger.Errorf(ledger.KindBusy, op, "sổ %s cần nâng cấp lên phiên bản mới nhưng đang được mở ở chương trình khác: hãy đóng chương trình đó rồi thử lại", path)
			}
			return nil, err
		}
		db.Close()
	}
	db := &DB{path: path, form: opt.Form, now: opt.Now, readOnly: opt.ReadOnly}
	if !opt.ReadOnly {
		if db.lock, err = lockLedger(path); err != nil {
			return nil, err
		}
	}
	if db.db, err = openPool(ctx, path, opt.ReadOnly); err != nil {
		db.lock.release()
		return nil, err
	}
	if !opt.ReadOnly {
		if err := db.migrate(ctx, nil); err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}

// openPool opens the connections to an existing ledger file.
func openPool(ctx context.Context, path string, readOnly bool) (*sql.DB, error) {
	const op = "sqlite.Open"
	sdb, err := sql.Open("sqlite", dsn(path, readOnly))
	if err != nil {
		return nil, ledger.Internal(op, err)
	}
	err = sdb.PingContext(ctx)
	if readOnly && isCantOpen(err) {
		sdb.Close() // a read-only disk: see inspect
		if sdb, err = sql.Open("sqlite", roDSN(path, true)); err != nil {
			return nil, ledger.Internal(op, err)
		}
		err = sdb.PingContext(ctx)
	}
	if err != nil {
		sdb.Close()
		return nil, storeError(op, err)
	}
	return sdb, nil
}

// roDSN opens a file for reading only; immutable when it sits on a disk
// nothing can write.
func roDSN(path string, immutable bool) string {
	q := "?mode=ro&_pragma=busy_timeout(5000)"
	if immutable {
		q += "&immutable=1"
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + q
}

// Create makes a new ledger at path holding what setup says — the superior
// unit, its subordinate units and the settings — and opens it for writing.
// It never overwrites: the ledger is built in a temporary file beside path
// and put in place only if nothing is there, so a path that exists is
// refused and a failed or interrupted creation leaves nothing at path.
func Create(ctx context.Context, path string, setup ledger.Setup, opt Options) (*DB, error) {
	const op = "sqlite.Create"
	if err := opt.defaults(); err != nil {
		return nil, err
	}
	if err := setup.Validate(); err != nil {
		return nil, err
	}
	if err := refuseExisting(op, path); err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fileError(op, dir, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".creating-*")
	if err != nil {
		return nil, fileError(op, dir, err)
	}
	tmp.Close()
	defer removeDB(tmp.Name())
	if err := build(ctx, tmp.Name(), setup, opt); err != nil {
		return nil, err
	}
	if err := placeNew(tmp.Name(), path); err != nil {
		return nil, err
	}
	return Open(ctx, path, opt)
}

// build writes a new ledger into the empty file at path.
func build(ctx context.Context, path string, setup ledger.Setup, opt Options) error {
	const op = "sqlite.Create"
	// A rollback journal while building: the finished file is one file,
	// with no -wal beside it to move.
	sdb, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_pragma=foreign_keys(1)&_pragma=synchronous(FULL)&_txlock=immediate")
	if err != nil {
		return storeError(op, err)
	}
	db := &DB{db: sdb, path: path, form: opt.Form, now: opt.Now}
	defer sdb.Close()
	if err := db.migrate(ctx, opt.Seed); err != nil {
		return storeError(op, err)
	}
	if err := db.initLedger(ctx, setup); err != nil {
		return err
	}
	return storeError(op, sdb.Close())
}

// refuseExisting refuses a path where something already is.
func refuseExisting(op, path string) error {
	_, err := os.Lstat(path)
	switch {
	case err == nil:
		return &ledger.Error{Kind: ledger.KindConflict, Op: op, Field: "db",
			Msg: fmt.Sprintf("đã có tệp %s: WardLedger không tạo sổ mới đè lên tệp đã có; hãy chọn tên khác", path)}
	case errors.Is(err, os.ErrNotExist):
		return nil
	}
	return fileError(op, path, err)
}

// placeNew moves the finished ledger tmp to path only if nothing is
// there: a hard link fails on an existing name, atomically; where the disk
// has no hard links (FAT32 sticks) the check and rename are as close as
// the disk allows.
func placeNew(tmp, path string) error {
	const op = "sqlite.Create"
	err := os.Link(tmp, path)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, os.ErrExist):
		return refuseExisting(op, path)
	}
	if err := refuseExisting(op, path); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return fileError(op, path, err)
	}
	return nil
}

// removeDB removes a SQLite file and what SQLite keeps beside it.
func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

// inspect makes sure path is a WardLedger ledger before anything writes to
// it (the DSN's pragmas would already change a foreign file), and returns
// its schema version.
func inspect(ctx context.Context, path string) (int, error) {
	const op = "sqlite.Open"
	st, err := os.Stat(path)
	if err != nil {
		return 0, notFound(op, path, err)
	}
	if st.IsDir() {
		return 0, &ledger.Error{Kind: ledger.KindInvalid, Op: op, Field: "db", Msg: path + " là một thư mục, không phải tệp sổ"}
	}
	notLedger := &ledger.Error{Kind: ledger.KindInvalid, Op: op, Field: "db",
		Msg: fmt.Sprintf("tệp %s không phải là sổ WardLedger: không mở và không sửa tệp này", path)}
	if st.Size() == 0 {
		return 0, notLedger
	}
	sdb, err := sql.Open("sqlite", roDSN(path, false))
	if err != nil {
		return 0, ledger.Internal(op, err)
	}
	defer func() { sdb.Close() }()
	if err := sdb.PingContext(ctx); isCantOpen(err) {
		// A ledger in WAL mode on a read-only disk: SQLite cannot make its
		// shared-memory file, but nothing can change the file either.
		sdb.Close()
		if sdb, err = sql.Open("sqlite", roDSN(path, true)); err != nil {
			return 0, ledger.Internal(op, err)
		}
	}
	var appID, version, tables int
	err = sdb.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('units', 'entries', 'totals', 'audit', 'codes', 'settings'))`).
		Scan(&appID, &version, &tables)
	if err != nil {
		if isNotADatabase(err) {
			return 0, notLedger
		}
		return 0, storeError(op, err)
	}
	switch {
	case appID == ApplicationID:
	case appID == 0 && version >= 1 && tables == 6:
		// A ledger of a version before application_id: marked when migrated.
	default:
		return 0, notLedger
	}
	if version > schemaVersion() {
		return 0, ledger.Errorf(ledger.KindInvalid, op, "tệp sổ %s được tạo bởi phiên bản WardLedger mới hơn (lược đồ %d > %d): hãy cập nhật chương trình", path, version, schemaVersion())
	}
	return version, nil
}

// dsn sets the pragmas on every pooled connection and makes every
// transaction take the write lock at BEGIN, so two writers never deadlock
// half-way. mode=rw never creates a file.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	pragmas := []string{"journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)", "busy_timeout(5000)", "cache_size(-65536)", "temp_store(MEMORY)"}
	q.Set("mode", "rw")
	if readOnly {
		pragmas = []string{"foreign_keys(1)", "busy_timeout(5000)"}
		q.Set("mode", "ro")
	}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Close closes the database, then releases the writer's lock.
func (db *DB) Close() error {
	var err error
	if db.db != nil {
		err = db.db.Close()
	}
	db.lock.release()
	return err
}

// Path is the file the ledger lives in.
func (db *DB) Path() string { return db.path }

// Form is the settlement form the ledger applies.
func (db *DB) Form() *ledger.Form { return db.form }

// write runs fn in one immediate transaction: all of it is committed or
// nothing is. A ledger opened read-only, or found damaged, refuses.
func (db *DB) write(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	if db.readOnly {
		return ledger.Errorf(ledger.KindInvalid, op, "sổ %s đang mở chỉ để đọc", db.path)
	}
	if err := db.Health(ctx); err != nil {
		return err
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.failed(op, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return db.failed(op, err)
	}
	if err := tx.Commit(); err != nil {
		return db.failed(op, err)
	}
	return nil
}

func (db *DB) stamp() string { return db.now().UTC().Format(ledger.StampFormat) }

// operator is who is typing, as the settings say: audit rows and entries
// record it.
func operator(ctx context.Context, q querier) (string, error) {
	var who string
	err := q.QueryRowContext(ctx, `SELECT coalesce((SELECT value FROM settings WHERE key = ?), '')`, ledger.SettingOperator).Scan(&who)
	return who, storeError("sqlite.operator", err)
}

// lastHash reads the newest link of a chain ("entries" or "audit"), zero
// for an empty table.
func lastHash(ctx context.Context, q querier, table string) (ledger.Hash, error) {
	var h ledger.Hash
	var b []byte
	err := q.QueryRowContext(ctx, `SELECT hash FROM `+table+` ORDER BY seq DESC LIMIT 1`).Scan(&b)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return h, nil
	case err != nil:
		return h, storeError("sqlite.lastHash", err)
	case len(b) != len(h):
		return h, &ledger.Error{Kind: ledger.KindDamaged, Op: "sqlite.lastHash", Msg: "chuỗi băm của bảng " + table + " bị hỏng ở dòng cuối"}
	}
	copy(h[:], b)
	return h, nil
}

func entriesHead(ctx context.Context, q querier) (ledger.Hash, error) {
	return lastHash(ctx, q, "entries")
}

// audit writes one row of the audit trail inside tx, linked to the audit
// chain and naming the entries' chain head.
func (db *DB) audit(ctx context.Context, tx *sql.Tx, action, unit, period, subject, reason string) error {
	const op = "sqlite.audit"
	who, err := operator(ctx, tx)
	if err != nil {
		return err
	}
	head, err := entriesHead(ctx, tx)
	if err != nil {
		return err
	}
	prev, err := lastHash(ctx, tx, "audit")
	if err != nil {
		return err
	}
	stamp := db.stamp()
	r := ledger.AuditRecord{Who: who, Action: action, Unit: unit, Period: period, Subject: subject, Reason: reason}
	r.At, _ = time.Parse(ledger.StampFormat, stamp)
	h := ledger.AuditHash(prev, head, &r)
	_, err = tx.ExecContext(ctx, `INSERT INTO audit (at, who, action, unit, period, subject, reason, entries_head, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, stamp, who, action, unit, period, subject, reason, head[:], h[:])
	return storeError(op, err)
}

// AuditLog returns the newest limit audit rows (100 when limit is 0).
func (db *DB) AuditLog(ctx context.Context, limit int) ([]ledger.AuditRecord, error) {
	if limit <= 0 {
		limit = 100
	}
	return db.Audit(ctx, ledger.AuditFilter{Limit: limit})
}

// auditWhere is the condition and arguments selecting what f asks for.
func auditWhere(f ledger.AuditFilter) (string, []any) {
	where, args := []string{"1"}, []any{}
	if f.Unit != "" {
		where, args = append(where, "unit = ?"), append(args, f.Unit)
	}
	if !f.Period.IsZero() {
		// A year's trail holds its halves'.
		where, args = append(where, "period IN (?, ?, ?)"), append(args, coveredArgs(f.Period)...)
	}
	if f.Action != "" {
		// The action, or one of its group ("entry" → "entry.add"): no
		// LIKE, so no character of the filter is a pattern.
		where = append(where, "(action = ? OR substr(action, 1, ?) = ?)")
		args = append(args, f.Action, len(f.Action)+1, f.Action+".")
	}
	return strings.Join(where, " AND "), args
}

// Audit returns the audit rows f selects, newest first.
func (db *DB) Audit(ctx context.Context, f ledger.AuditFilter) ([]ledger.AuditRecord, error) {
	const op = "sqlite.Audit"
	where, args := auditWhere(f)
	q := `SELECT seq, at, who, action, unit, period, subject, reason FROM audit WHERE ` + where + ` ORDER BY seq DESC`
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, max(f.Offset, 0))
	} else if f.Offset > 0 {
		q += ` LIMIT -1 OFFSET ?`
		args = append(args, f.Offset)
	}
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, storeError(op, err)
	}
	defer rows.Close()
	var out []ledger.AuditRecord
	for rows.Next() {
		var r ledger.AuditRecord
		var at string
		if err := rows.Scan(&r.Seq, &at, &r.Who, &r.Action, &r.Unit, &r.Period, &r.Subject, &r.Reason); err != nil {
			return nil, storeError(op, err)
		}
		r.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, r)
	}
	return out, storeError(op, rows.Err())
}

// CountAudit counts the audit rows f selects.
func (db *DB) CountAudit(ctx context.Context, f ledger.AuditFilter) (int, error) {
	where, args := auditWhere(f)
	var n int
	err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM audit WHERE `+where, args...).Scan(&n)
	return n, storeError("sqlite.CountAudit", err)
}

// Setting returns a setting, "" when unset.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, storeError("sqlite.Setting", err)
}

// SaveSettings stores settings and, when superior is not nil, the
// superior unit's name and chapter, in one transaction, auditing each
// change.
func (db *DB) SaveSettings(ctx context.Context, values map[string]string, superior *ledger.Unit) error {
	const op = "sqlite.SaveSettings"
	clean := make(map[string]string, len(values))
	for k, v := range values {
		v = ledger.NormalizeText(v)
		if err := ledger.CheckSetting(k, v); err != nil {
			return err
		}
		clean[k] = v
	}
	values = clean
	if superior != nil {
		superior.Normalize()
		if err := superior.Validate(); err != nil {
			return err
		}
	}
	return db.write(ctx, op, func(tx *sql.Tx) error {
		if superior != nil {
			if err := updateUnit(ctx, tx, op, *superior); err != nil {
				return err
			}
			if err := db.audit(ctx, tx, "unit.update", superior.Code, "", superior.Name+" / chương "+superior.Chapter, ""); err != nil {
				return err
			}
		}
		return db.setSettings(ctx, tx, values)
	})
}

func (db *DB) setSettings(ctx context.Context, tx *sql.Tx, values map[string]string) error {
	const op = "sqlite.SetSettings"
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the audit trail in a stable order
	for _, key := range keys {
		value := values[key]
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
			return storeError(op, err)
		}
		if err := db.audit(ctx, tx, "setting", "", "", key+"="+value, ""); err != nil {
			return err
		}
	}
	return nil
}
