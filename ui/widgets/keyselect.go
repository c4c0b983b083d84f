package widgets

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// KeySelect is a drop-down that a keyboard user picks from without
// opening it: a key (a digit or a letter) chooses its option directly,
// ← and → step, Enter submits the form and Escape clears it (or, without
// OnSubmit and OnEscape, confirm and cancel the dialog it is in).
type KeySelect struct {
	widget.Select
	keys     map[rune]int
	OnSubmit func()
	OnEscape func()
}

// NewKeySelect is a drop-down of options; keys maps a typed key (lower
// case) to the index of its option.
func NewKeySelect(options []string, keys map[rune]int, changed func(string)) *KeySelect {
	s := &KeySelect{keys: keys}
	s.Options = options
	s.OnChanged = changed
	s.ExtendBaseWidget(s)
	return s
}

func (s *KeySelect) TypedRune(r rune) {
	if i, ok := s.keys[unicode.ToLower(r)]; ok && i < len(s.Options) {
		s.SetSelectedIndex(i)
	}
}

func (s *KeySelect) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if s.OnSubmit != nil {
			s.OnSubmit()
		} else {
			PassKey(s, k)
		}
		return
	case fyne.KeyEscape:
		if s.OnEscape != nil {
			s.OnEscape()
		} else {
			PassKey(s, k)
		}
		return
	}
	s.Select.TypedKey(k)
}
