package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

// TestRefusalsLeaveLedgerUnchanged: every refused request, through the
// store or straight in SQL, leaves the recorded content exactly as it was.
func TestRefusalsLeaveLedgerUnchanged(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	fund(t, db, h1, ledger.TX, 1_000_000, 600_000, 450_000)
	first, err := db.Entries(ctx, ledger.EntryFilter{Unit: ward, Period: h1})
	must(t, err)
	// A closed earlier period to try writing into.
	must(t, db.AddUnit(ctx, ledger.Unit{Code: "1000003", Name: "UBND phường Yết Kiêu", Chapter: "599"}))
	closedEntry := &ledger.Entry{Unit: "1000003", Period: ledger.MustPeriod("2025-H2"), Kind: ledger.EntryAllocation,
		Nature: ledger.TX, Khoan: "341", Amount: 10, Doc: "1", Date: ledger.NewDate(2025, 7, 1)}
	must(t, db.AddEntry(ctx, closedEntry))
	must(t, db.ClosePeriod(ctx, "1000003", ledger.MustPeriod("2025-H2"), nil))

	before := snapshot(t, db)
	n0, s0 := counts(t, db)
	d := h1.Start()
	refusals := []struct {
		name string
		kind ledger.Kind
		says string
		try  func() error
	}{
		{"withdrawal beyond estimate", ledger.KindConflict, "thiếu 1 đồng", func() error {
			return db.AddEntry(ctx, mk(h1, ledger.EntryWithdrawal, ledger.TX, "341", "", 400_001, d))
		}},
		{"spending beyond funds", ledger.KindConflict, "thiếu 50.000 đồng", func() error {
			return db.AddEntry(ctx, mk(h1, ledger.EntrySpending, ledger.TX, "341", "6501", 200_000, d))
		}},
		{"return beyond funds", ledger.KindConflict, "chỉ tiêu 23", func() error {
			return db.AddEntry(ctx, mk(h1, ledger.EntryReturned, ledger.TX, "341", "", 150_001, d))
		}},
		{"spending on a line with no funds", ledger.KindConflict, "Khoản 341 KTX", func() error {
			return db.AddEntry(ctx, mk(h1, ledger.EntrySpending, ledger.KTX, "341", "6501", 1, d))
		}},
		{"entry in a closed period", ledger.KindLocked, "đã khóa sổ", func() error {
			e := *closedEntry
			e.ID, e.Seq = "", 0
			return db.AddEntry(ctx, &e)
		}},
		{"unknown unit", ledger.KindNotFound, "9999999", func() error {
			e := mk(h1, ledger.EntryAllocation, ledger.TX, "341", "", 5, d)
			e.Unit = "9999999"
			return db.AddEntry(ctx, e)
		}},
		{"entry for the superior unit", ledger.KindInvalid, "cấp trên", func() error {
			e := mk(h1, ledger.EntryAllocation, ledger.TX, "341", "", 5, d)
			e.Unit = "1000001"
			return db.AddEntry(ctx, e)
		}},
		{"unknown Khoản", ledger.KindInvalid, "danh mục", func() error {
			return db.AddEntry(ctx, mk(h1, ledger.EntryAllocation, ledger.TX, "999", "", 5, d))
		}},
		{"spending without Tiểu mục", ledger.KindInvalid, "Tiểu mục", func() error {
			return db.AddEntry(ctx, mk(h1, ledger.EntrySpending, ledger.TX, "341", "", 5, d))
		}},
		{"duplicate id", ledger.KindConflict, "đã có", func() error {
			e := mk(h1, ledger.EntryAllocation, ledger.TX, "341", "", 5, d)
			e.ID = first[0].ID
			return db.AddEntry(ctx, e)
		}},
		{"batch with one bad entry", ledger.KindConflict, "thiếu", func() error {
			return db.AddEntries(ctx, []*ledger.Entry{
				mk(h1, ledger.EntryAllocation, ledger.TX, "341", "", 100, d),
				mk(h1, ledger.EntryWithdrawal, ledger.TX, "341", "", 400_101, d),
			}, ledger.BatchSource{Reason: "test"})
		}},
		{"reverse without reason", ledger.KindInvalid, "lý do", func() error {
			_, err := db.ReverseEntry(ctx, first[0].ID, " ")
			return err
		}},
		{"reverse a withdrawal already spent", ledger.KindConflict, "chỉ tiêu 23", func() error {
			_, err := db.ReverseEntry(ctx, first[1].ID, "nhầm")
			return err
		}},
		{"reverse an unknown entry", ledger.KindNotFound, "không có bút toán", func() error {
			_, err := db.ReverseEntry(ctx, "01234567-89ab-7def-8123-456789abcdef", "nhầm")
			return err
		}},
		{"close out of order", ledger.KindConflict, "chưa khóa sổ", func() error {
			return db.ClosePeriod(ctx, ward, h2, nil)
		}},
		{"carry over more than is left", ledger.KindConflict, "chỉ tiêu 24", func() error {
			return db.ClosePeriod(ctx, ward, h1, []ledger.CarryOver{
				{Line: ledger.Line{Khoan: "341", Nature: ledger.TX}, Balance: ledger.BalanceReceived, Amount: 100},
				{Line: ledger.Line{Khoan: "341", Nature: ledger.TX}, Balance: ledger.BalanceEstimate, Amount: 400_001},
			})
		}},
		{"reopen an open period", ledger.KindConflict, "chưa khóa sổ", func() error {
			return db.ReopenPeriod(ctx, ward, h1, "thử")
		}},
		{"reopen without reason", ledger.KindInvalid, "lý do", func() error {
			return db.ReopenPeriod(ctx, "1000003", ledger.MustPeriod("2025-H2"), "")
		}},
		{"a new ledger over this one", ledger.KindConflict, "không tạo sổ mới đè lên", func() error {
			_, err := sqlite.Create(ctx, db.Path(), ledger.Setup{Superior: ledger.Unit{Code: "1000009", Name: "UBND quận khác"}}, sqlite.Options{})
			return err
		}},
		{"duplicate unit", ledger.KindConflict, "đã có", func() error {
			return db.AddUnit(ctx, ledger.Unit{Code: ward, Name: "trùng", Chapter: "599"})
		}},
	}
	for _, r := range refusals {
		err := r.try()
		if err == nil {
			t.Errorf("%s: accepted", r.name)
			continue
		}
		if ledger.ErrorKind(err) != r.kind || !strings.Contains(err.Error(), r.says) {
			t.Errorf("%s: %v (kind %v); want kind %v saying %q", r.name, err, ledger.ErrorKind(err), r.kind, r.says)
		}
		if after := snapshot(t, db); after != before {
			t.Fatalf("%s: the ledger changed", r.name)
		}
	}
	sqlAttempts := []string{
		`UPDATE entries SET amount = amount + 1`,
		`UPDATE entries SET memo = 'sửa'`,
		`DELETE FROM entries`,
		`DELETE FROM entries WHERE seq = 1`,
		`DELETE FROM audit`,
		`UPDATE audit SET reason = 'x'`,
		`DELETE FROM totals`,
		`INSERT INTO entries (id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, created_at)
		 VALUES ('01234567-89ab-7def-8123-456789abcdef', '1000003', '2025-H2', 'allocation', 'TX', '341', '', 5, 'x', '2025-07-01', 'now')`,
		`INSERT INTO entries (id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, created_at)
		 VALUES ('01234567-89ab-7def-8123-456789abcdef', '1000002', '2026-H1', 'allocation', 'TX', '341', '', 0, 'x', '2026-07-01', 'now')`,
		`INSERT INTO entries (id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, created_at)
		 VALUES ('01234567-89ab-7def-8123-456789abcdef', '1000002', '2026-H1', 'gift', 'TX', '341', '', 5, 'x', '2026-07-01', 'now')`,
		`INSERT INTO entries (id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, created_at)
		 VALUES ('01234567-89ab-7def-8123-456789abcdef', '7777777', '2026-H1', 'allocation', 'TX', '341', '', 5, 'x', '2026-07-01', 'now')`,
	}
	for _, q := range sqlAttempts {
		if _, err := db.SQL().Exec(q); err == nil {
			t.Errorf("SQL accepted: %s", q)
		}
		if after := snapshot(t, db); after != before {
			t.Fatalf("SQL %q changed the ledger", q)
		}
	}
	if n, s := counts(t, db); n != n0 || s != s0 {
		t.Errorf("entries %d / sum %d, was %d / %d", n, s, n0, s0)
	}
	mustCheckClean(t, db)
}

