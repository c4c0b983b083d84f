// Package ui is the desktop window of WardLedger (Fyne): first run, the
// ledger of a unit and half-year with its entry form, the settlement
// statement, units, codes, closing, settings, backup and restore; and for
// the superior unit, importing the subordinate units' workbooks, their
// review, the overview of every unit and the allocation of the next
// half-year. It talks only to ledger services; opening a file, writing
// and reading workbooks are handed in by cmd/wardledger (Options).
package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// Options configure the desktop app. cmd/wardledger fills them from flags.
type Options struct {
	// DBPath is the ledger file to open. Empty means the ledger used last
	// time, or ledger.DefaultDBPath() on the first run.
	DBPath string
	// Open opens the existing ledger file at path for writing; a ledger
	// another program writes is refused (ledger.KindBusy).
	Open func(ctx context.Context, path string) (ledger.Ledger, error)
	// Create makes a new ledger file at path with what setup says, in one
	// transaction; it refuses a path where a file already is.
	Create func(ctx context.Context, path string, setup ledger.Setup) (ledger.Ledger, error)
	// Export writes the workbook of l that job says and returns the file
	// written. When nil, the Excel menu says exports are unavailable.
	Export func(ctx context.Context, l ledger.Ledger, job ExportJob) (string, error)
	// ExportAnnexes writes the allocation annex of period p of every
	// subordinate unit allocated something into the folder dir and
	// returns the files written. Nil hides the annex export.
	ExportAnnexes func(ctx context.Context, l ledger.Ledger, p ledger.Period, dir string, progress func(done, total int)) ([]string, error)
	// Import brings the workbooks at paths into l, each in its own
	// transaction, with what the person agreed to (opt: codes to add, a
	// new key accepted), calling done after each in order (the pipeline of
	// ledger/xlsximport.ImportFiles): a subordinate unit's settlement workbooks
	// (ledger.WorkbookSettlement, on the superior's side), allocation
	// annexes or the review of the superior unit (ledger.WorkbookAnnex,
	// ledger.WorkbookReview, on the subordinate's side). Nil says imports
	// are unavailable.
	Import func(ctx context.Context, l ledger.Ledger, kind ledger.WorkbookKind, paths []string, opt ledger.ImportOptions, done func(ledger.ImportResult))
	// OpenFolder shows a folder in the system's file manager ("Mở thư
	// mục"); nil means openFolder (Explorer, Finder, xdg-open).
	OpenFolder func(dir string) error
	// LogPath is the log file the app writes (Trợ giúp → Mở nhật ký
	// lỗi, Giới thiệu); empty when it has none.
	LogPath string
	// OnReady, when set, is called on the UI goroutine each time the
	// window settles on a screen: ScreenMain once the main screen shows
	// the ledger's data (the keyboard in the voucher form's date),
	// ScreenFirstRun or ScreenOpenFailed when one of those is shown
	// instead. A program driving the window (cmd/wardledger's screenshot
	// mode) starts from there.
	OnReady func(Screen)
	// Today returns the current day; nil means the system clock.
	Today func() ledger.Date
	// KeepBackups is how many automatic backups to keep; 0 means 10.
	KeepBackups int
	// ReadCatalogue reads the codes of a catalogue file: an .xlsx laid out
	// like the circular's annex, or a .csv; known is the ledger's
	// catalogue. Nil says imports of catalogues are unavailable.
	ReadCatalogue func(ctx context.Context, path string, known *ledger.Catalogue) ([]ledger.CodeLine, error)
	// ExportCatalogue writes the catalogue to out (.xlsx or .csv) and
	// returns the file written. Nil says exports of catalogues are
	// unavailable.
	ExportCatalogue func(ctx context.Context, cat *ledger.Catalogue, out string) (string, error)

	// queued makes background results wait for tasks.wait (tests).
	queued bool
}

// ExportJob is one workbook Options.Export writes: a settlement or review
// of Unit, a consolidation or allocation table of every subordinate unit,
// for Period.
type ExportJob struct {
	Kind   ledger.WorkbookKind
	Unit   string
	Period ledger.Period
	// Approved re-makes a unit's settlement with the approved figures of
	// the superior's notice its ledger received.
	Approved bool
	// Out is the file chosen in the save dialog, or a folder where the
	// default name is used.
	Out string
	// Progress and Warn are called on the exporting goroutine: how far
	// the export has gone, and that the workbook written would be refused
	// by an import.
	Progress func(done, total int)
	Warn     func(msg string)
}

