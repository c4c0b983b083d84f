package widgets

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ErrorText is the message shown to the accountant for err. Ledger errors
// already speak Vietnamese; a cancelled task says so.
func ErrorText(err error) string {
	if errors.Is(err, context.Canceled) {
		return "Đã hủy."
	}
	return err.Error()
}

// ShowDialog shows a dialog of the app: body under title, the buttons
// below, the last on the right. While it is shown Enter runs enter and
// Escape runs escape (nil: Enter does nothing, Escape closes it); size,
// when not zero, is its size.
func ShowDialog(w fyne.Window, title string, body fyne.CanvasObject, buttons []fyne.CanvasObject, enter, escape func(), size fyne.Size) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, body, w)
	d.SetButtons(buttons)
	if escape == nil {
		escape = d.Hide
	}
	release := OnDialogKeys(w, enter, escape)
	d.SetOnClosed(release)
	if !size.IsZero() {
		d.Resize(size)
	}
	d.Show()
	return d
}

// message is a dialog's text, wrapped.
func message(msg string) *widget.Label {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// messageSize is the width of a dialog of a few lines of text.
var messageSize = fyne.NewSize(560, 0)

// ShowError shows err in a dialog: its Vietnamese message and Đóng, which
// Enter and Escape press. A cancelled task says nothing.
func ShowError(w fyne.Window, err error) {
	if err == nil || errors.Is(err, context.Canceled) {
		return
	}
	text := message(ErrorText(err))
	text.Importance = widget.DangerImportance
	var d *dialog.CustomDialog
	done := NewButton("Đóng", theme.CancelIcon(), func() { d.Hide() })
	d = ShowDialog(w, "Không thực hiện được", text, []fyne.CanvasObject{done}, func() { d.Hide() }, nil, messageSize)
}

// ShowInfo shows a message with Đóng, which Enter and Escape press.
func ShowInfo(w fyne.Window, title, msg string) {
	var d *dialog.CustomDialog
	done := NewButton("Đóng", theme.ConfirmIcon(), func() { d.Hide() })
	done.Importance = widget.HighImportance
	d = ShowDialog(w, title, message(msg), []fyne.CanvasObject{done}, func() { d.Hide() }, nil, messageSize)
}

// ConfirmDialog asks a yes/no question: Enter answers with its confirm
// button, Escape with Hủy.
type ConfirmDialog struct {
	Title, Message string
	d              *dialog.CustomDialog
	fn             func()
}

// Confirm asks a yes/no question with a named confirm button; fn runs on
// yes.
func Confirm(w fyne.Window, title, msg, ok string, fn func()) *ConfirmDialog {
	c := &ConfirmDialog{Title: title, Message: msg, fn: fn}
	yes := NewButton(ok, theme.ConfirmIcon(), c.Confirm)
	yes.Importance = widget.HighImportance
	no := NewButton("Hủy", theme.CancelIcon(), c.Hide)
	c.d = ShowDialog(w, title, message(msg), []fyne.CanvasObject{no, yes}, c.Confirm, c.Hide, messageSize)
	return c
}

// Confirm answers yes, as the confirm button and Enter do.
func (c *ConfirmDialog) Confirm() {
	c.d.Hide()
	c.fn()
}

// Hide answers no, as Hủy and Escape do.
func (c *ConfirmDialog) Hide() { c.d.Hide() }

// CaptionSpacer takes the height of a field caption, so buttons line up
// with the inputs beside them.
func CaptionSpacer() fyne.CanvasObject {
	l := widget.NewLabel(" ")
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// LoadingScreen fills the window while a ledger opens.
func LoadingScreen(msg string) fyne.CanvasObject {
	bar := widget.NewProgressBarInfinite()
	return container.NewCenter(container.NewVBox(widget.NewLabel(msg), bar))
}

// ActionDialog shows body with "Hủy" and one action button, and returns
// both the dialog and the button so the caller can disable it while the
// action runs. Enter presses the action button while it is enabled;
// Escape is Hủy.
func ActionDialog(w fyne.Window, title string, body fyne.CanvasObject, action string, imp widget.Importance, size fyne.Size, onAction func()) (*dialog.CustomDialog, *Button) {
	ok := NewButton(action, nil, onAction)
	ok.Importance = imp
	var d *dialog.CustomDialog
	cancel := NewButton("Hủy", nil, func() { d.Hide() })
	d = ShowDialog(w, title, body, []fyne.CanvasObject{cancel, ok}, func() {
		if !ok.Disabled() && ok.OnTapped != nil {
			ok.OnTapped()
		}
	}, nil, size)
	return d, ok
}
