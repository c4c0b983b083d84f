package ledger_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"wardledger/ledger"
)

func TestFold(t *testing.T) {
	key := "chi tien dien"
	same := []string{
		"Chi tiền Điện", "chi tien dien", "CHI TIỀN ĐIỆN", "  Chi   tiền\tĐiện\n",
		norm.NFD.String("Chi tiền Điện"), "Chi tie\u0302\u0300n \u0110ie\u0323\u0302n", // Unikey tổ hợp, dot first
		"Chi tiê\u0300n Điê\u0323n", "Chi\u00a0tiền\u200b Ðiện", // no-break space, zero-width space, eth for Đ
	}
	for _, s := range same {
		if got := ledger.Fold(s); got != key {
			t.Errorf("Fold(%+q) = %q, want %q", s, got, key)
		}
	}
	for s, want := range map[string]string{
		"":                         "",
		"6501":                     "6501",
		"Ủy ban nhân dân Phường Ô": "uy ban nhan dan phuong o",
		"Quỹ ơ ư ă â ê ô":          "quy o u a a e o",
		"Sửa chữa  nhỏ":            "sua chua nho",
		"Ελλάδα":                   "ελλαδα",
		"Hội nghị":                 "hoi nghi",
		"Đường điện":               "duong dien",
		"6501 Internet":            "6501 internet",
	} {
		if got := ledger.Fold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
	// Hangul folds to its jamo, however it was typed.
	if got, want := ledger.Fold("한국"), ledger.Fold(norm.NFD.String("한국")); got != want {
		t.Errorf("Fold of Hangul: %+q and %+q decomposed", got, want)
	}
	if got := ledger.Fold(norm.NFD.String("Điện")); !strings.Contains(ledger.Fold("Chi tiền Điện tháng 3"), got) {
		t.Errorf("a decomposed query does not find its composed text")
	}
	if n := testing.AllocsPerRun(100, func() { _ = ledger.Fold("chi tien dien 6501") }); n != 0 {
		t.Errorf("Fold of a folded ASCII string allocates %v times", n)
	}
}

func TestCheckText(t *testing.T) {
	memo1000 := strings.Repeat("ệ", 1000) // 3000 bytes: within the limit in characters
	for _, s := range []string{"", "123/QĐ-UBND", memo1000[:len(memo1000)-3] + "a", "Hà Nội ☎ 😀"} {
		if err := ledger.CheckText("doc", s, 1000); err != nil {
			t.Errorf("CheckText(%q…) = %v", s[:min(len(s), 20)], err)
		}
	}
	if err := ledger.CheckMultilineText("memo", "dòng một\n\tdòng hai", 100); err != nil {
		t.Errorf("memo with a line break and a tab refused: %v", err)
	}
	cases := []struct {
		s    string
		says []string
	}{
		{"PC\u202e100", []string{"Số chứng từ", "U+202E", "RIGHT-TO-LEFT OVERRIDE", "ký tự thứ 3"}},
		{"\u2066x", []string{"U+2066", "ký tự thứ 1"}},
		{"ab\u061c", []string{"U+061C", "ký tự thứ 3"}},
		{"ab\u200f", []string{"U+200F"}},
		{"a\x00b", []string{"điều khiển U+0000", "ký tự thứ 2"}},
		{"a\u0085b", []string{"U+0085"}},
		{"a\x7f", []string{"U+007F"}},
		{"dòng\nhai", []string{"xuống dòng", "ký tự thứ 5"}},
		{"a\rb", []string{"xuống dòng"}},
		{"a\tb", []string{"tab"}},
		{"Hà\xffNội", []string{"0xFF", "UTF-8", "ký tự thứ 3"}},
		{"ti\uFFFDn", []string{"U+FFFD"}},
		{strings.Repeat("ệ", 101), []string{"dài 101 ký tự", "tối đa 100"}},
	}
	for _, c := range cases {
		err := ledger.CheckText("doc", c.s, 100)
		if err == nil || ledger.ErrorField(err) != "doc" || ledger.ErrorKind(err) != ledger.KindInvalid {
			t.Errorf("CheckText(%+q) = %v, want a field error on doc", c.s, err)
			continue
		}
		for _, says := range c.says {
			if !strings.Contains(err.Error(), says) {
				t.Errorf("CheckText(%+q) = %q, want it to say %q", c.s, err, says)
			}
		}
	}
	for _, s := range []string{"a\u202eb", "a\rb", "a\x01b", "a\xc3"} {
		if ledger.CheckMultilineText("memo", s, 100) == nil {
			t.Errorf("CheckMultilineText(%+q) accepted", s)
		}
	}
}

func TestIsBlank(t *testing.T) {
	for _, s := range []string{"", " ", "\t\n", "\u200b", "\u200c\u200d", "\u2060", "\ufeff", "\u00ad", "\u3000\u00a0", "\u3164", "\u180e", "\u2800", "\u034f"} {
		if !ledger.IsBlank(s) {
			t.Errorf("IsBlank(%+q) = false", s)
		}
	}
	for _, s := range []string{"a", " 1 ", "\u200b.", "Đ"} {
		if ledger.IsBlank(s) {
			t.Errorf("IsBlank(%+q) = true", s)
		}
	}
}

func TestNormalizeText(t *testing.T) {
	for s, want := range map[string]string{
		"  Chi tie\u0302\u0300n  ":     "Chi tiền",
		"\u200b123/QĐ\ufeff\u00a0":     "123/QĐ",
		"\u202e100":                    "\u202e100", // kept, so that CheckText refuses it
		"a  b":                         "a  b",
		norm.NFD.String("Nguyễn Trãi"): "Nguyễn Trãi",
	} {
		if got := ledger.NormalizeText(s); got != want {
			t.Errorf("NormalizeText(%+q) = %+q, want %+q", s, got, want)
		}
	}
	if got := ledger.NormalizeMultiline(" dòng một\r\ndòng hai\rba\n"); got != "dòng một\ndòng hai\nba" {
		t.Errorf("NormalizeMultiline = %+q", got)
	}
}

// TestEntryText: the store normalises then validates every entry; the doc
// and memo are NFC, their limits are characters, hidden controls and a
// doc of invisible characters are refused.
func TestEntryText(t *testing.T) {
	e := entry(ledger.EntrySpending, ledger.TX, 1000)
	e.Unit, e.Khoan, e.TieuMuc = " 1000002 ", "341 ", " 6001"
	e.Doc, e.Memo = " "+norm.NFD.String("12/QĐ-UBND")+"\u200b", norm.NFD.String("Chi tiền điện")+"\r\nlần 2 "
	e.Normalize()
	if e.Unit != "1000002" || e.Khoan != "341" || e.TieuMuc != "6001" || e.Doc != "12/QĐ-UBND" || e.Memo != "Chi tiền điện\nlần 2" {
		t.Errorf("Normalize: %+q", []string{e.Unit, e.Khoan, e.TieuMuc, e.Doc, e.Memo})
	}
	if err := e.Validate(nil); err != nil {
		t.Fatalf("normalised entry refused: %v", err)
	}
	// A Vietnamese memo of 1000 characters is 3000 bytes: it was refused
	// when the limit counted bytes.
	long := *e
	long.Memo = strings.Repeat("ệ", ledger.MaxMemoRunes)
	if err := long.Validate(nil); err != nil {
		t.Errorf("memo of %d Vietnamese characters refused: %v", ledger.MaxMemoRunes, err)
	}
	long.Memo += "a"
	if err := long.Validate(nil); ledger.ErrorField(err) != "memo" {
		t.Errorf("memo of %d characters: %v", ledger.MaxMemoRunes+1, err)
	}
	long = *e
	long.Doc = strings.Repeat("Đ", ledger.MaxDocRunes)
	if err := long.Validate(nil); err != nil {
		t.Errorf("doc of %d characters refused: %v", ledger.MaxDocRunes, err)
	}
	for _, c := range []struct{ field, doc, memo, says string }{
		{"doc", "\u200b\u200c\u200d\u2060\ufeff\u00ad", "", "chưa nhập số chứng từ"},
		{"doc", "\u3000 \u00a0", "", "chưa nhập số chứng từ"},
		{"doc", "PC\u202e001", "", "U+202E"},
		{"doc", "PC\n001", "", "xuống dòng"},
		{"memo", "1", "tiền \u2067điện", "U+2067"},
		{"memo", "1", "tiền\x1bđiện", "U+001B"},
	} {
		bad := *e
		bad.Doc, bad.Memo = c.doc, c.memo
		bad.Normalize()
		err := bad.Validate(nil)
		if ledger.ErrorField(err) != c.field || err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("doc %+q memo %+q: %v, want an error on %s saying %q", c.doc, c.memo, err, c.field, c.says)
		}
	}
}