// TestCloseCarriesOverAndLocks: closing 2026-H1 with declared carry-overs
// opens 2026-H2 with carry-ins equal to them, leaves the rest as
// still-to-return and cancelled, and 2026-H1 refuses new entries.
func TestCloseCarriesOverAndLocks(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	fund(t, db, h1, ledger.TX, 1_000_000, 700_000, 500_000)
	fund(t, db, h1, ledger.KTX, 300_000, 200_000, 50_000)
	carry := []ledger.CarryOver{
		{Line: ledger.Line{Khoan: "341", Nature: ledger.TX}, Balance: ledger.BalanceReceived, Amount: 120_000},
		{Line: ledger.Line{Khoan: "341", Nature: ledger.TX}, Balance: ledger.BalanceEstimate, Amount: 100_000},
		{Line: ledger.Line{Khoan: "341", Nature: ledger.KTX}, Balance: ledger.BalanceReceived, Amount: 150_000},
		{Line: ledger.Line{Khoan: "341", Nature: ledger.KTX}, Balance: ledger.BalanceEstimate, Amount: 100_000},
	}
	must(t, db.ClosePeriod(ctx, ward, h1, carry))

	r1, r2 := rowsOf(t, db, h1), rowsOf(t, db, h2)
	want1 := map[string]ledger.Money{"31": 120_000, "32": 100_000, "34": 150_000, "35": 100_000,
		"23": 80_000, "24": 200_000, "27": 0, "28": 0, "29": 470_000}
	for code, v := range want1 {
		if r1[code] != v {
			t.Errorf("2026-H1 row %s = %s, want %s", code, r1[code], v)
		}
	}
	for in, out := range map[string]string{"03": "31", "04": "32", "06": "34", "07": "35"} {
		if r2[in] != r1[out] {
			t.Errorf("2026-H2 row %s = %s, but 2026-H1 carried %s = %s", in, r2[in], out, r1[out])
		}
	}
	if r1["11"] != r1["17"]+r1["20"]+r1["29"] {
		t.Errorf("2026-H1 does not balance: 11=%s 17=%s 20=%s 29=%s", r1["11"], r1["17"], r1["20"], r1["29"])
	}
	st, err := db.PeriodStatus(ctx, ward, h1)
	must(t, err)
	if st != ledger.PeriodClosed {
		t.Errorf("2026-H1 status %s", st)
	}
	err = db.AddEntry(ctx, mk(h1, ledger.EntryAllocation, ledger.TX, "341", "", 1, h1.Start()))
	if ledger.ErrorKind(err) != ledger.KindLocked {
		t.Errorf("entry in closed 2026-H1: %v", err)
	}
	_, err = db.SQL().Exec(`INSERT INTO entries (id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, created_at, hash)
		VALUES ('01234567-89ab-7def-8123-456789abcdef', ?, '2026-H1', 'allocation', 'TX', '341', '', 5, 'x', '2026-01-01', 'now', zeroblob(32))`, ward)
	if err == nil || !strings.Contains(err.Error(), "period is closed") {
		t.Errorf("SQL insert into closed period: %v", err)
	}
	// H2 can spend what came over.
	add(t, db, mk(h2, ledger.EntrySpending, ledger.KTX, "341", "7049", 150_000, h2.Start()))
	add(t, db, mk(h2, ledger.EntryWithdrawal, ledger.TX, "341", "", 100_000, h2.Start()))

	// Reopening is refused while H2 has used the carried funds ...
	err = db.ReopenPeriod(ctx, ward, h1, "sửa số liệu")
	if err == nil || !strings.Contains(err.Error(), "đã dùng số dư") {
		t.Errorf("reopen with carried funds used: %v", err)
	}
	if st, _ := db.PeriodStatus(ctx, ward, h1); st != ledger.PeriodClosed {
		t.Error("failed reopen left 2026-H1 open")
	}
	mustCheckClean(t, db)
}

