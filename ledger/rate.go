package ledger

import (
	"math"
	"math/bits"
	"strconv"
)

// Rate is a ratio in tenths of a percent: 875 is 87,5 %.
type Rate int64

// ExecutionRate is how much of what a unit could use it proposes for
// settlement — settled ÷ usable (rows 17 ÷ 11, RoleSettled ÷ RoleUsable) —
// in tenths of a percent, rounded half away from zero. It is integer
// arithmetic on 128-bit products, so no amount overflows; ok is false when
// usable is zero or the rate does not fit.
func ExecutionRate(settled, usable Money) (r Rate, ok bool) {
	if usable == 0 {
		return 0, false
	}
	abs := func(m Money) uint64 {
		if m < 0 {
			return uint64(-m) // MinInt64 too: −2⁶³ wraps to 2⁶³ as uint64
		}
		return uint64(m)
	}
	n, d := abs(settled), abs(usable)
	hi, lo := bits.Mul64(n, 1000)
	if hi >= d {
		return 0, false // the quotient would not fit in 64 bits
	}
	q, rem := bits.Div64(hi, lo, d)
	if q > math.MaxInt64 {
		return 0, false
	}
	if rem >= d-rem { // rem ≥ d/2: half away from zero
		q++
	}
	if q > math.MaxInt64 {
		return 0, false
	}
	if (settled < 0) != (usable < 0) {
		return Rate(-int64(q)), true
	}
	return Rate(q), true
}

// Fraction is the rate as a fraction (0.875 for 87,5 %), for a spreadsheet
// cell formatted as a percentage.
func (r Rate) Fraction() float64 { return float64(r) / 1000 }

// String writes the rate the Vietnamese way, "87,5%", and a whole rate of
// a hundred percent or more without its decimal: "100%".
func (r Rate) String() string {
	t := int64(r)
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	if t%10 == 0 && t >= 1000 {
		return sign + strconv.FormatInt(t/10, 10) + "%"
	}
	return sign + strconv.FormatInt(t/10, 10) + "," + strconv.FormatInt(t%10, 10) + "%"
}
