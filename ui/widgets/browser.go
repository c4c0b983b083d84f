package widgets

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
)

// Browser chooses a file, or a folder, by walking the folders: typed at
// its top (Enter goes there, or takes the file typed), picked in the list
// (↑ ↓ and Space open a folder or pick a file, Enter confirms), or from
// the places on the left (the home folder and its usual folders, the
// drives and removable disks). It stands in for Fyne's file dialog, whose
// places read "Home", "Documents"… in English and which wants the mouse.
type Browser struct {
	w      fyne.Window
	d      *dialog.CustomDialog
	Dir    *TextEntry // the folder shown, or a path typed
	list   *List
	note   *widget.Label
	ok     *Button
	exts   []string
	folder bool
	fn     func(string)

	cur    string        // the folder listed
	items  []browseEntry // its parent, folders, then files
	chosen int           // the file picked in items, -1 when none
	places []browseEntry
}

type browseEntry struct {
	label string
	path  string
	dir   bool
}

// maxListed bounds a folder's listing.
const maxListed = 5000

// ShowOpenFile asks for an existing file ending in one of exts, starting
// in the first of dirs that exists (else the home folder).
func ShowOpenFile(w fyne.Window, title string, exts []string, fn func(path string), dirs ...string) *Browser {
	b := &Browser{w: w, exts: exts, fn: fn, chosen: -1}
	b.show(title, "Mở", dirs)
	return b
}

// ShowOpenFolder asks for a folder, starting in the first of dirs that
// exists; confirmText names the button that takes the folder shown.
func ShowOpenFolder(w fyne.Window, title, confirmText string, fn func(dir string), dirs ...string) *Browser {
	b := &Browser{w: w, folder: true, fn: fn, chosen: -1}
	b.show(title, confirmText, dirs)
	return b
}

func (b *Browser) show(title, confirmText string, dirs []string) {
	b.Dir = NewTextEntry("gõ thư mục rồi Enter")
	b.Dir.OnSubmitted = func(string) { b.typed() }
	b.note = widget.NewLabel("")
	b.note.Wrapping = fyne.TextWrapWord
	b.note.Importance = widget.DangerImportance
	up := NewButton("Lên", theme.MoveUpIcon(), func() { b.open(filepath.Dir(b.cur)) })
	b.list = NewList(func() int { return len(b.items) }, browseRow, func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < len(b.items) {
			fillBrowseRow(o, b.items[id])
		}
	})
	b.list.OnSelected = b.picked
	b.places = browsePlaces()
	places := NewList(func() int { return len(b.places) }, browseRow, func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < len(b.places) {
			fillBrowseRow(o, b.places[id])
		}
	})
	places.OnSelected = func(id widget.ListItemID) {
		places.UnselectAll()
		if id < len(b.places) {
			b.open(b.places[id].path)
		}
	}
	b.ok = NewButton(confirmText, theme.ConfirmIcon(), b.Submit)
	b.ok.Importance = widget.HighImportance
	cancel := NewButton("Hủy", theme.CancelIcon(), func() { b.d.Hide() })
	top := container.New(Row(70, 0, up.MinSize().Width), widget.NewLabel("Thư mục:"), b.Dir, up)
	split := container.NewHSplit(places, b.list)
	split.Offset = 0.25
	body := Border(top, b.note, nil, nil, split)
	b.d = ShowDialog(b.w, title, body, []fyne.CanvasObject{cancel, b.ok}, b.Submit, nil, fyne.NewSize(900, 600))
	start := HomeDir()
	for _, d := range dirs {
		if st, err := os.Stat(d); d != "" && err == nil && st.IsDir() {
			start = d
			break
		}
	}
	b.open(start)
	b.w.Canvas().Focus(b.Dir)
}

func browseRow() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, widget.NewIcon(theme.FolderIcon()), nil, l)
}

func fillBrowseRow(o fyne.CanvasObject, e browseEntry) {
	c := o.(*fyne.Container)
	icon := theme.FileIcon()
	if e.dir {
		icon = theme.FolderIcon()
	}
	for _, obj := range c.Objects {
		switch v := obj.(type) {
		case *widget.Label:
			v.SetText(e.label)
		case *widget.Icon:
			v.SetResource(icon)
		}
	}
}

