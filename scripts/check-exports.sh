#!/usr/bin/env bash
# check-exports.sh renders every kind of workbook from a demo ledger so a
# person can read them page by page: it builds wardctl, makes a demo district
# (17 wards, 2 years) in a temporary directory, reviews one ward's closed
# half-year, exports that ward's settlement, the district consolidation
# (with the approved figures), the review's minutes and notice, the
# allocation table and one ward's allocation annex, and converts each to
# PDF (LibreOffice headless) and PNG pages (pdftoppm) under out/exports/.
#
# Needs soffice (apt-get install libreoffice-calc-nogui) and pdftoppm
# (poppler-utils); without them it exports the workbooks and says what it
# skipped. It is not part of `make test`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$root/out/exports}
res=${RES:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
CGO_ENABLED=0 go build -o "$work/wardctl" ./cmd/wardctl
wardctl="$work/wardctl"
db="$work/demo.db"

"$wardctl" demo --db "$db" --wards 17 --years 2 2>/dev/null

# The demo ends with the current half-year, which is open; the one before
# it is closed. Export the closed one and allocate the current one.
year=$(date +%Y)
month=$(date +%-m)
if [ "$month" -le 6 ]; then
	current="$year-H1"
	previous="$((year - 1))-H2"
else
	current="$year-H2"
	previous="$year-H1"
fi

# Review the first ward's closed half-year as a district reviewer would:
# cut its spending and a carry-over on Khoản 341, comment, finish. The
# review workbook and the consolidation's approved figures then have
# something to show.
reported() { # reported figure of row $1 on Khoản 341
	"$wardctl" review show --db "$db" --unit 1000002 --period "$previous" --format csv |
		awk -F, -v row="$1" '$1 == "341" && $2 == row { print $4 }'
}
r18=$(reported 18)
r31=$(reported 31)
"$wardctl" review set --db "$db" --unit 1000002 --period "$previous" --row 18 --khoan 341 \
	--approved $((r18 - 45000000)) --reason "Chi công tác phí không đúng chế độ, xuất toán"
"$wardctl" review set --db "$db" --unit 1000002 --period "$previous" --row 31 --khoan 341 \
	--approved $((r31 - 5000000)) --reason "Không đủ điều kiện chuyển nguồn sang kỳ sau"
"$wardctl" review comment --db "$db" --unit 1000002 --period "$previous" \
	--text "Đơn vị hoàn thiện hồ sơ chứng từ công tác phí và nộp trả ngân sách số xuất toán trước ngày 31/8."
"$wardctl" review finish --db "$db" --unit 1000002 --period "$previous" >/dev/null

rm -rf "$out"
mkdir -p "$out"
"$wardctl" export settlement --db "$db" --unit 1000002 --period "$previous" --out "$out" 2>/dev/null
"$wardctl" export district --db "$db" --period "$previous" --out "$out" 2>/dev/null
"$wardctl" export review --db "$db" --unit 1000002 --period "$previous" --out "$out" 2>/dev/null
"$wardctl" export allocation --db "$db" --period "$current" --out "$out" 2>/dev/null
"$wardctl" export allocation --db "$db" --period "$current" --unit 1000002 --out "$out" 2>/dev/null

if ! command -v soffice >/dev/null; then
	echo "soffice not found: workbooks written to $out, not rendered (apt-get install libreoffice-calc-nogui)" >&2
	exit 0
fi
# A private LibreOffice profile, so that a running LibreOffice does not
# interfere, set to recalculate every formula on load: the pages then show
# LibreOffice's own arithmetic, not the values cached in the files.
mkdir -p "$work/lo-profile/user"
cat >"$work/lo-profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
soffice -env:UserInstallation="file://$work/lo-profile" --headless --convert-to pdf --outdir "$out" "$out"/*.xlsx >/dev/null 2>&1
if ! command -v pdftoppm >/dev/null; then
	echo "pdftoppm not found: PDFs written to $out, no PNG pages (apt-get install poppler-utils)" >&2
	exit 0
fi
for pdf in "$out"/*.pdf; do
	pdftoppm -png -r "$res" "$pdf" "${pdf%.pdf}"
done
ls "$out"
