package sqlite_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

// A new ledger never goes where a file is; a path with nothing there is
// "not found" and stays empty; a SQLite file of another program is refused
// untouched.
func TestCreateAndOpenNeverClobber(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "so.db")
	db := mustOpenAt(t, path)
	fund(t, db, h1, ledger.TX, 1_000_000, 500_000, 100_000)
	before := snapshot(t, db)
	_, err := sqlite.Create(ctx, path, testSetup(), sqlite.Options{})
	if ledger.ErrorKind(err) != ledger.KindConflict || !strings.Contains(err.Error(), path) {
		t.Fatalf("create over a ledger: %v", err)
	}
	if snapshot(t, db) != before {
		t.Fatal("the ledger changed")
	}
	other := filepath.Join(dir, "ghi-chu.txt")
	must(t, os.WriteFile(other, []byte("không phải sổ"), 0o644))
	if _, err := sqlite.Create(ctx, other, testSetup(), sqlite.Options{}); ledger.ErrorKind(err) != ledger.KindConflict {
		t.Fatalf("create over a text file: %v", err)
	}
	if b, _ := os.ReadFile(other); string(b) != "không phải sổ" {
		t.Fatal("the text file changed")
	}

	missing := filepath.Join(dir, "go-nham.db")
	for _, ro := range []bool{false, true} {
		if _, err := sqlite.Open(ctx, missing, sqlite.Options{ReadOnly: ro}); ledger.ErrorKind(err) != ledger.KindNotFound {
			t.Fatalf("open a mistyped path (read-only %v): %v", ro, err)
		}
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Fatal("opening a missing ledger created a file")
	}

	foreign := filepath.Join(dir, "khac.db")
	raw, err := sql.Open("sqlite", foreign)
	must(t, err)
	_, err = raw.Exec(`CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('của chương trình khác')`)
	must(t, err)
	raw.Close()
	want, _ := os.ReadFile(foreign)
	for _, ro := range []bool{false, true} {
		if _, err := sqlite.Open(ctx, foreign, sqlite.Options{ReadOnly: ro}); ledger.ErrorKind(err) != ledger.KindInvalid ||
			!strings.Contains(err.Error(), "không phải là sổ WardLedger") {
			t.Fatalf("open a foreign SQLite file: %v", err)
		}
	}
	got, _ := os.ReadFile(foreign)
	if !bytes.Equal(got, want) {
		t.Fatal("the foreign file was changed")
	}
	if _, err := os.Stat(foreign + "-wal"); err == nil {
		t.Fatal("the foreign file was put in WAL mode")
	}
	empty := filepath.Join(dir, "rong.db")
	must(t, os.WriteFile(empty, nil, 0o644))
	if _, err := sqlite.Open(ctx, empty, sqlite.Options{}); ledger.ErrorKind(err) != ledger.KindInvalid {
		t.Fatalf("open an empty file: %v", err)
	}
	if st, _ := os.Stat(empty); st.Size() != 0 {
		t.Fatal("the empty file was written")
	}
}

// The application_id marks every ledger, old ones once migrated.
func TestApplicationID(t *testing.T) {
	db := MustOpenDB(t)
	var id int64
	must(t, db.SQL().QueryRow(`PRAGMA application_id`).Scan(&id))
	if id != sqlite.ApplicationID {
		t.Fatalf("application_id %#x", id)
	}
}

const lockHolderEnv = "WARDLEDGER_LOCK_HOLDER_DB"

// lockHolder opens a ledger for writing, says so, and waits to be killed.
func lockHolder(path string) {
	db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		os.Stderr.WriteString(err.Error())
		os.Exit(1)
	}
	defer db.Close()
	os.Stdout.WriteString("held\n")
	select {}
}

