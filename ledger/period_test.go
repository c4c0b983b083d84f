package ledger_test

import (
	"testing"

	"wardledger/ledger"
)

func TestParsePeriod(t *testing.T) {
	for _, s := range []string{"2026-H1", "2026-h2", " 2021-H2 "} {
		if _, err := ledger.ParsePeriod(s); err != nil {
			t.Errorf("ParsePeriod(%q): %v", s, err)
		}
	}
	for _, s := range []string{"", "2026", "2026-H3", "2026H1", "26-H1", "1999-H1", "abcd-H1", "2026-H12"} {
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
	for _, s := range []string{"2026-H1", "2026-h2", "2026-H3", ""} {
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
