package sqlite_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

// TestLedgerKeyAndRole: a new ledger has its own key pair, never changed,
// and the role its setup gives; a role once set changes only with a
// reason, audited.
func TestLedgerKeyAndRole(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	s, err := db.Signer(ctx)
	must(t, err)
	other := MustOpenDB(t)
	s2, err := other.Signer(ctx)
	must(t, err)
	if bytes.Equal(s.Public(), s2.Public()) {
		t.Error("two ledgers share a key")
	}
	if _, err := db.SQL().Exec(`UPDATE signing_key SET public_key = public_key`); err == nil {
		t.Error("the key was changed")
	}
	if r, err := db.Role(ctx); err != nil || !r.IsSuperior() {
		t.Errorf("role %+v %v", r, err)
	}
	if err := db.SetRole(ctx, ledger.UnitRole(ward), ""); ledger.ErrorField(err) != "reason" {
		t.Errorf("a role changed without a reason: %v", err)
	}
	must(t, db.SetRole(ctx, ledger.UnitRole(ward), "sổ của phường"))
	if r, _ := db.Role(ctx); !r.IsUnit() || r.Unit != ward {
		t.Errorf("role %+v", r)
	}
	if err := db.SetRole(ctx, ledger.UnitRole("1000001"), "x"); err == nil {
		t.Error("the superior unit made a unit's ledger")
	}
	if err := db.SetRole(ctx, ledger.UnitRole("1000009"), "x"); ledger.ErrorKind(err) != ledger.KindNotFound {
		t.Errorf("an unknown unit's ledger: %v", err)
	}
	if len(auditActions(t, db, "role.set")) != 2 { // at creation, then once
		t.Errorf("audit %v", auditActions(t, db, "role."))
	}
	path := filepath.Join(t.TempDir(), "unit.db")
	setup := testSetup()
	setup.Role = ledger.UnitRole("1000009")
	if _, err := sqlite.Create(ctx, path, setup, sqlite.Options{}); ledger.ErrorField(err) != "unit" {
		t.Errorf("a unit's ledger of a unit it lacks: %v", err)
	}
	mustCheckClean(t, db)
}

// TestSuperiorReversalTrigger: an entry the superior's annex brought is
// reversed only by the superior's next annex; a reversal written behind
// the store's back is refused by the trigger.
func TestSuperiorReversalTrigger(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	must(t, db.SetRole(ctx, ledger.UnitRole(ward), "sổ của phường"))
	alloc := mk(h1, ledger.EntryAllocation, ledger.TX, "341", "", 1_000_000, h1.Start())
	alloc.ID = ledger.NewID(time.Now())
	im := &ledger.Import{Kind: ledger.WorkbookAnnex, Unit: ward, Period: h1, File: "PLDT.xlsx", SHA256: strings.Repeat("a", 64), Via: ledger.ViaAnnex}
	must(t, db.ImportEntries(ctx, im, []*ledger.Entry{alloc}))
	if _, err := db.ReverseEntry(ctx, alloc.ID, "nhầm"); ledger.ErrorKind(err) != ledger.KindConflict {
		t.Errorf("reversal of the superior's entry: %v", err)
	}
	_, err := db.SQL().Exec(`INSERT INTO entries (id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, reverses, created_at, hash)
		VALUES ('01234567-89ab-7def-8123-456789abcdef', ?, '2026-H1', 'allocation', 'TX', '341', '', -1000000, 'x', '2026-01-01', ?, 'x', ?)`,
		ward, alloc.ID, bytes.Repeat([]byte{1}, 32))
	if err == nil || !strings.Contains(err.Error(), "superior") {
		t.Errorf("a reversal written behind the store's back: %v", err)
	}
	// The superior's own reversal, in its next annex, comes in.
	rev := alloc.Reversal()
	rev.ID, rev.Doc, rev.Date = ledger.NewID(time.Now()), alloc.Doc, alloc.Date
	im2 := &ledger.Import{Kind: ledger.WorkbookAnnex, Unit: ward, Period: h1, File: "PLDT2.xlsx", SHA256: strings.Repeat("b", 64), Via: ledger.ViaAnnex}
	must(t, db.ImportEntries(ctx, im2, []*ledger.Entry{alloc, &rev}))
	if im2.Added != 1 || im2.Skipped != 1 {
		t.Errorf("the superior's reversal: %+v", im2)
	}
	mustCheckClean(t, db)
}

