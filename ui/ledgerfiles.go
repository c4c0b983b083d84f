package ui

import (
	"os"
	"path/filepath"
	"strings"
)

// chooseLedger asks for an existing ledger file and opens it.
func (u *UI) chooseLedger(from string) {
	d := openFileDialog(u.win, []string{".db"}, func(path string) { u.open(path, nil) })
	showIn(d, folderOf(from))
}

// chooseNewLedger asks where a new ledger file goes; then pick is called
// with its path (the file does not exist yet).
func (u *UI) chooseNewLedger(from string, pick func(path string)) {
	d := saveFileDialog(u.win, "wardledger.db", []string{".db"}, func(path string) {
		os.Remove(path) // the dialog creates it empty; the ledger is made on confirm
		if !strings.HasSuffix(strings.ToLower(path), ".db") {
			path += ".db"
		}
		pick(path)
	})
	d.SetConfirmText("Tạo sổ")
	showIn(d, folderOf(from))
}

// folderOf is the folder of path, "" for no path.
func folderOf(path string) string {
	if path == "" {
		return ""
	}
	return filepath.Dir(path)
}

func (sh *shell) openOther() { sh.u.chooseLedger(sh.s.path) }

func (sh *shell) createOther() {
	sh.u.chooseNewLedger(sh.s.path, func(path string) {
		sh.u.closeLedger(nil)
		sh.u.win.SetMainMenu(nil)
		sh.u.showFirstRun(path, nil)
	})
}