// holdLock starts a process holding the writer's lock on path.
func holdLock(t *testing.T, path string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), lockHolderEnv+"="+path)
	out, err := cmd.StdoutPipe()
	must(t, err)
	must(t, cmd.Start())
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "held\n" {
		cmd.Process.Kill()
		t.Fatalf("lock holder: %q %v", line, err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd
}

// One writer at a time, across programs and spellings of the path; readers
// go on; a crash releases the lock.
func TestWriterLock(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "so.db")
	db := mustOpenAt(t, path)
	fund(t, db, h1, ledger.TX, 1_000_000, 500_000, 100_000)
	db.Close()
	must(t, os.Symlink(path, filepath.Join(dir, "lien-ket.db")))
	must(t, os.Link(path, filepath.Join(dir, "cung-tep.db")))

	holder := holdLock(t, path)
	for _, p := range []string{path, filepath.Join(dir, "lien-ket.db"), filepath.Join(dir, "cung-tep.db"),
		filepath.Join(dir, ".", "so.db")} {
		_, err := sqlite.Open(ctx, p, sqlite.Options{})
		if ledger.ErrorKind(err) != ledger.KindBusy || !strings.Contains(err.Error(), "đang được mở trong một chương trình khác") {
			t.Errorf("second writer through %s: %v", p, err)
		}
	}
	ro, err := sqlite.Open(ctx, path, sqlite.Options{ReadOnly: true})
	must(t, err)
	st, err := ledger.Settlement(ctx, ro, ward, h1)
	must(t, err)
	if st.Total["18"] != 100_000 {
		t.Errorf("reader sees 18 = %s", st.Total["18"])
	}
	if err := ro.AddEntry(ctx, mk(h1, ledger.EntryAllocation, ledger.TX, "341", "", 1, h1.Start())); err == nil {
		t.Error("a read-only ledger accepted an entry")
	}
	ro.Close()

	must(t, holder.Process.Signal(syscall.SIGKILL))
	holder.Wait()
	db2, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatalf("after the holder crashed: %v", err)
	}
	// Within one process too: the same file through a hard link.
	if _, err := sqlite.Open(ctx, filepath.Join(dir, "cung-tep.db"), sqlite.Options{}); ledger.ErrorKind(err) != ledger.KindBusy {
		t.Errorf("second writer in the same process: %v", err)
	}
	add(t, db2, mk(h1, ledger.EntrySpending, ledger.TX, "341", "6001", 1, h1.Start()))
	db2.Close()
}

// A backup never lands on the ledger or its journal, under any spelling;
// it replaces another file only when asked; a killed backup's temporary
// file goes with the next backup.
func TestBackupCannotHitTheLedger(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "so.db")
	db := mustOpenAt(t, path)
	fund(t, db, h1, ledger.TX, 1_000_000, 500_000, 100_000)
	before := snapshot(t, db)
	must(t, os.Symlink(path, filepath.Join(dir, "lien-ket.db")))
	must(t, os.Link(path, filepath.Join(dir, "cung-tep.db")))
	must(t, os.Mkdir(filepath.Join(dir, "con"), 0o755))
	for _, out := range []string{path, filepath.Join(dir, "lien-ket.db"), filepath.Join(dir, "cung-tep.db"),
		filepath.Join(dir, "con", "..", "so.db"), path + "-wal", path + "-shm", path + "-journal"} {
		for _, force := range []bool{false, true} {
			if err := db.Backup(ctx, out, force); err == nil || !strings.Contains(err.Error(), "chính là tệp sổ") {
				t.Errorf("backup to %s (force %v): %v", out, force, err)
			}
		}
	}
	if snapshot(t, db) != before {
		t.Fatal("the ledger changed")
	}
	if ps, err := db.Check(ctx); err != nil || len(ps) > 0 {
		t.Fatalf("check: %v %v", ps, err)
	}

	other := filepath.Join(dir, "so-khac.db")
	o := mustOpenAt(t, other)
	o.Close()
	err := db.Backup(ctx, other, false)
	if ledger.ErrorKind(err) != ledger.KindConflict || !strings.Contains(err.Error(), "sổ WardLedger khác") {
		t.Fatalf("backup over another ledger: %v", err)
	}
	must(t, db.Backup(ctx, other, true))
	copyDB, err := sqlite.Open(ctx, other, sqlite.Options{ReadOnly: true})
	must(t, err)
	if snapshot(t, copyDB) != before {
		t.Error("the forced backup is not the ledger")
	}
	copyDB.Close()

	out := filepath.Join(dir, "sao-luu.db")
	must(t, os.WriteFile(out+".tmp-backup", []byte("left by a killed backup"), 0o644))
	must(t, db.Backup(ctx, out, false))
	if _, err := os.Stat(out + ".tmp-backup"); !os.IsNotExist(err) {
		t.Error("the killed backup's temporary file is still there")
	}
}

