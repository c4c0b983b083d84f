package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// showOpenFailed is the screen of a ledger that could not be opened: held
// by another window, not a ledger, or unreadable. It says why and offers
// the ways on.
func (u *UI) showOpenFailed(path string, err error) {
	u.closeLedger()
	u.win.SetMainMenu(nil)
	u.win.SetTitle(filepath.Base(path) + " (không mở được) — WardLedger")
	title := "Không mở được sổ"
	switch ledger.ErrorKind(err) {
	case ledger.KindBusy:
		title = "Sổ đang được mở ở nơi khác"
	case ledger.KindDamaged:
		title = "Tệp sổ bị hỏng"
	}
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameHeadingText
	msg := widget.NewLabel(widgets.ErrorText(err))
	msg.Wrapping = fyne.TextWrapWord
	retry := widgets.NewButton("Thử lại", theme.ViewRefreshIcon(), func() { u.open(path) })
	retry.Importance = widget.HighImportance
	other := widgets.NewButton("Mở sổ khác…", theme.FolderOpenIcon(), func() { u.chooseLedger(path) })
	create := widgets.NewButton("Tạo sổ mới…", theme.DocumentCreateIcon(), func() {
		u.chooseNewLedger(path, u.showFirstRun)
	})
	quit := widgets.NewButton("Thoát", theme.CancelIcon(), u.quit)
	body := container.NewVBox(head, msg, container.NewHBox(retry, other, create, quit))
	u.win.SetContent(container.NewPadded(body))
	u.ready(ScreenOpenFailed)
}
