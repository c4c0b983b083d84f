package main

import (
	"bufio"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui"
	"wardledger/ui/widgets"
)

// Screenshot mode (--screenshot FILE): once the window shows the ledger,
// it is put in the state a view names — driven as a person would, with
// the keys, the menus and the actions of package ui — then written to a
// PNG; the timings and the memory are printed and the app quits.
// scripts/smoke.sh proves with it that the real binary starts, and makes
// the pictures of the guide with it (DOCS=1).

// screenshotViews are the views, as --screenshot-view names them.
const screenshotViews = "so, nhap, loi, quyettoan, chitiet, xuatexcel, xuatxong, xetduyet, tonghop, giaodutoan, nhapbaocao, ketquanhap, donvi, danhmuc, goima, themma, khoaso, nhatky, trogiup, batdau"

type screenshotMode struct {
	app     fyne.App
	win     fyne.Window
	out     string // the PNG
	view    string
	started time.Time
	today   ledger.Date

	u       *ui.UI
	created chan struct{} // closed once u is set

	mu     sync.Mutex
	ledger ledger.Ledger // the ledger the window opened
	path   string        // and its file

	firstFrame atomic.Int64 // nanoseconds after start; 0 until drawn
	readyAt    atomic.Int64 // nanoseconds after start the main screen was ready
	once       sync.Once
	err        error // set on the UI goroutine
	export     func(ctx context.Context, l ledger.Ledger, job ui.ExportJob) (string, error)
}

func newScreenshotMode(a fyne.App, w fyne.Window, out, view string, started time.Time) *screenshotMode {
	return &screenshotMode{app: a, win: w, out: out, view: view, started: started,
		today: ledger.DateOf(time.Now()), created: make(chan struct{})}
}

// wire hooks the mode into the app's options: it keeps the ledger opened
// and hears which screen is shown.
func (m *screenshotMode) wire(opts *ui.Options) {
	open := opts.Open
	opts.Open = func(ctx context.Context, path string) (ledger.Ledger, error) {
		l, err := open(ctx, path)
		if err == nil {
			m.mu.Lock()
			m.ledger, m.path = l, path
			m.mu.Unlock()
		}
		return l, err
	}
	m.export = opts.Export
	opts.OnReady = m.onReady
	m.app.Lifecycle().SetOnStarted(func() { go m.watchFirstFrame() })
	// If the main screen never comes, capture what is shown after a while
	// and report it as a failure.
	go func() {
		time.Sleep(90 * time.Second)
		<-m.created
		fyne.Do(func() {
			if m.readyAt.Load() == 0 {
				m.fail(fmt.Errorf("the ledger did not reach the main screen"))
				writePNG(m.out, m.capture())
				m.quit()
			}
		})
	}()
}

// start is told the running app once ui.Create returned.
func (m *screenshotMode) start(u *ui.UI) {
	m.u = u
	close(m.created)
}

// Err says why the screenshot failed, nil if it did not.
func (m *screenshotMode) Err() error { return m.err }