func TestUnitCodeApprovalText(t *testing.T) {
	u := ledger.Unit{Code: " 1000002", Name: norm.NFD.String(" UBND phường Nguyễn Trãi\u200b "), Chapter: "599 "}
	u.Normalize()
	if u != (ledger.Unit{Code: "1000002", Name: "UBND phường Nguyễn Trãi", Chapter: "599"}) {
		t.Errorf("Unit.Normalize: %+v", u)
	}
	if err := u.Validate(); err != nil {
		t.Errorf("unit refused: %v", err)
	}
	for _, name := range []string{"\u200b\u00ad", "UBND \u202ephường", strings.Repeat("ư", ledger.MaxNameRunes+1)} {
		bad := u
		bad.Name = name
		bad.Normalize()
		if err := bad.Validate(); ledger.ErrorField(err) != "name" {
			t.Errorf("unit name %+q: %v", name, err)
		}
	}

	c := ledger.Code{Level: ledger.LevelTieuMuc, Code: "6501 ", Name: norm.NFD.String("Tiền điện "), Parent: " 6500"}
	c.Normalize()
	if c.Code != "6501" || c.Name != "Tiền điện" || c.Parent != "6500" {
		t.Errorf("Code.Normalize: %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("code refused: %v", err)
	}
	c.Name = "Tiền\u2066 điện"
	if err := c.Validate(); ledger.ErrorField(err) != "name" {
		t.Errorf("code name with an isolate: %v", err)
	}

	a := ledger.Approval{Row: " 18", Khoan: "341 ", Reason: norm.NFD.String(" Chi sai mục\r\nđã xuất toán ")}
	a.Normalize()
	if a.Row != "18" || a.Khoan != "341" || a.Reason != "Chi sai mục\nđã xuất toán" {
		t.Errorf("Approval.Normalize: %+v", a)
	}
}

func TestCheckApprovalText(t *testing.T) {
	f := mustForm(t)
	reported, err := f.BuildStatement("1000002", ledger.MustPeriod("2026-H1"),
		[]ledger.Total{{Khoan: "341", Nature: ledger.TX, Kind: ledger.EntrySpending, TieuMuc: "6001", Amount: 100}})
	if err != nil {
		t.Fatal(err)
	}
	row := ""
	for _, r := range f.Rows {
		if r.IsInput() {
			row = r.Code
			break
		}
	}
	for _, c := range []struct {
		reason string
		ok     bool
	}{
		{"Chi sai chế độ", true},
		{"\u200b \u00ad", false},
		{"Chi sai \u202echế độ", false},
		{strings.Repeat("ệ", ledger.MaxReasonRunes+1), false},
	} {
		err := f.CheckApproval(reported, ledger.Approval{Row: row, Khoan: "341", Approved: 1, Reason: c.reason})
		if (err == nil) != c.ok || err != nil && ledger.ErrorField(err) != "reason" {
			t.Errorf("reason %+q: %v", c.reason[:min(len(c.reason), 20)], err)
		}
	}
}

func TestCheckReasonCommentSetting(t *testing.T) {
	if err := ledger.CheckReason("ghi nhầm số tiền"); err != nil {
		t.Errorf("reason refused: %v", err)
	}
	for _, r := range []string{"", " \u200b", "ghi \u202anhầm"} {
		if err := ledger.CheckReason(r); ledger.ErrorField(err) != "reason" {
			t.Errorf("CheckReason(%+q) = %v", r, err)
		}
	}
	if err := ledger.CheckComment(""); err != nil {
		t.Errorf("empty comment refused: %v", err)
	}
	if err := ledger.CheckComment("Đề nghị\nbổ sung \u2068chứng từ"); ledger.ErrorField(err) != "comment" {
		t.Errorf("comment with an isolate: %v", err)
	}
	if err := ledger.CheckSetting(ledger.SettingPlace, "Hà Đông"); err != nil {
		t.Errorf("setting refused: %v", err)
	}
	if err := ledger.CheckSetting(ledger.SettingHeadName, "Nguyễn Văn \u202eA"); ledger.ErrorField(err) != "value" {
		t.Errorf("setting with an override: %v", err)
	}
	if err := ledger.CheckSetting("", "x"); ledger.ErrorField(err) != "key" {
		t.Errorf("empty key: %v", err)
	}
}

// TestFoldEveryCodePoint: a code point folds as its decomposition does,
// and alike wherever it stands.
func TestFoldEveryCodePoint(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		got := ledger.Fold(s)
		if d := norm.NFD.String(s); ledger.Fold(d) != got {
			t.Errorf("Fold(%U) = %+q, Fold of its NFD = %+q", r, got, ledger.Fold(d))
		}
		// Between letters it folds as alone (white space aside).
		if ctx := ledger.Fold("ա" + s + "ա"); got != "" && ctx != "ա"+got+"ա" {
			t.Errorf("Fold(%U) = %+q alone, %+q between letters", r, got, ctx)
		}
		if t.Failed() {
			t.FailNow()
		}
	}
}

