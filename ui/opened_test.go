package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"wardledger/ledger"
)

// A window that goes before its ledger has finished opening (the desktop
// app when its window cannot be created) still closes the ledger: its
// writer's lock is released for the next start.
func TestClosingBeforeTheOpenArrivesReleasesTheLedger(t *testing.T) {
	path := mustLedgerFile(t)
	a := test.NewTempApp(t)
	u := Create(a, a.NewWindow("WardLedger"), testOptions(path))
	// The ledger is open, but the result is still queued for the UI
	// goroutine (queued tests run it only in tasks.wait): close now.
	u.tasks.working.Wait()
	if l, err := openSQLite(context.Background(), path); ledger.ErrorKind(err) != ledger.KindBusy {
		if l != nil {
			l.Close()
		}
		t.Fatalf("the open did not hold the ledger: second open %v", err)
	}
	u.Close()
	if u.sess != nil || u.pending.Load() != nil {
		t.Fatal("a session outlived Close")
	}
	l, err := openSQLite(context.Background(), path)
	if err != nil {
		t.Fatalf("the ledger is still held after closing: %v", err)
	}
	l.Close()
}
