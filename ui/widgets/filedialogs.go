package widgets

import "os"

// HomeDir is the user's home folder, "" if unknown.
func HomeDir() string {
	h, _ := os.UserHomeDir()
	return h
}
