package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wardledger/assets"
)

func helpMenu(t *testing.T, sh *shell) *fyne.Menu {
	t.Helper()
	for _, m := range sh.menu().Items {
		if m.Label == "Trợ giúp" {
			return m
		}
	}
	t.Fatal("no Trợ giúp menu")
	return nil
}

func menuItem(t *testing.T, m *fyne.Menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if it.Label == label {
			return it
		}
	}
	t.Fatalf("menu %s has no %q", m.Label, label)
	return nil
}

func TestAboutShowsVersionLedgerAndLog(t *testing.T) {
	opts := testOptions(mustLedgerFile(t))
	opts.LogPath = filepath.Join(t.TempDir(), "wardledger.log")
	u, w := startUI(t, opts)
	menuItem(t, helpMenu(t, u.shell), "Giới thiệu WardLedger").Action()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	for _, want := range []string{assets.Product, "Phiên bản " + assets.Version, assets.Copyright, "Sổ đang mở: " + opts.DBPath, "Nhật ký lỗi: " + opts.LogPath} {
		if !findLabel(top, want) {
			t.Errorf("Giới thiệu does not show %q", want)
		}
	}
}

func TestOpenLogShowsItsEndAndOpensItsFolder(t *testing.T) {
	opts := testOptions(mustLedgerFile(t))
	opts.LogPath = filepath.Join(t.TempDir(), "wardledger.log")
	var opened string
	opts.OpenFolder = func(dir string) error { opened = dir; return nil }
	u, w := startUI(t, opts)
	item := menuItem(t, helpMenu(t, u.shell), "Mở nhật ký lỗi")

	item.Action() // no file yet
	if top := w.Canvas().Overlays().Top(); top == nil || !findLabel(top, "chưa có nhật ký") {
		t.Error("a missing log is not explained")
	}
	w.Canvas().Overlays().Top().Hide()

	os.WriteFile(opts.LogPath, []byte("2026/03/15 08:00:00 WardLedger started\n2026/03/15 08:00:01 PlatformError: WGL: Failed to set pixel format\n"), 0o644)
	item.Action()
	top := w.Canvas().Overlays().Top()
	if top == nil || !findLabel(top, "WGL: Failed to set pixel format") || !findLabel(top, opts.LogPath) {
		t.Fatal("the log dialog does not show the path and the last lines")
	}
	for _, obj := range test.LaidOutObjects(top) {
		if b, ok := obj.(*widget.Button); ok && b.Text == "Mở thư mục" {
			test.Tap(b)
		}
	}
	u.tasks.wait()
	if opened != filepath.Dir(opts.LogPath) {
		t.Errorf("Mở thư mục opened %q, want the log's folder", opened)
	}
}

// The dialog shows whole lines from the end of a long log.
func TestLogTail(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.log")
	var b strings.Builder
	for i := 0; i < 1000; i++ {
		b.WriteString("dòng nhật ký số ")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString("\n")
	}
	b.WriteString("cuối cùng\n")
	os.WriteFile(path, []byte(b.String()), 0o644)
	got := logTail(path, 100)
	if !strings.HasSuffix(got, "cuối cùng") || !strings.HasPrefix(got, "dòng nhật ký") || len(got) > 100 {
		t.Errorf("logTail = %q", got)
	}
	os.WriteFile(path, nil, 0o644)
	if got := logTail(path, 100); got != "(nhật ký trống)" {
		t.Errorf("empty log: %q", got)
	}
}
