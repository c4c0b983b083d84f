package ledger_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"wardledger/ledger"
)

// nfcEqual fails t when ledger.NFC differs from x/text's NFC on s.
func nfcEqual(t *testing.T, s string) {
	t.Helper()
	if got, want := ledger.NFC(s), norm.NFC.String(s); got != want {
		t.Errorf("NFC(%+q) = %+q, want %+q", s, got, want)
	}
}

// TestNFCEveryCodePoint compares with x/text on every code point alone;
// those that are not plain starters also in their canonical and
// compatibility decompositions (sequences of several marks), after a letter
// and before Vietnamese marks.
func TestNFCEveryCodePoint(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		nfcEqual(t, s)
		if plainStarter(s) {
			continue
		}
		nfcEqual(t, "a"+s+"\u0301")
		nfcEqual(t, s+"\u0323\u0302")
		nfcEqual(t, norm.NFKD.String(s))
		nfcEqual(t, norm.NFD.String(s))
		if t.Failed() {
			t.Fatalf("stopped at %U", r)
		}
	}
}

// plainStarter reports whether s, one code point, neither decomposes nor
// combines with what is around it.
func plainStarter(s string) bool {
	return norm.NFC.PropertiesString(s).CCC() == 0 && norm.NFKD.String(s) == s && norm.NFC.IsNormalString("a"+s)
}

// TestNFCStreamSafe checks where U+034F is inserted in long runs of marks:
// around every code point that is not a plain starter.
func TestNFCStreamSafe(t *testing.T) {
	t.Parallel()
	for r := rune(0x80); r <= utf8.MaxRune; r++ {
		s := string(r)
		if !utf8.ValidRune(r) || plainStarter(s) {
			continue
		}
		// 30-k marks then up to three in s's decomposition: overflow
		// where s counts for more than k.
		for k := 28; k <= 30; k++ {
			marks := strings.Repeat("\u0316", k)
			nfcEqual(t, "a"+marks+s)
			nfcEqual(t, s+marks)
		}
		if t.Failed() {
			t.Fatalf("stopped at %U", r)
		}
	}
	long := "e" + strings.Repeat("\u0301\u0323", 100) + "ê"
	nfcEqual(t, long)
	if got := ledger.NFC(long); ledger.NFC(got) != got {
		t.Errorf("NFC is not idempotent on 200 marks")
	}
}

// TestNFCHangul composes every syllable from its jamo, and T jamo onto
// syllables, with and without marks between.
func TestNFCHangul(t *testing.T) {
	for l := rune(0x1100); l < 0x1113; l++ {
		for v := rune(0x1161); v < 0x1176; v++ {
			lv := string(l) + string(v)
			nfcEqual(t, lv)
			for tj := rune(0x11A7); tj < 0x11C4; tj++ {
				nfcEqual(t, lv+string(tj))
			}
			nfcEqual(t, string(l)+"\u0301"+string(v))
		}
	}
	for _, s := range []string{"\uac00\u11a8", "\uac01\u11a8", "\uac00\u0301\u11a8", "\ud7a3\u11a8", "\u1100\uac00\u1161"} {
		nfcEqual(t, s)
	}
}

// TestNFCCanonicalOrder puts two or three marks in every order after the
// letters that compose with them (the cases of NormalizationTest.txt part 2).
func TestNFCCanonicalOrder(t *testing.T) {
	var marks []string
	for r := rune(0x0300); r <= 0x0345; r++ {
		marks = append(marks, string(r))
	}
	marks = append(marks, "\u05b0", "\u0e38", "\u1dc0", "\u20d0", "\u302a", "\u3099", "\u309a")
	for _, base := range strings.Split("a A e E i o O u U y n c s z g w ơ ư α ω ι υ и к あ か", " ") {
		for _, m1 := range marks {
			for _, m2 := range marks {
				nfcEqual(t, base+m1+m2)
			}
			nfcEqual(t, base+m1+"\u031b\u0323")
			nfcEqual(t, base+"\u0323"+m1+"\u031b")
		}
		if t.Failed() {
			t.Fatalf("stopped at %q", base)
		}
	}
}

// vietnameseVowels are the letters that take a tone, with their modifier.
var vietnameseVowels = []struct{ plain, modified, modifier string }{
	{"a", "a", ""}, {"a", "ă", "\u0306"}, {"a", "â", "\u0302"}, {"e", "e", ""}, {"e", "ê", "\u0302"},
	{"i", "i", ""}, {"o", "o", ""}, {"o", "ô", "\u0302"}, {"o", "ơ", "\u031b"}, {"u", "u", ""},
	{"u", "ư", "\u031b"}, {"y", "y", ""},
}

var vietnameseTones = []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}

