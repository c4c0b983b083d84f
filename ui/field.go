package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// field is one input of a form with its caption above and a note below:
// a hint (the name of the code typed, the shortcut keys) or, after a
// refusal, the reason in red, so the accountant sees which input is wrong.
type field struct {
	name    string // the ledger error field it answers to ("amount")
	caption *widget.Label
	input   fyne.CanvasObject
	note    *widget.Label
	hint    string
	err     string
}

func newField(name, caption string, input fyne.CanvasObject) *field {
	c := widget.NewLabel(caption)
	c.SizeName = theme.SizeNameCaptionText
	c.TextStyle = fyne.TextStyle{Bold: true}
	n := widget.NewLabel("")
	n.SizeName = theme.SizeNameCaptionText
	n.Truncation = fyne.TextTruncateEllipsis
	n.Importance = widget.LowImportance
	return &field{name: name, caption: c, input: input, note: n}
}

func (f *field) object() fyne.CanvasObject {
	return container.New(tightVBox{}, f.caption, f.input, f.note)
}

// setHint shows a hint under the input unless a refusal is showing.
func (f *field) setHint(s string) {
	f.hint = s
	if f.err == "" {
		f.note.SetText(s)
	}
}

// setError shows a refusal under the input and marks the input red.
func (f *field) setError(msg string) {
	f.err = msg
	f.note.Importance = widget.DangerImportance
	f.note.SetText(msg)
	if e, ok := f.input.(interface{ SetValidationError(error) }); ok && msg != "" {
		e.SetValidationError(fieldError(msg))
	}
}

func (f *field) clearError() {
	if f.err == "" {
		return
	}
	f.err = ""
	f.note.Importance = widget.LowImportance
	f.note.SetText(f.hint)
	if e, ok := f.input.(interface{ SetValidationError(error) }); ok {
		e.SetValidationError(nil)
	}
}

type fieldError string

func (e fieldError) Error() string { return string(e) }

// tightVBox stacks a caption, an input and a note with no gap between
// them, so a form row stays compact.
type tightVBox struct{}

func (tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Height += m.Height
		s.Width = max(s.Width, m.Width)
	}
	return s
}

// fieldSet is the fields of a form by the ledger error field they answer
// to, so a refusal lands under the right input.
type fieldSet map[string]*field

// add makes a field with its hint and keeps it under name.
func (fs fieldSet) add(name, caption string, input fyne.CanvasObject, hint string) *field {
	f := newField(name, caption, input)
	f.setHint(hint)
	fs[name] = f
	return f
}

// fieldFor is the field a ledger error names, nil if none.
func (fs fieldSet) fieldFor(name string) *field { return fs[name] }
