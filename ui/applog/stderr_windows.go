//go:build windows

package applog

import (
	"os"

	"golang.org/x/sys/windows"
)

// original is the process's stderr before Start: writes of the standard
// logger are still copied there, but os.Stderr and the process's handle
// now point at the log file.
var original = os.Stderr

// redirectStderr points the process's standard error handle at f, so the
// Go runtime's own crash report (written to that handle) and code that
// prints to os.Stderr (GLFW's bindings) end up in the log. nil, while the
// log rotates, points it nowhere.
func redirectStderr(f *os.File) {
	h := windows.Handle(0)
	if f != nil {
		h = windows.Handle(f.Fd())
		os.Stderr = f
	} else {
		os.Stderr = original
	}
	windows.SetStdHandle(windows.STD_ERROR_HANDLE, h)
}
