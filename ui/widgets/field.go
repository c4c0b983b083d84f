package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Field is one input of a form with its caption above and a note below:
// a hint (the name of the code typed, the shortcut keys) or, after a
// refusal, the reason in red, so the accountant sees which input is wrong.
type Field struct {
	Name    string // the ledger error field it answers to ("amount")
	caption *widget.Label
	Input   fyne.CanvasObject
	Note    *widget.Label
	hint    string
	err     string
}

// NewField puts a caption above input and an empty note below it; name
// is the error field (ledger.Error.Field) it answers to.
func NewField(name, caption string, input fyne.CanvasObject) *Field {
	c := widget.NewLabel(caption)
	c.SizeName = theme.SizeNameCaptionText
	c.TextStyle = fyne.TextStyle{Bold: true}
	n := widget.NewLabel("")
	n.SizeName = theme.SizeNameCaptionText
	n.Truncation = fyne.TextTruncateEllipsis
	n.Importance = widget.LowImportance
	return &Field{Name: name, caption: c, Input: input, Note: n}
}

// Object is the caption, the input and the note stacked.
func (f *Field) Object() fyne.CanvasObject {
	return container.New(TightVBox{}, f.caption, f.Input, f.Note)
}

// SetHint shows a hint under the input unless a refusal is showing.
func (f *Field) SetHint(s string) {
	f.hint = s
	if f.err == "" {
		f.Note.SetText(s)
	}
}

// SetError shows a refusal under the input and marks the input red.
func (f *Field) SetError(msg string) {
	f.err = msg
	f.Note.Importance = widget.DangerImportance
	f.Note.SetText(msg)
	if e, ok := f.Input.(interface{ SetValidationError(error) }); ok && msg != "" {
		e.SetValidationError(FieldError(msg))
	}
}

// ClearError puts the hint back in place of a refusal.
func (f *Field) ClearError() {
	if f.err == "" {
		return
	}
	f.err = ""
	f.Note.Importance = widget.LowImportance
	f.Note.SetText(f.hint)
	if e, ok := f.Input.(interface{ SetValidationError(error) }); ok {
		e.SetValidationError(nil)
	}
}

// Err is the refusal shown under the input, "" when none.
func (f *Field) Err() string { return f.err }

// FieldError is a refusal as an input's validation error.
type FieldError string

func (e FieldError) Error() string { return string(e) }

// TightVBox stacks a caption, an input and a note with no gap between
// them, so a form row stays compact.
type TightVBox struct{}

func (TightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

func (TightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Height += m.Height
		s.Width = max(s.Width, m.Width)
	}
	return s
}

// FieldSet is the fields of a form by the ledger error field they answer
// to, so a refusal lands under the right input.
type FieldSet map[string]*Field

// Add makes a field with its hint and keeps it under name.
func (fs FieldSet) Add(name, caption string, input fyne.CanvasObject, hint string) *Field {
	f := NewField(name, caption, input)
	f.SetHint(hint)
	fs[name] = f
	return f
}

// FieldFor is the field a ledger error names, nil if none.
func (fs FieldSet) FieldFor(name string) *Field { return fs[name] }
