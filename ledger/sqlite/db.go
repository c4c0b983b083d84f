// Package sqlite stores a WardLedger ledger in one SQLite file through
// modernc.org/sqlite (pure Go, no cgo). It implements ledger.Ledger.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"wardledger/assets"
	"wardledger/ledger"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migration/*.sql
var migrationFS embed.FS

var _ ledger.Ledger = (*DB)(nil)

// Options configure a DB. The zero value is the production setup.
type Options struct {
	// Form is the settlement form; nil means the B01/BCQT shipped in assets.
	Form *ledger.Form
	// Now is the clock; nil means time.Now. Tests inject a fixed one.
	Now func() time.Time
	// Seed is the catalogue a new ledger starts with; nil means the one
	// shipped in assets.
	Seed *ledger.CatalogueSeed
}

// DB is an open ledger file.
type DB struct {
	db   *sql.DB
	path string
	form *ledger.Form
	now  func() time.Time

	mu  sync.Mutex
	cat *ledger.Catalogue // cached; reloaded after a catalogue change
}

// Open opens (creating if needed) the ledger at path and brings its schema
// up to date, taking a backup beside it before migrating an existing file.
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	const op = "sqlite.Open"
	if opt.Form == nil {
		f, err := ledger.ParseForm(assets.FormB01)
		if err != nil {
			return nil, ledger.Internal(op, err)
		}
		opt.Form = f
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Seed == nil {
		seed, err := shippedSeed()
		if err != nil {
			return nil, ledger.Internal(op, err)
		}
		opt.Seed = seed
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, &ledger.Error{Kind: ledger.KindInvalid, Op: op, Msg: fmt.Sprintf("không tạo được thư mục %s", dir), Err: err}
		}
	}
	sdb, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, ledger.Internal(op, err)
	}
	db := &DB{db: sdb, path: path, form: opt.Form, now: opt.Now}
	if err := db.migrate(ctx, opt.Seed); err != nil {
		sdb.Close()
		return nil, err
	}
	return db, nil
}

// dsn sets the pragmas on every pooled connection and makes every
// transaction take the write lock at BEGIN, so two writers never deadlock
// half-way.
func dsn(path string) string {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)", "busy_timeout(5000)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Close closes the database.
func (db *DB) Close() error { return db.db.Close() }

// Path is the file the ledger lives in.
func (db *DB) Path() string { return db.path }

// Form is the settlement form the ledger applies.
func (db *DB) Form() *ledger.Form { return db.form }

func (db *DB) migrate(ctx context.Context, seed *ledger.CatalogueSeed) error {
	const op = "sqlite.migrate"
	names, err := fs.Glob(migrationFS, "migration/*.sql")
	if err != nil {
		return ledger.Internal(op, err)
	}
	sort.Strings(names)
	var version int
	if err := db.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return openError(op, db.path, err)
	}
	if version > len(names) {
		return ledger.Errorf(ledger.KindInvalid, op, "tệp sổ %s được tạo bởi phiên bản WardLedger mới hơn (lược đồ %d > %d): hãy cập nhật chương trình", db.path, version, len(names))
	}
	if version == len(names) {
		return nil
	}
	if version > 0 {
		backup := fmt.Sprintf("%s.pre-migration-v%d-%s.bak", db.path, version, db.now().Format("20060102-150405"))
		if err := db.vacuumInto(ctx, backup); err != nil {
			return err
		}
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return ledger.Internal(op, err)
	}
	defer tx.Rollback()
	for _, name := range names[version:] {
		body, err := migrationFS.ReadFile(name)
		if err != nil {
			return ledger.Internal(op, err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return ledger.Internal(op, fmt.Errorf("%s: %w", name, err))
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(names))); err != nil {
		return ledger.Internal(op, err)
	}
	if err := db.seedCatalogue(ctx, tx, seed, names[version:], version); err != nil {
		return err
	}
	return ledger.Internal(op, tx.Commit())
}

func openError(op, path string, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "file is not a database") || strings.Contains(msg, "malformed") {
		return &ledger.Error{Kind: ledger.KindInvalid, Op: op, Msg: fmt.Sprintf("tệp %s không phải là sổ WardLedger hoặc đã hỏng", path), Err: err}
	}
	return &ledger.Error{Kind: ledger.KindInternal, Op: op, Msg: fmt.Sprintf("không mở được tệp sổ %s", path), Err: err}
}

// write runs fn in one immediate transaction: all of it is committed or
// nothing is.
func (db *DB) write(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return ledger.Internal(op, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return ledger.Internal(op, err)
	}
	return nil
}

func (db *DB) stamp() string { return db.now().UTC().Format(time.RFC3339Nano) }

// audit writes one row of the audit trail inside tx.
func (db *DB) audit(ctx context.Context, tx *sql.Tx, action, unit, period, subject, reason string) error {
	var who string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, ledger.SettingOperator).Scan(&who)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return ledger.Internal("sqlite.audit", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit (at, who, action, unit, period, subject, reason) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		db.stamp(), who, action, unit, period, subject, reason)
	return ledger.Internal("sqlite.audit", err)
}

// AuditLog returns the newest audit rows first.
func (db *DB) AuditLog(ctx context.Context, limit int) ([]ledger.AuditRecord, error) {
	const op = "sqlite.AuditLog"
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.db.QueryContext(ctx, `SELECT seq, at, who, action, unit, period, subject, reason FROM audit ORDER BY seq DESC LIMIT ?`, limit)
	if err != nil {
		return nil, ledger.Internal(op, err)
	}
	defer rows.Close()
	var out []ledger.AuditRecord
	for rows.Next() {
		var r ledger.AuditRecord
		var at string
		if err := rows.Scan(&r.Seq, &at, &r.Who, &r.Action, &r.Unit, &r.Period, &r.Subject, &r.Reason); err != nil {
			return nil, ledger.Internal(op, err)
		}
		r.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, r)
	}
	return out, ledger.Internal(op, rows.Err())
}

// Setting returns a setting, "" when unset.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, ledger.Internal("sqlite.Setting", err)
}

// SetSetting stores a setting and audits the change.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	const op = "sqlite.SetSetting"
	if key == "" || len(key) > 64 {
		return ledger.FieldErrorf("key", op, "tên thiết lập %q không hợp lệ", key)
	}
	return db.write(ctx, op, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
			return ledger.Internal(op, err)
		}
		return db.audit(ctx, tx, "setting", "", "", key+"="+value, "")
	})
}
