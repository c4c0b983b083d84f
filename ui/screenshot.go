package ui

import (
	"bufio"
	"fmt"
	"image"
	"image/png"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// Screenshot mode (Options.Screenshot): once the ledger is on screen the
// window is written to a PNG, the timings and memory are printed, and the
// app quits. scripts/smoke.sh proves with it that the real binary starts,
// and the user guide's pictures are made with it.

// armScreenshot sets screenshot mode up before the window is shown.
func (u *UI) armScreenshot() {
	var firstFrame atomic.Int64 // nanoseconds after start; 0 until drawn
	u.app.Lifecycle().SetOnStarted(func() {
		go func() {
			// The first frame is the first capture that is not blank.
			for i := 0; i < 400; i++ {
				var img image.Image
				fyne.DoAndWait(func() { img = u.capture() })
				if !blank(img) {
					firstFrame.Store(int64(time.Since(u.opts.Started)))
					return
				}
				time.Sleep(5 * time.Millisecond)
			}
		}()
	})
	shoot := func(settle time.Duration, ready time.Duration, err error) {
		go func() {
			time.Sleep(settle)
			var img image.Image
			fyne.DoAndWait(func() { img = u.capture() })
			if werr := writePNG(u.opts.Screenshot, img); werr != nil && err == nil {
				err = werr
			}
			fmt.Printf("screenshot: %s (%dx%d)\n", u.opts.Screenshot, img.Bounds().Dx(), img.Bounds().Dy())
			fmt.Printf("first frame: %d ms after start\n", time.Duration(firstFrame.Load()).Milliseconds())
			fmt.Printf("ledger on screen: %d ms after start\n", ready.Milliseconds())
			printMemory()
			fyne.Do(func() {
				if err != nil {
					fmt.Fprintln(os.Stderr, "wardledger:", err)
					u.shotErr = err
				}
				u.quit()
			})
		}()
	}
	u.onReady = func() {
		ready := time.Since(u.opts.Started)
		shoot(u.prepareView(u.opts.ScreenshotView), ready, nil)
	}
	u.onOther = func(screen string) {
		var err error
		if screen != u.opts.ScreenshotView {
			err = fmt.Errorf("the window shows %q instead of the ledger", screen)
		}
		shoot(600*time.Millisecond, time.Since(u.opts.Started), err)
	}
	// If the main screen never comes (first run, an error), capture what
	// is shown after a while and report it as a failure.
	go func() {
		time.Sleep(90 * time.Second)
		fyne.Do(func() {
			if u.shell == nil || !u.shell.ready {
				u.shotErr = fmt.Errorf("the ledger did not reach the main screen")
				fmt.Fprintln(os.Stderr, "wardledger:", u.shotErr)
				if img := u.capture(); img != nil {
					writePNG(u.opts.Screenshot, img)
				}
				u.quit()
			}
		})
	}()
}

func (u *UI) capture() image.Image {
	if u.opts.Capture != nil {
		return u.opts.Capture(u.win)
	}
	return u.win.Canvas().Capture()
}

// ScreenshotError reports why screenshot mode failed, nil if it did not.
func (u *UI) ScreenshotError() error { return u.shotErr }

// prepareView puts on screen what the screenshot should show (the views
// are listed at Options.ScreenshotView) and says how
// long to let it draw.
func (u *UI) prepareView(view string) time.Duration {
	sh := u.shell
	switch view {
	case "nhap", "loi":
		sh.tabs.SelectIndex(0)
		f := sh.book.form
		f.doc.SetText("PC00123")
		f.kind.SetSelectedIndex(3)
		f.nature.SetSelectedIndex(0)
		f.khoan.SetText("341")
		f.khoan.commit()
		f.memo.SetText("Chi trả tiền điện trụ sở tháng 11")
		if view == "loi" {
			f.tieuMuc.SetText("6501")
			f.tieuMuc.commit()
			f.amount.SetText("999999999999")
			f.submit()
			return 1500 * time.Millisecond
		}
		f.amount.SetText("12500000")
		f.tieuMuc.SetText("điện")
		u.win.Canvas().Focus(f.tieuMuc)
	case "quyettoan":
		sh.tabs.SelectIndex(1)
	case "chitiet":
		sh.tabs.SelectIndex(1)
		sh.stmt.tabs.SelectIndex(1)
	case "donvi":
		sh.tabs.SelectIndex(2)
	case "danhmuc":
		sh.tabs.SelectIndex(3)
		sh.codes.search.SetText("dien")
	case "khoaso":
		sh.closePeriod()
		return 1500 * time.Millisecond
	}
	return 600 * time.Millisecond
}

// blank reports whether an image is one colour (nothing drawn yet).
func blank(img image.Image) bool {
	if img == nil {
		return true
	}
	b := img.Bounds()
	if b.Empty() {
		return true
	}
	first := img.At(b.Min.X, b.Min.Y)
	r0, g0, b0, _ := first.RGBA()
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bb, _ := img.At(x, y).RGBA()
			if r != r0 || g != g0 || bb != b0 {
				return false
			}
		}
	}
	return true
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// printMemory prints the Go heap and, on Linux, the resident memory of the
// process (current and peak).
func printMemory() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Printf("go heap in use: %.1f MB, go runtime total: %.1f MB\n", float64(m.HeapInuse)/1e6, float64(m.Sys)/1e6)
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "VmRSS:") || strings.HasPrefix(line, "VmHWM:") {
			fmt.Println("process", strings.Join(strings.Fields(line), " "))
		}
	}
}
