package ui

import (
	"path/filepath"

	"wardledger/ui/widgets"
)

// chooseLedger asks for an existing ledger file and opens it.
func (u *UI) chooseLedger(from string) {
	widgets.ShowOpenFile(u.win, "Mở sổ khác", []string{".db"}, func(path string) { u.open(path) }, folderOf(from))
}

// chooseNewLedger asks where a new ledger file goes; then pick is called
// with its path, where nothing is yet. The dialog writes nothing and
// refuses a name already taken.
func (u *UI) chooseNewLedger(from string, pick func(path string)) {
	dir := folderOf(from)
	if dir == "" {
		dir = widgets.HomeDir()
	}
	u.saveAs = widgets.ShowSaveAs(u.win, "Tạo sổ mới", "Tạo sổ", dir, widgets.FreeName(dir, "wardledger.db"), ".db", widgets.RefuseExisting, pick)
}

// folderOf is the folder of path, "" for no path.
func folderOf(path string) string {
	if path == "" {
		return ""
	}
	return filepath.Dir(path)
}

func (sh *shell) openOther() { sh.u.chooseLedger(sh.s.path) }

// createOther leaves the open ledger for the first-run screen of a new
// file; the open ledger is closed only once the new path is chosen.
func (sh *shell) createOther() {
	sh.u.chooseNewLedger(sh.s.path, func(path string) {
		sh.u.closeLedger()
		sh.u.win.SetMainMenu(nil)
		sh.u.showFirstRun(path)
	})
}
