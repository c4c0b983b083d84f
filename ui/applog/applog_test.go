package applog_test

import (
	"bytes"
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wardledger/ui/applog"
)

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// The log keeps the last max bytes and the file before: a long run never
// fills the disk, and the lines just before a failure are still there.
func TestRotatesPastTheLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "wardledger.log")
	l, err := applog.Open(path, 100)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Repeat("x", 39) + "\n" // 40 bytes
	for i := 0; i < 5; i++ {
		l.Write([]byte(line))
	}
	l.Write([]byte("last\n"))
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	// 2 lines (80 B) + a third would pass 100: rotated after lines 2
	// and 4.
	if got := read(t, path); got != line+"last\n" {
		t.Errorf("current log %q", got)
	}
	if got := read(t, path+".1"); got != line+line {
		t.Errorf("old log %q", got)
	}
	// Reopened past its limit, the log starts empty and keeps one old
	// file.
	os.WriteFile(path, bytes.Repeat([]byte("y"), 150), 0o644)
	l, err = applog.Open(path, 100)
	if err != nil {
		t.Fatal(err)
	}
	l.Write([]byte("new\n"))
	l.Close()
	if got := read(t, path); got != "new\n" {
		t.Errorf("log after reopening %q", got)
	}
	if got := read(t, path+".1"); len(got) != 150 {
		t.Errorf("old log after reopening has %d bytes, want 150", len(got))
	}
}

// Watch sees whole lines, however the writes cut them.
func TestWatchSeesWholeLines(t *testing.T) {
	l, err := applog.Open(filepath.Join(t.TempDir(), "a.log"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var lines []string
	l.Watch(func(s string) { lines = append(lines, s) })
	for _, p := range []string{"PlatformError: WGL: Fai", "led to set pixel format\r\nsecond", " line\n", "unended"} {
		l.Write([]byte(p))
	}
	want := []string{"PlatformError: WGL: Failed to set pixel format", "second line"}
	if strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Errorf("watched %q, want %q", lines, want)
	}
}

// Start makes the log the standard logger's output (fyne.LogError writes
// there) and says which program started; Close gives stderr back.
func TestStartTakesTheStandardLogger(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vn.wardledger.app", "wardledger.log")
	l, err := applog.Start(path, "WardLedger 9.9.9")
	if err != nil {
		t.Fatal(err)
	}
	log.Println("Fyne error:  window creation error")
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	log.Println("after close: not in the file")
	got := read(t, path)
	if !strings.Contains(got, "WardLedger 9.9.9 started (pid ") || !strings.Contains(got, "Fyne error:  window creation error\n") || strings.Contains(got, "after close") {
		t.Errorf("log file:\n%s", got)
	}
	if log.Writer() != os.Stderr {
		t.Errorf("after Close the standard logger writes to %v", log.Writer())
	}
}

func TestDefaultPathIsBesideTheSettings(t *testing.T) {
	dir, err := os.UserConfigDir()
	if err != nil {
		t.Skip(err)
	}
	if got, want := applog.DefaultPath(), filepath.Join(dir, "vn.wardledger.app", "wardledger.log"); got != want {
		t.Errorf("DefaultPath() = %s, want %s", got, want)
	}
}
