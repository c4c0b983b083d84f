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

# Renders every kind of workbook from a demo ledger to PDF and PNG pages
# in out/exports/, to be read page by page.
check-exports: deps
	@scripts/deps.sh $(DEB_EXPORTS)
	scripts/check-exports.sh

clean:
	rm -rf $(BIN) out
