//go:build windows

package main

import "golang.org/x/sys/windows"

// messageBox shows a Windows error message box and waits for OK: it needs
// no OpenGL, so it can say that OpenGL is missing.
func messageBox(title, text string) {
	t, err1 := windows.UTF16PtrFromString(title)
	m, err2 := windows.UTF16PtrFromString(text)
	if err1 != nil || err2 != nil {
		return
	}
	const flags = windows.MB_OK | windows.MB_ICONERROR | windows.MB_SETFOREGROUND | windows.MB_TOPMOST
	windows.MessageBox(0, m, t, flags)
}