// The daily backup checks the ledger first: a damaged ledger is refused
// and never rotates a good backup away; rotation keeps the newest.
func TestAutoBackupAndRotation(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	fund(t, db, h1, ledger.TX, 1_000_000, 500_000, 100_000)
	for i := 0; i < 5; i++ {
		_, err := db.BackupTo(ctx, sqlite.BackupDir(db.Path()), ledger.BackupAuto)
		must(t, err)
	}
	_, err := db.BackupTo(ctx, sqlite.BackupDir(db.Path()), ledger.BackupManual)
	must(t, err)
	b, taken, err := db.AutoBackup(ctx, 3)
	must(t, err)
	if taken || b.Kind != ledger.BackupAuto {
		t.Errorf("a second automatic backup the same day: %+v %v", b, taken)
	}
	list, err := db.Backups(ctx)
	must(t, err)
	if len(list) != 6 {
		t.Fatalf("%d backups", len(list))
	}
	// A new day: one more, and only the newest three automatic ones stay.
	// (The test clock advances a second per call; jump a day.)
	for _, l := range list {
		if l.Kind == ledger.BackupAuto {
			must(t, os.Rename(l.Path, strings.Replace(l.Path, "20260801", "20260730", 1)))
		}
	}
	_, taken, err = db.AutoBackup(ctx, 3)
	must(t, err)
	list, _ = db.Backups(ctx)
	auto := 0
	for _, l := range list {
		if l.Kind == ledger.BackupAuto {
			auto++
		}
	}
	if !taken || auto != 3 || len(list) != 4 {
		t.Errorf("after rotation: taken %v, %d backups, %d automatic", taken, len(list), auto)
	}

	db = damage(t, db)
	_, _, err = db.AutoBackup(ctx, 1)
	if ledger.ErrorKind(err) != ledger.KindDamaged {
		t.Fatalf("automatic backup of a damaged ledger: %v", err)
	}
	after, _ := db.Backups(ctx)
	if len(after) != len(list) {
		t.Errorf("backups changed with a damaged ledger: %d → %d", len(list), len(after))
	}
}

// damage edits an entry behind the store's back, as flipped bytes or a
// hand at the SQL console would, and reopens the ledger so its health is
// checked afresh.
func damage(t *testing.T, db *sqlite.DB) *sqlite.DB {
	t.Helper()
	_, err := db.SQL().Exec(`DROP TRIGGER entries_no_update; UPDATE entries SET memo = 'sửa lén' WHERE seq = 1`)
	must(t, err)
	db.Close()
	return mustOpenAt(t, db.Path())
}

// A damaged ledger — a flipped value, or totals that no longer match the
// entries — refuses entries, and says why and where the backups are.
func TestDamagedLedgerRefusesWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "so.db")
	db := mustOpenAt(t, path)
	fund(t, db, h1, ledger.TX, 1_000_000, 500_000, 100_000)
	_, err := db.SQL().Exec(`DROP TRIGGER entries_no_update; UPDATE entries SET amount = 900000 WHERE kind = 'allocation'`)
	must(t, err)
	db.Close()
	db = mustOpenAt(t, path)
	before := snapshot(t, db)
	err = db.AddEntry(ctx, mk(h1, ledger.EntrySpending, ledger.TX, "341", "6001", 1, h1.Start()))
	if ledger.ErrorKind(err) != ledger.KindDamaged || !strings.Contains(err.Error(), "sao lưu") {
		t.Fatalf("entry into a damaged ledger: %v", err)
	}
	if err := db.Health(ctx); ledger.ErrorKind(err) != ledger.KindDamaged {
		t.Fatalf("health: %v", err)
	}
	if snapshot(t, db) != before {
		t.Fatal("the damaged ledger was written")
	}
}

