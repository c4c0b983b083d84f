package widgets

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// The file dialogs of the app that open: Fyne's dialogs open one file or
// one folder; these build them with the filter, a Vietnamese title and
// buttons, report a failure of the dialog itself, and hand the chosen path
// to fn (not called on Hủy). ShowIn then opens one in a folder that
// exists. Nothing that writes uses Fyne's save dialog, which creates the
// file it returns and asks "Overwrite?": SaveAsDialog does.

// OpenFileDialog asks for an existing file ending in one of exts, under
// title.
func OpenFileDialog(w fyne.Window, title string, exts []string, fn func(path string)) *dialog.FileDialog {
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
	d.SetTitleText(title)
	return d
}

// FolderDialog asks for a folder, under title (Fyne would otherwise put
// the confirm button's text before the word "thư mục").
func FolderDialog(w fyne.Window, title string, fn func(dir string)) *dialog.FileDialog {
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
	d.SetTitleText(title)
	return d
}

// ShowIn shows d on w, large, in the first of dirs that exists (else
// where Fyne starts). Escape closes it while nothing in it has the
// keyboard; Enter does nothing (Fyne's dialog has no way to be confirmed
// but its button).
func ShowIn(w fyne.Window, d *dialog.FileDialog, dirs ...string) {
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
	d.SetOnClosed(OnDialogKeys(w, func() {}, d.Dismiss))
	d.Show()
}

// HomeDir is the user's home folder, "" if unknown.
func HomeDir() string {
	h, _ := os.UserHomeDir()
	return h
}
