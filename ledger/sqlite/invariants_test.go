package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"wardledger/assets"
	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

// Each invariant Check verifies, broken by an SQL edit behind the store's
// back (the triggers that would stop it dropped first), and the problem
// Check reports for it. Every test starts from a ledger that passes.

// invariantLedger is a ward with a closed 2026-H1 (carried into H2), a
// reversal, and entries in H2.
func invariantLedger(t *testing.T) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db := MustOpenDB(t)
	fund(t, db, h1, ledger.TX, 1_000_000, 700_000, 500_000)
	wrong := add(t, db, mk(h1, ledger.EntrySpending, ledger.TX, "341", "6501", 30_000, h1.Start()))
	_, err := db.ReverseEntry(ctx, wrong.ID, "nhầm tiểu mục")
	must(t, err)
	must(t, db.ClosePeriod(ctx, ward, h1, []ledger.CarryOver{
		{Line: ledger.Line{Khoan: "341", Nature: ledger.TX}, Balance: ledger.BalanceReceived, Amount: 150_000},
	}))
	fund(t, db, h2, ledger.TX, 200_000, 100_000, 50_000)
	if ps, err := db.Check(ctx); err != nil || len(ps) > 0 {
		t.Fatalf("the ledger does not pass to begin with: %v %v", ps, err)
	}
	return db
}

