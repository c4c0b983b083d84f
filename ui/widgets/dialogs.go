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

// ShowError shows err in a dialog titled in Vietnamese.
func ShowError(w fyne.Window, err error) {
	if err == nil || errors.Is(err, context.Canceled) {
		return
	}
	dialog.ShowError(errors.New(ErrorText(err)), w)
}

// Confirm asks a yes/no question with a named confirm button.
func Confirm(w fyne.Window, title, msg, ok string, fn func()) *dialog.ConfirmDialog {
	d := dialog.NewConfirm(title, msg, func(yes bool) {
		if yes {
			fn()
		}
	}, w)
	d.SetConfirmText(ok)
	d.SetDismissText("Hủy")
	d.Show()
	return d
}

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

// ShowInfo shows a message with an OK button.
func ShowInfo(w fyne.Window, title, msg string) {
	dialog.ShowInformation(title, msg, w)
}

// ActionDialog shows body with "Hủy" and one action button, and returns
// both the dialog and the button so the caller can disable it while the
// action runs.
func ActionDialog(w fyne.Window, title string, body fyne.CanvasObject, action string, imp widget.Importance, size fyne.Size, onAction func()) (*dialog.CustomDialog, *widget.Button) {
	d := dialog.NewCustomWithoutButtons(title, body, w)
	ok := widget.NewButton(action, onAction)
	ok.Importance = imp
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Hủy", d.Hide), ok})
	d.Resize(size)
	d.Show()
	return d, ok
}
