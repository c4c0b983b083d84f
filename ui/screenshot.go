package ui

import (
	"bufio"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"wardledger/ledger"
	"wardledger/ui/widgets"
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
		sh.tabs.Select(sh.bookItem)
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
		sh.tabs.Select(sh.stmtItem)
	case "chitiet":
		sh.tabs.Select(sh.stmtItem)
		sh.stmt.tabs.SelectIndex(1)
	case "xetduyet", "tonghop":
		u.showReviewed(view == "xetduyet")
		return 3 * time.Second
	case "giaodutoan":
		sh.tabs.Select(sh.allocItem)
		a := sh.alloc
		a.doc.SetText("215/QĐ-UBND")
		end := a.selectedPeriod().Prev().End() // decided before the half-year starts
		a.date.SetText(ledger.NewDate(end.Year(), end.Month(), 20).VN())
		go func() {
			time.Sleep(1200 * time.Millisecond) // the grid loads in the background
			fyne.Do(a.fillFromBefore)
		}()
		return 2500 * time.Millisecond
	case "nhapbaocao", "ketquanhap":
		u.showImportPicker(view == "ketquanhap")
		return 3500 * time.Millisecond
	case "xuatexcel":
		sh.tabs.Select(sh.stmtItem)
		sh.exportWorkbook(sh.request(ledger.WorkbookSettlement))
		return 1500 * time.Millisecond
	case "xuatxong":
		// The real export, into a temporary folder, up to "Mở thư mục".
		sh.tabs.Select(sh.stmtItem)
		if dir, err := os.MkdirTemp("", "bao-cao-"); err == nil {
			u.app.Lifecycle().SetOnStopped(func() { os.RemoveAll(dir) })
			r := sh.request(ledger.WorkbookSettlement)
			sh.exportTo(r, filepath.Join(dir, sh.fileName(r)))
		}
		return 3 * time.Second
	case "donvi":
		sh.tabs.Select(sh.unitsItem)
	case "danhmuc":
		sh.tabs.Select(sh.codesItem)
		sh.codes.search.SetText("dien")
	case "khoaso":
		sh.closePeriod()
		return 1500 * time.Millisecond
	}
	return 600 * time.Millisecond
}

// showReviewed shows the overview, or the review of a unit being reviewed,
// for the latest period in which workbooks were imported (scripts/smoke.sh
// imports and reviews some before taking the pictures).
func (u *UI) showReviewed(review bool) {
	sh := u.shell
	l, units := sh.s.l, sh.s.unitList()
	type target struct {
		p     ledger.Period
		unit  string
		khoan string
	}
	background(u.tasks, func(ctx context.Context) (target, error) {
		var tg target
		for p := ledger.PeriodOf(u.today()); tg.p.IsZero() && p.Year > u.today().Year()-3; p = p.Prev() {
			ims, err := l.Imports(ctx, p)
			if err != nil {
				return tg, err
			}
			if len(ims) > 0 {
				tg.p = p
			}
		}
		if tg.p.IsZero() {
			tg.p = sh.period
		}
		for _, un := range units {
			rv, err := l.Review(ctx, un.Code, tg.p)
			if err != nil {
				return tg, err
			}
			if rv.State == ledger.ReviewDraft && len(rv.Approvals) > 0 {
				tg.unit, tg.khoan = un.Code, rv.Approvals[0].Khoan
				break
			}
		}
		return tg, nil
	}, func(tg target, err error) {
		if err != nil {
			widgets.ShowError(u.win, err)
			return
		}
		if !review {
			sh.showUnitPeriod(sh.unit.Code, tg.p, func() { sh.tabs.Select(sh.overviewItem) })
			return
		}
		if tg.unit == "" && len(units) > 0 {
			tg.unit = units[0].Code
		}
		sh.openReview(tg.unit, tg.p)
		if tg.khoan != "" {
			go func() {
				time.Sleep(800 * time.Millisecond)
				fyne.Do(func() {
					if sh.review.reported != nil && slices.Contains(sh.review.khoans, tg.khoan) {
						sh.review.selectKhoan(tg.khoan)
						// The settled rows, where the change is, below the row before them.
						codes := sh.s.l.Form().Codes()
						i := slices.Index(codes, sh.s.l.Form().Role(ledger.RoleSettled))
						sh.review.scrollTo(codes[max(i-1, 0)])
					}
				})
			}()
		}
	})
}

// showImportPicker lists in the import dialog the folder "nhap-bao-cao"
// beside the ledger (scripts/smoke.sh puts workbooks there), else a
// temporary folder of a few units' workbooks written for the picture;
// with run, it imports them and shows the summary.
func (u *UI) showImportPicker(run bool) {
	sh := u.shell
	if u.opts.Export == nil || u.opts.Import == nil {
		return
	}
	show := func(dir string) {
		if p := sh.importWorkbooks(ledger.WorkbookSettlement); p != nil {
			p.addFolder(dir)
			if run {
				for _, f := range p.files {
					f.check.SetChecked(true)
				}
				p.start()
			}
		}
	}
	if dir := filepath.Join(filepath.Dir(sh.s.path), "nhap-bao-cao"); isDir(dir) {
		show(dir)
		return
	}
	dir, err := os.MkdirTemp("", "nhap-bao-cao-")
	if err != nil {
		return
	}
	u.app.Lifecycle().SetOnStopped(func() { os.RemoveAll(dir) })
	units, p, l, export := sh.s.unitList(), sh.period.Prev(), sh.s.l, u.opts.Export
	background(u.tasks, func(ctx context.Context) (struct{}, error) {
		for i, un := range units {
			if i == 6 {
				break
			}
			if _, err := export(ctx, l, ledger.WorkbookSettlement, un.Code, p, dir, func(int, int) {}); err != nil {
				return struct{}{}, err
			}
		}
		os.WriteFile(filepath.Join(dir, "Danh sach gui quan.xlsx"), nil, 0o644)
		return struct{}{}, nil
	}, func(_ struct{}, err error) {
		if err != nil {
			widgets.ShowError(u.win, err)
			return
		}
		show(dir)
	})
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
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
