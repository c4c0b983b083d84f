package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

// flags is a flag set with the options every command shares.
type flags struct {
	*flag.FlagSet
	db     *string
	format *string
	bom    *bool
}

func newFlags(e *env, name string, withFormat bool) *flags {
	fs := flag.NewFlagSet("wardctl "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	f := &flags{FlagSet: fs, db: fs.String("db", ledger.DefaultDBPath(), "ledger file")}
	if withFormat {
		f.format = fs.String("format", "table", "output format: table, csv or json")
		f.bom = fs.Bool("bom", true, "with --format csv: start with a UTF-8 byte-order mark, so Excel shows Vietnamese (--bom=false for scripts)")
	}
	return f
}

// parse reads flags and positional arguments in any order (flag stops at
// the first positional argument; scripts write "entry reverse ID --reason").
func (f *flags) parse(args []string) ([]string, error) {
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, err
			}
			return nil, ledger.Errorf(ledger.KindInvalid, f.Name(), "%v", err)
		}
		args = f.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if f.format != nil {
		switch *f.format {
		case "table", "csv", "json":
		default:
			return nil, ledger.Errorf(ledger.KindInvalid, f.Name(), "--format %q: dùng table, csv hoặc json", *f.format)
		}
	}
	return pos, nil
}

// parseFlags parses the arguments of a command that takes no positional
// argument and checks that the named flags were given.
func (f *flags) parseFlags(args []string, required ...string) error {
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if err := noPositional(f, pos); err != nil {
		return err
	}
	return f.required(required...)
}

// required checks that the named string flags were given.
func (f *flags) required(names ...string) error {
	set := map[string]bool{}
	f.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	var missing []string
	for _, n := range names {
		if !set[n] {
			missing = append(missing, "--"+n)
		}
	}
	if len(missing) > 0 {
		return ledger.Errorf(ledger.KindInvalid, f.Name(), "%s: thiếu %s", f.Name(), strings.Join(missing, ", "))
	}
	return nil
}

func noPositional(f *flags, pos []string) error {
	if len(pos) > 0 {
		return ledger.Errorf(ledger.KindInvalid, f.Name(), "%s: đối số thừa %q", f.Name(), pos)
	}
	return nil
}

// withDB opens the ledger named by --db for writing (holding the writer's
// lock: a ledger another program writes is refused at once), runs fn on it
// and closes it.
func (f *flags) withDB(ctx context.Context, fn func(db *sqlite.DB) error) error {
	return f.with(ctx, false, fn)
}

// withReadDB is withDB for a command that only reads: it takes no lock, so
// it works while the desktop app has the ledger open.
func (f *flags) withReadDB(ctx context.Context, fn func(db *sqlite.DB) error) error {
	return f.with(ctx, true, fn)
}

func (f *flags) with(ctx context.Context, readOnly bool, fn func(db *sqlite.DB) error) error {
	db, err := sqlite.Open(ctx, *f.db, sqlite.Options{ReadOnly: readOnly})
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}

// listFlag collects a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// table is output that can be printed as an aligned table, CSV or JSON.
type table struct {
	header []string
	rows   [][]string
	json   any // what --format json prints
}

// print writes t in the format the command's --format asks for.
func (f *flags) print(w io.Writer, t *table) error {
	return t.write(w, *f.format, *f.bom)
}

// utf8BOM starts CSV meant for people: Excel on Windows reads a CSV file
// without it in the ANSI code page (Vietnamese comes out garbled) and with
// it as UTF-8. wardctl's own CSV readers accept it.
const utf8BOM = "\ufeff"

func (t *table) write(w io.Writer, format string, bom bool) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(t.json)
	case "csv":
		if bom {
			if _, err := io.WriteString(w, utf8BOM); err != nil {
				return err
			}
		}
		cw := csv.NewWriter(w)
		cw.Write(t.header)
		cw.WriteAll(t.rows)
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(t.header, "\t"))
	for _, r := range t.rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}
