package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
)

// formDialog is a dialog of fields whose confirm button submits (usually
// in the background) and, when the ledger refuses, shows the reason under
// the field it names and keeps the dialog open.
type formDialog struct {
	d        *dialog.CustomDialog
	ok       *widget.Button
	banner   *widget.Label
	fields   []*field
	fieldFor func(name string) *field
}

func showFormDialog(w fyne.Window, title, okText string, fields []*field, submit func(done func(error)), fieldFor func(string) *field) *formDialog {
	fd := &formDialog{fields: fields, fieldFor: fieldFor}
	fd.banner = widget.NewLabel("")
	fd.banner.Wrapping = fyne.TextWrapWord
	fd.banner.Importance = widget.DangerImportance
	body := container.NewVBox()
	for _, f := range fields {
		body.Add(f.object())
	}
	body.Add(fd.banner)
	fd.d, fd.ok = actionDialog(w, title, body, okText, widget.HighImportance, fyne.NewSize(520, 0), nil)
	fd.ok.OnTapped = func() {
		for _, f := range fd.fields {
			f.clearError()
		}
		fd.banner.SetText("")
		fd.ok.Disable()
		submit(func(err error) {
			fd.ok.Enable()
			if err == nil {
				fd.d.Hide()
				return
			}
			fd.refuse(w, err)
		})
	}
	for _, f := range fields {
		if e, ok := f.input.(*textEntry); ok {
			e.OnSubmitted = func(string) { fd.ok.OnTapped() }
		}
	}
	for _, f := range fields {
		if e, ok := f.input.(fyne.Focusable); ok {
			if dis, ok := f.input.(fyne.Disableable); !ok || !dis.Disabled() {
				w.Canvas().Focus(e)
				break
			}
		}
	}
	return fd
}

func (fd *formDialog) refuse(w fyne.Window, err error) {
	msg := errorText(err)
	if fd.fieldFor != nil {
		if f := fd.fieldFor(ledger.ErrorField(err)); f != nil {
			f.setError(msg)
			if e, ok := f.input.(fyne.Focusable); ok {
				w.Canvas().Focus(e)
			}
		}
	}
	fd.banner.SetText(msg)
}
