package widgets_test

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

func TestMoneyEntryGroupsAsTyped(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	e := widgets.NewMoneyEntry()
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
	if _, err := e.Value(); err == nil || ledger.ErrorField(err) != "amount" || !strings.Contains(err.Error(), "dấu phẩy") {
		t.Errorf("comma accepted or wrong reason: %v", err)
	}
}
