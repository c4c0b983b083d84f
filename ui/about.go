package ui

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/assets"
	"wardledger/ui/widgets"
)

// helpItems are the Trợ giúp menu's entries for the program itself: its
// error log and the Giới thiệu dialog.
func (sh *shell) helpItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{
		fyne.NewMenuItem("Mở nhật ký lỗi", sh.showLog),
		fyne.NewMenuItem("Giới thiệu WardLedger", sh.showAbout),
	}
}

// showAbout is Trợ giúp → Giới thiệu: the program, its version, the ledger
// open and where the log is, for a call to whoever supports the office.
func (sh *shell) showAbout() {
	icon := canvas.NewImageFromResource(iconResource())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	name := widget.NewLabelWithStyle(assets.Product, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameHeadingText
	head := container.NewBorder(nil, nil, icon, nil,
		container.NewVBox(name, widget.NewLabel(assets.Description)))
	details := widget.NewLabel(aboutText(sh.s.path, sh.u.opts.LogPath))
	details.Wrapping = fyne.TextWrapBreak
	d := dialog.NewCustom("Giới thiệu", "Đóng", container.NewVBox(head, widget.NewSeparator(), details), sh.u.win)
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
}

// aboutText lists the version, copyright, ledger, program folder and log.
func aboutText(ledgerPath, logPath string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Phiên bản %s (%s/%s)\n%s\n\n", assets.Version, runtime.GOOS, runtime.GOARCH, assets.Copyright)
	fmt.Fprintf(&b, "Sổ đang mở: %s\n", ledgerPath)
	if exe, err := os.Executable(); err == nil {
		fmt.Fprintf(&b, "Thư mục chương trình: %s\n", filepath.Dir(exe))
	}
	if logPath != "" {
		fmt.Fprintf(&b, "Nhật ký lỗi: %s", logPath)
	}
	return strings.TrimRight(b.String(), "\n")
}

// logTailBytes is how much of the log's end the dialog shows.
const logTailBytes = 8 << 10

// showLog is Trợ giúp → Mở nhật ký lỗi: where the log is, its last lines,
// and a button that opens its folder (to send the file to support).
func (sh *shell) showLog() {
	path := sh.u.opts.LogPath
	if path == "" {
		widgets.ShowInfo(sh.u.win, "Nhật ký lỗi", "Lần chạy này không ghi nhật ký lỗi ra tệp.")
		return
	}
	msg := widget.NewLabel("WardLedger ghi các lỗi kỹ thuật vào tệp:\n" + path +
		"\nKhi cần hỗ trợ, hãy gửi tệp này (và tệp " + filepath.Base(path) + ".1 bên cạnh, nếu có).")
	msg.Wrapping = fyne.TextWrapBreak
	tail := widget.NewLabelWithStyle(logTail(path, logTailBytes), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	tail.SizeName = theme.SizeNameCaptionText
	scroll := container.NewScroll(tail)
	scroll.SetMinSize(fyne.NewSize(0, 260))
	scroll.ScrollToBottom()
	d := dialog.NewCustomWithoutButtons("Nhật ký lỗi", container.NewBorder(msg, nil, nil, nil, scroll), sh.u.win)
	open := widget.NewButtonWithIcon("Mở thư mục", theme.FolderOpenIcon(), func() { sh.openFolder(filepath.Dir(path)) })
	open.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Đóng", d.Hide), open})
	d.Resize(fyne.NewSize(760, 480))
	d.Show()
}

// logTail is the end of the log file, from the first whole line within
// its last limit bytes, or a sentence saying why there is none.
func logTail(path string, limit int64) string {
	f, err := os.Open(path)
	if err != nil {
		return "(chưa có nhật ký: chưa có lỗi nào được ghi)"
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "(không đọc được nhật ký: " + err.Error() + ")"
	}
	start := max(st.Size()-limit, 0)
	buf := make([]byte, st.Size()-start)
	if _, err := f.ReadAt(buf, start); err != nil && err != io.EOF {
		return "(không đọc được nhật ký: " + err.Error() + ")"
	}
	if start > 0 {
		if i := bytes.IndexByte(buf, '\n'); i >= 0 {
			buf = buf[i+1:]
		}
	}
	if s := strings.TrimSpace(strings.ToValidUTF8(string(buf), "?")); s != "" {
		return s
	}
	return "(nhật ký trống)"
}