// Flipped bytes in the file itself: quick_check finds them before the
// first write.
func TestFlippedBytes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "so.db")
	db := mustOpenAt(t, path)
	for i := 0; i < 200; i++ {
		fund(t, db, h1, ledger.TX, 1_000_000, 500_000, 100_000)
	}
	db.Close()
	b, err := os.ReadFile(path)
	must(t, err)
	// Scribble over a page in the middle of the file (not the header).
	page := len(b) / 4096 / 2 * 4096
	for i := 0; i < 16; i++ {
		b[page+100+i*7] ^= 0xa5
	}
	must(t, os.WriteFile(path, b, 0o644))
	db, err = sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		if ledger.ErrorKind(err) != ledger.KindDamaged {
			t.Fatalf("open of a damaged file: %v", err)
		}
		return
	}
	defer db.Close()
	err = db.AddEntry(ctx, mk(h1, ledger.EntrySpending, ledger.TX, "341", "6001", 1, h1.Start()))
	if ledger.ErrorKind(err) != ledger.KindDamaged {
		t.Fatalf("entry into a file with flipped bytes: %v", err)
	}
}

// A finished review locks the unit's period for every writer, through the
// store and through SQL.
func TestFinishedReviewLocksThePeriod(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	fund(t, db, h1, ledger.TX, 1_000_000, 500_000, 100_000)
	must(t, db.FinishReview(ctx, ward, h1))
	before := snapshot(t, db)
	err := db.AddEntry(ctx, mk(h1, ledger.EntrySpending, ledger.TX, "341", "6001", 1, h1.Start()))
	if ledger.ErrorKind(err) != ledger.KindLocked || !strings.Contains(err.Error(), "duyệt") {
		t.Fatalf("entry after the review finished: %v", err)
	}
	es, _ := db.Entries(ctx, ledger.EntryFilter{Unit: ward, Period: h1, Limit: 1})
	if _, err := db.ReverseEntry(ctx, es[0].ID, "sửa"); ledger.ErrorKind(err) != ledger.KindLocked {
		t.Fatalf("reversal after the review finished: %v", err)
	}
	_, err = db.SQL().Exec(`INSERT INTO entries (id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, created_at, hash)
		VALUES ('01234567-89ab-7def-8123-456789abcdef', ?, '2026-H1', 'allocation', 'TX', '341', '', 5, 'x', '2026-01-01', 'now', zeroblob(32))`, ward)
	if err == nil || !strings.Contains(err.Error(), "review is finished") {
		t.Fatalf("SQL insert after the review finished: %v", err)
	}
	if snapshot(t, db) != before {
		t.Fatal("the locked period changed")
	}
	must(t, db.ReopenReview(ctx, ward, h1, "bổ sung chứng từ"))
	add(t, db, mk(h1, ledger.EntrySpending, ledger.TX, "341", "6001", 1, h1.Start()))
}

// Money has one limit and sums never wrap: amounts beyond 10^15 are
// refused, and entries that would let a statement row overflow are refused
// before they are written.
func TestMoneyLimits(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	err := db.AddEntry(ctx, mk(h1, ledger.EntryAllocation, ledger.TX, "341", "", ledger.MaxAmount+1, h1.Start()))
	if ledger.ErrorKind(err) != ledger.KindInvalid || ledger.ErrorField(err) != "amount" {
		t.Fatalf("amount over the limit: %v", err)
	}
	var es []*ledger.Entry
	for i := 0; i < 5000; i++ {
		n := ledger.TX
		if i%2 == 1 {
			n = ledger.KTX
		}
		es = append(es, mk(h1, ledger.EntryAllocation, n, "341", "", ledger.MaxAmount, h1.Start()))
	}
	before := snapshot(t, db)
	err = db.AddEntries(ctx, es, ledger.BatchSource{Reason: "tràn số"})
	if ledger.ErrorKind(err) != ledger.KindInvalid || !strings.Contains(err.Error(), "giới hạn") {
		t.Fatalf("5,000 entries of 10^15: %v", err)
	}
	if snapshot(t, db) != before {
		t.Fatal("a refused batch wrote something")
	}
	// As many as the limit allows go in, and every row is a true figure.
	limit := int(db.Form().VolumeLimit() / ledger.MaxAmount)
	must(t, db.AddEntries(ctx, es[:limit], ledger.BatchSource{Reason: "đến giới hạn"}))
	st, err := ledger.Settlement(ctx, db, ward, h1)
	must(t, err)
	if want := ledger.Money(limit) * ledger.MaxAmount; st.Total["08"] != want {
		t.Errorf("row 08 = %s, want %s", st.Total["08"], want)
	}
	if ps, err := db.Check(ctx); err != nil || len(ps) > 0 {
		t.Errorf("check: %v %v", ps, err)
	}
	// Approved figures: the same limit.
	err = db.SetApprovals(ctx, ward, h1, []ledger.Approval{{Row: "09", Khoan: "341", Approved: 5_000_000_000_000_000_000, Reason: "x"}})
	if ledger.ErrorKind(err) != ledger.KindInvalid || !strings.Contains(err.Error(), "giới hạn") {
		t.Fatalf("approval of 5·10^18: %v", err)
	}
}