func TestReopenUndoesClosing(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	fund(t, db, h1, ledger.TX, 1_000_000, 700_000, 500_000)
	carry := []ledger.CarryOver{{Line: ledger.Line{Khoan: "341", Nature: ledger.TX}, Balance: ledger.BalanceReceived, Amount: 200_000}}
	must(t, db.ClosePeriod(ctx, ward, h1, carry))
	must(t, db.ReopenPeriod(ctx, ward, h1, "bổ sung chứng từ tháng 6"))
	r1, r2 := rowsOf(t, db, h1), rowsOf(t, db, h2)
	if r1["29"] != 0 || r2["01"] != 0 {
		t.Errorf("after reopen: 2026-H1 row 29 = %s, 2026-H2 row 01 = %s", r1["29"], r2["01"])
	}
	add(t, db, mk(h1, ledger.EntrySpending, ledger.TX, "341", "6501", 200_000, h1.End()))
	must(t, db.ClosePeriod(ctx, ward, h1, nil))
	if r2 := rowsOf(t, db, h2); r2["01"] != 0 {
		t.Errorf("second close carried %s", r2["01"])
	}
	log, err := db.AuditLog(ctx, 10)
	must(t, err)
	found := false
	for _, a := range log {
		if a.Action == "period.reopen" && a.Reason == "bổ sung chứng từ tháng 6" {
			found = true
		}
	}
	if !found {
		t.Errorf("reopen not audited with its reason: %+v", log)
	}
	mustCheckClean(t, db)
}

