#!/usr/bin/env bash
# The Windows build, started for real: under Wine on Xvfb, in a throw-away
# Wine prefix, as an office PC would meet it.
#
#   scripts/windows-smoke.sh bin/WardLedger-Setup-X.Y.Z.exe     (make windows-smoke)
#
#  1. a fresh 64-bit prefix set to Windows 10, with the stand-in
#     bcryptprimitives.dll (scripts/bcryptprimitives.c) that Go programs
#     need and Wine 8 lacks;
#  2. the installer run silently (/S): programs, shortcuts, the uninstall
#     entry in the registry;
#  3. the installed wardctl.exe: --version, demo (into the default ledger in
#     %AppData%), report settlement --all as CSV, export settlement into a
#     folder named "Báo cáo" (first missing, then made), check;
#  4. the installed wardledger.exe on Xvfb: its window, a screenshot
#     (out/windows-smoke.png, checked not blank), the log file, closed as
#     the close button does; wardctl.exe refused while it runs (the
#     writer's lock), let in once it has closed;
#  5. the same app on a display without OpenGL (Xvfb without GLX): the
#     message box (out/windows-smoke-nogl.png), the ledger released before
#     it shows (wardctl.exe writes it meanwhile), exit status 1;
#  6. the installer over itself (update) and, with the app running, its
#     refusal; then uninstall.exe /S: programs, shortcuts and registry entry
#     gone, the ledger and its backups still there and sound.
#
# Needs wine, wine64, xvfb, xdotool and gcc-mingw-w64-x86-64 (make
# windows-smoke installs them) and Go (the ledger is checked with wardctl
# built for Linux). Prints how long each step took.
set -euo pipefail
# CI may start this with no standard input: Wine must not get its own
# sockets as fd 0.
exec </dev/null
cd "$(dirname "$0")/.."
installer=$(realpath "${1:?usage: windows-smoke.sh INSTALLER.exe}")
version=$(cat assets/VERSION)
mkdir -p out

