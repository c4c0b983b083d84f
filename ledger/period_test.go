package ledger_test

import (
	"fmt"
	"testing"

	"wardledger/ledger"
)

func TestParsePeriod(t *testing.T) {
	for _, s := range []string{"2026-H1", "2026-h2", " 2021-H2 ", "2026", " 2100 "} {
		if _, err := ledger.ParsePeriod(s); err != nil {
			t.Errorf("ParsePeriod(%q): %v", s, err)
		}
	}
	for _, s := range []string{"", "202", "20266", "2026-", "2026-H", "2026-Y", "2026-H0", "2026-H3", "2026H1", "26-H1", "1999-H1", "abcd-H1", "2026-H12", "1999", "2101", "abcd", "+202", "2026 H1"} {
		if _, err := ledger.ParsePeriod(s); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", s)
		}
	}
	p := ledger.MustPeriod("2026-H2")
	if p.Next() != ledger.MustPeriod("2027-H1") || p.Prev() != ledger.MustPeriod("2026-H1") || p.Next().Prev() != p {
		t.Errorf("Next/Prev of %s wrong", p)
	}
	if p.Label() != "6 tháng cuối năm 2026" || ledger.MustPeriod("2026-H1").Label() != "6 tháng đầu năm 2026" {
		t.Errorf("labels: %q", p.Label())
	}
	if p.Start().String() != "2026-07-01" || p.End().String() != "2026-12-31" {
		t.Errorf("bounds %s..%s", p.Start(), p.End())
	}
	if !p.Contains(ledger.NewDate(2026, 7, 1)) || p.Contains(ledger.NewDate(2026, 6, 30)) || !p.Contains(ledger.NewDate(2026, 12, 31)) {
		t.Error("Contains wrong at the bounds")
	}
}

func TestYearPeriod(t *testing.T) {
	y := ledger.MustPeriod("2026")
	h1, h2 := ledger.MustPeriod("2026-H1"), ledger.MustPeriod("2026-H2")
	if y != ledger.YearPeriod(2026) || !y.IsYear() || h1.IsYear() || (ledger.Period{}).IsYear() {
		t.Fatalf("year %+v", y)
	}
	if y.String() != "2026" || y.Label() != "Năm 2026" || y.Name() != "năm 2026" || h1.Name() != h1.Label() {
		t.Errorf("names %q %q %q", y, y.Label(), y.Name())
	}
	if y.Halves() != [2]ledger.Period{h1, h2} || h2.Halves() != y.Halves() || h1.WholeYear() != y || y.WholeYear() != y {
		t.Errorf("halves %v, year of H1 %v", y.Halves(), h1.WholeYear())
	}
	if y.Next() != ledger.YearPeriod(2027) || y.Prev() != ledger.YearPeriod(2025) || y.Next().Prev() != y {
		t.Errorf("Next/Prev of %s: %s %s", y, y.Next(), y.Prev())
	}
	if y.Start().String() != "2026-01-01" || y.End().String() != "2026-12-31" {
		t.Errorf("bounds %s..%s", y.Start(), y.End())
	}
	for _, d := range []ledger.Date{ledger.NewDate(2026, 1, 1), ledger.NewDate(2026, 6, 30), ledger.NewDate(2026, 7, 1), ledger.NewDate(2026, 12, 31)} {
		if !y.Contains(d) {
			t.Errorf("%s does not contain %s", y, d.VN())
		}
	}
	if y.Contains(ledger.NewDate(2025, 12, 31)) || y.Contains(ledger.NewDate(2027, 1, 1)) {
		t.Error("the year contains a day of another year")
	}
	if !y.Covers(h1) || !y.Covers(h2) || !y.Covers(y) || h1.Covers(y) || h1.Covers(h2) || y.Covers(ledger.MustPeriod("2027-H1")) {
		t.Error("Covers wrong")
	}
	// Order: by year, a year before its halves, as their names sort.
	order := []ledger.Period{ledger.MustPeriod("2025-H2"), y, h1, h2, ledger.YearPeriod(2027)}
	for i := range order {
		for j := range order {
			if got := order[i].Before(order[j]); got != (i < j) {
				t.Errorf("%s.Before(%s) = %v", order[i], order[j], got)
			}
			if (order[i].String() < order[j].String()) != (i < j) {
				t.Errorf("names of %s and %s sort otherwise", order[i], order[j])
			}
		}
	}
}