// TestReversalDates: the store dates a reversal by ledger.ReversalDate —
// today (01/08/2026 on the test clock) inside the period, the period's
// last day otherwise, never before the entry — and so does reopening.
func TestReversalDates(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	fund(t, db, h1, ledger.TX, 1_000_000, 700_000, 0)
	fund(t, db, h2, ledger.TX, 1_000_000, 700_000, 0)
	next := h2.Next()
	add(t, db, mk(next, ledger.EntryAllocation, ledger.TX, "341", "", 1_000_000, ledger.NewDate(2027, 1, 5)))
	cases := []struct {
		e    *ledger.Entry
		want ledger.Date
	}{
		{mk(h1, ledger.EntrySpending, ledger.TX, "341", "6501", 1_000, ledger.NewDate(2026, 3, 5)), h1.End()},
		{mk(h2, ledger.EntrySpending, ledger.TX, "341", "6501", 1_000, ledger.NewDate(2026, 7, 5)), ledger.NewDate(2026, 8, 1)},
		{mk(h2, ledger.EntrySpending, ledger.TX, "341", "6501", 1_000, ledger.NewDate(2026, 9, 10)), ledger.NewDate(2026, 9, 10)},
		{mk(next, ledger.EntryAdjustment, ledger.TX, "341", "", 5_000, ledger.NewDate(2027, 2, 1)), next.End()},
	}
	for _, c := range cases {
		add(t, db, c.e)
		rev, err := db.ReverseEntry(ctx, c.e.ID, "nhầm")
		must(t, err)
		if rev.Date != c.want || rev.Date.Before(c.e.Date) {
			t.Errorf("%s of %s reversed on 01/08/2026: dated %s, want %s", c.e.Period, c.e.Date.VN(), rev.Date.VN(), c.want.VN())
		}
	}
	must(t, db.ClosePeriod(ctx, ward, h1, []ledger.CarryOver{{Line: ledger.Line{Khoan: "341", Nature: ledger.TX}, Balance: ledger.BalanceReceived, Amount: 100_000}}))
	must(t, db.ReopenPeriod(ctx, ward, h1, "bổ sung chứng từ"))
	es, err := db.Entries(ctx, ledger.EntryFilter{Unit: ward, Period: h2})
	must(t, err)
	n := 0
	for _, e := range es {
		if e.IsReversal() && strings.HasPrefix(e.Memo, "Mở lại sổ") {
			n++
			if e.Date != ledger.NewDate(2026, 8, 1) {
				t.Errorf("the reopening reversed %s dated %s, want today", e.Kind, e.Date.VN())
			}
		}
	}
	if n != 1 {
		t.Errorf("the reopening reversed %d carry-ins of %s, want 1", n, h2)
	}
	mustCheckClean(t, db)
}

