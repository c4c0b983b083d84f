package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// textEntry is a one-line entry that also reports Escape, so a form can
// be cleared from whichever field has the keyboard.
type textEntry struct {
	widget.Entry
	onEscape    func()
	onFocusLost func()
	// selectOnFocus selects the whole text when the field is entered, so
	// what is typed replaces a kept value (date, number) as in a
	// spreadsheet.
	selectOnFocus bool
}

func newTextEntry(placeholder string) *textEntry {
	e := &textEntry{}
	e.ExtendBaseWidget(e)
	e.PlaceHolder = placeholder
	return e
}

func (e *textEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// FocusGained selects the text (selectOnFocus) or puts the cursor at its
// end, where an accountant continues typing.
func (e *textEntry) FocusGained() {
	e.Entry.FocusGained()
	switch {
	case e.Text == "":
	case e.selectOnFocus:
		e.TypedShortcut(&fyne.ShortcutSelectAll{})
	default:
		e.CursorRow, e.CursorColumn = 0, len([]rune(e.Text))
		e.Refresh()
	}
}

// SetText replaces the text, drops any selection (Fyne keeps one across
// SetText, and the next key typed would erase part of the new text) and
// puts the cursor at the end.
func (e *textEntry) SetText(s string) {
	e.Entry.SetText(s)
	if !e.Disabled() {
		e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft}) // ends a selection
	}
	e.CursorRow, e.CursorColumn = 0, len([]rune(s))
	e.Refresh()
}

func (e *textEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onFocusLost != nil {
		e.onFocusLost()
	}
}
