package sqlite_test

import (
	"context"
	crand "crypto/rand"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

var y2026 = ledger.YearPeriod(2026)

// yearLedger creates a ledger kept by whole years: the district and the
// test ward.
func yearLedger(tb testing.TB) *sqlite.DB {
	tb.Helper()
	c := &clock{t: time.Date(2026, 8, 1, 8, 0, 0, 0, time.UTC)}
	setup := testSetup()
	setup.Periods = ledger.ByYear
	db, err := sqlite.Create(context.Background(), filepath.Join(tb.TempDir(), "nam.db"), setup, sqlite.Options{Now: c.now})
	must(tb, err)
	tb.Cleanup(func() { db.Close() })
	return db
}

// TestYearLedger: a ledger kept by whole years records, closes and
// reopens years; it refuses half-years, and its closing carries into the
// next year.
func TestYearLedger(t *testing.T) {
	ctx := context.Background()
	db := yearLedger(t)
	u, err := db.FindUnit(ctx, ward)
	must(t, err)
	if u.Periods != ledger.ByYear {
		t.Fatalf("unit kept %q", u.Periods)
	}
	if v, _ := db.Setting(ctx, ledger.SettingPeriods); v != "year" {
		t.Errorf("setting %q", v)
	}
	must(t, db.AddUnit(ctx, ledger.Unit{Code: "1000003", Name: "UBND phường Mới"}))
	if u, _ := db.FindUnit(ctx, "1000003"); u.Periods != ledger.ByYear {
		t.Errorf("a unit added to a ledger kept by years is kept %q", u.Periods)
	}
	add(t, db, mk(y2026, ledger.EntryAllocation, ledger.TX, "341", "", 1_000_000, ledger.NewDate(2026, 1, 5)))
	add(t, db, mk(y2026, ledger.EntryWithdrawal, ledger.TX, "341", "", 800_000, ledger.NewDate(2026, 3, 5)))
	add(t, db, mk(y2026, ledger.EntrySpending, ledger.TX, "341", "6001", 500_000, ledger.NewDate(2026, 11, 5)))
	before := snapshot(t, db)
	err = db.AddEntry(ctx, mk(h2, ledger.EntrySpending, ledger.TX, "341", "6001", 1, ledger.NewDate(2026, 11, 5)))
	if ledger.ErrorField(err) != "period" || !strings.Contains(err.Error(), "theo cả năm") {
		t.Errorf("a half-year entry in a ledger kept by years: %v", err)
	}
	if err := db.ClosePeriod(ctx, ward, h2, nil); ledger.ErrorField(err) != "period" || !strings.Contains(err.Error(), "không có kỳ 6 tháng") {
		t.Errorf("closing a half-year of a ledger kept by years: %v", err)
	}
	if snapshot(t, db) != before {
		t.Fatal("a refusal changed the ledger")
	}
	carry := []ledger.CarryOver{{Line: ledger.Line{Khoan: "341", Nature: ledger.TX}, Balance: ledger.BalanceReceived, Amount: 100_000},
		{Line: ledger.Line{Khoan: "341", Nature: ledger.TX}, Balance: ledger.BalanceEstimate, Amount: 150_000}}
	must(t, db.ClosePeriod(ctx, ward, y2026, carry))
	if st, _ := db.PeriodStatus(ctx, ward, y2026); st != ledger.PeriodClosed {
		t.Errorf("2026 is %s", st)
	}
	st := rowsOf(t, db, y2026)
	if st["23"] != 200_000 || st["24"] != 50_000 || st["31"] != 100_000 || st["32"] != 150_000 || st["11"] != 1_000_000 {
		t.Errorf("year closed: 23=%d 24=%d 31=%d 32=%d", st["23"], st["24"], st["31"], st["32"])
	}
	next := rowsOf(t, db, ledger.YearPeriod(2027))
	if next["03"] != 100_000 || next["04"] != 150_000 {
		t.Errorf("2027 brought forward 03=%d 04=%d", next["03"], next["04"])
	}
	if err := db.AddEntry(ctx, mk(y2026, ledger.EntryReturned, ledger.TX, "341", "", 1, ledger.NewDate(2026, 12, 1))); ledger.ErrorKind(err) != ledger.KindLocked {
		t.Errorf("entry in a closed year: %v", err)
	}
	mustCheckClean(t, db)
	must(t, db.ReopenPeriod(ctx, ward, y2026, "khai lại số chuyển năm sau"))
	if next := rowsOf(t, db, ledger.YearPeriod(2027)); next["03"] != 0 || next["04"] != 0 {
		t.Errorf("reopening left 2027's opening at %d/%d", next["03"], next["04"])
	}
	mustCheckClean(t, db)

	// Once a year has entries, it keeps its way: 2027 holds the reversed
	// carry-ins.
	if w, _ := db.Periodicity(ctx, ward, 2027); w != ledger.ByYear {
		t.Errorf("2027 is kept %q", w)
	}

	// A unit changed to half-years keeps its begun year whole and starts
	// the next by halves; a closing of the year carries into its H1.
	other := mk(y2026, ledger.EntryAllocation, ledger.TX, "341", "", 70_000, ledger.NewDate(2026, 2, 1))
	other.Unit = "1000003"
	add(t, db, other)
	must(t, db.UpdateUnit(ctx, ledger.Unit{Code: "1000003", Name: "UBND phường Mới", Chapter: "599", Periods: ledger.ByHalfYear}))
	if w, _ := db.Periodicity(ctx, "1000003", 2026); w != ledger.ByYear {
		t.Errorf("the begun year 2026 is now kept %q", w)
	}
	if w, _ := db.Periodicity(ctx, "1000003", 2027); w != ledger.ByHalfYear {
		t.Errorf("2027 is kept %q", w)
	}
	must(t, db.ClosePeriod(ctx, "1000003", y2026, []ledger.CarryOver{{Line: ledger.Line{Khoan: "341", Nature: ledger.TX}, Balance: ledger.BalanceEstimate, Amount: 60_000}}))
	st2, err := ledger.Settlement(ctx, db, "1000003", ledger.MustPeriod("2027-H1"))
	must(t, err)
	if st2.Total["04"] != 60_000 {
		t.Errorf("2027-H1 brought forward %d", st2.Total["04"])
	}
	if w, _ := db.Periodicity(ctx, "1000003", 2027); w != ledger.ByHalfYear {
		t.Errorf("2027 is kept %q after the closing", w)
	}
	mustCheckClean(t, db)
}

// TestHalfYearLedgerYear: on a ledger kept by half-years, closing a year
// is refused; the year is reported from its halves, closed or not, for one
// unit and for all; its status follows its halves'.
func TestHalfYearLedgerYear(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	must(t, db.AddUnit(ctx, ledger.Unit{Code: "1000003", Name: "UBND phường Hai"}))
	fund(t, db, h1, ledger.TX, 1_000_000, 700_000, 500_000)
	before := snapshot(t, db)
	if err := db.ClosePeriod(ctx, ward, y2026, nil); ledger.ErrorField(err) != "period" || !strings.Contains(err.Error(), "không khóa sổ cả năm") {
		t.Errorf("closing the year of a ledger kept by half-years: %v", err)
	}
	if err := db.ReopenPeriod(ctx, ward, y2026, "thử"); ledger.ErrorField(err) != "period" {
		t.Errorf("reopening the year of a ledger kept by half-years: %v", err)
	}
	if snapshot(t, db) != before {
		t.Fatal("a refusal changed the ledger")
	}
	// H1 open: the year is the sum of the halves.
	fund(t, db, h2, ledger.TX, 300_000, 250_000, 100_000)
	y := rowsOf(t, db, y2026)
	if y["09"] != 1_300_000 || y["15"] != 950_000 || y["18"] != 600_000 || y["23"] != 350_000 {
		t.Errorf("year with H1 open: 09=%d 15=%d 18=%d 23=%d", y["09"], y["15"], y["18"], y["23"])
	}
	if st, _ := db.PeriodStatus(ctx, ward, y2026); st != ledger.PeriodOpen {
		t.Errorf("year status %s", st)
	}
	// The other unit keeps its year by halves too, H2 only.
	e := mk(h2, ledger.EntryAllocation, ledger.KTX, "341", "", 40_000, ledger.NewDate(2026, 7, 2))
	e.Unit = "1000003"
	add(t, db, e)
	all, err := ledger.Settlement(ctx, db, ledger.AllUnits, y2026)
	must(t, err)
	if all.Total["09"] != 1_300_000 || all.Total["10"] != 40_000 {
		t.Errorf("all units' year: 09=%d 10=%d", all.Total["09"], all.Total["10"])
	}
	ups, err := db.PeriodUnits(ctx, y2026)
	must(t, err)
	if len(ups) != 2 || len(ups["1000003"].Totals) != 1 || ups[ward].Status != ledger.PeriodOpen {
		t.Errorf("PeriodUnits of the year: %+v", ups)
	}
	// Closing both halves closes the year (the other unit's H1 has no entries).
	// H2 can only close after H1: close H1 carrying its funds left.
	must(t, db.ClosePeriod(ctx, "1000003", h2, nil))
	if st, _ := db.PeriodStatus(ctx, "1000003", y2026); st != ledger.PeriodClosed {
		t.Errorf("year of a unit whose only half is closed: %s", st)
	}
	ups, err = db.PeriodUnits(ctx, y2026)
	must(t, err)
	if ups["1000003"].Status != ledger.PeriodClosed {
		t.Errorf("PeriodUnits status %s", ups["1000003"].Status)
	}
	// A year entry for a unit kept by half-years is refused, naming the halves.
	err = db.AddEntry(ctx, mk(y2026, ledger.EntrySpending, ledger.TX, "341", "6001", 1, ledger.NewDate(2026, 3, 1)))
	if ledger.ErrorField(err) != "period" || !strings.Contains(err.Error(), "2026-H1") || !strings.Contains(err.Error(), "2026-H2") {
		t.Errorf("year entry on a half-year ledger: %v", err)
	}
	// Entries of the year: both halves, H1 first.
	es, err := db.Entries(ctx, ledger.EntryFilter{Unit: ward, Period: y2026})
	must(t, err)
	if n, _ := db.CountEntries(ctx, ledger.EntryFilter{Unit: ward, Period: y2026}); n != 6 || len(es) != 6 || es[0].Period != h1 || es[5].Period != h2 {
		t.Errorf("entries of the year: %d", n)
	}
	mustCheckClean(t, db)
}

// TestYearLocks: a finished review of a year locks its halves; a closed
// year its halves; one unit's year is never kept both ways — by the store's
// rules and, under them, by its trigger.
func TestYearLocks(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	fund(t, db, h1, ledger.TX, 1_000_000, 700_000, 500_000)
	must(t, db.SetApproval(ctx, ward, y2026, ledger.Approval{Row: "18", Khoan: "341", Approved: 450_000, Reason: "vượt định mức"}))
	must(t, db.FinishReview(ctx, ward, y2026))
	err := db.AddEntry(ctx, mk(h2, ledger.EntryAllocation, ledger.TX, "341", "", 5, ledger.NewDate(2026, 7, 2)))
	if ledger.ErrorKind(err) != ledger.KindLocked || !strings.Contains(err.Error(), "năm 2026") {
		t.Errorf("entry under a finished year review: %v", err)
	}
	rev, err := db.Review(ctx, ward, y2026)
	if err != nil || rev.State != ledger.ReviewFinished || len(rev.Approvals) != 1 {
		t.Fatalf("year review %+v %v", rev, err)
	}
	if r, _ := db.Reviews(ctx, y2026); r[ward].State != ledger.ReviewFinished {
		t.Errorf("Reviews of the year: %+v", r[ward])
	}
	must(t, db.ReopenReview(ctx, ward, y2026, "bổ sung"))

	// Raw SQL, under the store's rules: the trigger refuses a year entry
	// of a unit whose year is kept by halves, and an entry of a closed
	// year's half.
	raw := func(period string) error {
		h := make([]byte, 32)
		crand.Read(h)
		_, err := db.SQL().Exec(`INSERT INTO entries (id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, created_at, hash)
			VALUES (?, ?, ?, 'allocation', 'TX', '341', '', 5, 'X', '2026-01-02', 'x', ?)`, ledger.NewID(time.Now()), ward, period, h)
		return err
	}
	if err := raw("2026"); err == nil || !strings.Contains(err.Error(), "either whole or by half-years") {
		t.Errorf("raw year entry beside half-year entries: %v", err)
	}
	if err := raw("2025"); err != nil {
		t.Errorf("raw entry of a year not begun: %v", err)
	}
	if err := raw("2025-H2"); err == nil || !strings.Contains(err.Error(), "either whole or by half-years") {
		t.Errorf("raw half-year entry beside year entries: %v", err)
	}
	_, err = db.SQL().Exec(`INSERT INTO periods (unit, period, status) VALUES (?, '2027', 'closed')`, ward)
	must(t, err)
	if err := raw("2027-H1"); err == nil || !strings.Contains(err.Error(), "period is closed") {
		t.Errorf("raw entry in a half of a closed year: %v", err)
	}
	_, err = db.SQL().Exec(`INSERT INTO reviews (unit, period, state, updated_at) VALUES (?, '2028', 'finished', 'x')`, ward)
	must(t, err)
	if err := raw("2028-H2"); err == nil || !strings.Contains(err.Error(), "review is finished") {
		t.Errorf("raw entry in a half of a year whose review is finished: %v", err)
	}
	if _, err := db.SQL().Exec(`UPDATE units SET periods = 'quarter'`); err == nil {
		t.Error("a unit kept by quarters accepted")
	}
}

// TestYearFromHalvesProperties: for any two half-years of a ledger kept
// by halves — random mixes of entries, some refused by the rules,
// reversals, the first half closed or not (closed, reopened, closed
// again), with carry-overs, the second closed or not — the year's
// statement satisfies every formula and the identity in total and per
// Khoản, and equals the statement of the same entries recorded in a
// ledger kept by whole years (all but the carry-over from H1 into H2,
// which the year does not have), for one unit and for all.
func TestYearFromHalvesProperties(t *testing.T) {
	ctx := context.Background()
	for seed := uint64(1); seed <= 12; seed++ {
		r := rand.New(rand.NewPCG(seed, 2026))
		halves := MustOpenDB(t)
		khoans := []string{"341", "161"}
		tms := []string{"6001", "6501"}
		var ids []string
		randomOps := func(p ledger.Period, n int) {
			for i := 0; i < n; i++ {
				if r.IntN(10) == 0 && len(ids) > 0 {
					halves.ReverseEntry(ctx, ids[r.IntN(len(ids))], "kiểm thử")
					continue
				}
				kinds := []ledger.EntryKind{ledger.EntryAllocation, ledger.EntryAdjustment, ledger.EntryWithdrawal,
					ledger.EntryWithdrawal, ledger.EntrySpending, ledger.EntrySpending, ledger.EntryReturned}
				if p == h1 && i < 3 {
					kinds = []ledger.EntryKind{ledger.EntryCarryInReceived, ledger.EntryCarryInEstimate}
				}
				e := mk(p, kinds[r.IntN(len(kinds))], ledger.Natures[r.IntN(2)], khoans[r.IntN(len(khoans))], "",
					ledger.Money(1+r.Int64N(1_000_000)), dayIn(p, r.IntN(150)))
				if e.Kind == ledger.EntrySpending {
					e.TieuMuc = tms[r.IntN(len(tms))]
				}
				if e.Kind == ledger.EntryAdjustment && r.IntN(2) == 0 {
					e.Amount = -e.Amount
				}
				if halves.AddEntry(ctx, e) == nil {
					ids = append(ids, e.ID)
				}
			}
		}
		closeWithCarry := func(p ledger.Period) {
			totals, err := halves.Totals(ctx, ward, p)
			must(t, err)
			var carry []ledger.CarryOver
			for _, k := range khoans {
				for _, n := range ledger.Natures {
					l := ledger.Line{Khoan: k, Nature: n}
					ls, err := ledger.LineSums(totals, l)
					must(t, err)
					for _, b := range []ledger.Balance{ledger.BalanceReceived, ledger.BalanceEstimate} {
						left, err := halves.Form().BalanceOf(b, n, ls)
						must(t, err)
						if left > 1 && r.IntN(3) > 0 {
							carry = append(carry, ledger.CarryOver{Line: l, Balance: b, Amount: 1 + ledger.Money(r.Int64N(int64(left)))})
						}
					}
				}
			}
			must(t, halves.ClosePeriod(ctx, ward, p, carry))
		}
		randomOps(h1, 40)
		h1Closed := r.IntN(3) > 0
		if h1Closed {
			closeWithCarry(h1)
			if r.IntN(3) == 0 {
				must(t, halves.ReopenPeriod(ctx, ward, h1, "kiểm thử mở lại"))
				closeWithCarry(h1)
			}
		}
		randomOps(h2, 40)
		if !h1Closed {
			randomOps(h1, 10) // a first half still open takes more entries
		}
		if r.IntN(2) == 0 && h1Closed {
			closeWithCarry(h2)
		}
		mustCheckClean(t, halves)

		// The same entries in a ledger kept by years, in the order they
		// were written: all of the year's but the internal carry-over.
		years := yearLedger(t)
		es, err := halves.Entries(ctx, ledger.EntryFilter{Unit: ward, Period: y2026})
		must(t, err)
		sortBySeq(es)
		replayed := 0
		for _, e := range es {
			if e.Origin == "close:"+h1.String() {
				continue
			}
			c := *e
			c.Period, c.Seq = y2026, 0
			if err := years.AddEntry(ctx, &c); err != nil {
				t.Fatalf("seed %d: the year ledger refuses %s %s %s: %v", seed, e.Period, e.Kind, e.Amount, err)
			}
			replayed++
		}
		for _, unit := range []string{ward, ledger.AllUnits} {
			got, err := ledger.Settlement(ctx, halves, unit, y2026)
			must(t, err)
			want, err := ledger.Settlement(ctx, years, unit, y2026)
			must(t, err)
			sameRows(t, seed, "total", got.Total, want.Total)
			for _, k := range append(got.Khoans, want.Khoans...) {
				sameRows(t, seed, "Khoản "+k, got.ByKhoan[k], want.ByKhoan[k])
			}
			for _, k := range got.Khoans {
				rows := got.ByKhoan[k]
				if d, ok := got.Form.CheckIdentity(rows); !ok {
					t.Fatalf("seed %d Khoản %s: identity off by %d", seed, k, d)
				}
				if fresh, err := got.Form.Recompute(rows); err != nil || !equalRows(fresh, rows) {
					t.Fatalf("seed %d Khoản %s: a computed row does not follow its formula", seed, k)
				}
			}
		}
		mustCheckClean(t, years)
		t.Logf("seed %d: H1 closed %v, %d entries replayed", seed, h1Closed, replayed)
	}
}

// dayIn is the n-th day after the start of p.
func dayIn(p ledger.Period, n int) ledger.Date {
	s := p.Start()
	return ledger.DateOf(time.Date(s.Year(), time.Month(s.Month()), s.Day()+n, 0, 0, 0, 0, time.UTC))
}

func sortBySeq(es []*ledger.Entry) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].Seq < es[j-1].Seq; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

func equalRows(a, b ledger.Rows) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}

func sameRows(t *testing.T, seed uint64, what string, got, want ledger.Rows) {
	t.Helper()
	for code, v := range want {
		if got[code] != v {
			t.Fatalf("seed %d %s: row %s of the year from halves = %d, kept as a year %d", seed, what, code, got[code], v)
		}
	}
	for code, v := range got {
		if want[code] != v {
			t.Fatalf("seed %d %s: row %s of the year from halves = %d, kept as a year %d", seed, what, code, v, want[code])
		}
	}
}
