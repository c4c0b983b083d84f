package widgets

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

// WhenExists says what a save dialog does with a name already taken.
type WhenExists int

const (
	RefuseExisting WhenExists = iota // a new ledger never goes over a file
	AskToReplace                     // a workbook may replace an old one, once confirmed
)

// SaveAsDialog asks where a new file goes — a folder and a name — without
// touching the disk: Fyne's save dialog creates (and so empties) the file
// it returns, which must never happen to a ledger, and asks "Overwrite?"
// in English; nothing in the app uses it. ext is added to a name
// typed without it (ext may list several, ".xlsx .csv": the first is
// added to a name that ends in none). fn gets the chosen path; with askToReplace, an
// existing file is replaced only after a confirmation in Vietnamese.
//
// The same dialog without a name (ShowChooseFolder) asks for a folder the
// keyboard can type, where Fyne's folder dialog needs the mouse.
type SaveAsDialog struct {
	w      fyne.Window
	Dir    *TextEntry
	Name   *TextEntry // nil when only a folder is asked for
	Note   *widget.Label
	d      *dialog.CustomDialog
	ext    string
	exists WhenExists
	fn     func(path string)
}

// ShowSaveAs shows the dialog, proposing name in dir (the home folder if
// dir is empty), and returns it.
func ShowSaveAs(w fyne.Window, title, confirmText, dir, name, ext string, exists WhenExists, fn func(path string)) *SaveAsDialog {
	s := &SaveAsDialog{w: w, Name: NewTextEntry(""), ext: ext, exists: exists, fn: fn}
	s.Name.SetText(name)
	s.Name.OnSubmitted = func(string) { s.Submit() }
	s.show(title, confirmText, dir)
	w.Canvas().Focus(s.Name)
	return s
}

// ShowChooseFolder asks for a folder, proposing dir (the home folder if
// empty); fn gets it once it exists.
func ShowChooseFolder(w fyne.Window, title, confirmText, dir string, fn func(dir string)) *SaveAsDialog {
	s := &SaveAsDialog{w: w, fn: fn}
	s.show(title, confirmText, dir)
	w.Canvas().Focus(s.Dir)
	return s
}

func (s *SaveAsDialog) show(title, confirmText, dir string) {
	w := s.w
	s.Dir, s.Note = NewTextEntry(""), widget.NewLabel("")
	if dir == "" {
		dir = HomeDir()
	}
	s.Dir.SetText(dir)
	s.Note.Wrapping = fyne.TextWrapWord
	s.Note.Importance = widget.DangerImportance
	s.Dir.OnSubmitted = func(string) { s.Submit() }
	browse := NewButton("Chọn thư mục…", theme.FolderOpenIcon(), func() {
		ShowOpenFolder(w, title, "Chọn thư mục này", func(d string) {
			s.Dir.SetText(d)
			if s.Name != nil {
				w.Canvas().Focus(s.Name)
			} else {
				w.Canvas().Focus(s.Dir)
			}
		}, s.Dir.Text)
	})
	body := container.NewVBox(container.New(Row(90, 0, browse.MinSize().Width), widget.NewLabel("Thư mục:"), s.Dir, browse))
	if s.Name != nil {
		body.Add(container.New(Row(90, 0), widget.NewLabel("Tên tệp:"), s.Name))
	}
	body.Add(s.Note)
	ok := NewButton(confirmText, theme.ConfirmIcon(), s.Submit)
	ok.Importance = widget.HighImportance
	cancel := NewButton("Hủy", theme.CancelIcon(), func() { s.d.Hide() })
	s.d = ShowDialog(w, title, body, []fyne.CanvasObject{cancel, ok}, s.Submit, nil, fyne.NewSize(760, 0))
}

// knownExt: name ends in one of the extensions of s.ext (".xlsx", or
// several separated by spaces: ".xlsx .csv").
func (s *SaveAsDialog) knownExt(name string) bool {
	for _, e := range strings.Fields(s.ext) {
		if strings.EqualFold(filepath.Ext(name), e) {
			return true
		}
	}
	return false
}

// Path is the file (or folder) the dialog names now.
func (s *SaveAsDialog) Path() string {
	if s.Name == nil {
		return filepath.Clean(strings.TrimSpace(s.Dir.Text))
	}
	name := strings.TrimSpace(s.Name.Text)
	if name != "" && s.ext != "" && !s.knownExt(name) {
		name += strings.Fields(s.ext)[0]
	}
	return filepath.Join(strings.TrimSpace(s.Dir.Text), name)
}

// Submit is the confirm button: it checks the name and the folder, asks
// before replacing a file (AskToReplace) or refuses it (RefuseExisting),
// and calls fn with the path.
func (s *SaveAsDialog) Submit() {
	s.Note.SetText("")
	if s.Name == nil {
		dir := s.Path()
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			s.Note.SetText("Không có thư mục " + dir + ".")
			return
		}
		s.d.Hide()
		s.fn(dir)
		return
	}
	if strings.TrimSpace(s.Name.Text) == "" {
		s.Note.SetText("Chưa nhập tên tệp.")
		return
	}
	if strings.ContainsAny(s.Name.Text, `/\`) {
		s.Note.SetText("Tên tệp không được có dấu / hay \\: chọn thư mục bằng nút “Chọn thư mục…”.")
		return
	}
	dir := strings.TrimSpace(s.Dir.Text)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		s.Note.SetText("Không có thư mục " + dir + ".")
		return
	}
	path := s.Path()
	_, err := os.Lstat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		s.d.Hide()
		s.fn(path)
	case err != nil:
		s.Note.SetText("Không kiểm tra được " + path + ": " + err.Error())
	case s.exists == RefuseExisting:
		s.Note.SetText("Đã có tệp " + path + ". WardLedger không tạo sổ mới đè lên tệp đã có: hãy đặt tên khác hoặc chọn thư mục khác.")
	default:
		Confirm(s.w, "Ghi đè tệp?", "Đã có tệp\n"+path+"\nThay tệp đó bằng tệp mới?", "Ghi đè", func() {
			s.d.Hide()
			s.fn(path)
		})
	}
}

// FreeName is name, or name with a number added before its extension, so
// that nothing of that name is in dir: the name a save dialog proposes.
func FreeName(dir, name string) string {
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
