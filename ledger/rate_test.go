package ledger_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"wardledger/ledger"
)

func TestExecutionRate(t *testing.T) {
	for _, c := range []struct {
		settled, usable ledger.Money
		want            ledger.Rate
		ok              bool
		text            string
	}{
		{75, 580, 129, true, "12,9%"},
		{1, 8, 125, true, "12,5%"}, // 12,5 exactly
		{1, 3, 333, true, "33,3%"},
		{2, 3, 667, true, "66,7%"},
		{1, 2000, 1, true, "0,1%"}, // 0,05 % rounds up
		{-1, 2000, -1, true, "-0,1%"},
		{1, -2000, -1, true, "-0,1%"}, // half away from zero, both signs
		{580, 580, 1000, true, "100%"},
		{1201, 1000, 1201, true, "120,1%"},
		{0, 580, 0, true, "0,0%"},
		{-1, 3, -333, true, "-33,3%"},
		{5, 0, 0, false, ""},
		{9_000_000_000_000_000, 9_000_000_000_000_000, 1000, true, "100%"}, // no overflow
		{math.MinInt64, math.MinInt64, 1000, true, "100%"},
		{math.MaxInt64, 1, 0, false, ""}, // does not fit
		{math.MaxInt64, math.MinInt64, -1000, true, "-100%"},
	} {
		got, ok := ledger.ExecutionRate(c.settled, c.usable)
		if got != c.want || ok != c.ok || ok && got.String() != c.text {
			t.Errorf("ExecutionRate(%d, %d) = %d %v %q, want %d %v %q", c.settled, c.usable, got, ok, got, c.want, c.ok, c.text)
		}
	}
}

// TestExecutionRateMatchesBig checks the 128-bit arithmetic against
// math/big over random amounts of every size.
func TestExecutionRateMatchesBig(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	amount := func() ledger.Money {
		v := int64(r.Uint64() >> r.IntN(64))
		if r.IntN(2) == 0 {
			v = -v
		}
		return ledger.Money(v)
	}
	for range 100_000 {
		s, u := amount(), amount()
		got, ok := ledger.ExecutionRate(s, u)
		want, wantOK := bigRate(s, u)
		if ok != wantOK || ok && got != want {
			t.Fatalf("ExecutionRate(%d, %d) = %d %v, math/big says %d %v", s, u, got, ok, want, wantOK)
		}
	}
}

// bigRate is the rate rounded half away from zero, in math/big.
func bigRate(s, u ledger.Money) (ledger.Rate, bool) {
	if u == 0 {
		return 0, false
	}
	n := new(big.Int).Mul(big.NewInt(int64(s)), big.NewInt(2000))
	d := big.NewInt(int64(u))
	neg := n.Sign()*d.Sign() < 0
	n.Abs(n)
	d.Abs(d)
	n.Add(n, d)
	n.Quo(n, new(big.Int).Mul(d, big.NewInt(2)))
	if !n.IsInt64() {
		return 0, false
	}
	if neg {
		return ledger.Rate(-n.Int64()), true
	}
	return ledger.Rate(n.Int64()), true
}
