package main

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"fyne.io/fyne/v2/test"
)

// fakeWindow is a test window that answers RunNative as Fyne's GLFW
// window does: with the handle it has (zero when none was made).
type fakeWindow struct {
	fyne.Window
	ctx   any
	panic any // what Show panics with, if anything
	log   []string
	watch func(string)
}

func (w *fakeWindow) RunNative(f func(any)) { f(w.ctx) }

func (w *fakeWindow) Show() {
	for _, l := range w.log {
		w.watch(l)
	}
	if w.panic != nil {
		panic(w.panic)
	}
	w.Window.Show()
}

var _ driver.NativeWindow = (*fakeWindow)(nil)

// The log lines are those GLFW's bindings and Fyne write on a PC without
// OpenGL 2.1 (the first seen under Wine on a display without GLX).
func TestShowWindowTellsAFailedWindow(t *testing.T) {
	a := test.NewTempApp(t)
	platformError := []string{"2026/12/03 07:22:37 PlatformError: WGL: Failed to set pixel format for dummy context: Invalid window handle. "}
	versionError := []string{
		"2026/12/03 07:22:37 Fyne error:  window creation error",
		"2026/12/03 07:22:37   Cause: VersionUnavailable: WGL: Requested OpenGL version 2.1, got version 1.1",
		"2026/12/03 07:22:37   At: fyne.io/fyne/v2@v2.7.1/internal/driver/glfw/window_desktop.go:762",
	}
	painterError := []string{
		"2026/12/03 07:22:37 Fyne error:  failed to initialise OpenGL",
		"2026/12/03 07:22:37   Cause: glBlendFuncSeparate",
	}
	cases := []struct {
		name  string
		ctx   any
		log   []string
		panic any
		fails bool
		says  string
	}{
		{"window made", driver.WindowsWindowContext{HWND: 0x1234}, nil, nil, false, ""},
		{"X11 window made", driver.X11WindowContext{WindowHandle: 7}, []string{"Fyne error:  Error parsing user locale C"}, nil, false, ""},
		{"pixel format refused", driver.WindowsWindowContext{}, platformError, nil, true, "Failed to set pixel format"},
		{"OpenGL 1.1 only", driver.WindowsWindowContext{}, versionError, nil, true, "Requested OpenGL version 2.1"},
		{"no window, nothing said", driver.X11WindowContext{}, nil, nil, true, "said nothing"},
		{"driver panics", driver.WindowsWindowContext{}, nil, "FormatUnavailable: WGL: Failed to find a suitable pixel format", true, "suitable pixel format"},
		{"window without OpenGL functions", driver.WindowsWindowContext{HWND: 0x1234}, painterError, nil, true, "failed to initialise OpenGL"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := &graphicsWatch{}
			w := &fakeWindow{Window: a.NewWindow("WardLedger"), ctx: c.ctx, panic: c.panic, log: c.log, watch: g.line}
			defer w.Window.Close()
			err := showWindow(w, g)
			if (err != nil) != c.fails || (err != nil && !errors.Is(err, errNoWindow)) {
				t.Fatalf("showWindow = %v, want failure %v", err, c.fails)
			}
			if err != nil && !strings.Contains(err.Error(), c.says) {
				t.Errorf("error %q does not say %q", err, c.says)
			}
			if err != nil && strings.Contains(err.Error(), "2026/12/03") {
				t.Errorf("error %q keeps the log's time stamp", err)
			}
		})
	}
}

// The message says what is wrong, what to do, where the guide says more
// and where the log is, in Vietnamese.
func TestNoWindowText(t *testing.T) {
	text := noWindowText(errors.Join(errNoWindow, errors.New("PlatformError: WGL: Failed to set pixel format")), `C:\\Users\\ketoan\\AppData\\Roaming\\vn.wardledger.app\\wardledger.log`)
	for _, want := range []string{"OpenGL 2.1", "trình điều khiển đồ họa", "Intel, AMD hoặc NVIDIA", "Hướng dẫn sử dụng", "đã đóng sổ", `vn.wardledger.app\\wardledger.log`, "Failed to set pixel format"} {
		if !strings.Contains(text, want) {
			t.Errorf("message lacks %q:\n%s", want, text)
		}
	}
}