// TestNFCVietnamese types every toned vowel, lower and upper case, the ways
// Unikey and copy-paste produce it: precomposed (Unicode dựng sẵn), the
// vowel then the tone (Unicode tổ hợp), fully decomposed, and with the tone
// before the modifier; all give the precomposed letter where Unicode says
// they are the same text.
func TestNFCVietnamese(t *testing.T) {
	for _, v := range vietnameseVowels {
		for _, tone := range vietnameseTones {
			for _, up := range []bool{false, true} {
				plain, modified := v.plain, v.modified
				if up {
					plain, modified = strings.ToUpper(plain), strings.ToUpper(modified)
				}
				composed := norm.NFC.String(modified + tone)
				if n := utf8.RuneCountInString(composed); n != 1 {
					t.Fatalf("%q%+q: x/text gives %d runes", modified, tone, n)
				}
				spellings := []string{composed, modified + tone, norm.NFD.String(composed), plain + v.modifier + tone}
				// The tone first: the same text when the classes differ
				// (dot below 220, horn 216, others 230).
				if tone == "\u0323" || v.modifier == "\u031b" {
					spellings = append(spellings, plain+tone+v.modifier)
				}
				for _, s := range spellings {
					nfcEqual(t, s)
					if got := ledger.NFC(s); got != composed {
						t.Errorf("NFC(%+q) = %+q, want %+q", s, got, composed)
					}
				}
				// Tone before circumflex or breve (both class 230) is a
				// different text; it must still agree with x/text.
				nfcEqual(t, plain+tone+v.modifier)
			}
		}
	}
	composed := "Chi tiền điện tháng 3 – Phường Nguyễn Trãi, Quận Hà Đông: Ủy ban, quyết toán ngân sách"
	decomposed := norm.NFD.String(composed)
	words, dwords := strings.Split(composed, " "), strings.Split(decomposed, " ")
	for i := range words {
		if i%2 == 1 {
			words[i] = dwords[i]
		}
	}
	for _, s := range []string{composed, decomposed, strings.Join(words, " ")} {
		if got := ledger.NFC(s); got != composed {
			t.Errorf("NFC(%+q) = %+q", s, got)
		}
	}
}

// alphabet is what random and fuzzed texts are made of: starters that
// compose, marks of many classes, Hangul, a starter that combines backward,
// Vietnamese, the grapheme joiner and a byte that is not UTF-8.
var alphabet = []string{
	"a", "e", "o", "u", "A", "E", " ", "d", "đ", "ơ", "ư", "â", "ê", "ô", "ă", "ế", "ệ", "ọ", "Ạ",
	"\u0300", "\u0301", "\u0302", "\u0303", "\u0306", "\u0308", "\u0309", "\u031b", "\u0316", "\u0323", "\u0327",
	"\u0328", "\u0345", "\u0344", "\u0340", "\u05b0", "\u1dc0", "\u0e38",
	"\u1100", "\u1161", "\u11a8", "\uac00", "\uac01", "\u0b47", "\u0b3e", "\u0b57", "\u0cca", "\u0cd5",
	"\u034f", "\u00a8", "\uff9e", "\u1e1c", "\u0228", "\u0114", "\u1f00", "\u03b9", "\xff", "\u212b", "\u0958",
}

func alphabetText(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		s.WriteString(alphabet[int(c)%len(alphabet)])
	}
	return s.String()
}

// TestNFCRandomSequences compares on random texts of the alphabet, long
// runs of marks included.
func TestNFCRandomSequences(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20_000 {
		b := make([]byte, rng.IntN(48))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		s := alphabetText(b)
		nfcEqual(t, s)
		if t.Failed() {
			t.FailNow()
		}
	}
}

// TestNFCDoesNotAllocate: text already in NFC is returned as it is.
func TestNFCDoesNotAllocate(t *testing.T) {
	for _, s := range []string{"Chi tien dien thang 3", "Chi tiền điện tháng 3 – Phường Nguyễn Trãi", "한국어 ελληνικά"} {
		if n := testing.AllocsPerRun(100, func() { _ = ledger.NFC(s) }); n != 0 {
			t.Errorf("NFC(%q) allocates %v times", s, n)
		}
	}
}

func FuzzNFC(f *testing.F) {
	f.Add("Chi tiền điện tháng 1")
	f.Add(norm.NFD.String("Chi tiền điện tháng 1 – Phường Nguyễn Trãi"))
	f.Add("a" + strings.Repeat("\u0316", 29) + "\u0301\u0302\u0323")
	f.Add("\u1100\u1161\u11a8\uac00\u11a8\u0b47\u0b3e\u0cca\u0cd5")
	f.Add("\xffe\u0301\xe1\xbb\u0301")
	f.Fuzz(func(t *testing.T, s string) {
		// The text as given, and the same bytes read as letters and marks
		// of the alphabet, which reaches compositions far more often.
		for _, s := range []string{s, alphabetText([]byte(s))} {
			got := ledger.NFC(s)
			// On bytes that are not UTF-8 the two may differ: x/text takes
			// a byte F0–F7 and what follows near the end for one broken
			// character and leaves it as it is ("\xf6\u0340"); NFC keeps
			// the byte and normalises the rest. CheckText refuses both.
			if want := norm.NFC.String(s); got != want && utf8.ValidString(s) {
				t.Fatalf("NFC(%+q) = %+q, want %+q", s, got, want)
			}
			if again := ledger.NFC(got); again != got {
				t.Fatalf("NFC(NFC(%+q)) = %+q, not %+q", s, again, got)
			}
		}
	})
}

// vietnameseMemo is a realistic memo: what a ward types for a voucher.
const vietnameseMemo = "Chi trả tiền điện, nước tháng 3 năm 2026 cho trụ sở Ủy ban nhân dân phường Nguyễn Trãi " +
	"theo hóa đơn số 0012345 ngày 05/04/2026 của Công ty Điện lực Hà Đông; thanh toán qua Kho bạc Nhà nước."

func BenchmarkNFC(b *testing.B) {
	decomposed := norm.NFD.String(vietnameseMemo)
	for _, c := range []struct{ name, s string }{
		{"composed", vietnameseMemo}, {"decomposed", decomposed}, {"ascii", "Chi tra tien dien nuoc thang 3 nam 2026"},
	} {
		b.Run(c.name+"/ledger", func(b *testing.B) {
			b.SetBytes(int64(len(c.s)))
			for b.Loop() {
				_ = ledger.NFC(c.s)
			}
		})
		b.Run(c.name+"/x-text", func(b *testing.B) {
			b.SetBytes(int64(len(c.s)))
			for b.Loop() {
				_ = norm.NFC.String(c.s)
			}
		})
	}
}
