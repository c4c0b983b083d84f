package main

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wardledger/assets"
)

func TestPortableZip(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "wardctl.exe")
	os.WriteFile(exe, []byte("MZ program"), 0o644)
	out := filepath.Join(dir, "p.zip")
	if err := write(out, []string{exe}); err != nil {
		t.Fatal(err)
	}
	z, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	folder := "WardLedger-" + assets.Version + "/"
	files := map[string]string{}
	for _, f := range z.File {
		r, _ := f.Open()
		data, _ := io.ReadAll(r)
		r.Close()
		files[f.Name] = string(data)
		if !f.NonUTF8 && f.Flags&0x800 == 0 && strings.ContainsFunc(f.Name, func(r rune) bool { return r > 127 }) {
			t.Errorf("%s is not flagged UTF-8", f.Name)
		}
	}
	if files[folder+"wardctl.exe"] != "MZ program" {
		t.Errorf("zip holds %v", files)
	}
	text := files[folder+"ĐỌC TÔI.txt"]
	if !strings.HasPrefix(text, "\ufeffWardLedger "+assets.Version) || strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\n") || strings.Contains(text, "{{") {
		t.Errorf("ĐỌC TÔI.txt: want a byte-order mark, the version and Windows line ends: %q", text[:min(80, len(text))])
	}
}
