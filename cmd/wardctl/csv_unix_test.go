//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestImportOverCapFromFIFO: a named pipe (or /dev/stdin, or a shell's
// <(…)) has no size to check beforehand; it used to be cut at the cap and
// its cut last amount recorded as 125.
func TestImportOverCapFromFIFO(t *testing.T) {
	db := newLedger(t)
	setCap(t, &maxImportBytes, 4096)
	fifo := filepath.Join(t.TempDir(), "in.csv")
	must(t, syscall.Mkfifo(fifo, 0o600))
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		w.Write(overCap(4096))
		w.Close()
	}()
	_, stderr, code := wardctl(t, db, "entry", "import", "--file", fifo)
	if code != 2 || !strings.Contains(stderr, "quá lớn") {
		t.Errorf("named pipe over the cap: exit %d, %s", code, stderr)
	}
	if n := entryCount(t, db); n != 0 {
		t.Errorf("input over the cap recorded %d entries", n)
	}
}
