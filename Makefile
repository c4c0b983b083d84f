# WardLedger build. `make run` starts the desktop app, `make test` runs
# every check CI runs. Both install what the build needs on Debian first.
SHELL := /bin/bash
GO ?= go
TAGS := migrated_fynedo
DB ?=
BIN := bin

# Debian packages: the Fyne (cgo, OpenGL, X11) build; the Xvfb smoke run;
# rendering exported workbooks; the Windows cross-build.
DEB_BUILD := gcc pkg-config libgl1-mesa-dev xorg-dev
DEB_SMOKE := xvfb xauth
DEB_EXPORTS := libreoffice-calc-nogui poppler-utils
DEB_WINDOWS := gcc-mingw-w64-x86-64

export LANG ?= C.UTF-8

.PHONY: deps run build test vet bench smoke check-exports windows clean

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

# Cross-compiles the desktop app for Windows (mingw-w64), with its icon.
WIN_CC := x86_64-w64-mingw32-gcc
WIN_SYSO := cmd/wardledger/rsrc_windows_amd64.syso
windows: deps
	@scripts/deps.sh $(DEB_WINDOWS)
	@mkdir -p $(BIN)
	$(GO) run ./scripts/winicon assets/icon.png $(BIN)/wardledger.ico
	printf '1 ICON "%s"\n' $(BIN)/wardledger.ico > $(BIN)/wardledger.rc
	x86_64-w64-mingw32-windres -O coff -i $(BIN)/wardledger.rc -o $(WIN_SYSO)
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=$(WIN_CC) \
		$(GO) build -tags $(TAGS) -ldflags "-H=windowsgui" -o $(BIN)/wardledger.exe ./cmd/wardledger; \
		status=$$?; rm -f $(WIN_SYSO); exit $$status
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) build -o $(BIN)/wardctl.exe ./cmd/wardctl

# Renders every kind of workbook from a demo ledger to PDF and PNG pages
# in out/exports/, to be read page by page.
check-exports: deps
	@scripts/deps.sh $(DEB_EXPORTS)
	scripts/check-exports.sh

clean:
	rm -rf $(BIN) out
