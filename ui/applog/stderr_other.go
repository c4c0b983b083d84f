//go:build !windows

package applog

import "os"

// redirectStderr leaves stderr alone where a program started from a
// terminal has one: the standard logger's lines are copied to it.
func redirectStderr(*os.File) {}
