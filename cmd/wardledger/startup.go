package main

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// graphicsWatch collects what the graphics stack says while the window is
// created. Fyne's GLFW driver does not fail in one way when OpenGL is
// missing: GLFW's bindings log a PlatformError ("WGL: Failed to set pixel
// format") and hand Fyne no window without an error; an unavailable
// OpenGL version is logged as "window creation error" and the driver then
// runs on without a window; an unknown pixel format panics; a context
// without the OpenGL 2.1 functions logs "failed to initialise OpenGL" and
// crashes at the first frame. It watches the log for those lines.
type graphicsWatch struct {
	mu      sync.Mutex
	lines   []string
	painter bool // the window exists but OpenGL could not be loaded into it
}

// graphicsMarkers are the log lines of GLFW and Fyne that mean the window
// or its OpenGL context could not be made.
var graphicsMarkers = []string{
	"WGL:", "GLX:", "EGL:", "PlatformError", "APIUnavailable", "VersionUnavailable", "FormatUnavailable",
	"window creation error", "failed to initialise GLFW", "failed to initialise OpenGL",
}

// logStamp is the date and time the standard logger puts first.
var logStamp = regexp.MustCompile(`^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d `)

// line is the log's watcher.
func (g *graphicsWatch) line(s string) {
	for _, m := range graphicsMarkers {
		if strings.Contains(s, m) {
			g.mu.Lock()
			if len(g.lines) < 10 {
				g.lines = append(g.lines, strings.TrimSpace(logStamp.ReplaceAllString(s, "")))
			}
			if strings.Contains(s, "failed to initialise OpenGL") {
				g.painter = true
			}
			g.mu.Unlock()
			return
		}
	}
}

// cause is what the graphics stack said, for the message and the log.
func (g *graphicsWatch) cause() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return strings.Join(g.lines, "\n")
}

func (g *graphicsWatch) painterFailed() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.painter
}

// errNoWindow is a window that could not be created with OpenGL.
var errNoWindow = errors.New("no OpenGL window")

// showWindow shows w, which creates its native window and OpenGL context
// on this (the main) goroutine before the app runs, and says whether that
// worked: a panic of the driver, a window without a native handle, or a
// context OpenGL could not be loaded into all count as failures.
func showWindow(w fyne.Window, g *graphicsWatch) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", errNoWindow, r)
		}
	}()
	w.Show()
	if !hasNativeWindow(w) {
		return fmt.Errorf("%w: %s", errNoWindow, orUnknown(g.cause()))
	}
	if g.painterFailed() {
		return fmt.Errorf("%w: %s", errNoWindow, g.cause())
	}
	return nil
}

func orUnknown(s string) string {
	if s == "" {
		return "the driver made no window and said nothing"
	}
	return s
}

// hasNativeWindow reports whether the driver made a window for w: Fyne's
// GLFW windows hand a zero handle to RunNative until they have one. A
// driver that does not say (the test driver) counts as having one.
func hasNativeWindow(w fyne.Window) bool {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return true
	}
	has := true
	nw.RunNative(func(ctx any) {
		switch c := ctx.(type) {
		case driver.WindowsWindowContext:
			has = c.HWND != 0
		case driver.X11WindowContext:
			has = c.WindowHandle != 0
		case driver.WaylandWindowContext:
			has = c.WaylandSurface != 0
		case driver.MacWindowContext:
			has = c.NSWindow != 0
		}
	})
	return has
}

// noWindowTitle and noWindowText are the message a ward accountant sees
// when the window cannot be made: what is wrong, what to do, where to read
// more, and where the details are.
const noWindowTitle = "WardLedger không mở được cửa sổ"

func noWindowText(err error, logPath string) string {
	var b strings.Builder
	b.WriteString("WardLedger không mở được cửa sổ vì máy tính này chưa có trình điều khiển đồ họa (driver card màn hình) hỗ trợ OpenGL 2.1.\n\n")
	b.WriteString("Cách khắc phục: cài trình điều khiển đồ họa của hãng sản xuất máy hoặc card màn hình (Intel, AMD hoặc NVIDIA) — ")
	b.WriteString("thường gặp trên máy mới cài lại Windows chỉ có \"Microsoft Basic Display Adapter\" — rồi mở lại WardLedger. ")
	b.WriteString("Xem mục \"Khi hiện thông báo: không mở được cửa sổ (đồ họa)\" trong Hướng dẫn sử dụng.\n\n")
	b.WriteString("Sổ kế toán không bị ảnh hưởng: chương trình chưa ghi gì và đã đóng sổ.")
	if logPath != "" {
		b.WriteString("\n\nChi tiết lỗi đã ghi vào nhật ký:\n" + logPath)
	}
	if err != nil {
		detail := strings.TrimPrefix(err.Error(), errNoWindow.Error()+": ")
		if len(detail) > 300 {
			detail = detail[:300] + "…"
		}
		b.WriteString("\n\n(" + detail + ")")
	}
	return b.String()
}