func TestReverseEntry(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	fund(t, db, h1, ledger.TX, 1_000_000, 700_000, 0)
	sp := add(t, db, mk(h1, ledger.EntrySpending, ledger.TX, "341", "6501", 300_000, h1.Start()))
	rev, err := db.ReverseEntry(ctx, sp.ID, "ghi nhầm tiểu mục")
	must(t, err)
	if rev.Amount != -300_000 || rev.Reverses != sp.ID || rev.Kind != sp.Kind || rev.TieuMuc != "6501" {
		t.Errorf("reversal %+v", rev)
	}
	if r := rowsOf(t, db, h1); r["18"] != 0 {
		t.Errorf("row 18 after reversal = %s", r["18"])
	}
	if _, err := db.ReverseEntry(ctx, sp.ID, "lần hai"); ledger.ErrorKind(err) != ledger.KindConflict {
		t.Errorf("second reversal: %v", err)
	}
	if _, err := db.ReverseEntry(ctx, rev.ID, "đảo của đảo"); ledger.ErrorKind(err) != ledger.KindConflict {
		t.Errorf("reversal of a reversal: %v", err)
	}
	got, err := db.ReversedIDs(ctx, []string{sp.ID, rev.ID})
	must(t, err)
	if !got[sp.ID] || got[rev.ID] {
		t.Errorf("ReversedIDs = %v", got)
	}
	// A whole large register at once: more ids than SQLite takes
	// parameters in one statement, the reversed one last.
	many := make([]string, 0, 40_001)
	for range 40_000 {
		many = append(many, ledger.NewID(time.Now()))
	}
	many = append(many, sp.ID)
	got, err = db.ReversedIDs(ctx, many)
	must(t, err)
	if len(got) != 1 || !got[sp.ID] {
		t.Errorf("ReversedIDs of 40,001 ids = %d ids, want only %s", len(got), sp.ID)
	}
}

// TestAddEntriesOrder: a batch valid as a whole is accepted whatever order
// its lines come in; a batch error names the entry.
func TestAddEntriesOrder(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	d := h1.Start()
	batch := []*ledger.Entry{
		mk(h1, ledger.EntrySpending, ledger.TX, "341", "6001", 100, d),
		mk(h1, ledger.EntryWithdrawal, ledger.TX, "341", "", 300, d),
		mk(h1, ledger.EntryAllocation, ledger.TX, "341", "", 500, d),
	}
	must(t, db.AddEntries(ctx, batch, ledger.BatchSource{Reason: "test"}))
	bad := []*ledger.Entry{
		mk(h1, ledger.EntryAllocation, ledger.TX, "341", "", 5, d),
		mk(h1, ledger.EntrySpending, ledger.TX, "341", "6001", 1_000, d),
	}
	err := db.AddEntries(ctx, bad, ledger.BatchSource{Reason: "test"})
	if ledger.ErrorItem(err) != 2 || ledger.ErrorKind(err) != ledger.KindConflict {
		t.Fatalf("batch error %v", err)
	}
}

func TestBackupAndIntegrity(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := mustOpenAt(t, filepath.Join(dir, "ledger.db"))
	fund(t, db, h1, ledger.TX, 1_000_000, 700_000, 500_000)
	out := filepath.Join(dir, "backup.db")
	must(t, db.Backup(ctx, out, false))
	must(t, sqlite.IntegrityCheck(ctx, out))
	copyDB, err := sqlite.Open(ctx, out, sqlite.Options{ReadOnly: true})
	must(t, err)
	defer copyDB.Close()
	if snapshot(t, copyDB) != snapshot(t, db) {
		t.Error("backup differs from the ledger")
	}
	if err := db.Backup(ctx, filepath.Join(dir, "ledger.db"), true); err == nil {
		t.Error("backup over the open ledger accepted")
	}
	if err := db.Backup(ctx, filepath.Join(dir, "missing", "b.db"), false); err == nil {
		t.Error("backup into a missing folder accepted")
	}
	junk := filepath.Join(dir, "junk.db")
	must(t, os.WriteFile(junk, []byte(strings.Repeat("không phải sqlite ", 500)), 0o644))
	if err := sqlite.IntegrityCheck(ctx, junk); err == nil {
		t.Error("integrity check passed a junk file")
	}
	if _, err := sqlite.Open(ctx, junk, sqlite.Options{}); err == nil || !strings.Contains(err.Error(), "không phải là sổ") {
		t.Errorf("opening junk: %v", err)
	}
}

