# WardLedger build. `make run` starts the desktop app, `make test` runs
# every check CI runs. Both install what the build needs on Debian first.
SHELL := /bin/bash
GO ?= go
TAGS := migrated_fynedo
DB ?=
BIN := bin

# Debian packages: the Fyne (cgo, OpenGL, X11) build; the Xvfb smoke run;
# rendering exported workbooks; the Windows cross-build, its installer and
# the Wine run of it.
DEB_BUILD := gcc pkg-config libgl1-mesa-dev xorg-dev
DEB_SMOKE := xvfb xauth
DEB_EXPORTS := libreoffice-calc-nogui poppler-utils
DEB_WINDOWS := gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64
DEB_INSTALLER := nsis
DEB_WINE := wine wine64 fonts-wine libgl1 libgl1-mesa-dri libxrender1 libxrandr2 libxi6 \
	libxcursor1 libxinerama1 libxcomposite1 libxfixes3 libxxf86vm1 xvfb xauth xdotool

export LANG ?= C.UTF-8

.PHONY: deps run build test vet bench smoke check-exports windows installer windows-smoke clean

deps:
	@scripts/deps.sh $(DEB_BUILD)

build: deps
	$(GO) build -tags $(TAGS) -o $(BIN)/wardledger ./cmd/wardledger
	CGO_ENABLED=0 $(GO) build -o $(BIN)/wardctl ./cmd/wardctl

run: build
	$(BIN)/wardledger $(if $(DB),--db $(DB))

vet: deps
	$(GO) vet -tags $(TAGS) ./...

test: vet
	$(GO) test -race -tags $(TAGS) ./...
	$(GO) build -tags $(TAGS) -o $(BIN)/wardledger ./cmd/wardledger
	CGO_ENABLED=0 $(GO) build -o $(BIN)/wardctl ./cmd/wardctl

bench: deps
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...

# Starts the real app under Xvfb on a demo ledger, writes a screenshot of
# the first frame (out/smoke.png) and checks it is not blank.
smoke: deps
	@scripts/deps.sh $(DEB_SMOKE)
	scripts/smoke.sh

# Cross-compiles both programs for Windows (mingw-w64), stripped, each with
# its icon and version information (made from assets/ by scripts/winres; the
# .syso files live only during the build).
VERSION := $(shell cat assets/VERSION)
WIN_CC := x86_64-w64-mingw32-gcc
WIN_RES := $(BIN)/winres
WIN_SYSO := rsrc_windows_amd64.syso
WIN_GO := GOOS=windows GOARCH=amd64 $(GO) build -trimpath
windows: deps
	@scripts/deps.sh $(DEB_WINDOWS)
	$(GO) run ./scripts/winres $(WIN_RES)
	x86_64-w64-mingw32-windres -I $(WIN_RES) -O coff -i $(WIN_RES)/wardledger.rc -o cmd/wardledger/$(WIN_SYSO)
	x86_64-w64-mingw32-windres -I $(WIN_RES) -O coff -i $(WIN_RES)/wardctl.rc -o cmd/wardctl/$(WIN_SYSO)
	CGO_ENABLED=1 CC=$(WIN_CC) $(WIN_GO) -tags $(TAGS) -ldflags "-s -w -H=windowsgui" -o $(BIN)/wardledger.exe ./cmd/wardledger \
		&& CGO_ENABLED=0 $(WIN_GO) -ldflags "-s -w" -o $(BIN)/wardctl.exe ./cmd/wardctl; \
		status=$$?; rm -f cmd/wardledger/$(WIN_SYSO) cmd/wardctl/$(WIN_SYSO); exit $$status

# The Windows installer bin/WardLedger-Setup-$(VERSION).exe (NSIS: per-user,
# shortcuts, uninstaller; scripts/installer.nsi) and the portable zip of the
# two programs with ĐỌC TÔI.txt.
INSTALLER := $(BIN)/WardLedger-Setup-$(VERSION).exe
PORTABLE := $(BIN)/WardLedger-$(VERSION)-portable.zip
installer: windows
	@scripts/deps.sh $(DEB_INSTALLER)
	makensis -NOCD -INPUTCHARSET UTF8 -V2 -DBUILD=$(BIN) -DOUTFILE=$(INSTALLER) scripts/installer.nsi
	$(GO) run ./scripts/portable $(PORTABLE) $(BIN)/wardledger.exe $(BIN)/wardctl.exe
	@ls -l $(INSTALLER) $(PORTABLE)

# Installs, starts, uses, updates and uninstalls the installer under Wine
# on Xvfb in a throw-away prefix (scripts/windows-smoke.sh): screenshot in
# out/windows-smoke.png.
windows-smoke: installer
	@scripts/deps.sh $(DEB_WINE)
	scripts/windows-smoke.sh $(INSTALLER)

# Renders every kind of workbook from a demo ledger to PDF and PNG pages
# in out/exports/, to be read page by page.
check-exports: deps
	@scripts/deps.sh $(DEB_EXPORTS)
	scripts/check-exports.sh

clean:
	rm -rf $(BIN) out
