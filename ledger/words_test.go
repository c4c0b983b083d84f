package ledger_test

import (
	"math"
	"strings"
	"testing"
	"unicode"

	"wardledger/ledger"
)

func TestWords(t *testing.T) {
	for _, c := range []struct {
		n    ledger.Money
		want string
	}{
		{0, "Không đồng"},
		{1, "Một đồng"},
		{5, "Năm đồng"},
		{10, "Mười đồng"},
		{11, "Mười một đồng"},
		{14, "Mười bốn đồng"},
		{15, "Mười lăm đồng"},
		{20, "Hai mươi đồng"},
		{21, "Hai mươi mốt đồng"},
		{24, "Hai mươi tư đồng"},
		{25, "Hai mươi lăm đồng"},
		{55, "Năm mươi lăm đồng"},
		{100, "Một trăm đồng"},
		{101, "Một trăm lẻ một đồng"},
		{105, "Một trăm lẻ năm đồng"},
		{110, "Một trăm mười đồng"},
		{115, "Một trăm mười lăm đồng"},
		{1000, "Một nghìn đồng"},
		{1005, "Một nghìn không trăm lẻ năm đồng"},
		{1015, "Một nghìn không trăm mười lăm đồng"},
		{1050, "Một nghìn không trăm năm mươi đồng"},
		{10_000, "Mười nghìn đồng"},
		{15_000, "Mười lăm nghìn đồng"},
		{21_000, "Hai mươi mốt nghìn đồng"},
		{105_000, "Một trăm lẻ năm nghìn đồng"},
		{1_000_001, "Một triệu không trăm lẻ một đồng"},
		{1_001_000, "Một triệu không trăm lẻ một nghìn đồng"},
		{2_500_000, "Hai triệu năm trăm nghìn đồng"},
		{45_000_000, "Bốn mươi lăm triệu đồng"},
		{1_250_000_000, "Một tỷ hai trăm năm mươi triệu đồng"},
		{1_000_000_005, "Một tỷ không trăm lẻ năm đồng"},
		{4_420_830_830, "Bốn tỷ bốn trăm hai mươi triệu tám trăm ba mươi nghìn tám trăm ba mươi đồng"},
		{1_000_000_000_000, "Một nghìn tỷ đồng"},
		{1_000_000_000_000_000, "Một triệu tỷ đồng"},
		{-45_000_000, "Âm bốn mươi lăm triệu đồng"},
		{ledger.Money(math.MaxInt64), "Chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu tỷ " +
			"tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm lẻ bảy đồng"},
	} {
		if got := ledger.Words(c.n); got != c.want {
			t.Errorf("Words(%d) = %q, want %q", c.n, got, c.want)
		}
	}
	if got := ledger.Words(math.MinInt64); !strings.HasPrefix(got, "Âm chín tỷ hai trăm") || !strings.HasSuffix(got, "tám trăm lẻ tám đồng") {
		t.Errorf("Words(MinInt64) = %q", got)
	}
}

// FuzzWords: every amount has words, capitalised, in đồng, without doubled
// spaces, and never "mươi một" / "mươi năm" / "mười năm".
func FuzzWords(f *testing.F) {
	for _, n := range []int64{0, 1, 15, 21, 105, 1005, 1_250_000_000, math.MaxInt64, math.MinInt64} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, n int64) {
		w := ledger.Words(ledger.Money(n))
		first := []rune(w)[0]
		if !strings.HasSuffix(w, " đồng") || strings.Contains(w, "  ") || !unicode.IsUpper(first) {
			t.Fatalf("Words(%d) = %q", n, w)
		}
		for _, bad := range []string{"mươi một", "mươi năm", "mười năm", "mươi bốn", "lẻ mười"} {
			if strings.Contains(w, bad+" ") || strings.HasSuffix(w, bad+" đồng") {
				t.Fatalf("Words(%d) = %q has %q", n, w, bad)
			}
		}
	})
}