// migrations is the schema version a ledger of this program has: the
// number of migration files (their Go steps' .post.sql halves aside).
func migrations(t *testing.T) int {
	t.Helper()
	names, err := filepath.Glob("migration/[0-9]*.sql")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, name := range names {
		if !strings.HasSuffix(name, ".post.sql") {
			n++
		}
	}
	return n
}

func TestSchemaVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ledger.db")
	db := mustOpenAt(t, path)
	var v int
	must(t, db.SQL().QueryRow(`PRAGMA user_version`).Scan(&v))
	if v != migrations(t) {
		t.Errorf("user_version %d, want %d", v, migrations(t))
	}
	for _, q := range []string{`PRAGMA journal_mode`, `PRAGMA foreign_keys`, `PRAGMA synchronous`} {
		var s string
		must(t, db.SQL().QueryRow(q).Scan(&s))
		if want := map[string]string{`PRAGMA journal_mode`: "wal", `PRAGMA foreign_keys`: "1", `PRAGMA synchronous`: "2"}[q]; s != want {
			t.Errorf("%s = %s, want %s", q, s, want)
		}
	}
	_, err := db.SQL().Exec(`PRAGMA user_version = 99`)
	must(t, err)
	db.Close()
	if _, err := sqlite.Open(ctx, path, sqlite.Options{}); err == nil || !strings.Contains(err.Error(), "mới hơn") {
		t.Errorf("opening a ledger from a newer version: %v", err)
	}
}

// TestCheckFindsTampering proves the check can fail: totals edited behind
// the trigger's back are reported.
func TestCheckFindsTampering(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	fund(t, db, h1, ledger.TX, 1_000_000, 700_000, 500_000)
	_, err := db.SQL().Exec(`UPDATE totals SET amount = amount + 7 WHERE kind = 'spending'`)
	must(t, err)
	problems, err := db.Check(ctx)
	must(t, err)
	if len(problems) == 0 {
		t.Fatal("tampered totals not reported")
	}
}

// TestMigrateFromV1: a ledger made by the first schema is migrated in place,
// keeps its data, and a backup of the old file is left beside it.
func TestMigrateFromV1(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "old.db")
	mustOldLedger(t, path, 1,
		`INSERT INTO units VALUES ('1000001', 'UBND quận Hà Đông', '599', 1, 'x'), ('1000002', 'UBND phu'||char(0x31b)||'o'||char(0x31b, 0x300)||'ng Quang Trung', '599', 0, 'x')`,
		`INSERT INTO codes VALUES ('khoan', '341', 'Quản lý nhà nước', '340')`,
		// Decomposed text, as an old version stored what Unikey typed.
		`INSERT INTO entries (id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, memo, created_at)
		 VALUES ('01234567-89ab-7def-8123-456789abcdef', '1000002', '2026-H1', 'allocation', 'TX', '341', '', 5000, ' QĐ ', '2026-01-02',
		 'Giao du'||char(0x31b, 0x323)||' toa'||char(0x301)||'n', 'x')`)
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	must(t, err)
	defer db.Close()
	var v int
	must(t, db.SQL().QueryRow(`PRAGMA user_version`).Scan(&v))
	if v != migrations(t) {
		t.Fatalf("user_version %d after migration, want %d", v, migrations(t))
	}
	e, err := db.FindEntry(ctx, "01234567-89ab-7def-8123-456789abcdef")
	if err != nil || e.Amount != 5000 {
		t.Fatalf("entry after migration: %v %v", e, err)
	}
	// The text is one text: NFC, trimmed, and searched without accents.
	if e.Memo != "Giao dự toán" || e.Doc != "QĐ" {
		t.Errorf("memo %q doc %q after migration", e.Memo, e.Doc)
	}
	if u, _ := db.FindUnit(ctx, "1000002"); u.Name != "UBND phường Quang Trung" {
		t.Errorf("unit name %q after migration", u.Name)
	}
	if ps, err := db.Check(ctx); err != nil || len(ps) > 0 {
		t.Errorf("check after migration: %v %v", ps, err)
	}
	backups, _ := filepath.Glob(filepath.Join(dir, "old.db.pre-migration-v1-*.bak"))
	if len(backups) != 1 {
		t.Fatalf("backups %v", backups)
	}
	must(t, sqlite.IntegrityCheck(ctx, backups[0]))
	if r, err := db.Review(ctx, "1000002", h1); err != nil || r.State != ledger.ReviewNotReceived {
		t.Errorf("review on migrated ledger: %+v %v", r, err)
	}
}

