// Command portable writes the portable zip of the Windows build: a folder
// WardLedger-VERSION holding the given programs and ĐỌC TÔI.txt (from
// doc-toi.txt, with Windows line ends and a byte-order mark so Notepad
// shows its Vietnamese on any Windows 10). Names are stored as UTF-8,
// flagged so, which Windows 10 and 11 read.
//
//	go run ./scripts/portable OUT.zip wardledger.exe wardctl.exe
package main

import (
	"archive/zip"
	_ "embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"wardledger/assets"
)

//go:embed doc-toi.txt
var readme string

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: portable OUT.zip FILE...")
		os.Exit(2)
	}
	if err := write(os.Args[1], os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "portable:", err)
		os.Remove(os.Args[1])
		os.Exit(1)
	}
}

func write(out string, files []string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	z := zip.NewWriter(f)
	dir := assets.Product + "-" + assets.Version + "/"
	now := time.Now()
	text := "\ufeff" + strings.ReplaceAll(strings.ReplaceAll(readme, "{{VERSION}}", assets.Version), "\n", "\r\n")
	w, err := z.CreateHeader(&zip.FileHeader{Name: dir + "ĐỌC TÔI.txt", Method: zip.Deflate, Modified: now})
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, text); err != nil {
		return err
	}
	for _, path := range files {
		if err := add(z, dir+filepath.Base(path), path, now); err != nil {
			return err
		}
	}
	if err := z.Close(); err != nil {
		return err
	}
	return f.Close()
}

func add(z *zip.Writer, name, path string, mod time.Time) error {
	src, err := os.Open(path)
	if err != nil {
		return err
	}
	defer src.Close()
	w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: mod})
	if err != nil {
		return err
	}
	_, err = io.Copy(w, src)
	return err
}
