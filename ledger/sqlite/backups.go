package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"wardledger/ledger"
)

// Backups, restore and their file handling. Every backup is a consistent
// copy written with VACUUM INTO to a temporary name, checked with
// integrity_check, and only then put in place; it can never land on the
// ledger itself, and it replaces an existing file only when asked.

// BackupDir is the folder of the backups of the ledger at dbPath, beside it.
func BackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

// backupName names a backup: wardledger-tudong-20261127-081500.db.
func backupName(dbPath string, kind ledger.BackupKind, t time.Time) string {
	base := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
	return fmt.Sprintf("%s-%s-%s.db", base, kind, t.Format("20060102-150405"))
}

// Backup writes a checked copy of the ledger to path.
func (db *DB) Backup(ctx context.Context, path string, overwrite bool) error {
	const op = "sqlite.Backup"
	if db.isLedgerFile(path) {
		return ledger.FieldErrorf("out", op, "tệp sao lưu %s chính là tệp sổ đang mở (hoặc tệp nhật ký của nó): hãy chọn tệp khác", path)
	}
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return ledger.FieldErrorf("out", op, "%s là một thư mục: hãy ghi tên tệp sao lưu", path)
		}
		if !overwrite {
			what := "một tệp"
			if _, err := inspect(ctx, path); err == nil {
				what = "một sổ WardLedger khác"
			}
			return &ledger.Error{Kind: ledger.KindConflict, Op: op, Field: "out",
				Msg: fmt.Sprintf("ở %s đã có %s: không ghi đè (wardctl backup --force để ghi đè)", path, what)}
		}
	}
	return db.vacuumInto(ctx, path)
}

// BackupTo writes a checked copy into dir under its kind and moment.
func (db *DB) BackupTo(ctx context.Context, dir string, kind ledger.BackupKind) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fileError("sqlite.BackupTo", dir, err)
	}
	path := filepath.Join(dir, backupName(db.path, kind, db.now()))
	return path, db.Backup(ctx, path, false)
}

// AutoBackup takes the day's backup beside the ledger and rotates the
// automatic ones, after checking that the ledger is sound.
func (db *DB) AutoBackup(ctx context.Context, keep int) (ledger.BackupFile, bool, error) {
	if err := db.Health(ctx); err != nil {
		return ledger.BackupFile{}, false, err
	}
	list, err := db.Backups(ctx)
	if err != nil {
		return ledger.BackupFile{}, false, err
	}
	now := db.now()
	for _, b := range list {
		if b.Kind == ledger.BackupAuto {
			if y, m, d := b.At.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
				return b, false, nil
			}
			break
		}
	}
	path, err := db.BackupTo(ctx, BackupDir(db.path), ledger.BackupAuto)
	if err != nil {
		return ledger.BackupFile{}, false, err
	}
	if err := db.rotate(ctx, keep); err != nil {
		return ledger.BackupFile{}, true, err
	}
	st, _ := os.Stat(path)
	b := ledger.BackupFile{Path: path, Kind: ledger.BackupAuto, At: now}
	if st != nil {
		b.Size = st.Size()
	}
	return b, true, nil
}

// rotate deletes all but the newest keep automatic backups.
func (db *DB) rotate(ctx context.Context, keep int) error {
	list, err := db.Backups(ctx)
	if err != nil {
		return err
	}
	n := 0
	for _, b := range list {
		if b.Kind != ledger.BackupAuto {
			continue
		}
		if n++; n > keep {
			if err := os.Remove(b.Path); err != nil {
				return fileError("sqlite.rotate", b.Path, err)
			}
		}
	}
	return nil
}

// Backups lists the backups beside the ledger, newest first.
func (db *DB) Backups(ctx context.Context) ([]ledger.BackupFile, error) {
	dir := BackupDir(db.path)
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fileError("sqlite.Backups", dir, err)
	}
	base := strings.TrimSuffix(filepath.Base(db.path), filepath.Ext(db.path)) + "-"
	var out []ledger.BackupFile
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, base) || !strings.HasSuffix(name, ".db") {
			continue
		}
		kind, stamp, ok := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(name, base), ".db"), "-")
		if !ok {
			continue
		}
		at, err := time.ParseInLocation("20060102-150405", stamp, time.Local)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, ledger.BackupFile{Path: filepath.Join(dir, name), Kind: ledger.BackupKind(kind), At: at, Size: info.Size()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out, nil
}

// ledgerFiles are the files of the ledger: itself and SQLite's journals.
var ledgerSuffixes = []string{"", "-wal", "-shm", "-journal"}

// isLedgerFile reports whether path is the open ledger or one of its
// journals, comparing file identity (symlinks, hard links, relative
// spellings) and, for a journal that does not exist right now, the name
// in the same folder.
func (db *DB) isLedgerFile(path string) bool {
	target, terr := os.Stat(path)
	dir, derr := os.Stat(filepath.Dir(path))
	for _, s := range ledgerSuffixes {
		own := db.path + s
		if st, err := os.Stat(own); err == nil && terr == nil && os.SameFile(st, target) {
			return true
		}
		ownDir, err := os.Stat(filepath.Dir(own))
		if err == nil && derr == nil && os.SameFile(ownDir, dir) && sameName(filepath.Base(own), filepath.Base(path)) {
			return true
		}
	}
	return false
}