// watchFirstFrame notes when the first frame that is not blank is drawn.
func (m *screenshotMode) watchFirstFrame() {
	for i := 0; i < 400; i++ {
		var img image.Image
		fyne.DoAndWait(func() { img = m.capture() })
		if !blank(img) {
			m.firstFrame.Store(int64(time.Since(m.started)))
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (m *screenshotMode) onReady(s ui.Screen) {
	m.once.Do(func() {
		elapsed := time.Since(m.started)
		go func() {
			<-m.created
			fyne.Do(func() {
				switch {
				case s == ui.ScreenMain:
					m.readyAt.Store(int64(elapsed))
					m.shoot(m.prepare(), nil)
				case s == ui.ScreenFirstRun && m.view == "batdau":
					m.readyAt.Store(int64(elapsed))
					m.shoot(600*time.Millisecond, nil)
				default:
					m.shoot(600*time.Millisecond, fmt.Errorf("the window shows %q instead of the ledger", s))
				}
			})
		}()
	})
}

// shoot waits settle for the view to draw, writes the PNG, prints the
// timings and quits.
func (m *screenshotMode) shoot(settle time.Duration, err error) {
	go func() {
		time.Sleep(settle)
		var img image.Image
		fyne.DoAndWait(func() { img = m.capture() })
		if werr := writePNG(m.out, img); werr != nil && err == nil {
			err = werr
		}
		fmt.Printf("screenshot: %s (%dx%d)\n", m.out, img.Bounds().Dx(), img.Bounds().Dy())
		fmt.Printf("first frame: %d ms after start\n", time.Duration(m.firstFrame.Load()).Milliseconds())
		fmt.Printf("ledger on screen: %d ms after start\n", time.Duration(m.readyAt.Load()).Milliseconds())
		printMemory()
		fyne.Do(func() {
			if err != nil {
				m.fail(err)
			}
			m.quit()
		})
	}()
}

func (m *screenshotMode) fail(err error) {
	fmt.Fprintln(os.Stderr, "wardledger:", err)
	m.err = err
}

func (m *screenshotMode) quit() {
	if m.u != nil {
		m.u.Quit()
		return
	}
	m.win.Close()
}

func (m *screenshotMode) capture() image.Image { return glCapture(m.win) }

// prepare puts on screen what the view shows and says how long to let it
// draw. The main screen starts with the keyboard in the voucher form's
// date.
// keyVoucherHead keys a spending voucher's head from the date by Tab, as
// an accountant does (document doc, kind 4, nature T, Khoản 341), leaves
// the keyboard in Tiểu mục and returns the step to the next field.
func keyVoucherHead(c fyne.Canvas, doc string) func() {
	next := func() { c.FocusNext() }
	next()
	typeText(c, doc)
	next()
	typeText(c, "4") // spending
	next()
	typeText(c, "t") // TX
	next()
	typeText(c, "341")
	next() // Tiểu mục
	return next
}

func (m *screenshotMode) prepare() time.Duration {
	u, c := m.u, m.win.Canvas()
	switch m.view {
	case "nhap", "loi":
		next := keyVoucherHead(c, "PC00123")
		if m.view == "loi" {
			typeText(c, "6501")
			next()
			typeText(c, "999999999999")
			next()
			typeText(c, "Chi trả tiền điện trụ sở tháng 11")
			pressKey(c, fyne.KeyReturn)
			return 1500 * time.Millisecond
		}
		next()
		typeText(c, "12500000")
		next()
		typeText(c, "Chi trả tiền điện trụ sở tháng 11")
		c.FocusPrevious()
		c.FocusPrevious() // back to Tiểu mục, its matches shown
		typeText(c, "điện")
	case "goima", "themma":
		// The code picker's list for "hội nghị"; a voucher on a code the
		// catalogue lacks, with the dialog that adds it in place.
		next := keyVoucherHead(c, "PC00124")
		if m.view == "goima" {
			typeText(c, "hội nghị")
			break
		}
		typeText(c, "6659")
		next()
		typeText(c, "4500000")
		next()
		typeText(c, "Hội nghị triển khai nhiệm vụ năm")
		pressKey(c, fyne.KeyReturn)
		return 1500 * time.Millisecond
	case "quyettoan":
		u.Show(ui.View{Tab: ui.TabStatement})
	case "chitiet":
		u.Show(ui.View{Tab: ui.TabSpendingDetail})
	case "xetduyet", "tonghop":
		m.showReviewed(m.view == "xetduyet")
		return 3 * time.Second
	case "giaodutoan":
		u.Show(ui.View{Tab: ui.TabAllocation})
		typeText(c, "215/QĐ-UBND")
		c.FocusNext()
		// Decided before the half-year it allocates, the one after today's.
		end := ledger.PeriodOf(m.today).End()
		typeText(c, ledger.NewDate(end.Year(), end.Month(), 20).VN())
		go func() {
			time.Sleep(1200 * time.Millisecond) // the grid loads in the background
			fyne.Do(func() {
				if !pressButton(c, "Điền theo kỳ trước") {
					m.fail(fmt.Errorf("no button “Điền theo kỳ trước” reached with Tab"))
				}
			})
		}()
		return 2500 * time.Millisecond
	case "nhapbaocao", "ketquanhap":
		m.showImport(m.view == "ketquanhap")
		return 3500 * time.Millisecond
	case "xuatexcel":
		u.Show(ui.View{Tab: ui.TabStatement})
		menu(m.win, "Xuất Excel: quyết toán của đơn vị…")
		return 1500 * time.Millisecond
	case "xuatxong":
		// The real export, into a temporary folder, up to "Mở thư mục".
		u.Show(ui.View{Tab: ui.TabStatement})
		if dir, err := os.MkdirTemp("", "bao-cao-"); err == nil {
			m.app.Lifecycle().SetOnStopped(func() { os.RemoveAll(dir) })
			u.ExportTo(ledger.WorkbookSettlement, dir)
		}
		return 3 * time.Second
	case "donvi":
		u.Show(ui.View{Tab: ui.TabUnits})
	case "danhmuc":
		u.Show(ui.View{Tab: ui.TabCatalogue})
		typeText(c, "dien")
	case "khoaso":
		menu(m.win, "Khóa sổ kỳ đang chọn…")
		return 1500 * time.Millisecond
	case "nhatky":
		menu(m.win, "Nhật ký")
		return 1500 * time.Millisecond
	case "trogiup":
		menu(m.win, "Hướng dẫn sử dụng và phím tắt")
	}
	return 600 * time.Millisecond
}

// opened is the ledger the window opened and its file.
func (m *screenshotMode) opened() (ledger.Ledger, string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.ledger, m.path
}

// showReviewed shows the overview, or the review of a unit being
// reviewed, of the latest half-year whose workbooks were imported
// (scripts/smoke.sh imports and reviews some first).
func (m *screenshotMode) showReviewed(review bool) {
	l, _ := m.opened()
	type target struct {
		p     ledger.Period
		unit  string
		khoan string
	}
	go func() {
		ctx := context.Background()
		var tg target
		err := func() error {
			for p := ledger.PeriodOf(m.today); tg.p.IsZero() && p.Year > m.today.Year()-3; p = p.Prev() {
				ims, err := l.Imports(ctx, p)
				if err != nil {
					return err
				}
				if len(ims) > 0 {
					tg.p = p
				}
			}
			if tg.p.IsZero() {
				tg.p = ledger.PeriodOf(m.today)
			}
			units, err := l.Units(ctx)
			if err != nil {
				return err
			}
			for _, un := range units {
				rv, err := l.Review(ctx, un.Code, tg.p)
				if err != nil {
					return err
				}
				if rv.State == ledger.ReviewDraft && len(rv.Approvals) > 0 {
					tg.unit, tg.khoan = un.Code, rv.Approvals[0].Khoan
					break
				}
			}
			if tg.unit == "" && len(units) > 0 {
				tg.unit = units[0].Code
			}
			return nil
		}()
		fyne.Do(func() {
			if err != nil {
				m.fail(err)
				return
			}
			if !review {
				m.u.Show(ui.View{Tab: ui.TabOverview, Period: tg.p})
				return
			}
			m.u.Show(ui.View{Tab: ui.TabReview, Unit: tg.unit, Period: tg.p, Khoan: tg.khoan})
		})
	}()
}

// showImport lists in the import dialog the folder "nhap-bao-cao" beside
// the ledger (scripts/smoke.sh puts workbooks there), else a temporary
// folder of a few units' workbooks of the half-year before; run imports
// them and shows the summary.
func (m *screenshotMode) showImport(run bool) {
	l, path := m.opened()
	export := m.export
	show := func(dir string) { m.u.ImportFolder(ledger.WorkbookSettlement, dir, run) }
	if dir := filepath.Join(filepath.Dir(path), "nhap-bao-cao"); isDir(dir) {
		show(dir)
		return
	}
	dir, err := os.MkdirTemp("", "nhap-bao-cao-")
	if err != nil {
		m.fail(err)
		return
	}
	m.app.Lifecycle().SetOnStopped(func() { os.RemoveAll(dir) })
	p := ledger.PeriodOf(m.today).Prev()
	go func() {
		ctx := context.Background()
		err := func() error {
			units, err := l.Units(ctx)
			if err != nil {
				return err
			}
			for i, un := range units {
				if i == 6 {
					break
				}
				if _, err := export(ctx, l, ui.ExportJob{Kind: ledger.WorkbookSettlement, Unit: un.Code, Period: p, Out: dir, Progress: func(int, int) {}}); err != nil {
					return err
				}
			}
			return os.WriteFile(filepath.Join(dir, "Danh sach gui quan.xlsx"), nil, 0o644)
		}()
		fyne.Do(func() {
			if err != nil {
				m.fail(err)
				return
			}
			show(dir)
		})
	}()
}

// typeText types s into the focused field, one key at a time.
func typeText(c fyne.Canvas, s string) {
	for _, r := range s {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		}
	}
}

// pressKey sends a key to the focused field.
func pressKey(c fyne.Canvas, k fyne.KeyName) {
	if f := c.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: k})
	}
}

