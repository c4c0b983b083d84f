package ui

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"time"
)

// openFolder shows dir in the system's file manager. It hands the plain
// path to Explorer, Finder or xdg-open rather than a file:// URL (what
// App.OpenURL would take): a folder named "Tài liệu" or "Báo cáo quận"
// would otherwise travel percent-encoded, which Windows' URL handler does
// not always decode. open and xdg-open exit at once with an error when
// they cannot open a folder, so their status is waited for briefly;
// Explorer exits 1 even when it opened the folder, so its status says
// nothing.
func openFolder(dir string) error {
	dir = filepath.Clean(dir)
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("explorer.exe", dir)
	case "darwin":
		cmd = exec.Command("open", dir)
	default:
		cmd = exec.Command("xdg-open", dir)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	if runtime.GOOS == "windows" {
		return nil
	}
	select {
	case err := <-done:
		return err
	case <-time.After(3 * time.Second):
		return nil // still starting the file manager: it is on its way
	}
}
