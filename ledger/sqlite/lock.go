package sqlite

import (
	"errors"
	"fmt"
	"os"
	"sync"

	"wardledger/ledger"
)

// The writer's lock. A ledger opened for writing holds an operating-system
// lock on the ledger file itself (flock on Unix, LockFileEx on Windows) for
// as long as it is open: a second program — another window of the app, a
// wardctl command — that wants to write is refused at once, and a crash
// releases the lock with the process. Locking the file itself, not a file
// beside it, makes two spellings of one ledger (a symlink, a hard link, a
// relative path) one lock.
//
// Within one process the lock is also kept in a table of the files held:
// on Unix, closing any descriptor of a file drops the POSIX locks SQLite
// holds on it, so a second Open of a file this process holds must be
// refused without opening it again.

// fileLock is the writer's lock on one ledger file.
type fileLock struct {
	f    *os.File
	info os.FileInfo
}

var held struct {
	sync.Mutex
	files []os.FileInfo
}

// lockLedger takes the writer's lock on the ledger at path, or says who
// has it.
func lockLedger(path string) (*fileLock, error) {
	const op = "sqlite.lock"
	info, err := os.Stat(path)
	if err != nil {
		return nil, notFound(op, path, err)
	}
	held.Lock()
	defer held.Unlock()
	for _, h := range held.files {
		if os.SameFile(h, info) {
			return nil, busyError(path)
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		if isReadOnly(err) {
			return nil, &ledger.Error{Kind: ledger.KindStorage, Op: op, Field: "db",
				Msg: "tệp sổ " + path + " chỉ cho đọc (ổ đĩa chỉ đọc, thẻ nhớ khóa ghi hoặc không có quyền ghi): xem và xuất báo cáo được, không ghi được"}
		}
		return nil, fileError(op, path, err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, busyError(path)
		}
		return nil, &ledger.Error{Kind: ledger.KindStorage, Op: op, Msg: "không khóa được tệp sổ " + path, Err: err}
	}
	held.files = append(held.files, info)
	return &fileLock{f: f, info: info}, nil
}

// release drops the lock. The ledger's connections must be closed first:
// closing the descriptor would drop SQLite's own locks on the file.
func (l *fileLock) release() {
	if l == nil || l.f == nil {
		return
	}
	held.Lock()
	defer held.Unlock()
	for i, h := range held.files {
		if h == l.info {
			held.files = append(held.files[:i], held.files[i+1:]...)
			break
		}
	}
	unlockFile(l.f)
	l.f.Close()
	l.f = nil
}

var errWouldBlock = errors.New("the file is locked by another process")

// isReadOnly reports whether opening a file for writing failed because
// the file or its disk is read-only.
func isReadOnly(err error) bool {
	return errors.Is(err, os.ErrPermission) || errors.Is(err, errReadOnlyFS)
}

func busyError(path string) error {
	return &ledger.Error{Kind: ledger.KindBusy, Op: "sqlite.lock", Field: "db",
		Msg: fmt.Sprintf("Sổ %s đang được mở trong một chương trình khác (cửa sổ WardLedger khác hoặc lệnh wardctl): "+
			"mỗi lúc chỉ một chương trình được ghi vào sổ. Hãy đóng chương trình kia rồi thử lại", path)}
}

// notFound is the error of a ledger file that does not exist.
func notFound(op, path string, err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return &ledger.Error{Kind: ledger.KindNotFound, Op: op, Field: "db", Msg: "không có tệp sổ " + path}
	}
	return fileError(op, path, err)
}

// fileError classifies a failure to reach a file.
func fileError(op, path string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, os.ErrNotExist):
		return &ledger.Error{Kind: ledger.KindNotFound, Op: op, Field: "db", Msg: "không có tệp " + path, Err: err}
	case errors.Is(err, os.ErrPermission):
		return &ledger.Error{Kind: ledger.KindStorage, Op: op, Field: "db", Msg: "không có quyền ghi tệp " + path + " (tệp chỉ đọc hoặc thư mục được bảo vệ)", Err: err}
	}
	return &ledger.Error{Kind: ledger.KindStorage, Op: op, Field: "db", Msg: "không truy cập được tệp " + path, Err: err}
}