// TestAuditFilter reads the audit trail by unit, period and action (an
// action or its group), newest first and a page at a time.
func TestAuditFilter(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	must(t, db.AddUnit(ctx, ledger.Unit{Code: "1000003", Name: "UBND phường Hai", Chapter: "599"}))
	fund(t, db, h1, ledger.TX, 1_000_000, 700_000, 100_000)
	fund(t, db, h2, ledger.TX, 1_000_000, 0, 0)
	sp := add(t, db, mk(h1, ledger.EntrySpending, ledger.TX, "341", "6501", 5_000, h1.Start()))
	_, err := db.ReverseEntry(ctx, sp.ID, "nhầm tiểu mục")
	must(t, err)
	must(t, db.ClosePeriod(ctx, ward, h1, nil))

	all, err := db.Audit(ctx, ledger.AuditFilter{})
	must(t, err)
	n, err := db.CountAudit(ctx, ledger.AuditFilter{})
	must(t, err)
	if n != len(all) || n < 10 {
		t.Fatalf("%d rows, count %d", len(all), n)
	}
	for i := 1; i < len(all); i++ {
		if all[i].Seq >= all[i-1].Seq {
			t.Fatalf("not newest first: %d after %d", all[i].Seq, all[i-1].Seq)
		}
	}
	count := func(f ledger.AuditFilter, ok func(ledger.AuditRecord) bool) int {
		t.Helper()
		got, err := db.Audit(ctx, f)
		must(t, err)
		c, err := db.CountAudit(ctx, f)
		must(t, err)
		want := 0
		for _, r := range all {
			if ok(r) {
				want++
			}
		}
		if len(got) != want || c != want {
			t.Errorf("%+v: %d rows, count %d, want %d", f, len(got), c, want)
		}
		for _, r := range got {
			if !ok(r) {
				t.Errorf("%+v selected %+v", f, r)
			}
		}
		return want
	}
	if count(ledger.AuditFilter{Unit: ward}, func(r ledger.AuditRecord) bool { return r.Unit == ward }) == 0 {
		t.Error("no row of the ward")
	}
	count(ledger.AuditFilter{Period: h1}, func(r ledger.AuditRecord) bool { return r.Period == h1.String() })
	if count(ledger.AuditFilter{Action: "entry"}, func(r ledger.AuditRecord) bool { return strings.HasPrefix(r.Action, "entry.") }) != 6 {
		t.Error("the group entry lacks rows")
	}
	if count(ledger.AuditFilter{Action: "entry.reverse", Unit: ward, Period: h1}, func(r ledger.AuditRecord) bool {
		return r.Action == "entry.reverse" && r.Reason == "nhầm tiểu mục"
	}) != 1 {
		t.Error("the reversal is not found with its reason")
	}
	count(ledger.AuditFilter{Action: "unit"}, func(r ledger.AuditRecord) bool { return strings.HasPrefix(r.Action, "unit.") })
	for _, a := range []string{"entr", "%", "_ntry", "entry%"} {
		count(ledger.AuditFilter{Action: a}, func(ledger.AuditRecord) bool { return false })
	}
	// Every action written has a Vietnamese name and a group to filter by.
	for _, r := range all {
		inGroup := false
		for _, g := range ledger.AuditGroups {
			inGroup = inGroup || (ledger.AuditFilter{Action: g.Action}).Matches(r.Action)
		}
		if ledger.AuditActionLabel(r.Action) == r.Action || !inGroup {
			t.Errorf("action %q: label %q, in a group %v", r.Action, ledger.AuditActionLabel(r.Action), inGroup)
		}
	}
	page, err := db.Audit(ctx, ledger.AuditFilter{Offset: 2, Limit: 3})
	must(t, err)
	if len(page) != 3 || page[0].Seq != all[2].Seq || page[2].Seq != all[4].Seq {
		t.Errorf("page 2+3: %+v", page)
	}
	rest, err := db.Audit(ctx, ledger.AuditFilter{Offset: len(all) - 1})
	must(t, err)
	if len(rest) != 1 || rest[0].Seq != all[len(all)-1].Seq {
		t.Errorf("offset without limit: %+v", rest)
	}
	mustCheckClean(t, db)
}
