package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// whenExists says what a save dialog does with a name already taken.
type whenExists int

const (
	refuseExisting whenExists = iota // a new ledger never goes over a file
	askToReplace                     // a workbook may replace an old one, once confirmed
)

// saveAsDialog asks where a new file goes — a folder and a name — without
// touching the disk: Fyne's save dialog creates (and so empties) the file
// it returns, which must never happen to a ledger. ext is added to a name
// typed without it. fn gets the chosen path; with askToReplace, an
// existing file is replaced only after a confirmation in Vietnamese.
type saveAsDialog struct {
	w      fyne.Window
	dir    *widget.Entry
	name   *widget.Entry
	note   *widget.Label
	d      *dialog.CustomDialog
	ext    string
	exists whenExists
	fn     func(path string)
}

func showSaveAs(w fyne.Window, title, confirmText, dir, name, ext string, exists whenExists, fn func(path string)) *saveAsDialog {
	s := &saveAsDialog{w: w, dir: widget.NewEntry(), name: widget.NewEntry(), note: widget.NewLabel(""),
		ext: ext, exists: exists, fn: fn}
	if dir == "" {
		dir = homeDir()
	}
	s.dir.SetText(dir)
	s.name.SetText(name)
	s.note.Wrapping = fyne.TextWrapWord
	s.note.Importance = widget.DangerImportance
	s.name.OnSubmitted = func(string) { s.submit() }
	s.dir.OnSubmitted = func(string) { s.submit() }
	browse := widget.NewButtonWithIcon("Chọn thư mục…", theme.FolderOpenIcon(), func() {
		fd := folderDialog(w, func(d string) { s.dir.SetText(d); w.Canvas().Focus(s.name) })
		fd.SetTitleText("Chọn thư mục lưu tệp")
		showIn(fd, s.dir.Text, homeDir())
	})
	form := container.New(rowLayout{[]float32{90, 0, browse.MinSize().Width}},
		widget.NewLabel("Thư mục:"), s.dir, browse)
	nameRow := container.New(rowLayout{[]float32{90, 0}}, widget.NewLabel("Tên tệp:"), s.name)
	ok := widget.NewButtonWithIcon(confirmText, theme.ConfirmIcon(), s.submit)
	ok.Importance = widget.HighImportance
	s.d = dialog.NewCustomWithoutButtons(title, container.NewVBox(form, nameRow, s.note), w)
	s.d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon("Hủy", theme.CancelIcon(), s.d.Hide), ok})
	s.d.Resize(fyne.NewSize(760, 0))
	s.d.Show()
	w.Canvas().Focus(s.name)
	lastSaveAs = s
	return s
}

// lastSaveAs is the save-as dialog shown last, for tests.
var lastSaveAs *saveAsDialog

// path is the file the dialog names now.
func (s *saveAsDialog) path() string {
	name := strings.TrimSpace(s.name.Text)
	if name != "" && s.ext != "" && !strings.EqualFold(filepath.Ext(name), s.ext) {
		name += s.ext
	}
	return filepath.Join(strings.TrimSpace(s.dir.Text), name)
}

func (s *saveAsDialog) submit() {
	s.note.SetText("")
	if strings.TrimSpace(s.name.Text) == "" {
		s.note.SetText("Chưa nhập tên tệp.")
		return
	}
	if strings.ContainsAny(s.name.Text, `/\`) {
		s.note.SetText("Tên tệp không được có dấu / hay \\: chọn thư mục bằng nút “Chọn thư mục…”.")
		return
	}
	dir := strings.TrimSpace(s.dir.Text)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		s.note.SetText("Không có thư mục " + dir + ".")
		return
	}
	path := s.path()
	_, err := os.Lstat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		s.d.Hide()
		s.fn(path)
	case err != nil:
		s.note.SetText("Không kiểm tra được " + path + ": " + err.Error())
	case s.exists == refuseExisting:
		s.note.SetText("Đã có tệp " + path + ". WardLedger không tạo sổ mới đè lên tệp đã có: hãy đặt tên khác hoặc chọn thư mục khác.")
	default:
		confirm(s.w, "Ghi đè tệp?", "Đã có tệp\n"+path+"\nThay tệp đó bằng tệp mới?", "Ghi đè", func() {
			s.d.Hide()
			s.fn(path)
		})
	}
}

// freeName is name, or name with a number added before its extension, so
// that nothing of that name is in dir: the name a save dialog proposes.
func freeName(dir, name string) string {
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for i := 1; i < 1000; i++ {
		try := name
		if i > 1 {
			try = base + "-" + strconv.Itoa(i) + ext
		}
		if _, err := os.Lstat(filepath.Join(dir, try)); errors.Is(err, os.ErrNotExist) {
			return try
		}
	}
	return name
}
