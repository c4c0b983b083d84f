package ui

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// chooseLedger asks for an existing ledger file and opens it.
func (u *UI) chooseLedger(from string) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		u.open(path, nil)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	setDialogFolder(d, from)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// chooseNewLedger asks where a new ledger file goes; then pick is called
// with its path (the file does not exist yet).
func (u *UI) chooseNewLedger(from string, pick func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		os.Remove(path) // the dialog creates it empty; the ledger is made on confirm
		if !strings.HasSuffix(strings.ToLower(path), ".db") {
			path += ".db"
		}
		pick(path)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	d.SetFileName("wardledger.db")
	setDialogFolder(d, from)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// setDialogFolder starts a file dialog in the folder of path, if it exists.
func setDialogFolder(d *dialog.FileDialog, path string) {
	if path == "" {
		return
	}
	if loc, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(path))); err == nil {
		d.SetLocation(loc)
	}
}

func (sh *shell) openOther() { sh.u.chooseLedger(sh.s.path) }

func (sh *shell) createOther() {
	sh.u.chooseNewLedger(sh.s.path, func(path string) {
		sh.u.closeLedger(nil)
		sh.u.win.SetMainMenu(nil)
		sh.u.showFirstRun(path, nil)
	})
}