work=$(mktemp -d)
xpids=()
cleanup() {
	set +e
	wineserver -k >/dev/null 2>&1
	for p in "${xpids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
[ -z "${KEEP:-}" ] || trap 'wineserver -k; for p in "${xpids[@]}"; do kill "$p"; done; echo "windows-smoke: kept $work"' EXIT

# Wine's own prefix, home and display: nothing of the user's is touched.
# Go keeps its caches where they were (they default to under $HOME).
GOPATH=$(go env GOPATH) GOCACHE=$(go env GOCACHE) GOMODCACHE=$(go env GOMODCACHE)
export GOPATH GOCACHE GOMODCACHE
export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all HOME="$work/home" LANG=C.UTF-8
# No Mono or Gecko prompts, no menu entries in the (throw-away) home.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
mkdir -p "$HOME"

t0=$(date +%s)
step_start=$t0
step() { # step NAME: prints the time the last step took, names the next
	local now
	now=$(date +%s)
	[ -z "${step_name:-}" ] || echo "windows-smoke: ${step_name}: $((now - step_start)) s"
	step_name=$1 step_start=$now
	echo "windows-smoke: $1"
}
fail() {
	echo "windows-smoke: FAIL: $*" >&2
	exit 1
}

# xserver DIR [ARGS]: starts Xvfb with its framebuffer in DIR and sets
# DISPLAY to it.
xserver() {
	local dir=$1
	shift
	mkdir -p "$dir"
	exec 9>"$dir/display"
	Xvfb -displayfd 9 -screen 0 1366x768x24 -fbdir "$dir" -nolisten tcp "$@" >/dev/null 2>&1 &
	xpids+=($!)
	exec 9>&-
	for _ in $(seq 100); do
		[ -s "$dir/display" ] && break
		sleep 0.1
	done
	[ -s "$dir/display" ] || fail "Xvfb did not start"
	export DISPLAY=":$(head -1 "$dir/display")"
}

# waitwin TITLE SECONDS: the X window id of a window whose name contains
# TITLE.
waitwin() {
	local id=""
	for _ in $(seq $(($2 * 2))); do
		id=$(xdotool search --name "$1" 2>/dev/null | tail -1 || true)
		[ -n "$id" ] && break
		sleep 0.5
	done
	echo "$id"
}

# shot DIR PNG MIN: saves the screen of the Xvfb in DIR once it has at
# least MIN colours (within 60 s) and the app has had SETTLE seconds more
# to fill it (its data loads in the background).
shot() {
	for _ in $(seq 60); do
		"$work/xvfbshot" -min-colours "$3" "$1/Xvfb_screen0" "$2" >/dev/null 2>&1 && break
		sleep 1
	done
	sleep "${SETTLE:-5}"
	"$work/xvfbshot" -min-colours "$3" "$1/Xvfb_screen0" "$2"
}

step "building the stand-in bcryptprimitives.dll and the checkers"
x86_64-w64-mingw32-gcc -O2 -shared -nostdlib -s -e DllMain \
	-o "$work/bcryptprimitives.dll" scripts/bcryptprimitives.c -ladvapi32
go build -o "$work/wardctl-linux" ./cmd/wardctl
go build -o "$work/xvfbshot" ./scripts/xvfbshot

step "making a fresh Wine prefix (Windows 10)"
xserver "$work/x"
gl_display=$DISPLAY
timeout 300 wineboot -i >/dev/null 2>&1 || fail "wineboot failed"
timeout 60 wine reg add 'HKCU\Software\Wine' /v Version /t REG_SZ /d win10 /f >/dev/null 2>&1
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"

step "installing silently: $(basename "$installer")"
timeout 300 wine "$installer" /S || fail "the installer exited with $?"
timeout 60 wineserver -w
users="$WINEPREFIX/drive_c/users"
inst=$(dirname "$(find "$users" -path '*/AppData/Local/Programs/WardLedger/wardledger.exe' | head -1)")
[ -f "$inst/wardledger.exe" ] && [ -f "$inst/wardctl.exe" ] && [ -f "$inst/uninstall.exe" ] ||
	fail "the installer did not put wardledger.exe, wardctl.exe and uninstall.exe in %LOCALAPPDATA%\\Programs\\WardLedger"
startmenu=$(find "$users" -path '*Start Menu/Programs/WardLedger.lnk' | head -1)
desktop=$(find -L "$users" -path '*/Desktop/WardLedger.lnk' 2>/dev/null | head -1) # Desktop links to $HOME
[ -n "$startmenu" ] && [ -n "$desktop" ] || fail "no Start-menu or desktop shortcut"
uninstall_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\WardLedger'
timeout 60 wine reg query "$uninstall_key" /v DisplayVersion 2>/dev/null | grep -q "$version" ||
	fail "no uninstall entry with version $version in the registry"
echo "windows-smoke: installed in $inst"

step "wardctl.exe: demo, report, export into 'Báo cáo', check"
wardctl() { timeout 300 wine "$inst/wardctl.exe" "$@"; }
[ "$(wardctl --version | tr -d '\r')" = "wardctl $version" ] || fail "wardctl --version does not say $version"
wardctl demo --wards 17 --years 1 >/dev/null 2>&1 || fail "wardctl demo"
appdata=$(dirname "$(find "$users" -path '*/AppData/Roaming/vn.wardledger.app/wardledger.db' | head -1)")
ledger="$appdata/wardledger.db"
[ -f "$ledger" ] || fail "the demo ledger is not in %AppData%\\vn.wardledger.app"
y=$(date +%Y) m=$(date +%-m)
if [ "$m" -le 6 ]; then period="$y-H1"; else period="$y-H2"; fi
wardctl report settlement --all --period "$period" --format csv >"$work/report.csv"
[ "$(head -c 3 "$work/report.csv" | od -An -tx1 | tr -d ' \n')" = efbbbf ] || fail "CSV without a byte-order mark"
grep -q "Tổng số được sử dụng" "$work/report.csv" || grep -q "^[0-9]" "$work/report.csv" || fail "report settlement: $(head -3 "$work/report.csv")"
code=0
wardctl export settlement --unit 1000002 --period "$period" --out 'C:\Báo cáo' >"$work/export.out" 2>&1 || code=$?
[ "$code" = 2 ] && grep -q "chưa có" "$work/export.out" || fail "export into a missing folder: exit $code, $(cat "$work/export.out")"
mkdir "$WINEPREFIX/drive_c/Báo cáo"
wardctl export settlement --unit 1000002 --period "$period" --out 'C:\Báo cáo' >/dev/null 2>&1 || fail "export settlement"
workbook="$WINEPREFIX/drive_c/Báo cáo/QT_1000002_$period.xlsx"
[ "$(head -c 2 "$workbook" 2>/dev/null)" = PK ] || fail "no workbook $workbook"
[ "$(wardctl check | tr -d '\r')" = ok ] || fail "wardctl check"

step "starting wardledger.exe on Xvfb"
timeout 300 wine "$inst/wardledger.exe" >"$work/app.out" 2>&1 &
app=$!
win=$(waitwin "WardLedger" 120)
[ -n "$win" ] || fail "no window within 120 s: $(cat "$work/app.out")"
shot "$work/x" out/windows-smoke.png 200 || fail "the window stayed blank"
# writable N: whether wardctl.exe may write the ledger now (it adds ward
# 100009N); the app holds the writer's lock while it runs.
writable() {
	local out code=0
	out=$(wardctl unit add --code "100009$1" --name "UBND phường Thử $1" 2>&1) || code=$?
	case $code in
	0) return 0 ;;
	4) grep -q "chương trình khác" <<<"$out" && return 1 ;;
	esac
	fail "wardctl unit add: exit $code: $out"
}
writable 1 && fail "the app does not hold the ledger: wardctl wrote it alongside"
log="$appdata/wardledger.log"
grep -q "WardLedger $version started" "$log" 2>/dev/null || fail "no log in $log"

