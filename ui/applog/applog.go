// Package applog is the desktop app's log file. A Windows GUI program has
// no console: what Go's log package, Fyne (fyne.LogError) and GLFW would
// print to stderr is lost unless it goes to a file. Start sends it to
// wardledger.log beside the ledger's settings, keeps the file under a size
// limit by rotating it (one old file, .1, is kept), and on Windows also
// points the process's stderr handle at it, so a crash report lands there
// too.
package applog

import (
	"bytes"
	"io"
	"log"
	"os"
	"path/filepath"
	"sync"

	"wardledger/ledger"
)

// MaxSize is the size past which the log is rotated: the last megabyte and
// the one before it are kept.
const MaxSize = 1 << 20

// DefaultPath is the log file of the desktop app, beside its settings
// and the default ledger: %AppData%\vn.wardledger.app\wardledger.log on
// Windows, ~/.config/vn.wardledger.app/wardledger.log on Linux.
func DefaultPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, ledger.AppID, "wardledger.log")
}

// File is an open log file that rotates itself. It is an io.Writer that
// is safe for concurrent use.
type File struct {
	mu    sync.Mutex
	path  string
	max   int64
	f     *os.File
	size  int64
	tee   io.Writer         // the original stderr when it goes somewhere
	watch func(line string) // sees every line written through Write
	line  []byte            // the start of a line not yet ended
	// swapped is told of each new file (nil while rotating), to point
	// the process's stderr at it.
	swapped func(*os.File)
}

// Open opens the log at path for appending, creating its folder, and
// rotates it first if it has grown past max bytes (max <= 0: MaxSize).
func Open(path string, max int64) (*File, error) {
	if max <= 0 {
		max = MaxSize
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	l := &File{path: path, max: max}
	if st, err := os.Stat(path); err == nil && st.Size() >= max {
		if err := os.Rename(path, path+".1"); err != nil {
			return nil, err
		}
	}
	if err := l.open(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *File) open() error {
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	l.f, l.size = f, st.Size()
	return nil
}

// Start opens the log at path and makes it the destination of Go's
// standard logger (which fyne.LogError uses) and, on Windows, of the
// process's stderr. What is logged is still copied to stderr when the
// process has one (a terminal, a redirection). The first line written says
// which program started: banner, e.g. "WardLedger 0.1.0".
func Start(path, banner string) (*File, error) {
	l, err := Open(path, MaxSize)
	if err != nil {
		return nil, err
	}
	if usable(os.Stderr) {
		l.tee = os.Stderr
	}
	l.swapped = redirectStderr
	redirectStderr(l.f)
	log.SetOutput(l)
	log.SetFlags(log.LstdFlags)
	log.Printf("%s started (pid %d)", banner, os.Getpid())
	return l, nil
}

// Path is the file being written.
func (l *File) Path() string { return l.path }

// Watch calls fn with every complete line written through the log (without
// its newline), on the writer's goroutine, after it is in the file. Only
// one function is kept.
func (l *File) Watch(fn func(line string)) {
	l.mu.Lock()
	l.watch = fn
	l.mu.Unlock()
}

// Write appends p, rotating the file first when p would take it past its
// limit. A failure to write the log is not the caller's problem: Write
// reports p as written so a logger never fails because of its file.
func (l *File) Write(p []byte) (int, error) {
	l.mu.Lock()
	if l.f != nil && l.size > 0 && l.size+int64(len(p)) > l.max {
		l.rotate()
	}
	if l.f != nil {
		n, _ := l.f.Write(p)
		l.size += int64(n)
	}
	if l.tee != nil {
		l.tee.Write(p)
	}
	var lines []string
	if l.watch != nil {
		l.line = append(l.line, p...)
		for {
			i := bytes.IndexByte(l.line, '\n')
			if i < 0 {
				break
			}
			lines = append(lines, string(bytes.TrimRight(l.line[:i], "\r")))
			l.line = l.line[i+1:]
		}
		if len(l.line) > 64<<10 { // a line that never ends is not kept whole
			l.line = l.line[:0]
		}
	}
	watch := l.watch
	l.mu.Unlock()
	for _, line := range lines {
		watch(line)
	}
	return len(p), nil
}

// rotate moves the full log to path.1 (replacing the older one) and starts
// an empty file. Called with l.mu held.
func (l *File) rotate() {
	if l.swapped != nil {
		l.swapped(nil)
	}
	l.f.Close()
	l.f = nil
	os.Rename(l.path, l.path+".1")
	if err := l.open(); err != nil {
		return // nothing is logged until the next start
	}
	if l.swapped != nil {
		l.swapped(l.f)
	}
}

// Close stops logging to the file; Go's logger goes back to stderr.
func (l *File) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	if log.Writer() == io.Writer(l) {
		log.SetOutput(os.Stderr)
	}
	if l.swapped != nil {
		l.swapped(nil)
	}
	err := l.f.Close()
	l.f = nil
	return err
}

// usable reports whether f can be written to: a GUI program on Windows
// has no stderr at all.
func usable(f *os.File) bool {
	if f == nil {
		return false
	}
	_, err := f.Stat()
	return err == nil
}
