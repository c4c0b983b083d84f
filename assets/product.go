package assets

import (
	_ "embed"
	"strings"
)

// The product's name, maker and version, in one place: the Windows version
// resources of both programs, the installer, `wardctl --version`, the
// app's Giới thiệu dialog and the workbooks' payload all read them.
const (
	Product     = "WardLedger"
	Description = "Sổ dự toán và quyết toán phường"
	Company     = "WardLedger"
	Copyright   = "© 2026 WardLedger"
)

//go:embed VERSION
var version string

// Version is the release, MAJOR.MINOR.PATCH, from assets/VERSION (the
// Makefile reads the same file for the installer's name). FyneApp.toml
// repeats it for the fyne tool; a test keeps the two equal.
var Version = strings.TrimSpace(version)
