package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wardledger/assets"
)

func TestWritesResourcesFromAssets(t *testing.T) {
	dir := t.TempDir()
	if err := write(dir); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	four := strings.Join(append(strings.Split(assets.Version, "."), "0"), ",")
	for _, name := range []string{"wardledger.rc", "wardctl.rc"} {
		rc := read(name)
		for _, want := range []string{
			"FILEVERSION " + four, "PRODUCTVERSION " + four,
			`VALUE "ProductName", "` + assets.Product + `"`,
			`VALUE "FileVersion", "` + assets.Version + `"`,
			`VALUE "CompanyName", "` + assets.Company + `"`,
			`VALUE "LegalCopyright", "` + assets.Copyright + `"`,
			`VALUE "OriginalFilename", "` + strings.TrimSuffix(name, ".rc") + `.exe"`,
			"#pragma code_page(65001)",
		} {
			if !strings.Contains(rc, want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
	}
	if nsh := read("product.nsh"); !strings.Contains(nsh, `!define VERSION "`+assets.Version+`"`) || !strings.Contains(nsh, `!define VERSION4 "`+strings.ReplaceAll(four, ",", ".")+`"`) {
		t.Errorf("product.nsh:\n%s", nsh)
	}
	if ico := read("wardledger.ico"); !strings.HasPrefix(ico, "\x00\x00\x01\x00\x04\x00") {
		t.Error("wardledger.ico is not an icon of four images")
	}
	if bmp := read("wizard.bmp"); !strings.HasPrefix(bmp, "BM") {
		t.Error("wizard.bmp is not a bitmap")
	}
}

func TestQuoting(t *testing.T) {
	if got := rcString(`say "hi" C:\x`); got != `"say ""hi"" C:\\x"` {
		t.Errorf("rcString = %s", got)
	}
	if got := nsisString(`cost $5 "now"`); got != `"cost $$5 $\"now$\""` {
		t.Errorf("nsisString = %s", got)
	}
}
