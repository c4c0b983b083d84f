package ledger_test

import (
	"math"
	"strings"
	"testing"

	"wardledger/ledger"
)

func TestParseMoney(t *testing.T) {
	ok := []struct {
		in   string
		want ledger.Money
	}{
		{"1.234.567", 1234567},
		{"1234567", 1234567},
		{"1 234 567", 1234567},
		{"-5.000", -5000},
		{"(5.000)", -5000},
		{"  42 ", 42},
		{"+7", 7},
		{"0", 0},
		{"1.000.000.000.000.000", ledger.MaxAmount},
		{"-1.000.000.000.000.000", -ledger.MaxAmount},
		{"1.250.000.000", 1_250_000_000},
	}
	for _, c := range ok {
		got, err := ledger.ParseMoney(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	bad := []struct {
		in, says string
	}{
		{"1,5", "dấu phẩy"},
		{"12a", "ký tự không hợp lệ"},
		{"", "chưa nhập"},
		{"   ", "chưa nhập"},
		{"9.223.372.036.854.775.807", "vượt giới hạn 1.000.000.000.000.000"},
		{"9.223.372.036.854.775.808", "vượt giới hạn"},
		{"99999999999999999999", "vượt giới hạn"},
		{"1.000.000.000.000.001", "vượt giới hạn"},
		{"1.5", "nhóm chữ số sai"},
		{"1.23.456", "nhóm chữ số sai"},
		{"1.234 567", "trộn lẫn"},
		{"()", "không có chữ số"},
		{"1.234,50", "dấu phẩy"},
	}
	for _, c := range bad {
		_, err := ledger.ParseMoney(c.in)
		if err == nil {
			t.Errorf("ParseMoney(%q) accepted", c.in)
			continue
		}
		if !strings.Contains(err.Error(), c.says) {
			t.Errorf("ParseMoney(%q) error %q does not say %q", c.in, err, c.says)
		}
		if ledger.ErrorKind(err) != ledger.KindInvalid || ledger.ErrorField(err) != "amount" {
			t.Errorf("ParseMoney(%q): kind %v field %q", c.in, ledger.ErrorKind(err), ledger.ErrorField(err))
		}
	}
}

func TestMoneyFormat(t *testing.T) {
	cases := []struct {
		m              ledger.Money
		str, report    string
		thousands, mil ledger.Money
	}{
		{0, "0", "0", 0, 0},
		{999, "999", "999", 1, 0},
		{1000, "1.000", "1.000", 1, 0},
		{1234567, "1.234.567", "1.234.567", 1235, 1},
		{-5000, "-5.000", "(5.000)", -5, 0},
		{-1500, "-1.500", "(1.500)", -2, 0},
		{1499, "1.499", "1.499", 1, 0},
		{2_500_000, "2.500.000", "2.500.000", 2500, 3},
		{math.MinInt64, "-9.223.372.036.854.775.808", "(9.223.372.036.854.775.808)", -9223372036854776, -9223372036855},
	}
	for _, c := range cases {
		if got := c.m.String(); got != c.str {
			t.Errorf("%d.String() = %q, want %q", c.m, got, c.str)
		}
		if got := c.m.Report(); got != c.report {
			t.Errorf("%d.Report() = %q, want %q", c.m, got, c.report)
		}
		if got := c.m.Thousands(); got != c.thousands {
			t.Errorf("%d.Thousands() = %d, want %d", c.m, got, c.thousands)
		}
		if got := c.m.Millions(); got != c.mil {
			t.Errorf("%d.Millions() = %d, want %d", c.m, got, c.mil)
		}
	}
}

func TestSumOverflow(t *testing.T) {
	var s ledger.Sum
	s.Add(math.MaxInt64)
	s.Add(1)
	if _, err := s.Value("test"); err == nil {
		t.Error("MaxInt64+1 accepted")
	}
	s = ledger.Sum{}
	s.Add(math.MinInt64)
	s.Sub(1)
	if _, err := s.Value("test"); err == nil {
		t.Error("MinInt64-1 accepted")
	}
	s = ledger.Sum{}
	s.Sub(math.MinInt64)
	if _, err := s.Value("test"); err == nil {
		t.Error("-MinInt64 accepted")
	}
	s = ledger.Sum{}
	s.Add(5)
	s.Sub(7)
	if v, err := s.Value("test"); err != nil || v != -2 {
		t.Errorf("5-7 = %d, %v", v, err)
	}
}

// AddAbs sums magnitudes, MinInt64's included as an overflow; SumEntries
// refuses entries whose amounts, each within the limit, add beyond int64.
func TestSumMagnitudeAndEntries(t *testing.T) {
	var s ledger.Sum
	s.AddAbs(-5)
	s.AddAbs(7)
	if v, err := s.Value("test"); err != nil || v != 12 {
		t.Errorf("|-5|+|7| = %d, %v", v, err)
	}
	s = ledger.Sum{}
	s.AddAbs(math.MinInt64)
	if _, err := s.Value("test"); err == nil {
		t.Error("|MinInt64| accepted")
	}
	var es []*ledger.Entry
	for range 9224 { // 9224 × 10^15 > MaxInt64
		es = append(es, &ledger.Entry{Amount: ledger.MaxAmount})
	}
	if v, err := ledger.SumEntries("test", es[:9223]); err != nil || v != 9223*ledger.MaxAmount {
		t.Errorf("9223 × 10^15 = %s, %v", v, err)
	}
	if v, err := ledger.SumEntries("test", es); err == nil || ledger.ErrorKind(err) != ledger.KindInvalid {
		t.Errorf("9224 × 10^15 = %s, %v: want an overflow error", v, err)
	}
}

// One limit for an amount: 10^15 đồng parses, one đồng more is refused as
// an error of the amount field that names the limit.
func TestMaxAmount(t *testing.T) {
	if m, err := ledger.ParseMoney("1.000.000.000.000.000"); err != nil || m != ledger.MaxAmount {
		t.Fatalf("10^15: %v, %v", m, err)
	}
	for _, s := range []string{"1.000.000.000.000.001", "-1.000.000.000.000.001", "9.223.372.036.854.775.807", "99999999999999999999"} {
		_, err := ledger.ParseMoney(s)
		if err == nil || ledger.ErrorField(err) != "amount" || ledger.ErrorKind(err) != ledger.KindInvalid ||
			!strings.Contains(err.Error(), "1.000.000.000.000.000") {
			t.Errorf("%s: %v", s, err)
		}
	}
}

// FuzzParseMoney: whatever the input, parsing never panics, and an accepted
// amount prints back (String) to text that parses to the same amount.
func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"1.234.567", "1234567", "1 234 567", "-5.000", "(5.000)", "1,5", "12a", "", "9.223.372.036.854.775.807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ledger.ParseMoney(s)
		if err != nil {
			if ledger.ErrorKind(err) != ledger.KindInvalid {
				t.Fatalf("ParseMoney(%q): error kind %v", s, ledger.ErrorKind(err))
			}
			return
		}
		back, err := ledger.ParseMoney(m.String())
		if err != nil || back != m {
			t.Fatalf("ParseMoney(%q) = %d, but %q parses to %d, %v", s, m, m.String(), back, err)
		}
		if r, err := ledger.ParseMoney(m.Report()); err != nil || r != m {
			t.Fatalf("Report form %q of %d parses to %d, %v", m.Report(), m, r, err)
		}
	})
}
