package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
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

	outer fyne.Widget // the widget that embeds this entry, or the entry
}

// ExtendBaseWidget is Fyne's, remembering the outer widget: the dialog
// keys are looked up by it (a money entry, a code picker embed this one).
func (e *TextEntry) ExtendBaseWidget(w fyne.Widget) {
	e.outer = w
	e.Entry.ExtendBaseWidget(w)
}

// self is the widget the window knows.
func (e *TextEntry) self() fyne.CanvasObject {
	if e.outer != nil {
		return e.outer
	}
	return e
}

// NewTextEntry is an empty entry showing placeholder.
func NewTextEntry(placeholder string) *TextEntry {
	e := &TextEntry{}
	e.ExtendBaseWidget(e)
	e.PlaceHolder = placeholder
	return e
}

// NewTextArea is an entry of several lines, wrapped at words, that
// Ctrl+Enter submits.
func NewTextArea(placeholder string, rows int) *TextEntry {
	e := NewTextEntry(placeholder)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	return e
}

// TypedKey reports Escape to OnEscape; Escape without it, and Enter in a
// one-line entry without OnSubmitted, go to the dialog the entry is in.
func (e *TextEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		if e.OnEscape != nil {
			e.OnEscape()
			return
		}
		if PassKey(e.self(), k) {
			return
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if !e.MultiLine && e.OnSubmitted == nil && PassKey(e.self(), k) {
			return
		}
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut submits a text of several lines with Ctrl+Enter (Enter
// starts a new line there), as OnSubmitted or the dialog's Enter.
func (e *TextEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && (cs.KeyName == fyne.KeyReturn || cs.KeyName == fyne.KeyEnter) &&
		cs.Modifier == fyne.KeyModifierShortcutDefault {
		if e.OnSubmitted != nil {
			e.OnSubmitted(e.Text)
		} else {
			PassKey(e.self(), &fyne.KeyEvent{Name: fyne.KeyReturn})
		}
		return
	}
	e.Entry.TypedShortcut(s)
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