// breakAndCheck runs the SQL, then Check, and wants a problem saying says.
func breakAndCheck(t *testing.T, db *sqlite.DB, says string, sqls ...string) {
	t.Helper()
	for _, q := range sqls {
		if _, err := db.SQL().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	ps, err := db.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, p := range ps {
		if strings.Contains(p.What, says) {
			return
		}
		all = append(all, p.What)
	}
	t.Errorf("check does not report %q; it reports %q", says, all)
}

const liftTriggers = `DROP TRIGGER entries_no_update; DROP TRIGGER entries_no_delete; DROP TRIGGER totals_no_delete;
	DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete`

func TestCheckInvariantTotals(t *testing.T) {
	breakAndCheck(t, invariantLedger(t), "tổng lưu sẵn của Khoản 341, withdrawal",
		`UPDATE totals SET amount = amount + 7 WHERE kind = 'withdrawal' AND period = '2026-H1'`)
}

func TestCheckInvariantReversal(t *testing.T) {
	// The reversal's amount and its total both edited: totals still match,
	// the reversal no longer mirrors its entry.
	breakAndCheck(t, invariantLedger(t), "không khớp với bút toán nó đảo", liftTriggers,
		`UPDATE entries SET amount = -20000 WHERE reverses IS NOT NULL`,
		`UPDATE totals SET amount = amount + 10000 WHERE kind = 'spending' AND tieu_muc = '6501' AND period = '2026-H1'`)
}

func TestCheckInvariantBalance(t *testing.T) {
	// Spending beyond the funds received: row 23 goes below zero.
	breakAndCheck(t, invariantLedger(t), "chỉ tiêu 23 âm", liftTriggers,
		`UPDATE entries SET amount = 900000 WHERE kind = 'spending' AND tieu_muc = '6001' AND period = '2026-H2'`,
		`UPDATE totals SET amount = 900000 WHERE kind = 'spending' AND tieu_muc = '6001' AND period = '2026-H2'`)
}

func TestCheckInvariantCarryOver(t *testing.T) {
	// H2 received less than H1 carried out.
	breakAndCheck(t, invariantLedger(t), "chuyển sang kỳ sau 150000 nhưng kỳ sau nhận 100000", liftTriggers,
		`UPDATE entries SET amount = 100000 WHERE kind = 'carry_in_received'`,
		`UPDATE totals SET amount = 100000 WHERE kind = 'carry_in_received'`)
}

func TestCheckInvariantEntryChain(t *testing.T) {
	// The attack of issue 9: an amount edited consistently with its total,
	// the audit rows that followed deleted. Only the chain tells.
	db := invariantLedger(t)
	var seq int64
	must(t, db.SQL().QueryRow(`SELECT seq FROM entries WHERE kind = 'withdrawal' AND period = '2026-H1'`).Scan(&seq))
	breakAndCheck(t, db, fmt.Sprintf("chuỗi băm đứt ở bút toán số %d", seq), liftTriggers,
		`UPDATE entries SET amount = 600000 WHERE kind = 'withdrawal' AND period = '2026-H1'`,
		`UPDATE totals SET amount = 600000 WHERE kind = 'withdrawal' AND period = '2026-H1'`,
		`DELETE FROM audit WHERE seq > (SELECT max(seq) - 3 FROM audit)`)
}

func TestCheckInvariantEntryDeleted(t *testing.T) {
	// An entry deleted from the middle, its total adjusted: the next
	// entry's link names the break.
	db := invariantLedger(t)
	var seq int64
	must(t, db.SQL().QueryRow(`SELECT seq FROM entries WHERE kind = 'withdrawal' AND period = '2026-H2'`).Scan(&seq))
	breakAndCheck(t, db, fmt.Sprintf("chuỗi băm đứt ở bút toán số %d", seq+1), liftTriggers,
		fmt.Sprintf(`DELETE FROM entries WHERE seq = %d`, seq),
		`DELETE FROM totals WHERE kind = 'withdrawal' AND period = '2026-H2'`)
}

func TestCheckInvariantAuditChain(t *testing.T) {
	breakAndCheck(t, invariantLedger(t), "chuỗi băm nhật ký đứt ở dòng nhật ký số", liftTriggers,
		`UPDATE audit SET reason = 'lý do khác' WHERE action = 'entry.reverse'`)
}

func TestCheckInvariantEntriesAfterTheAudit(t *testing.T) {
	// An entry appended by SQL with a well-formed link: the audit trail
	// never saw it.
	db := invariantLedger(t)
	ctx := context.Background()
	last, err := db.Entries(ctx, ledger.EntryFilter{Unit: ward, Period: h2, Desc: true, Limit: 1})
	must(t, err)
	var prev []byte
	must(t, db.SQL().QueryRow(`SELECT hash FROM entries ORDER BY seq DESC LIMIT 1`).Scan(&prev))
	e := *last[0]
	e.ID, e.Amount, e.Memo = "01234567-89ab-7def-8123-456789abcdef", 1, "chèn lén"
	var p ledger.Hash
	copy(p[:], prev)
	h := ledger.EntryHash(p, &e)
	_, err = db.SQL().Exec(`INSERT INTO entries (id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, memo, created_at, created_by, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.ID, e.Unit, e.Period.String(), e.Kind, e.Nature, e.Khoan, e.TieuMuc,
		int64(e.Amount), e.Doc, e.Date.String(), e.Memo, e.CreatedAt.UTC().Format(ledger.StampFormat), e.CreatedBy, h[:])
	must(t, err)
	breakAndCheck(t, db, "không có trong nhật ký")
}

// The identity 11 = 17 + 20 + 29 holds algebraically for the shipped form
// whatever the figures, so no data edit can break it; what Check guards
// against is a form whose formulas do not add up. A form with row 23
// mistyped (03+15−18−22, the carry-over forgotten) is reported.
func TestCheckInvariantIdentity(t *testing.T) {
	bad := strings.Replace(string(assets.FormB01), `"03+15-18-22-31"`, `"03+15-18-22"`, 1)
	f, err := ledger.ParseForm([]byte(bad))
	must(t, err)
	path := filepath.Join(t.TempDir(), "so.db")
	db := invariantLedger(t)
	must(t, db.Backup(context.Background(), path, false))
	other, err := sqlite.Open(context.Background(), path, sqlite.Options{Form: f})
	must(t, err)
	defer other.Close()
	ps, err := other.Check(context.Background())
	must(t, err)
	for _, p := range ps {
		if strings.Contains(p.What, "đẳng thức 11=17+20+29 lệch") {
			return
		}
	}
	t.Errorf("identity broken by the form not reported: %v", ps)
}
