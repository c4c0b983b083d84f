package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"wardledger/ledger"
)

// instanceLock keeps a second WardLedger window off a ledger file: two
// windows keying into one file would each show stale balances. It is a
// file beside the ledger created with O_EXCL (atomic on every OS and on
// network shares) holding the owner's process id, machine and start time;
// a lock left by a process that no longer runs on this machine is stale and
// taken over.
type instanceLock struct {
	path string
}

// lockPath is the lock file of a ledger file.
func lockPath(dbPath string) string { return dbPath + ".lock" }

// lockedError says who holds a ledger file.
type lockedError struct {
	DB, LockFile string
	PID          int
	Host         string
	Since        time.Time
	OtherHost    bool
}

func (e *lockedError) Error() string {
	where := "trong một cửa sổ WardLedger khác trên máy này"
	if e.OtherHost {
		where = "trên máy " + e.Host
	}
	since := ""
	if !e.Since.IsZero() {
		since = " từ " + e.Since.Local().Format("15:04 ngày 02/01/2006")
	}
	return fmt.Sprintf("Sổ %s đang được mở %s%s.\n"+
		"Mỗi tệp sổ chỉ được mở ở một nơi để các bút toán không ghi chồng lên nhau. "+
		"Hãy chuyển sang cửa sổ đang mở sổ này, hoặc đóng nó rồi mở lại.", e.DB, where, since)
}

// lockLedger takes the lock of the ledger at dbPath.
func lockLedger(dbPath string) (*instanceLock, error) {
	lp := lockPath(dbPath)
	if err := os.MkdirAll(filepath.Dir(lp), 0o755); err != nil {
		return nil, lockIOError(lp, err)
	}
	host, _ := os.Hostname()
	body := fmt.Sprintf("%d\n%s\n%s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
	for attempt := 0; attempt < 2; attempt++ {
		f, err := os.OpenFile(lp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := f.WriteString(body)
			cerr := f.Close()
			if werr != nil || cerr != nil {
				os.Remove(lp)
				return nil, lockIOError(lp, errors.Join(werr, cerr))
			}
			return &instanceLock{path: lp}, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, lockIOError(lp, err)
		}
		held := readLock(dbPath, lp)
		if held.PID == os.Getpid() && !held.OtherHost {
			return nil, held // this process already has it open
		}
		if held.OtherHost || processAlive(held.PID) {
			return nil, held
		}
		os.Remove(lp) // left by a process that has ended: stale
	}
	return nil, readLock(dbPath, lp)
}

func lockIOError(lp string, err error) error {
	return &ledger.Error{Kind: ledger.KindInternal, Op: "ui.lockLedger", Msg: "không tạo được tệp khóa " + lp, Err: err}
}

// readLock reads who holds a lock file; an unreadable one counts as held
// by an unknown process on this machine that has ended.
func readLock(dbPath, lp string) *lockedError {
	e := &lockedError{DB: dbPath, LockFile: lp}
	data, err := os.ReadFile(lp)
	if err != nil {
		return e
	}
	lines := strings.Split(string(data), "\n")
	if len(lines) > 0 {
		e.PID, _ = strconv.Atoi(strings.TrimSpace(lines[0]))
	}
	if len(lines) > 1 {
		e.Host = strings.TrimSpace(lines[1])
		me, _ := os.Hostname()
		e.OtherHost = e.Host != "" && !strings.EqualFold(e.Host, me)
	}
	if len(lines) > 2 {
		e.Since, _ = time.Parse(time.RFC3339, strings.TrimSpace(lines[2]))
	}
	return e
}

// release removes the lock file; safe on a nil or empty lock.
func (l *instanceLock) release() {
	if l == nil || l.path == "" {
		return
	}
	os.Remove(l.path)
	l.path = ""
}

// breakLock removes the lock file of dbPath after the accountant has
// confirmed that the other machine no longer runs WardLedger.
func breakLock(dbPath string) error {
	err := os.Remove(lockPath(dbPath))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return lockIOError(lockPath(dbPath), err)
	}
	return nil
}
