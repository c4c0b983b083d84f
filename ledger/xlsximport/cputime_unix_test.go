//go:build unix

package xlsximport_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used, user and system, on
// every core: on a machine shared with other programs a steadier measure
// of work than the time that passed.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
