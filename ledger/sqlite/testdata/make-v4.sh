#!/bin/sh
# Makes v4.db: a district ledger written by wardctl at schema version 4
# (commit b8239e6, before the year became a period), kept so that the test
# of migration 0006 starts from a ledger the previous program really made:
# entries, reversals, a closing with its carry-overs, a reopened and
# re-closed half-year, an imported ward workbook, a finished review with
# approvals, an allocation decision and an entry file imported.
#
#   git worktree add /tmp/v4 b8239e6 && (cd /tmp/v4 && go build -o /tmp/wardctl-v4 ./cmd/wardctl)
#   WARDCTL=/tmp/wardctl-v4 sh make-v4.sh
set -eu
W=${WARDCTL:?set WARDCTL to a wardctl built at schema version 4}
T=$(mktemp -d)
D=$T/quan.db P=$T/phuong.db
$W init --db "$D" --superior-code 1000001 --superior-name "UBND quận Hà Đông" --chapter 599
$W unit add --db "$D" --code 1000002 --name "UBND phường Quang Trung"
$W unit add --db "$D" --code 1000003 --name "UBND phường Nguyễn Trãi"
add() { $W entry add --db "$D" --unit 1000002 "$@" >/dev/null; }
add --period 2026-H1 --kind carry_in_received --nature TX --khoan 341 --amount 15.000.000 --doc SD --date 2026-01-01
add --period 2026-H1 --kind allocation --nature TX --khoan 341 --amount 1.250.000.000 --doc 12/QĐ-UBND --date 2025-12-20
add --period 2026-H1 --kind allocation --nature KTX --khoan 341 --amount 80.000.000 --doc 13/QĐ-UBND --date 2026-01-05
add --period 2026-H1 --kind withdrawal --nature TX --khoan 341 --amount 600.000.000 --doc C2-02a/001 --date 2026-01-10
add --period 2026-H1 --kind withdrawal --nature KTX --khoan 341 --amount 50.000.000 --doc C2-02a/002 --date 2026-02-10
add --period 2026-H1 --kind spending --nature TX --khoan 341 --tieu-muc 6001 --amount 420.000.000 --doc PC001 --date 2026-01-25
add --period 2026-H1 --kind spending --nature KTX --khoan 341 --tieu-muc 6501 --amount 30.000.000 --doc PC002 --date 2026-03-02
bad=$($W entry add --db "$D" --unit 1000002 --period 2026-H1 --kind spending --nature TX --khoan 341 --tieu-muc 6551 --amount 9.000.000 --doc PC003 --date 2026-03-05)
$W entry reverse --db "$D" "$bad" --reason "Ghi nhầm Tiểu mục" >/dev/null
add --period 2026-H1 --kind returned --nature TX --khoan 341 --amount 5.000.000 --doc NT001 --date 2026-06-20
$W period close --db "$D" --unit 1000002 --period 2026-H1 --carry-received 341:TX:100.000.000 --carry-estimate 341:TX:500.000.000
$W period reopen --db "$D" --unit 1000002 --period 2026-H1 --reason "Khai thiếu số chuyển KTX"
$W period close --db "$D" --unit 1000002 --period 2026-H1 --carry-received 341:TX:100.000.000 --carry-estimate 341:TX:500.000.000 --carry-estimate 341:KTX:30.000.000
add --period 2026-H2 --kind adjustment --nature TX --khoan 341 --amount -50.000.000 --doc 90/QĐ-UBND --date 2026-07-15
add --period 2026-H2 --kind withdrawal --nature TX --khoan 341 --amount 300.000.000 --doc C2-02a/010 --date 2026-08-01
add --period 2026-H2 --kind spending --nature TX --khoan 341 --tieu-muc 6001 --amount 350.000.000 --doc PC101 --date 2026-09-30
printf 'unit,khoan,nature,amount\n1000002,341,TX,400000000\n1000003,341,TX,900000000\n' > "$T/giao.csv"
$W allocate --db "$D" --period 2027-H1 --doc 536/QĐ-UBND --date 2026-12-18 --file "$T/giao.csv"
printf 'unit,period,kind,nature,khoan,tieu_muc,amount,doc,date,memo\n1000002,2026-H2,spending,TX,341,6501,12000000,PC102,2026-10-02,Tiền điện\n' > "$T/chi.csv"
$W entry import --db "$D" --file "$T/chi.csv"
# The ward's own ledger, exported and imported by the district.
$W init --db "$P" --superior-code 1000001 --superior-name "UBND quận Hà Đông" --chapter 599
$W unit add --db "$P" --code 1000003 --name "UBND phường Nguyễn Trãi"
$W entry add --db "$P" --unit 1000003 --period 2026-H1 --kind allocation --nature TX --khoan 341 --amount 700.000.000 --doc 14/QĐ-UBND --date 2026-01-04 >/dev/null
$W entry add --db "$P" --unit 1000003 --period 2026-H1 --kind withdrawal --nature TX --khoan 341 --amount 500.000.000 --doc C2-02a/101 --date 2026-01-12 >/dev/null
$W entry add --db "$P" --unit 1000003 --period 2026-H1 --kind spending --nature TX --khoan 341 --tieu-muc 6001 --amount 480.000.000 --doc PC201 --date 2026-02-25 >/dev/null
$W period close --db "$P" --unit 1000003 --period 2026-H1 --carry-received 341:TX:20.000.000
$W export settlement --db "$P" --unit 1000003 --period 2026-H1 --out "$T"
$W import workbook --db "$D" --file "$T/QT_1000003_2026-H1.xlsx"
$W review set --db "$D" --unit 1000003 --period 2026-H1 --row 18 --khoan 341 --approved 470.000.000 --reason "Chi vượt định mức"
$W review comment --db "$D" --unit 1000003 --period 2026-H1 --text "Nộp lại 10 triệu"
$W review finish --db "$D" --unit 1000003 --period 2026-H1
$W check --db "$D"
# One compact file, no -wal beside it: a checked copy.
$W backup --db "$D" --out v4.db --force
rm -rf "$T"
