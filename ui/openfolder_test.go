package ui

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestOpenFolder runs openFolder against a stand-in xdg-open that records
// its argument: the folder goes as a plain path, Vietnamese letters and
// spaces intact, and a failure of the file manager is reported.
func TestOpenFolder(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the stand-in is an xdg-open shell script")
	}
	bin := t.TempDir()
	log := filepath.Join(t.TempDir(), "args")
	script := "#!/bin/sh\nprintf '%s' \"$1\" > " + log + "\ncase \"$1\" in *hỏng*) exit 3;; esac\n"
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	dir := filepath.Join(t.TempDir(), "Báo cáo quận", "Tài liệu")
	if err := openFolder(dir + "/"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(log)
	if string(got) != dir {
		t.Errorf("xdg-open got %q, want %q", got, dir)
	}
	if err := openFolder(filepath.Join(dir, "hỏng")); err == nil || !strings.Contains(err.Error(), "exit status 3") {
		t.Errorf("failure not reported: %v", err)
	}
}