// The district's sum over units overflows long before any unit does: the
// report is an error, never a wrapped figure.
func TestDistrictSumOverflowIsAnError(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	limit := int(db.Form().VolumeLimit() / ledger.MaxAmount)
	var units []string
	for i := 0; i < 30; i++ {
		code := "10001" + string(rune('0'+i/10)) + string(rune('0'+i%10))
		must(t, db.AddUnit(ctx, ledger.Unit{Code: code, Name: "Phường " + code, Chapter: "599"}))
		units = append(units, code)
	}
	for _, u := range units {
		var es []*ledger.Entry
		for i := 0; i < limit; i++ {
			e := mk(h1, ledger.EntryAllocation, ledger.TX, "341", "", ledger.MaxAmount, h1.Start())
			e.Unit = u
			es = append(es, e)
		}
		must(t, db.AddEntries(ctx, es, ledger.BatchSource{Reason: "lớn"}))
	}
	st, err := ledger.Settlement(ctx, db, ledger.AllUnits, h1)
	if err == nil {
		t.Fatalf("the district's row 08 = %s: an overflow came out as a figure", st.Total["08"])
	}
	if ledger.ErrorKind(err) != ledger.KindInvalid || !strings.Contains(err.Error(), "giới hạn") {
		t.Fatalf("district sum: %v", err)
	}
}

func init() {
	if path := os.Getenv(lockHolderEnv); path != "" {
		lockHolder(path)
	}
}

// Vietnamese text is one text: typed composed or decomposed it is stored
// in NFC, and a search folds case and accents — "điện", "Điện", "dien"
// and "ĐIỆN" all find "Chi tiền Điện".
func TestTextIsOneText(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	fund(t, db, h1, ledger.TX, 1_000_000, 500_000, 0)
	e := mk(h1, ledger.EntrySpending, ledger.TX, "341", "6501", 1000, h1.Start())
	e.Memo = "Chi tie\u0302\u0300n \u0110ie\u0323\u0302n tháng 1" // decomposed, as Unikey's "tổ hợp" sends it
	add(t, db, e)
	got, err := db.FindEntry(ctx, e.ID)
	must(t, err)
	if got.Memo != "Chi tiền Điện tháng 1" {
		t.Errorf("stored memo %q, want NFC", got.Memo)
	}
	for _, q := range []string{"điện", "Điện", "dien", "ĐIỆN", "tie\u0302\u0300n đie\u0323\u0302n"} {
		es, err := db.Entries(ctx, ledger.EntryFilter{Unit: ward, Period: h1, Text: q})
		must(t, err)
		if len(es) != 1 || es[0].ID != e.ID {
			t.Errorf("search %q found %d entries", q, len(es))
		}
	}
	if n, _ := db.CountEntries(ctx, ledger.EntryFilter{Unit: ward, Period: h1, Text: "nước"}); n != 0 {
		t.Errorf("search 'nước' found %d", n)
	}
	bad := mk(h1, ledger.EntrySpending, ledger.TX, "341", "6501", 1000, h1.Start())
	bad.Doc = "\u200b\u200b"
	if err := db.AddEntry(ctx, bad); ledger.ErrorField(err) != "doc" {
		t.Errorf("a document number of invisible characters: %v", err)
	}
	bad.Doc, bad.Memo = "PC1", "Chi \u202e001"
	if err := db.AddEntry(ctx, bad); ledger.ErrorField(err) != "memo" {
		t.Errorf("a bidirectional control in the memo: %v", err)
	}
}
