//go:build !windows

package main

import (
	"fmt"
	"os"
)

// messageBox prints the message on stderr: outside Windows the app is
// started from a terminal or a desktop that keeps its output.
func messageBox(title, text string) {
	fmt.Fprintf(os.Stderr, "%s\n\n%s\n", title, text)
}