func FuzzFold(f *testing.F) {
	f.Add("Chi tiền Điện")
	f.Add(norm.NFD.String("CHI TIỀN ĐIỆN  tháng\t3"))
	f.Add("\u200bÐiê\u0323n\u034f\u0316\u1100\u1161")
	f.Fuzz(func(t *testing.T, s string) {
		for _, s := range []string{s, alphabetText([]byte(s))} {
			if !utf8.ValidString(s) {
				continue // CheckText refuses it: it never becomes a key
			}
			k := ledger.Fold(s)
			for _, form := range []string{ledger.NFC(s), norm.NFD.String(s), norm.NFC.String(s)} {
				if got := ledger.Fold(form); got != k {
					t.Fatalf("Fold(%+q) = %+q but Fold(%+q) = %+q", s, k, form, got)
				}
			}
			if again := ledger.Fold(k); again != k {
				t.Fatalf("Fold is not idempotent on %+q: %+q, %+q", s, k, again)
			}
			if strings.Contains(k, "  ") || strings.TrimSpace(k) != k {
				t.Fatalf("Fold(%+q) = %+q keeps white space", s, k)
			}
		}
	})
}

func BenchmarkFold(b *testing.B) {
	decomposed := norm.NFD.String(vietnameseMemo)
	for _, c := range []struct{ name, s string }{
		{"composed", vietnameseMemo}, {"decomposed", decomposed}, {"folded", ledger.Fold(vietnameseMemo)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.s)))
			for b.Loop() {
				_ = ledger.Fold(c.s)
			}
		})
	}
}
