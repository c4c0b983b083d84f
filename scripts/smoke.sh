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
go build -o "$tmp/wardctl" ./cmd/wardctl

db=${SMOKE_DB:-}
if [ -z "$db" ]; then
	db="$tmp/demo.db"
	echo "smoke: making a demo ledger"
	"$tmp/wardctl" demo --db "$db" --wards 17 --years 2 >/dev/null 2>&1
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

# district prepares the district's screens of the guide: the last
# half-year's settlement workbooks of twelve wards exported and imported
# back (so they count as received), six of them reviewed with an approved
# figure below the reported one, three of those finished.
district() {
	local p y m n code reported
	y=$(date +%Y) m=$(date +%-m)
	if [ "$m" -le 6 ]; then p="$((y - 1))-H2"; else p="$y-H1"; fi
	mkdir -p "$tmp/qt"
	for n in $(seq 2 13); do
		code=$(printf '10000%02d' "$n")
		"$tmp/wardctl" export settlement --db "$db" --unit "$code" --period "$p" --out "$tmp/qt/" >/dev/null 2>&1
	done
	"$tmp/wardctl" import workbook --db "$db" $(for f in "$tmp"/qt/QT_*.xlsx; do printf -- '--file %s ' "$f"; done) >/dev/null
	for n in $(seq 2 7); do
		code=$(printf '10000%02d' "$n")
		reported=$("$tmp/wardctl" review show --db "$db" --unit "$code" --period "$p" --format csv |
			awk -F, '$1=="341" && $2=="18" {print $4}')
		"$tmp/wardctl" review set --db "$db" --unit "$code" --period "$p" --row 18 --khoan 341 \
			--approved $((reported - 12500000 * (n - 1))) \
			--reason "Chi tiếp khách vượt định mức, thiếu hóa đơn" >/dev/null
		if [ "$n" -le 4 ]; then
			"$tmp/wardctl" review finish --db "$db" --unit "$code" --period "$p" >/dev/null
		fi
	done
	"$tmp/wardctl" review comment --db "$db" --unit 1000005 --period "$p" \
		--text "Đề nghị phường nộp trả NSNN số chi không đủ chứng từ trước ngày 31/7." >/dev/null
	# The folder the import pictures list (view nhapbaocao reads
	# nhap-bao-cao beside the ledger): six workbooks already imported, one
	# of a ward the district does not know yet, one file that is no
	# workbook at all.
	local in="$tmp/nhap-bao-cao"
	mkdir -p "$in"
	cp "$tmp"/qt/QT_100000[2-7]_*.xlsx "$in/"
	"$tmp/wardctl" demo --db "$tmp/other.db" --wards 18 --years 1 >/dev/null 2>&1
	"$tmp/wardctl" export settlement --db "$tmp/other.db" --unit 1000019 --period "$p" --out "$in/" >/dev/null 2>&1
	echo "Danh sách phường đã nộp báo cáo" >"$in/Danh sach gui quan.xlsx"
}

if [ "${DOCS:-}" = 1 ]; then
	out=docs/screenshots
	mkdir -p "$out"
	for view in so nhap loi quyettoan chitiet xuatexcel xuatxong donvi danhmuc goima themma khoaso trogiup; do
		run "$view" "$out/$view.png" >/dev/null
		check "$out/$view.png"
	done
	if [ -z "${SMOKE_DB:-}" ]; then # never write beside someone's own ledger
		echo "smoke: preparing reviews for the district's screens"
		district
	fi
	for view in tonghop xetduyet giaodutoan nhapbaocao ketquanhap nhatky; do
		run "$view" "$out/$view.png" >/dev/null
		check "$out/$view.png"
	done
	timeout 180 xvfb-run -a -s "-screen 0 1366x768x24" \
		"$tmp/wardledger" --db "$tmp/new/so.db" --screenshot "$out/batdau.png" --screenshot-view batdau >/dev/null
	check "$out/batdau.png"
fi
echo "smoke: passed"
