package widgets

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// The file dialogs of the app. Fyne's dialogs open one file or one folder;
// these build them with the filter and the Vietnamese buttons, report a
// failure of the dialog itself, and hand the chosen path to fn (not
// called on Hủy). showIn then opens one in a folder that exists.

// OpenFileDialog asks for an existing file ending in one of exts.
func OpenFileDialog(w fyne.Window, exts []string, fn func(path string)) *dialog.FileDialog {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			ShowError(w, err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		fn(path)
	}, w)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.SetConfirmText("Mở")
	d.SetDismissText("Hủy")
	return d
}

// SaveFileDialog asks where to save a file, proposing name. The dialog
// has created the file, empty, by the time fn runs.
func SaveFileDialog(w fyne.Window, name string, exts []string, fn func(path string)) *dialog.FileDialog {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			ShowError(w, err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		fn(path)
	}, w)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.SetFileName(name)
	d.SetConfirmText("Lưu")
	d.SetDismissText("Hủy")
	return d
}

// FolderDialog asks for a folder.
func FolderDialog(w fyne.Window, fn func(dir string)) *dialog.FileDialog {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			ShowError(w, err)
			return
		}
		if dir == nil {
			return
		}
		fn(dir.Path())
	}, w)
	d.SetConfirmText("Chọn thư mục này")
	d.SetDismissText("Hủy")
	return d
}

// ShowIn shows d, large, in the first of dirs that exists (else where
// Fyne starts).
func ShowIn(d *dialog.FileDialog, dirs ...string) {
	for _, dir := range dirs {
		if st, err := os.Stat(dir); dir == "" || err != nil || !st.IsDir() {
			continue
		}
		if loc, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(loc)
			break
		}
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// HomeDir is the user's home folder, "" if unknown.
func HomeDir() string {
	h, _ := os.UserHomeDir()
	return h
}