step "installing over the running app (refused)"
code=0
timeout 300 wine "$installer" /S || code=$?
[ "$code" = 2 ] || echo "windows-smoke: note: Wine let the installer replace a running program (exit $code); Windows refuses it"

step "closing the app as its close button does"
timeout 60 wine taskkill /im wardledger.exe >/dev/null 2>&1 || true
for _ in $(seq 60); do kill -0 "$app" 2>/dev/null || break; sleep 0.5; done
kill -0 "$app" 2>/dev/null && fail "the app did not close"
wait "$app" || fail "the app exited with $?"
writable 2 || fail "the ledger is still locked after closing"
timeout 60 wineserver -w

step "starting it where there is no OpenGL"
xserver "$work/nogl" -extension GLX
code=0
timeout 120 wine "$inst/wardledger.exe" >"$work/nogl.out" 2>&1 &
app=$!
box=$(waitwin "không mở được cửa sổ" 60)
[ -n "$box" ] || fail "no message box on a display without OpenGL: $(cat "$work/nogl.out")"
SETTLE=1 shot "$work/nogl" out/windows-smoke-nogl.png 8 || true
writable 3 || fail "the ledger is still locked while the message shows"
xdotool key --window "$box" Return 2>/dev/null
wait "$app" || code=$?
[ "$code" = 1 ] || fail "without OpenGL the app exited with $code, want 1"
grep -q "PlatformError" "$log" || fail "the log does not say why: $(tail -5 "$log")"
timeout 60 wineserver -w
export DISPLAY=$gl_display
before=$("$work/wardctl-linux" report settlement --all --period "$period" --format json --db "$ledger")
units=$("$work/wardctl-linux" unit list --format json --db "$ledger")

step "updating: the installer over itself"
timeout 300 wine "$installer" /S || fail "installing over itself exited with $?"
timeout 60 wineserver -w
[ -f "$inst/wardledger.exe" ] || fail "the update lost wardledger.exe"
[ "$("$work/wardctl-linux" report settlement --all --period "$period" --format json --db "$ledger")" = "$before" ] &&
	[ "$("$work/wardctl-linux" unit list --format json --db "$ledger")" = "$units" ] || fail "the ledger changed across the update"

step "uninstalling silently"
timeout 300 wine "$inst/uninstall.exe" /S || fail "uninstall.exe exited with $?"
timeout 120 wineserver -w # the uninstaller runs on from a copy in %TEMP%
[ ! -e "$inst" ] || fail "the uninstaller left $inst: $(ls "$inst")"
[ ! -e "$startmenu" ] && [ ! -e "$desktop" ] || fail "the uninstaller left a shortcut"
if timeout 60 wine reg query "$uninstall_key" >/dev/null 2>&1; then fail "the uninstall entry is still in the registry"; fi
[ -f "$ledger" ] || fail "the uninstaller removed the ledger"
ls "$appdata/backups/"*.db >/dev/null 2>&1 || fail "the uninstaller removed the backups"
[ -f "$log" ] || fail "the uninstaller removed the log"
[ "$("$work/wardctl-linux" check --db "$ledger")" = ok ] || fail "the ledger is not sound after uninstalling"
[ "$("$work/wardctl-linux" report settlement --all --period "$period" --format json --db "$ledger")" = "$before" ] &&
	[ "$("$work/wardctl-linux" unit list --format json --db "$ledger")" = "$units" ] || fail "the ledger changed across the uninstall"

step "done"
echo "windows-smoke: passed in $(($(date +%s) - t0)) s (screenshots: out/windows-smoke.png, out/windows-smoke-nogl.png)"
