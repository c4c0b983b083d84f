package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// unikey types text the way Unikey (Telex) does on Windows: the letters as
// pressed, and when a later key adds a mark, Backspace over what changes
// followed by the composed characters. Each step is either runes to type
// or a number of Backspaces.
type unikeyStep struct {
	text string
	back int
}

func unikey(w fyne.Window, obj fyne.Focusable, steps []unikeyStep) {
	w.Canvas().Focus(obj)
	for _, s := range steps {
		for i := 0; i < s.back; i++ {
			obj.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		}
		for _, r := range s.text {
			obj.TypedRune(r)
		}
	}
}

// "Chi tiền điện tháng 1" in Telex: Chi tieen (ee → ê), f (grave on ê),
// ddieen (dd → đ, ee → ê), j (dot below), thangs (s → á).
var chiTienDien = []unikeyStep{
	{text: "Chi tie"}, {back: 1, text: "ê"}, {text: "n"}, {back: 2, text: "ền"},
	{text: " d"}, {back: 1, text: "đ"}, {text: "ie"}, {back: 1, text: "ê"}, {text: "n"}, {back: 2, text: "ện"},
	{text: " thang"}, {back: 3, text: "áng"}, {text: " 1"},
}

// "Số 12/QĐ-UBND": So + s (acute on ô after oo), QDD → QĐ.
var soQuyetDinh = []unikeyStep{
	{text: "So"}, {back: 1, text: "ô"}, {back: 1, text: "ố"}, {text: " 12/QD"}, {back: 1, text: "Đ"}, {text: "-UBND"},
}

func TestUnikeyTyping(t *testing.T) {
	u, w := newTestUI(t)
	f := u.shell.book.form

	f.memo.SetText("")
	unikey(w, f.memo, chiTienDien)
	if f.memo.Text != "Chi tiền điện tháng 1" {
		t.Errorf("memo = %q, want %q", f.memo.Text, "Chi tiền điện tháng 1")
	}
	f.doc.SetText("")
	unikey(w, f.doc, soQuyetDinh)
	if f.doc.Text != "Số 12/QĐ-UBND" {
		t.Errorf("document = %q, want %q", f.doc.Text, "Số 12/QĐ-UBND")
	}
	// The Tiểu mục picker searches the composed word, not the keystrokes.
	f.tieuMuc.SetText("")
	unikey(w, f.tieuMuc, []unikeyStep{{text: "d"}, {back: 1, text: "đ"}, {text: "ie"}, {back: 1, text: "ê"}, {text: "n"}, {back: 2, text: "ện"}})
	if f.tieuMuc.Text != "điện" {
		t.Fatalf("picker text = %q", f.tieuMuc.Text)
	}
	if len(f.tieuMuc.matches) == 0 || f.tieuMuc.matches[0].Code != "6501" {
		t.Fatalf("picker matches = %v, want 6501 first", f.tieuMuc.matches)
	}
	tab(w)
	if f.tieuMuc.Text != "6501" {
		t.Errorf("picker after Tab = %q, want 6501", f.tieuMuc.Text)
	}

	// And the voucher saves with the text as composed.
	keyLine(t, u, w, '1', "05/01/2026", "QĐ-1", "T", "341", "", "10000000", "")
	keyLine(t, u, w, '3', "06/01/2026", "RDT-1", "T", "341", "", "10000000", "")
	clearInto(w, f.tieuMuc, "6501")
	clearInto(w, f.amount, "500000")
	f.memo.SetText("")
	unikey(w, f.memo, chiTienDien)
	f.doc.SetText("")
	unikey(w, f.doc, soQuyetDinh)
	f.kind.TypedRune('4')
	press(w, fyne.KeyReturn)
	u.tasks.wait()
	e, _, _ := u.shell.book.pages.row(0)
	if e == nil || e.Memo != "Chi tiền điện tháng 1" || e.Doc != "Số 12/QĐ-UBND" {
		t.Fatalf("saved entry = %+v", e)
	}
}
