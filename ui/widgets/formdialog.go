package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
)

// FormDialog is a dialog of fields whose confirm button submits (usually
// in the background) and, when the ledger refuses, shows the reason under
// the field it names and keeps the dialog open.
type FormDialog struct {
	Dialog   *dialog.CustomDialog
	OK       *Button
	Banner   *widget.Label
	Fields   []*Field
	fieldFor func(name string) *Field
}

// ShowFormDialog shows fields under title with Hủy and okText. submit is
// called on the confirm button (and Enter in a text field) and must call
// done with the outcome: nil hides the dialog, an error is shown at the
// field fieldFor names (by ledger.ErrorField) and in the banner.
func ShowFormDialog(w fyne.Window, title, okText string, fields []*Field, submit func(done func(error)), fieldFor func(string) *Field) *FormDialog {
	fd := &FormDialog{Fields: fields, fieldFor: fieldFor}
	fd.Banner = widget.NewLabel("")
	fd.Banner.Wrapping = fyne.TextWrapWord
	fd.Banner.Importance = widget.DangerImportance
	body := container.NewVBox()
	for _, f := range fields {
		body.Add(f.Object())
	}
	body.Add(fd.Banner)
	fd.Dialog, fd.OK = ActionDialog(w, title, body, okText, widget.HighImportance, fyne.NewSize(520, 0), nil)
	fd.OK.OnTapped = func() {
		for _, f := range fd.Fields {
			f.ClearError()
		}
		fd.Banner.SetText("")
		fd.OK.Disable()
		submit(func(err error) {
			fd.OK.Enable()
			if err == nil {
				fd.Dialog.Hide()
				return
			}
			fd.refuse(w, err)
		})
	}
	for _, f := range fields {
		if e, ok := f.Input.(*TextEntry); ok {
			e.OnSubmitted = func(string) { fd.OK.OnTapped() }
		}
	}
	for _, f := range fields {
		if e, ok := f.Input.(fyne.Focusable); ok {
			if dis, ok := f.Input.(fyne.Disableable); !ok || !dis.Disabled() {
				w.Canvas().Focus(e)
				break
			}
		}
	}
	return fd
}

func (fd *FormDialog) refuse(w fyne.Window, err error) {
	msg := ErrorText(err)
	if fd.fieldFor != nil {
		if f := fd.fieldFor(ledger.ErrorField(err)); f != nil {
			f.SetError(msg)
			if e, ok := f.Input.(fyne.Focusable); ok {
				w.Canvas().Focus(e)
			}
		}
	}
	fd.Banner.SetText(msg)
}
