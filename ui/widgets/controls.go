package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Fyne's button, check box and list, taught the dialog keys: a button is
// pressed with Enter as well as Space; Escape (and Enter, where the
// control has no use for it) goes to the dialog they are in (PassKey).

// Button is a button the keyboard presses with Enter or Space.
type Button struct{ widget.Button }

// NewButton is a button labelled label, with icon if not nil.
func NewButton(label string, icon fyne.Resource, tapped func()) *Button {
	b := &Button{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Enter; Escape goes to its dialog.
func (b *Button) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	case fyne.KeyEscape:
		PassKey(b, ev)
	default:
		b.Button.TypedKey(ev)
	}
}

// Check is a check box (Space ticks it) in a form that Enter submits.
type Check struct{ widget.Check }

// NewCheck is a check box labelled label.
func NewCheck(label string, changed func(bool)) *Check {
	c := &Check{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey passes Enter and Escape to the dialog.
func (c *Check) TypedKey(ev *fyne.KeyEvent) {
	if !PassKey(c, ev) {
		c.Check.TypedKey(ev)
	}
}

// List is a list the keyboard walks with ↑ ↓ and picks with Space, in a
// dialog that Enter confirms.
type List struct{ widget.List }

// NewList is a list of length() items made by create and filled by update.
func NewList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *List {
	l := &List{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey passes Enter and Escape to the dialog.
func (l *List) TypedKey(ev *fyne.KeyEvent) {
	if !PassKey(l, ev) {
		l.List.TypedKey(ev)
	}
}