func TestPeriodicity(t *testing.T) {
	for in, want := range map[string]ledger.Periodicity{"": ledger.ByHalfYear, "half": ledger.ByHalfYear, " Year ": ledger.ByYear} {
		if w, err := ledger.ParsePeriodicity(in); err != nil || w != want {
			t.Errorf("ParsePeriodicity(%q) = %q, %v", in, w, err)
		}
	}
	if _, err := ledger.ParsePeriodicity("quarter"); ledger.ErrorField(err) != "periods" {
		t.Errorf("quarter: %v", err)
	}
	y, h1, h2 := ledger.YearPeriod(2026), ledger.MustPeriod("2026-H1"), ledger.MustPeriod("2026-H2")
	if !ledger.ByYear.Fits(y) || ledger.ByYear.Fits(h1) || !ledger.ByHalfYear.Fits(h2) || ledger.ByHalfYear.Fits(y) || ledger.ByYear.Fits(ledger.Period{}) {
		t.Error("Fits wrong")
	}
	d := ledger.NewDate(2026, 8, 3)
	if ledger.ByYear.PeriodOf(d) != y || ledger.ByHalfYear.PeriodOf(d) != h2 {
		t.Error("PeriodOf wrong")
	}
	if fmt.Sprint(ledger.ByYear.Periods(2026)) != "[2026]" || fmt.Sprint(ledger.ByHalfYear.Periods(2026)) != "[2026-H1 2026-H2]" {
		t.Errorf("Periods %v %v", ledger.ByYear.Periods(2026), ledger.ByHalfYear.Periods(2026))
	}
	// A closing carries into the next period as the next year is kept.
	for _, c := range []struct {
		w        ledger.Periodicity
		from, to string
	}{
		{ledger.ByHalfYear, "2026-H1", "2026-H2"}, {ledger.ByYear, "2026-H1", "2026-H2"},
		{ledger.ByHalfYear, "2026-H2", "2027-H1"}, {ledger.ByYear, "2026-H2", "2027"},
		{ledger.ByYear, "2026", "2027"}, {ledger.ByHalfYear, "2026", "2027-H1"},
	} {
		if got := c.w.NextAfter(ledger.MustPeriod(c.from)); got != ledger.MustPeriod(c.to) {
			t.Errorf("%s: after %s comes %s, want %s", c.w, c.from, got, c.to)
		}
	}
	if y.Periodicity() != ledger.ByYear || h1.Periodicity() != ledger.ByHalfYear {
		t.Error("Periodicity of a period wrong")
	}
}

func TestParseDate(t *testing.T) {
	ok := map[string]string{
		"2026-01-05": "2026-01-05",
		"05/01/2026": "2026-01-05",
		"5/1/2026":   "2026-01-05",
		"29/02/2024": "2024-02-29",
		"31/12/2026": "2026-12-31",
	}
	for in, want := range ok {
		d, err := ledger.ParseDate(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseDate(%q) = %s, %v; want %s", in, d, err, want)
		}
	}
	for _, in := range []string{"", "2026-1-5", "29/02/2026", "31/04/2026", "2026-13-01", "05/01/26", "05-01-2026", "1/1/1999", "x/1/2026", "00/01/2026"} {
		if _, err := ledger.ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) accepted", in)
		} else if ledger.ErrorField(err) != "date" {
			t.Errorf("ParseDate(%q): field %q", in, ledger.ErrorField(err))
		}
	}
	d := ledger.NewDate(2026, 1, 5)
	if d.VN() != "05/01/2026" || d.Long() != "ngày 05 tháng 01 năm 2026" {
		t.Errorf("VN %q Long %q", d.VN(), d.Long())
	}
}

// FuzzParseDate: parsing never panics; an accepted date prints back in both
// forms to text that parses to the same day.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-01-05", "05/01/2026", "29/02/2024", "31/04/2026", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ledger.ParseDate(s)
		if err != nil {
			return
		}
		for _, form := range []string{d.String(), d.VN()} {
			if back, err := ledger.ParseDate(form); err != nil || back != d {
				t.Fatalf("ParseDate(%q) = %s; %q parses to %s, %v", s, d, form, back, err)
			}
		}
	})
}

// FuzzParsePeriod: accepted periods print back to themselves.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2026-H1", "2026-h2", "2026-H3", "", "2026", "0000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ledger.ParsePeriod(s)
		if err != nil {
			return
		}
		if back, err := ledger.ParsePeriod(p.String()); err != nil || back != p {
			t.Fatalf("ParsePeriod(%q) = %s; reparse %s, %v", s, p, back, err)
		}
	})
}
