package widgets_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wardledger/ui/widgets"
)

// typeInto focuses obj and types s into it one rune at a time.
func typeInto(w fyne.Window, obj fyne.Focusable, s string) {
	w.Canvas().Focus(obj)
	for _, r := range s {
		obj.TypedRune(r)
	}
}

// TestTextEntry: a kept value is replaced by what is typed when the entry
// selects on focus, continued otherwise; Escape and leaving are reported.
func TestTextEntry(t *testing.T) {
	test.NewTempApp(t)
	kept, memo := widgets.NewTextEntry(""), widgets.NewTextEntry("")
	kept.SelectOnFocus = true
	escaped, left := 0, 0
	kept.OnEscape = func() { escaped++ }
	kept.OnFocusLost = func() { left++ }
	w := test.NewWindow(container.NewVBox(kept, memo))
	defer w.Close()

	kept.SetText("05/03/2026")
	memo.SetText("Chi ")
	typeInto(w, kept, "0603")
	if kept.Text != "0603" {
		t.Errorf("kept value not replaced: %q", kept.Text)
	}
	typeInto(w, memo, "điện")
	if memo.Text != "Chi điện" {
		t.Errorf("memo not continued: %q", memo.Text)
	}
	if left != 1 {
		t.Errorf("focus lost reported %d times", left)
	}
	w.Canvas().Focus(kept)
	kept.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if escaped != 1 {
		t.Errorf("Escape reported %d times", escaped)
	}

	// SetText while the text is selected: the next keys are taken whole.
	w.Canvas().Focus(memo)
	w.Canvas().Focus(kept) // selects the text
	kept.SetText("")
	typeInto(w, kept, "25")
	if kept.Text != "25" {
		t.Errorf("after SetText with a selection: %q", kept.Text)
	}
}

// TestKeySelect: a key picks its option without opening the list; Enter
// and Escape are the form's.
func TestKeySelect(t *testing.T) {
	test.NewTempApp(t)
	var changed []string
	s := widgets.NewKeySelect([]string{"TX", "KTX"}, map[rune]int{'t': 0, 'k': 1}, func(v string) { changed = append(changed, v) })
	submitted, escaped := 0, 0
	s.OnSubmit = func() { submitted++ }
	s.OnEscape = func() { escaped++ }
	w := test.NewWindow(s)
	defer w.Close()
	w.Canvas().Focus(s)
	s.TypedRune('K')
	s.TypedRune('x') // no option: nothing changes
	if s.Selected != "KTX" || len(changed) != 1 {
		t.Errorf("selected %q after K, changes %v", s.Selected, changed)
	}
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if submitted != 1 || escaped != 1 {
		t.Errorf("Enter %d, Escape %d", submitted, escaped)
	}
}

// TestField: a refusal replaces the hint and marks the entry; clearing it
// brings the hint back; a field set finds a field by the error's field.
func TestField(t *testing.T) {
	test.NewTempApp(t)
	fs := widgets.FieldSet{}
	e := widgets.NewTextEntry("")
	f := fs.Add("amount", "Số tiền", e, "gõ chữ số")
	w := test.NewWindow(f.Object())
	defer w.Close()
	if f.Note.Text != "gõ chữ số" || f.Err() != "" {
		t.Fatalf("hint %q, error %q", f.Note.Text, f.Err())
	}
	f.SetError("vượt số còn lại")
	if f.Note.Text != "vượt số còn lại" || f.Note.Importance != widget.DangerImportance || f.Err() != "vượt số còn lại" {
		t.Errorf("refusal not shown: note %q", f.Note.Text)
	}
	f.SetHint("một gợi ý khác") // a hint never hides a refusal
	if f.Note.Text != "vượt số còn lại" {
		t.Errorf("hint shown over the refusal: %q", f.Note.Text)
	}
	f.ClearError()
	if f.Note.Text != "một gợi ý khác" || f.Err() != "" {
		t.Errorf("after ClearError: %q, %q", f.Note.Text, f.Err())
	}
	if fs.FieldFor("amount") != f || fs.FieldFor("date") != nil {
		t.Error("FieldFor")
	}
}
