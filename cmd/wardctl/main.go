// Command wardctl is the command line of WardLedger: batch work, scripting
// and tests. It is pure Go (CGO_ENABLED=0) and opens the same ledger file as
// the desktop app unless --db says otherwise.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"wardledger/assets"
	"wardledger/ledger"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "wardctl:", err)
		}
		os.Exit(exitCode(err))
	}
}

// exitCode maps an error kind to the exit status scripts see: 2 for bad
// input, 3 not found, 4 conflict (a rule, or another program writing the
// ledger), 5 locked (closed period, finished review), 6 the ledger file is
// damaged, 7 the disk refuses (full, read-only), 1 anything else.
func exitCode(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 2
	}
	switch ledger.ErrorKind(err) {
	case ledger.KindInvalid:
		return 2
	case ledger.KindNotFound:
		return 3
	case ledger.KindConflict, ledger.KindBusy:
		return 4
	case ledger.KindLocked:
		return 5
	case ledger.KindDamaged:
		return 6
	case ledger.KindStorage:
		return 7
	}
	return 1
}

// command is one wardctl command: a path of words and a function.
type command struct {
	path  string
	usage string
	run   func(ctx context.Context, e *env, args []string) error
}

// env is what every command gets: its standard streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// commands is the whole surface of wardctl, in the order help lists it;
// keep it stable, scripts use it. Files for later features add theirs with
// register.
var commands = []command{
	{"init", "--superior-code 1000001 --superior-name NAME [--chapter 599] [--periods half|year] [--unit CODE [--unit-name NAME]]\n" +
		"                    (half: half-years 2026-H1/2026-H2, the year made from them; year: whole years 2026;\n" +
		"                    --unit: the ledger of that subordinate unit; else the superior unit's)", runInit},
	{"unit add", "--code 1000002 --name NAME [--chapter 599] [--periods half|year]", runUnitAdd},
	{"unit update", "--code 1000002 [--name NAME] [--chapter 599] [--periods half|year]   (periods: for years not yet begun)", runUnitUpdate},
	{"unit list", "[--format table|csv|json]", runUnitList},
	{"entry add", "--unit CODE --period 2026-H1|2026 --kind KIND --nature TX|KTX --khoan 341 [--tieu-muc 6001]\n" +
		"                    --amount 1.250.000.000 --doc DOC --date 2026-01-05 [--memo TEXT]", runEntryAdd},
	{"entry list", "--unit CODE --period P [--search TEXT] [--format table|csv|json]", runEntryList},
	{"entry reverse", "ID --reason TEXT", runEntryReverse},
	{"entry import", "--file FILE.csv|- [--again]   (columns: unit,period,kind,nature,khoan,tieu_muc,amount,doc,date,memo)", runEntryImport},
	{"report settlement", "(--unit CODE | --all) --period P [--format table|csv|json]", runReportSettlement},
	{"period close", "--unit CODE --period P [--carry-received KHOAN:NATURE:AMOUNT ...]\n" +
		"                    [--carry-estimate KHOAN:NATURE:AMOUNT ...]", runPeriodClose},
	{"period reopen", "--unit CODE --period P --reason TEXT", runPeriodReopen},
	{"backup", "--out FILE [--force]   (--force: replace an existing file, never the ledger itself)", runBackup},
	{"check", "   (integrity and ledger invariants; non-zero if broken)", runCheck},
	{"demo", "--wards 17 --years N [--entries-per-half K] [--seed S]   (realistic sample district)", runDemo},
}

func register(cs ...command) { commands = append(commands, cs...) }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	args = moveLeadingDB(args)
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(stdout)
		return nil
	}
	if args[0] == "--version" || args[0] == "-version" || args[0] == "version" {
		fmt.Fprintln(stdout, "wardctl", assets.Version)
		return nil
	}
	for _, c := range commands {
		words := splitPath(c.path)
		if len(args) >= len(words) && equalWords(args[:len(words)], words) {
			return c.run(ctx, e, args[len(words):])
		}
	}
	printUsage(stderr)
	return ledger.Errorf(ledger.KindInvalid, "wardctl", "lệnh không hợp lệ: %q", args)
}

// moveLeadingDB lets --db come before the command words ("wardctl --db
// q.db unit list") by moving it after them, where the command parses it.
func moveLeadingDB(args []string) []string {
	switch {
	case len(args) >= 2 && (args[0] == "--db" || args[0] == "-db"):
		return append(append([]string{}, args[2:]...), args[:2]...)
	case len(args) >= 1 && (strings.HasPrefix(args[0], "--db=") || strings.HasPrefix(args[0], "-db=")):
		return append(append([]string{}, args[1:]...), args[0])
	}
	return args
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "wardctl", assets.Version, "— the command line of WardLedger")
	fmt.Fprintln(w, "Sổ dự toán và quyết toán phường")
	fmt.Fprintln(w, "\nCommands (every command takes --db PATH; default:", ledger.DefaultDBPath()+"):")
	for _, c := range commands {
		fmt.Fprintf(w, "  wardctl %s %s\n", c.path, c.usage)
	}
	fmt.Fprintln(w, "\nPeriods: 2026 (the whole year, the settlement period), 2026-H1 (January–June), 2026-H2 (July–December);")
	fmt.Fprintln(w, "  a unit keeps a year whole or by halves (init/unit --periods); reports of a year kept by halves fold them.")
	fmt.Fprintln(w, "Entry kinds: allocation, adjustment, withdrawal, spending, returned, carry_in_received,")
	fmt.Fprintln(w, "  carry_in_estimate, carry_out_received, carry_out_estimate. Dates: 2026-01-05 or 05/01/2026.")
	fmt.Fprintln(w, "CSV output starts with a UTF-8 byte-order mark so Excel shows Vietnamese; --bom=false leaves it out.")
	fmt.Fprintln(w, "wardctl --version prints the version.")
	fmt.Fprintln(w, "Exit status: 0 ok, 1 internal error, 2 bad input, 3 not found, 4 conflict (rule broken, or the ledger is")
	fmt.Fprintln(w, "  being written by another program), 5 period closed or review finished, 6 ledger file damaged,")
	fmt.Fprintln(w, "  7 disk refuses (full, read-only).")
}

func splitPath(p string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(p); i++ {
		if i == len(p) || p[i] == ' ' {
			if i > start {
				out = append(out, p[start:i])
			}
			start = i + 1
		}
	}
	return out
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
