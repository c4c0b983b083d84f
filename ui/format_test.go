package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

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
	f := widgets.NewField("tieu_muc", "Tiểu mục", p)
	p.bind(f)
	w := test.NewWindow(f.Object())
	defer w.Close()
	typeInto(w, p, "điện")
	if !contains(f.Note.Text, "6501 Tiền điện (1/2") {
		t.Fatalf("hint = %q", f.Note.Text)
	}
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if !contains(f.Note.Text, "6601") {
		t.Fatalf("after ↓ hint = %q", f.Note.Text)
	}
	p.commit()
	if p.Text != "6601" || f.Note.Text != "Cước phí điện thoại" {
		t.Errorf("chosen %q, hint %q", p.Text, f.Note.Text)
	}
}

// fyneStrings are the texts Fyne v2.7.1 looks up (lang.L and lang.X in
// its widgets, dialogs and desktop driver; "grep -rhoP 'lang\.(L|X)\("[^"]*"'"
// over its source lists them): each can reach the screen, so each has
// Vietnamese. The app's own dialogs and file browser replace Fyne's file
// dialog, whose places ("Home", "Documents"…) and "Overwrite?" are not
// looked up at all.
var fyneStrings = []string{
	"Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename", "Error", "File", "Folder",
	"New Folder", "No", "OK", "Open", "Paste", "Quit", "Redo", "Save", "Select all", "Show Hidden Files", "Undo", "Yes",
}

// fyneIDs are the texts Fyne looks up by id, with their English fallback.
var fyneIDs = map[string]string{
	"file.name": "Name", "file.parent": "Parent",
	"monday": "Monday", "tuesday": "Tuesday", "wednesday": "Wednesday", "thursday": "Thursday",
	"friday": "Friday", "saturday": "Saturday", "sunday": "Sunday",
}

func TestTranslations(t *testing.T) {
	registerTranslations()
	for key, want := range map[string]string{"Cancel": "Hủy", "OK": "Đồng ý", "Yes": "Có", "No": "Không", "Error": "Lỗi", "Open": "Mở", "Save": "Lưu"} {
		if got := lang.L(key); got != want {
			t.Errorf("lang.L(%q) = %q, want %q", key, got, want)
		}
	}
	for _, key := range fyneStrings {
		if got := lang.L(key); got == key {
			t.Errorf("Fyne's %q has no Vietnamese", key)
		}
	}
	for id, fallback := range fyneIDs {
		if got := lang.X(id, fallback); got == fallback {
			t.Errorf("Fyne's %s (%q) has no Vietnamese", id, fallback)
		}
		if short := id + ".short"; len(id) > 6 && !strings.HasPrefix(id, "file.") {
			if got := lang.X(short, fallback[:3]); got == fallback[:3] {
				t.Errorf("Fyne's %s has no Vietnamese", short)
			}
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