// open lists dir; on a failure the folder shown stays and the note says
// why.
func (b *Browser) open(dir string) {
	dir = filepath.Clean(dir)
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.note.SetText(folderError(dir, err))
		return
	}
	b.note.SetText("")
	var folders, files []browseEntry
	for _, e := range ents {
		n := e.Name()
		if strings.HasPrefix(n, ".") || strings.HasPrefix(n, "~$") {
			continue // hidden files, Excel's lock files
		}
		p := filepath.Join(dir, n)
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			if st, err := os.Stat(p); err == nil {
				isDir = st.IsDir()
			}
		}
		switch {
		case isDir:
			folders = append(folders, browseEntry{n, p, true})
		case !b.folder && b.wanted(n):
			files = append(files, browseEntry{n, p, false})
		}
	}
	byName := func(a, c browseEntry) int { return strings.Compare(strings.ToLower(a.label), strings.ToLower(c.label)) }
	slices.SortFunc(folders, byName)
	slices.SortFunc(files, byName)
	b.items = b.items[:0]
	if parent := filepath.Dir(dir); parent != dir {
		b.items = append(b.items, browseEntry{"(thư mục cha)", parent, true})
	}
	b.items = append(b.items, folders...)
	b.items = append(b.items, files...)
	if len(b.items) > maxListed {
		b.items = b.items[:maxListed]
		b.note.SetText("Thư mục có quá nhiều mục: chỉ liệt kê " + ledger.Money(maxListed).String() + " mục đầu.")
	}
	b.cur, b.chosen = dir, -1
	b.Dir.SetText(dir)
	b.list.UnselectAll()
	b.list.ScrollToTop()
	b.list.Refresh()
	b.updateOK()
}

// wanted: a file the dialog offers.
func (b *Browser) wanted(name string) bool {
	if len(b.exts) == 0 {
		return true
	}
	for _, e := range b.exts {
		if strings.EqualFold(filepath.Ext(name), e) {
			return true
		}
	}
	return false
}

// picked is a click, or Space, on an item: a folder opens, a file is
// chosen.
func (b *Browser) picked(id widget.ListItemID) {
	if id >= len(b.items) {
		return
	}
	if e := b.items[id]; e.dir {
		b.open(e.path)
		return
	}
	b.chosen = id
	b.updateOK()
}

func (b *Browser) updateOK() {
	if b.folder || b.chosen >= 0 {
		b.ok.Enable()
	} else {
		b.ok.Disable()
	}
}

// typed is Enter in the folder's field: a folder opens; a file wanted is
// taken.
func (b *Browser) typed() {
	p := strings.TrimSpace(b.Dir.Text)
	st, err := os.Stat(p)
	switch {
	case err != nil:
		b.note.SetText(folderError(p, err))
	case st.IsDir() && filepath.Clean(p) != b.cur:
		b.open(p)
	case st.IsDir():
		b.Submit()
	case !b.folder && b.wanted(p):
		b.d.Hide()
		b.fn(p)
	default:
		b.note.SetText(p + " không phải thư mục.")
	}
}

// Submit is the confirm button and Enter: the file chosen, or the folder
// shown.
func (b *Browser) Submit() {
	if !b.folder && b.chosen < 0 {
		if filepath.Clean(strings.TrimSpace(b.Dir.Text)) != b.cur {
			b.typed()
			return
		}
		b.note.SetText("Chọn một tệp trong danh sách (↑ ↓ rồi phím cách), hoặc gõ đường dẫn của tệp.")
		return
	}
	path := b.cur
	if !b.folder {
		path = b.items[b.chosen].path
	}
	b.d.Hide()
	b.fn(path)
}

// folderError says in Vietnamese why dir cannot be listed.
func folderError(dir string, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "Không có thư mục hay tệp " + dir + "."
	case errors.Is(err, fs.ErrPermission):
		return "Không có quyền mở " + dir + "."
	}
	return "Không mở được " + dir + "."
}

// browsePlaces are the places offered on the left: the home folder and its
// usual folders, then the drives (Windows) or the disks mounted (USB).
func browsePlaces() []browseEntry {
	var out []browseEntry
	add := func(label, path string) {
		if st, err := os.Stat(path); err == nil && st.IsDir() {
			out = append(out, browseEntry{label, path, true})
		}
	}
	home := HomeDir()
	if home != "" {
		add("Thư mục nhà", home)
		add("Màn hình nền", filepath.Join(home, "Desktop"))
		add("Tài liệu", filepath.Join(home, "Documents"))
		add("Tải về", filepath.Join(home, "Downloads"))
	}
	switch runtime.GOOS {
	case "windows":
		for c := 'A'; c <= 'Z'; c++ {
			add("Ổ đĩa "+string(c)+":", string(c)+`:\`)
		}
	case "darwin":
		mounted(&out, "/Volumes")
	default:
		add("Gốc /", "/")
		for _, root := range []string{"/media", "/run/media", "/mnt"} {
			mounted(&out, root)
		}
	}
	return out
}

// mounted adds the disks mounted under root (one level, or two for
// /media/<user>/<disk>).
func mounted(out *[]browseEntry, root string) {
	ents, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range ents {
		p := filepath.Join(root, e.Name())
		if !e.IsDir() {
			continue
		}
		sub, err := os.ReadDir(p)
		if err == nil && (root == "/media" || root == "/run/media") {
			for _, s := range sub {
				if s.IsDir() {
					*out = append(*out, browseEntry{"Đĩa " + s.Name(), filepath.Join(p, s.Name()), true})
				}
			}
			continue
		}
		*out = append(*out, browseEntry{"Đĩa " + e.Name(), p, true})
	}
}