// UI is the running desktop app: one window showing one ledger file.
type UI struct {
	app  fyne.App
	win  fyne.Window
	opts Options

	tasks *tasks   // background work of the current ledger
	sess  *session // the open ledger, nil before one is chosen
	shell *shell   // the main screen, nil on the first-run screen
	first *firstRun

	// pending is a ledger opened in the background whose session has not
	// reached the UI goroutine yet: closing closes it, or its file would
	// stay locked when the window goes before the open finishes.
	pending atomic.Pointer[session]

	saveAs *widgets.SaveAsDialog // the save-as dialog opened last, for tests
}

// Screen names what the window shows, for Options.OnReady.
type Screen string

const (
	ScreenMain       Screen = "main"        // a ledger's main screen, its data on screen
	ScreenFirstRun   Screen = "first-run"   // a new file: the units, or the demo
	ScreenOpenFailed Screen = "open-failed" // the ledger could not be opened
)

// ready tells Options.OnReady that screen is shown.
func (u *UI) ready(screen Screen) {
	if u.opts.OnReady != nil {
		u.opts.OnReady(screen)
	}
}

const prefLastLedger = "lastLedger"

// windowSize is the window's size at start: within a 1366×768 office
// screen. No screen may need more width than this, or the window grows
// past the screen's edge.
var windowSize = fyne.NewSize(1320, 740)

// Create sets up the window and opens the ledger; the caller then runs
// the app (window.ShowAndRun).
func Create(a fyne.App, w fyne.Window, opts Options) *UI {
	if opts.Today == nil {
		opts.Today = func() ledger.Date { return ledger.DateOf(time.Now()) }
	}
	if opts.KeepBackups <= 0 {
		opts.KeepBackups = 10
	}
	registerTranslations()
	a.Settings().SetTheme(newTheme())
	a.SetIcon(iconResource())
	u := &UI{app: a, win: w, opts: opts, tasks: newTasks(opts.queued)}
	w.SetTitle("WardLedger – Quyết toán kinh phí đơn vị trực thuộc")
	w.SetIcon(iconResource())
	w.Resize(windowSize)
	w.SetCloseIntercept(u.requestQuit)
	w.SetMaster()
	u.open(u.initialPath())
	return u
}

// initialPath is the ledger to open at start: the one asked for, else the
// last one used if it still exists, else the default location.
func (u *UI) initialPath() string {
	if u.opts.DBPath != "" {
		if abs, err := filepath.Abs(u.opts.DBPath); err == nil {
			return abs // shown in messages and remembered as the last ledger
		}
		return u.opts.DBPath
	}
	if p := u.app.Preferences().String(prefLastLedger); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ledger.DefaultDBPath()
}

// open switches the window to the ledger at path: the main screen of an
// existing ledger, the first-run screen (which creates it) when there is
// no file there yet.
func (u *UI) open(path string) {
	u.closeLedger()
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		u.showFirstRun(path)
		return
	}
	u.win.SetContent(widgets.LoadingScreen("Đang mở sổ " + path + " …"))
	background(u.tasks, func(ctx context.Context) (*session, error) {
		s, err := openSession(ctx, u.opts.Open, path)
		u.pending.Store(s)
		return s, err
	}, func(s *session, err error) {
		u.pending.CompareAndSwap(s, nil)
		if err != nil {
			u.showOpenFailed(path, err)
			return
		}
		u.opened(s)
	})
}

// opened shows the main screen of a ledger just opened or created.
func (u *UI) opened(s *session) {
	u.sess = s
	u.app.Preferences().SetString(prefLastLedger, s.path)
	u.showShell()
}

// closeLedger stops the work of the open ledger and closes it.
func (u *UI) closeLedger() {
	u.tasks.stop()
	u.shell = nil
	u.first = nil
	if s := u.pending.Swap(nil); s != nil && s != u.sess {
		s.close()
	}
	if u.sess != nil {
		u.sess.close()
		u.sess = nil
	}
}

// showShell puts the main screen of the open ledger in the window.
func (u *UI) showShell() {
	u.first = nil
	u.shell = newShell(u, u.sess)
	u.win.SetMainMenu(u.shell.menu())
	u.win.SetContent(u.shell.content())
	u.shell.start()
}

// requestQuit is the window's close button: it asks first when a voucher
// is half keyed in, then closes the ledger cleanly.
func (u *UI) requestQuit() {
	if u.shell != nil && u.shell.book.form.dirty() {
		widgets.Confirm(u.win, "Thoát chương trình?",
			"Chứng từ đang nhập dở chưa được ghi vào sổ. Các bút toán đã ghi đều đã được lưu.\nThoát và bỏ chứng từ đang nhập?",
			"Thoát", func() { u.quit() })
		return
	}
	u.quit()
}

func (u *UI) quit() {
	u.closeLedger()
	u.win.Close()
}

// Close closes the open ledger without closing the window (tests).
func (u *UI) Close() { u.closeLedger() }

func (u *UI) today() ledger.Date { return u.opts.Today() }