// pressButton moves the keyboard with Tab to the button labelled label
// and presses it with Space, as a keyboard user does.
func pressButton(c fyne.Canvas, label string) bool {
	for i := 0; i < 2000; i++ {
		c.FocusNext()
		var b *widget.Button
		switch f := c.Focused().(type) {
		case *widget.Button:
			b = f
		case *widgets.Button: // the app's buttons, which Enter presses too
			b = &f.Button
		}
		if b != nil && b.Text == label {
			c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
			return true
		}
	}
	return false
}

// menu runs the item labelled label of the window's main menu.
func menu(w fyne.Window, label string) bool {
	mm := w.MainMenu()
	if mm == nil {
		return false
	}
	for _, top := range mm.Items {
		for _, it := range top.Items {
			if it.Label == label && it.Action != nil {
				it.Action()
				return true
			}
		}
	}
	return false
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
	r0, g0, b0, _ := img.At(b.Min.X, b.Min.Y).RGBA()
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
	if img == nil {
		return fmt.Errorf("nothing drawn to write to %s", path)
	}
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

// printMemory prints the Go heap and, on Linux, the resident memory of
// the process (current and peak).
func printMemory() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("go heap in use: %.1f MB, go runtime total: %.1f MB\n", float64(ms.HeapInuse)/1e6, float64(ms.Sys)/1e6)
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
