package ui

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// keySelect is a drop-down that a keyboard user picks from without
// opening it: a key (a digit or a letter) chooses its option directly,
// ← and → step, Enter submits the form and Escape clears it.
type keySelect struct {
	widget.Select
	keys     map[rune]int
	onSubmit func()
	onEscape func()
}

func newKeySelect(options []string, keys map[rune]int, changed func(string)) *keySelect {
	s := &keySelect{keys: keys}
	s.Options = options
	s.OnChanged = changed
	s.ExtendBaseWidget(s)
	return s
}

func (s *keySelect) TypedRune(r rune) {
	if i, ok := s.keys[unicode.ToLower(r)]; ok && i < len(s.Options) {
		s.SetSelectedIndex(i)
	}
}

func (s *keySelect) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if s.onSubmit != nil {
			s.onSubmit()
		}
		return
	case fyne.KeyEscape:
		if s.onEscape != nil {
			s.onEscape()
		}
		return
	}
	s.Select.TypedKey(k)
}
