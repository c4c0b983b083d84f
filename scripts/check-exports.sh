#!/usr/bin/env bash
# check-exports.sh renders every kind of workbook from a demo ledger so a
# person can read them page by page: it builds wardctl, makes a demo district
# (17 wards, 2 years) in a temporary directory, reviews one ward's closed
# half-year, exports that ward's settlement, the district consolidation
# (with the approved figures), the review's documents (minutes, notice and
# their annexes 1c and 2c), the Treasury reconciliation, the allocation
# table and one ward's allocation annex; then the same documents of a
# small ward with one Khoản (the common case), keyed by hand into a ledger
# of its own (out/exports/mot-khoan/); and converts each to PDF
# (LibreOffice headless) and PNG pages (pdftoppm).
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
"$wardctl" review set-info --db "$db" --unit 1000002 --period "$previous" \
	--participant "Ông Trần Văn Hùng|Trưởng phòng Tài chính – Kế hoạch|xét duyệt" \
	--participant "Bà Lê Thị Mai|Chuyên viên Phòng Tài chính – Kế hoạch|xét duyệt" \
	--participant "Ông Lê Quang Hùng|Chủ tịch UBND phường|được xét duyệt" \
	--participant "Bà Nguyễn Thị Lan|Kế toán|được xét duyệt" \
	--notice-number "125/TB-TCKH" --notice-date "$(date +%d/%m/%Y)" \
	--recipient "Kho bạc Nhà nước khu vực I" --place "Hà Đông"
"$wardctl" review finish --db "$db" --unit 1000002 --period "$previous" >/dev/null

rm -rf "$out"
mkdir -p "$out"
"$wardctl" export settlement --db "$db" --unit 1000002 --period "$previous" --out "$out" 2>/dev/null
"$wardctl" export district --db "$db" --period "$previous" --out "$out" 2>/dev/null
"$wardctl" export review --db "$db" --unit 1000002 --period "$previous" --out "$out" 2>/dev/null
"$wardctl" export allocation --db "$db" --period "$current" --out "$out" 2>/dev/null
"$wardctl" export allocation --db "$db" --period "$current" --unit 1000002 --out "$out" 2>/dev/null
"$wardctl" export reconciliation --db "$db" --unit 1000002 --period "$previous" --out "$out" 2>/dev/null

# A ward with one Khoản, keyed by hand: allocated, adjusted, withdrawn,
# spent on a few Tiểu mục, returned, closed with a carry-over; reviewed by
# its district, which cuts one expense.
one="$work/mot-khoan.db"
small="$out/mot-khoan"
mkdir -p "$small"
"$wardctl" init --db "$one" --superior-code 1000001 --superior-name "UBND quận Hà Đông" >/dev/null
"$wardctl" unit add --db "$one" --code 1000002 --name "UBND phường Quang Trung" >/dev/null
first=1
case "$previous" in *-H2) first=7 ;; esac
y=${previous%%-*}
on() { printf '%02d/%02d/%s' "$1" $((first + $2)) "$y"; } # day $1 of the period's month $2 (0-based)
entry() { # kind amount doc day month [tieu-muc]
	"$wardctl" entry add --db "$one" --unit 1000002 --period "$previous" --kind "$1" --nature TX --khoan 341 \
		${6:+--tieu-muc "$6"} --amount "$2" --doc "$3" --date "$(on "$4" "$5")" >/dev/null
}
entry allocation 1.250.000.000 "123/QĐ-UBND" 5 0
entry adjustment 50.000.000 "210/QĐ-UBND" 10 3
entry withdrawal 900.000.000 "C2-02a/001" 12 0
entry withdrawal 250.000.000 "C2-02a/014" 8 3
for spend in "6001 320.000.000 PC001 25 0" "6101 45.000.000 PC002 26 0" "6301 62.400.000 PC003 27 0" \
	"6501 12.500.000 PC004 5 1" "6551 8.750.000 PC005 9 1" "6701 15.000.000 PC006 14 2" \
	"6702 9.600.000 PC007 15 2" "7761 4.200.000 PC008 20 2" "6001 320.000.000 PC009 25 3" \
	"6301 62.400.000 PC010 27 3" "6608 3.150.000 PC011 6 4" "6905 27.000.000 PC012 18 4"; do
	set -- $spend
	entry spending "$2" "$3" "$4" "$5" "$1"
done
entry returned 2.000.000 "GNT/009" 20 5
"$wardctl" period close --db "$one" --unit 1000002 --period "$previous" --carry-received 341:TX:150.000.000 >/dev/null
r18=$("$wardctl" review show --db "$one" --unit 1000002 --period "$previous" --format csv |
	awk -F, '$1 == "341" && $2 == "18" { print $4 }')
"$wardctl" review set --db "$one" --unit 1000002 --period "$previous" --row 18 --khoan 341 \
	--approved $((r18 - 4200000)) --reason "Chi tiếp khách không có hóa đơn, xuất toán"
"$wardctl" review comment --db "$one" --unit 1000002 --period "$previous" \
	--text "Đơn vị nộp trả ngân sách số xuất toán và hoàn thiện hồ sơ chứng từ chi tiếp khách."
"$wardctl" review set-info --db "$one" --unit 1000002 --period "$previous" \
	--participant "Ông Trần Văn Hùng|Trưởng phòng Tài chính – Kế hoạch|xét duyệt" \
	--participant "Ông Lê Quang Hùng|Chủ tịch UBND phường|được xét duyệt" \
	--participant "Bà Nguyễn Thị Lan|Kế toán|được xét duyệt" \
	--notice-number "126/TB-TCKH" --recipient "Kho bạc Nhà nước khu vực I" --place "Hà Đông"
"$wardctl" review finish --db "$one" --unit 1000002 --period "$previous" >/dev/null
for kind in settlement review reconciliation; do
	"$wardctl" export "$kind" --db "$one" --unit 1000002 --period "$previous" --out "$small" 2>/dev/null
done

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
for dir in "$out" "$small"; do
	soffice -env:UserInstallation="file://$work/lo-profile" --headless --convert-to pdf --outdir "$dir" "$dir"/*.xlsx >/dev/null 2>&1
done
if ! command -v pdftoppm >/dev/null; then
	echo "pdftoppm not found: PDFs written to $out, no PNG pages (apt-get install poppler-utils)" >&2
	exit 0
fi
for pdf in "$out"/*.pdf "$small"/*.pdf; do
	pdftoppm -png -r "$res" "$pdf" "${pdf%.pdf}"
done
# The pages of each document, to be counted.
for pdf in "$out"/*.pdf "$small"/*.pdf; do
	printf '%3d pages  %s\n' "$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')" "${pdf#"$out"/}"
done
