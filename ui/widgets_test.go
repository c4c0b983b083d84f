package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"wardledger/ledger"
)

func TestMoneyEntryGroupsAsTyped(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	e := newMoneyEntry()
	w.SetContent(e)
	steps := []struct{ typed, want string }{
		{"1", "1"}, {"2", "12"}, {"3", "123"}, {"4", "1.234"}, {"5", "12.345"}, {"6", "123.456"}, {"7", "1.234.567"},
	}
	w.Canvas().Focus(e)
	for _, s := range steps {
		e.TypedRune([]rune(s.typed)[0])
		if e.Text != s.want {
			t.Fatalf("after %q: %q, want %q", s.typed, e.Text, s.want)
		}
		if e.CursorColumn != len([]rune(e.Text)) {
			t.Fatalf("cursor at %d in %q, want the end", e.CursorColumn, e.Text)
		}
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if e.Text != "123.456" {
		t.Errorf("after Backspace: %q", e.Text)
	}
	// Dots typed by habit are ignored; the grouping stays right.
	e.TypedRune('.')
	e.TypedRune('0')
	if e.Text != "1.234.560" {
		t.Errorf("typing a dot then 0: %q", e.Text)
	}
	if m, err := e.Value(); err != nil || m != 1_234_560 {
		t.Errorf("value %d, %v", m, err)
	}
	// Editing in the middle keeps the cursor among the same digits.
	e.CursorColumn = 1 // after "1"
	e.TypedRune('9')
	if e.Text != "19.234.560" || e.CursorColumn != 2 {
		t.Errorf("insert in the middle: %q, cursor %d", e.Text, e.CursorColumn)
	}
	// A minus for a reduction, leading zeros dropped.
	e.SetText("")
	for _, r := range "-005000" {
		e.TypedRune(r)
	}
	if e.Text != "-5.000" {
		t.Errorf("negative: %q", e.Text)
	}
	// A comma is left for ParseMoney to refuse with its reason.
	e.SetText("")
	for _, r := range "12,5" {
		e.TypedRune(r)
	}
	if _, err := e.Value(); err == nil || ledger.ErrorField(err) != "amount" || !contains(err.Error(), "dấu phẩy") {
		t.Errorf("comma accepted or wrong reason: %v", err)
	}
}

func TestParseFormDate(t *testing.T) {
	p := ledger.MustPeriod("2026-H1")
	cases := []struct{ in, want, err string }{
		{"05/03/2026", "05/03/2026", ""},
		{"5/3/2026", "05/03/2026", ""},
		{"5/3", "05/03/2026", ""},
		{"0503", "05/03/2026", ""},
		{"05032025", "05/03/2025", ""},
		{"5/3/26", "05/03/2026", ""},
		{"2026-03-05", "05/03/2026", ""},
		{"", "", "chưa nhập ngày"},
		{"31/2", "", "dd/mm/yyyy"},
		{"hôm qua", "", "không hợp lệ"},
	}
	for _, c := range cases {
		d, err := parseFormDate(c.in, p)
		if c.err != "" {
			if err == nil || !contains(err.Error(), c.err) || ledger.ErrorField(err) != "date" {
				t.Errorf("%q: err %v, want %q at date", c.in, err, c.err)
			}
			continue
		}
		if err != nil || d.VN() != c.want {
			t.Errorf("%q → %s, %v; want %s", c.in, d.VN(), err, c.want)
		}
	}
}

func TestCodePickerArrows(t *testing.T) {
	test.NewTempApp(t)
	cat := ledger.NewCatalogue([]ledger.Code{
		{Level: ledger.LevelTieuMuc, Code: "6501", Name: "Tiền điện", Parent: "6500"},
		{Level: ledger.LevelTieuMuc, Code: "6601", Name: "Cước phí điện thoại", Parent: "6600"},
	})
	p := newCodePicker(ledger.LevelTieuMuc, func() *ledger.Catalogue { return cat }, "")
	f := newField("tieu_muc", "Tiểu mục", p)
	p.bind(f)
	w := test.NewWindow(f.object())
	defer w.Close()
	typeInto(w, p, "điện")
	if !contains(f.note.Text, "6501 Tiền điện (1/2") {
		t.Fatalf("hint = %q", f.note.Text)
	}
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if !contains(f.note.Text, "6601") {
		t.Fatalf("after ↓ hint = %q", f.note.Text)
	}
	p.commit()
	if p.Text != "6601" || f.note.Text != "Cước phí điện thoại" {
		t.Errorf("chosen %q, hint %q", p.Text, f.note.Text)
	}
}

func TestTranslations(t *testing.T) {
	registerTranslations()
	for key, want := range map[string]string{"Cancel": "Hủy", "OK": "Đồng ý", "Yes": "Có", "No": "Không", "Error": "Lỗi", "Open": "Mở", "Save": "Lưu"} {
		if got := lang.L(key); got != want {
			t.Errorf("lang.L(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestDisplayUnit(t *testing.T) {
	cases := []struct {
		u    displayUnit
		m    ledger.Money
		want string
	}{
		{unitDong, 1_234_567, "1.234.567"},
		{unitDong, -1_234_567, "(1.234.567)"},
		{unitDong, 0, "-"},
		{unitThousand, 1_234_567, "1.235"},
		{unitThousand, -1_234_499, "(1.234)"},
		{unitMillion, 1_500_000, "2"},
	}
	for _, c := range cases {
		if got := c.u.report(c.m); got != c.want {
			t.Errorf("%s.report(%d) = %q, want %q", c.u, c.m, got, c.want)
		}
	}
	if parseDisplayUnit("nghin") != unitThousand || parseDisplayUnit("") != unitDong {
		t.Error("parseDisplayUnit")
	}
}
