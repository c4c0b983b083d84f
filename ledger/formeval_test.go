package ledger_test

import (
	"math/rand/v2"
	"testing"

	"wardledger/ledger"
)

// checkEntryByStatements is CheckEntry as first written: both statements
// built in full, the balance rows compared.
func checkEntryByStatements(f *ledger.Form, before ledger.Sums, e *ledger.Entry) (refused bool, was, now ledger.Money) {
	after := ledger.Sums{}
	for k, v := range before {
		after[k] = v
	}
	after[e.Kind] += e.Amount
	b, err := f.Compute(map[ledger.Nature]ledger.Sums{e.Nature: before})
	if err != nil {
		panic(err)
	}
	a, err := f.Compute(map[ledger.Nature]ledger.Sums{e.Nature: after})
	if err != nil {
		panic(err)
	}
	for _, bal := range []ledger.Balance{ledger.BalanceEstimate, ledger.BalanceReceived} {
		code := f.Balances[string(bal)][e.Nature]
		if a[code] < 0 && a[code] < b[code] {
			return true, b[code], a[code]
		}
	}
	return false, 0, 0
}

// CheckEntry evaluates only the balance rows; it must decide exactly as
// building the statements does, for any sums and any entry.
func TestCheckEntryMatchesStatements(t *testing.T) {
	f := mustForm(t)
	r := rand.New(rand.NewPCG(1, 2))
	amount := func() ledger.Money { return ledger.Money(r.IntN(2_000_001) - 1_000_000) }
	for i := 0; i < 20000; i++ {
		before := ledger.Sums{}
		for _, k := range ledger.EntryKinds {
			if r.IntN(2) == 0 {
				before[k] = amount()
			}
		}
		e := &ledger.Entry{Kind: ledger.EntryKinds[r.IntN(len(ledger.EntryKinds))], Nature: ledger.Natures[r.IntN(2)],
			Khoan: "341", Amount: amount()}
		refused, _, _ := checkEntryByStatements(f, before, e)
		if got := f.CheckEntry(before, e) != nil; got != refused {
			t.Fatalf("sums %v, entry %s %s %s: CheckEntry refuses %v, the statements say %v", before, e.Kind, e.Nature, e.Amount, got, refused)
		}
	}
}
