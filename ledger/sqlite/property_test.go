package sqlite_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"wardledger/ledger"
)

// TestRandomOperationsKeepInvariants drives the store with a random mix of
// entries (many of which break a rule), reversals, closings and reopenings.
// Whatever is refused changes nothing; whatever is accepted keeps every
// balance row non-negative, every statement balanced, and the check clean.
func TestRandomOperationsKeepInvariants(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := rand.New(rand.NewPCG(11, 13))
	khoans := []string{"341", "161", "011"}
	tms := []string{"6001", "6501", "7049"}
	var ids []string
	p := h1
	accepted, refused := 0, 0
	for op := 0; op < 400; op++ {
		n0, s0 := counts(t, db)
		var err error
		switch x := r.IntN(100); {
		case x < 85:
			kinds := []ledger.EntryKind{ledger.EntryAllocation, ledger.EntryAdjustment, ledger.EntryWithdrawal,
				ledger.EntryWithdrawal, ledger.EntrySpending, ledger.EntrySpending, ledger.EntrySpending, ledger.EntryReturned}
			e := mk(p, kinds[r.IntN(len(kinds))], ledger.Natures[r.IntN(2)], khoans[r.IntN(len(khoans))], "",
				ledger.Money(1+r.Int64N(1_000_000)), p.Start())
			if e.Kind == ledger.EntrySpending || r.IntN(3) == 0 {
				e.TieuMuc = tms[r.IntN(len(tms))]
			}
			if e.Kind == ledger.EntryAdjustment && r.IntN(2) == 0 {
				e.Amount = -e.Amount
			}
			if err = db.AddEntry(ctx, e); err == nil {
				ids = append(ids, e.ID)
			}
		case x < 95 && len(ids) > 0:
			_, err = db.ReverseEntry(ctx, ids[r.IntN(len(ids))], "kiểm thử")
		default:
			var carry []ledger.CarryOver
			for _, k := range khoans {
				for _, n := range ledger.Natures {
					l := ledger.Line{Khoan: k, Nature: n}
					sums, e := db.Totals(ctx, ward, p)
					must(t, e)
					ls, e := ledger.LineSums(sums, l)
					must(t, e)
					left, e := db.Form().BalanceOf(ledger.BalanceReceived, n, ls)
					must(t, e)
					if left > 1 {
						carry = append(carry, ledger.CarryOver{Line: l, Balance: ledger.BalanceReceived, Amount: left / 2})
					}
				}
			}
			if err = db.ClosePeriod(ctx, ward, p, carry); err == nil {
				if r.IntN(3) == 0 {
					must(t, db.ReopenPeriod(ctx, ward, p, "kiểm thử mở lại"))
				} else {
					p = p.Next()
				}
			}
		}
		if err != nil {
			refused++
			if k := ledger.ErrorKind(err); k == ledger.KindInternal {
				t.Fatalf("op %d: internal error %v", op, err)
			}
			if n, s := counts(t, db); n != n0 || s != s0 {
				t.Fatalf("op %d: refused (%v) but entries went from %d/%d to %d/%d", op, err, n0, s0, n, s)
			}
		} else {
			accepted++
		}
	}
	if accepted < 100 || refused < 20 {
		t.Errorf("weak mix: %d accepted, %d refused", accepted, refused)
	}
	mustCheckClean(t, db)
	t.Logf("%d accepted, %d refused, ended in %s", accepted, refused, p)
}
