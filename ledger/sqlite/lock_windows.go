//go:build windows

package sqlite

import (
	"errors"
	"os"
	"syscall"
	"unsafe"
)

var (
	kernel32         = syscall.NewLazyDLL("kernel32.dll")
	procLockFileEx   = kernel32.NewProc("LockFileEx")
	procUnlockFileEx = kernel32.NewProc("UnlockFileEx")
)

const (
	lockfileFailImmediately = 0x1
	lockfileExclusiveLock   = 0x2
	errorLockViolation      = syscall.Errno(33)
	// The locked byte lies far beyond any ledger's end and away from the
	// bytes SQLite locks (around 1 GiB), so it never blocks a read.
	lockOffsetHigh = 0x7fff0000
)

// errReadOnlyFS is ERROR_WRITE_PROTECT: a write-protected disk.
var errReadOnlyFS error = syscall.Errno(19)

func lockFile(f *os.File) error {
	var ol syscall.Overlapped
	ol.OffsetHigh = lockOffsetHigh
	r, _, err := procLockFileEx.Call(f.Fd(), lockfileExclusiveLock|lockfileFailImmediately, 0, 1, 0, uintptr(unsafe.Pointer(&ol)))
	if r != 0 {
		return nil
	}
	if errors.Is(err, errorLockViolation) || errors.Is(err, syscall.ERROR_IO_PENDING) {
		return errWouldBlock
	}
	return err
}

func unlockFile(f *os.File) {
	var ol syscall.Overlapped
	ol.OffsetHigh = lockOffsetHigh
	procUnlockFileEx.Call(f.Fd(), 0, 1, 0, uintptr(unsafe.Pointer(&ol)))
}
