package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// showOpenFailed is the screen of a ledger that could not be opened: held
// by another window, not a ledger, or unreadable. It says why and offers
// the ways on.
func (u *UI) showOpenFailed(path string, err error) {
	u.closeLedger(nil)
	u.win.SetMainMenu(nil)
	title := "Không mở được sổ"
	var locked *lockedError
	isLocked := errors.As(err, &locked)
	if isLocked {
		title = "Sổ đang được mở ở nơi khác"
	}
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameHeadingText
	msg := widget.NewLabel(errorText(err))
	msg.Wrapping = fyne.TextWrapWord
	retry := widget.NewButtonWithIcon("Thử lại", theme.ViewRefreshIcon(), func() { u.open(path, nil) })
	retry.Importance = widget.HighImportance
	other := widget.NewButtonWithIcon("Mở sổ khác…", theme.FolderOpenIcon(), func() { u.chooseLedger(path) })
	create := widget.NewButtonWithIcon("Tạo sổ mới…", theme.DocumentCreateIcon(), func() {
		u.chooseNewLedger(path, func(p string) { u.showFirstRun(p, nil) })
	})
	quit := widget.NewButtonWithIcon("Thoát", theme.CancelIcon(), u.quit)
	buttons := container.NewHBox(retry, other, create, quit)
	body := container.NewVBox(head, msg, buttons)
	if isLocked && locked.OtherHost {
		hint := widget.NewLabel("Nếu chắc chắn máy " + locked.Host + " đã tắt WardLedger (ví dụ máy bị mất điện), có thể gỡ khóa để mở sổ tại đây.")
		hint.Wrapping = fyne.TextWrapWord
		force := widget.NewButtonWithIcon("Gỡ khóa và mở…", theme.WarningIcon(), func() {
			confirm(u.win, "Gỡ khóa sổ?", "Chỉ gỡ khóa khi máy "+locked.Host+" không còn mở sổ này; nếu không, hai nơi cùng ghi sẽ làm sai số dư.", "Gỡ khóa", func() {
				if err := breakLock(path); err != nil {
					showError(u.win, err)
					return
				}
				u.open(path, nil)
			})
		})
		body.Add(hint)
		body.Add(container.NewHBox(force))
	}
	u.win.SetContent(container.NewPadded(body))
	if u.onOther != nil {
		u.onOther("loimo")
	}
}