// TestMigrateExchange: a ledger of an older schema, with a closing of its
// own, a settlement imported from a ward (whose carry-out says
// "close:2026-H1" too) and an annex imported, learns how each entry came
// in, keeps sound hash chains, gets a key and no role; reopening its
// closing afterwards reverses only its own closing's entries.
func TestMigrateExchange(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	id := func(n int) string { return "01234567-89ab-7def-8123-45678900000" + string(rune('0'+n)) }
	mustOldLedger(t, path, 2,
		`INSERT INTO units VALUES ('1000001', 'UBND quận Hà Đông', '599', 1, 'x'), ('1000002', 'UBND phường Quang Trung', '599', 0, 'x'),
		 ('1000003', 'UBND phường Nguyễn Trãi', '599', 0, 'x')`,
		`INSERT INTO codes VALUES ('loai', '340', 'Quản lý', ''), ('khoan', '341', 'Quản lý nhà nước', '340')`,
		// The ward 1000002 keyed by the district and closed here, carrying 100 over.
		`INSERT INTO entries (id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, origin, created_at) VALUES
		 ('`+id(1)+`', '1000002', '2026-H1', 'allocation', 'TX', '341', '', 500, 'QĐ', '2026-01-02', '', '2026-01-02T00:00:00Z'),
		 ('`+id(2)+`', '1000002', '2026-H1', 'carry_out_estimate', 'TX', '341', '', 100, 'KS', '2026-06-30', 'close:2026-H1', '2026-07-01T00:00:00Z'),
		 ('`+id(3)+`', '1000002', '2026-H2', 'carry_in_estimate', 'TX', '341', '', 100, 'KS', '2026-07-01', 'close:2026-H1', '2026-07-01T00:00:00Z'),
		 ('`+id(4)+`', '1000003', '2026-H1', 'allocation', 'TX', '341', '', 300, 'QĐ', '2026-01-02', 'import', '2026-08-01T00:00:00Z'),
		 ('`+id(5)+`', '1000003', '2026-H1', 'carry_out_estimate', 'TX', '341', '', 300, 'KS', '2026-06-30', 'close:2026-H1', '2026-08-01T00:00:00Z'),
		 ('`+id(6)+`', '1000002', '2026-H2', 'allocation', 'TX', '341', '', 700, 'QĐ2', '2026-07-02', 'import', '2026-08-02T00:00:00Z')`,
		`INSERT INTO periods VALUES ('1000002', '2026-H1', 'closed', 'x')`,
		`INSERT INTO audit (at, who, action) VALUES ('2026-08-03T00:00:00Z', '', 'import')`,
		`INSERT INTO imports (unit, period, file, sha256, added, skipped, at) VALUES
		 ('1000003', '2026-H1', 'QT_1000003_2026-H1.xlsx', '`+strings.Repeat("a", 64)+`', 2, 0, 'x'),
		 ('1000002', '2026-H2', 'PLDT_1000002_2026-H2.xlsx', '`+strings.Repeat("b", 64)+`', 1, 0, 'x')`)
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	must(t, err)
	defer db.Close()
	want := map[string]ledger.EntryVia{id(1): ledger.ViaKeyed, id(2): ledger.ViaClosing, id(3): ledger.ViaClosing,
		id(4): ledger.ViaImport, id(5): ledger.ViaImport, id(6): ledger.ViaAnnex}
	for i, v := range want {
		e, err := db.FindEntry(ctx, i)
		must(t, err)
		if e.Via != v {
			t.Errorf("entry %s (%s, %s) came in via %q, want %q", i, e.Kind, e.Origin, e.Via, v)
		}
	}
	mustCheckClean(t, db)
	if _, err := db.Signer(ctx); err != nil {
		t.Error(err)
	}
	if r, _ := db.Role(ctx); r.Set {
		t.Errorf("a migrated ledger got a role: %+v", r)
	}
	must(t, db.ReopenPeriod(ctx, "1000002", h1, "thử"))
	if rev, _ := db.ReversedIDs(ctx, []string{id(2), id(3), id(5)}); !rev[id(2)] || !rev[id(3)] || rev[id(5)] {
		t.Errorf("reopening reversed %v", rev)
	}
	mustCheckClean(t, db)
}
