package ledger_test

import (
	"testing"

	"wardledger/ledger"
)

// TestReversalDate: today inside the entry's period, else the period's
// last day; never before the entry reversed.
func TestReversalDate(t *testing.T) {
	h1 := ledger.MustPeriod("2026-H1")
	d := ledger.NewDate
	cases := []struct {
		name        string
		date, today ledger.Date
		want        ledger.Date
	}{
		{"today in the period", d(2026, 3, 5), d(2026, 4, 10), d(2026, 4, 10)},
		{"reversed the same day", d(2026, 3, 5), d(2026, 3, 5), d(2026, 3, 5)},
		{"period over", d(2026, 3, 5), d(2026, 11, 2), d(2026, 6, 30)},
		{"period not begun", d(2026, 1, 20), d(2025, 12, 15), d(2026, 6, 30)},
		{"voucher keyed ahead", d(2026, 6, 20), d(2026, 4, 10), d(2026, 6, 20)},
		{"decision before the period", d(2025, 12, 20), d(2025, 12, 22), d(2026, 6, 30)},
	}
	for _, c := range cases {
		e := &ledger.Entry{Period: h1, Date: c.date}
		got := ledger.ReversalDate(e, c.today)
		if got != c.want {
			t.Errorf("%s: %s reversed on %s dated %s, want %s", c.name, c.date.VN(), c.today.VN(), got.VN(), c.want.VN())
		}
		if got.Before(e.Date) || e.Period.End().Before(got) {
			t.Errorf("%s: %s outside [%s, %s]", c.name, got.VN(), e.Date.VN(), e.Period.End().VN())
		}
	}
}
