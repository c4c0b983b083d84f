#!/usr/bin/env bash
# Smoke test of the desktop app: build cmd/wardledger, make a demo ledger
# with wardctl, start the real binary under Xvfb, and check that it wrote a
# screenshot of the ledger after its first frame and exited cleanly.
#
#   scripts/smoke.sh                 the check (make smoke, CI)
#   DOCS=1 scripts/smoke.sh          also refresh docs/screenshots/*.png
#   SMOKE_DB=big.db scripts/smoke.sh run on an existing ledger instead
#
# Needs the Fyne build dependencies (gcc, libgl1-mesa-dev, xorg-dev) and
# xvfb (xvfb-run).
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "smoke: building cmd/wardledger"
go build -tags migrated_fynedo -o "$tmp/wardledger" ./cmd/wardledger

db=${SMOKE_DB:-}
if [ -z "$db" ]; then
	db="$tmp/demo.db"
	echo "smoke: making a demo ledger"
	go run ./cmd/wardctl demo --db "$db" --wards 17 --years 2 >/dev/null
fi

# Fyne keeps its preferences under $HOME; keep them out of the user's.
export HOME="$tmp/home" LANG=en_US.UTF-8
mkdir -p "$HOME"

run() { # run VIEW PNG
	timeout 180 xvfb-run -a -s "-screen 0 1366x768x24" \
		"$tmp/wardledger" --db "$db" --screenshot "$2" --screenshot-view "$1"
}

# check PNG: exists, is a PNG, and is not a blank frame (a one-colour
# 1320×740 PNG compresses to a few kB; the ledger screen is far larger).
check() {
	local f=$1 size
	[ -s "$f" ] || { echo "smoke: FAIL: no screenshot $f" >&2; exit 1; }
	[ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] ||
		{ echo "smoke: FAIL: $f is not a PNG" >&2; exit 1; }
	size=$(wc -c <"$f")
	[ "$size" -gt 40000 ] || { echo "smoke: FAIL: $f is only $size bytes: a blank window?" >&2; exit 1; }
	echo "smoke: ok: $f ($size bytes)"
}

shot="$tmp/smoke.png"
run so "$shot"
check "$shot"
mkdir -p out
cp "$shot" out/smoke.png

if [ "${DOCS:-}" = 1 ]; then
	out=docs/screenshots
	mkdir -p "$out"
	for view in so nhap loi quyettoan chitiet donvi danhmuc khoaso; do
		run "$view" "$out/$view.png" >/dev/null
		check "$out/$view.png"
	done
	timeout 180 xvfb-run -a -s "-screen 0 1366x768x24" \
		"$tmp/wardledger" --db "$tmp/new/so.db" --screenshot "$out/batdau.png" --screenshot-view batdau >/dev/null
	check "$out/batdau.png"
fi
echo "smoke: passed"
