// Command winres writes what the Windows build needs from assets, so the
// version, name and copyright come from one place (assets/VERSION,
// assets/product.go):
//
//	wardledger.ico   the app's icon (PNG-encoded, 256 to 16 pixels)
//	wardledger.rc    icon, version information and manifest of wardledger.exe
//	wardctl.rc       the same for wardctl.exe
//	product.nsh      the installer's !defines (scripts/installer.nsi)
//	wizard.bmp       the picture of the installer's first and last pages
//
// The Makefile compiles each .rc with x86_64-w64-mingw32-windres into the
// .syso that go build links into the program; none of them is committed.
//
//	go run ./scripts/winres DIR
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"wardledger/assets"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: winres DIR")
		os.Exit(2)
	}
	if err := write(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "winres:", err)
		os.Exit(1)
	}
}

// program is one executable's version information.
type program struct {
	file, description string
}

func write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ico, err := icoFrom(assets.Icon)
	if err != nil {
		return fmt.Errorf("assets/icon.png: %w", err)
	}
	wizard, err := wizardBitmap(assets.Icon)
	if err != nil {
		return fmt.Errorf("assets/icon.png: %w", err)
	}
	files := map[string][]byte{
		"wardledger.ico":      ico,
		"wizard.bmp":          wizard,
		"wardledger.manifest": []byte(manifest),
		"wardledger.rc":       []byte(rc(program{"wardledger.exe", assets.Product + " – " + assets.Description})),
		"wardctl.rc":          []byte(rc(program{"wardctl.exe", "wardctl – dòng lệnh của " + assets.Product})),
		"product.nsh":         []byte(nsh()),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// version4 is the version as Windows' four numbers: 0.1.0 → 0,1,0,0.
func version4(sep string) string {
	parts := strings.Split(assets.Version, ".")
	for len(parts) < 4 {
		parts = append(parts, "0")
	}
	return strings.Join(parts[:4], sep)
}

// rcString quotes s for a resource script read as UTF-8.
func rcString(s string) string {
	return `"` + strings.NewReplacer(`"`, `""`, `\`, `\\`).Replace(s) + `"`
}

// rc is the resource script of one program: its icon, its manifest (run
// as the user who starts it; Windows 10 and 11 are supported; common
// controls 6, so the error message box looks like Windows'), and the
// version information Explorer shows under Properties → Details.
func rc(p program) string {
	var b strings.Builder
	b.WriteString("#pragma code_page(65001)\n")
	b.WriteString("1 ICON \"wardledger.ico\"\n")
	b.WriteString("1 24 \"wardledger.manifest\"\n") // RT_MANIFEST
	fmt.Fprintf(&b, "1 VERSIONINFO\nFILEVERSION %s\nPRODUCTVERSION %s\nFILEOS 0x40004\nFILETYPE 0x1\n", version4(","), version4(","))
	b.WriteString("BEGIN\n  BLOCK \"StringFileInfo\"\n  BEGIN\n    BLOCK \"042a04b0\"\n    BEGIN\n") // Vietnamese, UTF-16
	for _, kv := range [][2]string{
		{"CompanyName", assets.Company},
		{"FileDescription", p.description},
		{"FileVersion", assets.Version},
		{"InternalName", strings.TrimSuffix(p.file, ".exe")},
		{"LegalCopyright", assets.Copyright},
		{"OriginalFilename", p.file},
		{"ProductName", assets.Product},
		{"ProductVersion", assets.Version},
	} {
		fmt.Fprintf(&b, "      VALUE %s, %s\n", rcString(kv[0]), rcString(kv[1]))
	}
	b.WriteString("    END\n  END\n  BLOCK \"VarFileInfo\"\n  BEGIN\n    VALUE \"Translation\", 0x042a, 1200\n  END\nEND\n")
	return b.String()
}

const manifest = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3">
    <security><requestedPrivileges><requestedExecutionLevel level="asInvoker" uiAccess="false"/></requestedPrivileges></security>
  </trustInfo>
  <compatibility xmlns="urn:schemas-microsoft-com:compatibility.v1">
    <application><supportedOS Id="{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"/></application>
  </compatibility>
  <dependency>
    <dependentAssembly>
      <assemblyIdentity type="win32" name="Microsoft.Windows.Common-Controls" version="6.0.0.0" processorArchitecture="*" publicKeyToken="6595b64144ccf1df" language="*"/>
    </dependentAssembly>
  </dependency>
</assembly>
`

// nsh is the installer's view of the same facts.
func nsh() string {
	var b strings.Builder
	for _, kv := range [][2]string{
		{"VERSION", assets.Version},
		{"VERSION4", version4(".")},
		{"PRODUCT", assets.Product},
		{"DESCRIPTION", assets.Description},
		{"COMPANY", assets.Company},
		{"COPYRIGHT", assets.Copyright},
	} {
		fmt.Fprintf(&b, "!define %s %s\n", kv[0], nsisString(kv[1]))
	}
	return b.String()
}

// nsisString quotes s for NSIS ($ and " escaped).
func nsisString(s string) string {
	return `"` + strings.NewReplacer(`$`, `$$`, `"`, `$\"`).Replace(s) + `"`
}