// sameName compares file names as the disk would: Windows and macOS
// disks ignore case.
func sameName(a, b string) bool {
	if runtime.GOOS == "linux" {
		return a == b
	}
	return strings.EqualFold(a, b)
}

// vacuumInto writes a consistent copy of the ledger to a temporary file
// beside path, checks it, and renames it to path. The temporary file's
// name is fixed, so one left by a killed backup is removed by the next.
func (db *DB) vacuumInto(ctx context.Context, path string) error {
	const op = "sqlite.Backup"
	abs, err := filepath.Abs(path)
	if err != nil {
		return ledger.Internal(op, err)
	}
	dir := filepath.Dir(abs)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return ledger.FieldErrorf("out", op, "thư mục %s không tồn tại", dir)
	}
	tmp := abs + ".tmp-backup"
	if db.isLedgerFile(tmp) {
		return ledger.FieldErrorf("out", op, "không dùng được tên tệp sao lưu %s", path)
	}
	removeDB(tmp)
	defer removeDB(tmp)
	if _, err := db.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return storeError(op, err)
	}
	if err := IntegrityCheck(ctx, tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, abs); err != nil {
		return fileError(op, abs, err)
	}
	return nil
}

// Restore puts the backup at src in place of the ledger. The backup is
// copied beside the ledger and checked first — a WardLedger ledger, intact,
// its invariants and hash chains holding, brought to the current schema —
// then the ledger is backed up, closed, replaced and opened again; the
// writer's lock is taken again at once. Nothing of the ledger changes
// unless all of that succeeded up to the swap. It must not run alongside
// other calls on db.
func (db *DB) Restore(ctx context.Context, src string) (string, error) {
	const op = "sqlite.Restore"
	if db.readOnly {
		return "", ledger.Errorf(ledger.KindInvalid, op, "sổ %s đang mở chỉ để đọc", db.path)
	}
	if db.isLedgerFile(src) {
		return "", ledger.FieldErrorf("file", op, "%s chính là sổ đang mở: hãy chọn một bản sao lưu", src)
	}
	if _, err := inspect(ctx, src); err != nil {
		return "", fmt.Errorf("bản sao lưu không dùng được: %w", err)
	}
	if err := IntegrityCheck(ctx, src); err != nil {
		return "", fmt.Errorf("bản sao lưu không dùng được: %w", err)
	}
	tmp := filepath.Join(filepath.Dir(db.path), "."+filepath.Base(db.path)+".restoring")
	removeDB(tmp)
	defer removeDB(tmp)
	if err := copyFile(src, tmp); err != nil {
		return "", err
	}
	if err := checkRestorable(ctx, tmp, db); err != nil {
		return "", fmt.Errorf("bản sao lưu không dùng được: %w", err)
	}
	safety, err := db.BackupTo(ctx, BackupDir(db.path), ledger.BackupBeforeRestore)
	if err != nil {
		return "", err
	}
	if err := db.swap(ctx, tmp); err != nil {
		return safety, err
	}
	return safety, nil
}

// checkRestorable opens the copy of a backup as a ledger of its own (which
// brings it to the current schema) and checks it as the daily backup
// would.
func checkRestorable(ctx context.Context, path string, like *DB) error {
	c, err := Open(ctx, path, Options{Form: like.form, Now: like.now})
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := c.Superior(ctx); err != nil {
		return err
	}
	return c.Health(ctx)
}

// swap closes the ledger, puts the checked copy tmp in its place and opens
// it again under the writer's lock.
func (db *DB) swap(ctx context.Context, tmp string) error {
	const op = "sqlite.Restore"
	if err := db.db.Close(); err != nil {
		return storeError(op, err)
	}
	db.lock.release()
	db.lock = nil
	for _, s := range ledgerSuffixes[1:] {
		os.Remove(db.path + s) // left only by a crash; the closed ledger has none
	}
	if err := os.Rename(tmp, db.path); err != nil {
		return fileError(op, db.path, err)
	}
	var err error
	if db.lock, err = lockLedger(db.path); err != nil {
		return err
	}
	if db.db, err = openPool(ctx, db.path, false); err != nil {
		return err
	}
	db.health.mu.Lock()
	db.health.done, db.health.err = false, nil
	db.health.mu.Unlock()
	db.mu.Lock()
	db.cat = nil
	db.mu.Unlock()
	return nil
}

func copyFile(src, dst string) error {
	const op = "sqlite.copyFile"
	in, err := os.Open(src)
	if err != nil {
		return fileError(op, src, err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fileError(op, dst, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fileError(op, dst, err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return fileError(op, dst, err)
	}
	return fileError(op, dst, out.Close())
}
