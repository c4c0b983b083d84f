package ui

import (
	"os"
	"testing"

	"fyne.io/fyne/v2/test"
)

// A window that goes before its ledger has finished opening (the desktop
// app when its window cannot be created) still releases the ledger: no
// lock file is left to refuse the next start.
func TestClosingBeforeTheOpenArrivesReleasesTheLedger(t *testing.T) {
	path := mustLedgerFile(t)
	a := test.NewTempApp(t)
	u := Create(a, a.NewWindow("WardLedger"), testOptions(path))
	// The ledger is open, but the result is still queued for the UI
	// goroutine (queued tests run it only in tasks.wait): close now.
	u.tasks.working.Wait()
	if _, err := os.Stat(lockPath(path)); err != nil {
		t.Fatalf("the open did not lock the ledger: %v", err)
	}
	u.Close()
	if _, err := os.Stat(lockPath(path)); !os.IsNotExist(err) {
		t.Fatalf("the lock file is still there after closing: %v", err)
	}
	if u.sess != nil || u.opened.Load() != nil {
		t.Fatal("a session outlived Close")
	}
	// And another window opens it at once.
	u2, _ := startUI(t, testOptions(path))
	if u2.shell == nil {
		t.Fatal("the ledger did not open after the first window closed")
	}
}
