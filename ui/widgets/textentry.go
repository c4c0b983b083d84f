package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// TextEntry is a one-line entry that also reports Escape, so a form can
// be cleared from whichever field has the keyboard.
type TextEntry struct {
	widget.Entry
	OnEscape    func()
	OnFocusLost func()
	// SelectOnFocus selects the whole text when the field is entered, so
	// what is typed replaces a kept value (date, number) as in a
	// spreadsheet.
	SelectOnFocus bool
}

// NewTextEntry is an empty entry showing placeholder.
func NewTextEntry(placeholder string) *TextEntry {
	e := &TextEntry{}
	e.ExtendBaseWidget(e)
	e.PlaceHolder = placeholder
	return e
}

func (e *TextEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.OnEscape != nil {
		e.OnEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// FocusGained selects the text (selectOnFocus) or puts the cursor at its
// end, where an accountant continues typing.
func (e *TextEntry) FocusGained() {
	e.Entry.FocusGained()
	switch {
	case e.Text == "":
	case e.SelectOnFocus:
		e.TypedShortcut(&fyne.ShortcutSelectAll{})
	default:
		e.CursorRow, e.CursorColumn = 0, len([]rune(e.Text))
		e.Refresh()
	}
}

// SetText replaces the text, drops any selection (Fyne keeps one across
// SetText, and the next key typed would erase part of the new text) and
// puts the cursor at the end.
func (e *TextEntry) SetText(s string) {
	e.Entry.SetText(s)
	if !e.Disabled() {
		e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft}) // ends a selection
	}
	e.CursorRow, e.CursorColumn = 0, len([]rune(s))
	e.Refresh()
}

func (e *TextEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.OnFocusLost != nil {
		e.OnFocusLost()
	}
}
