package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

// entryFields are the textual fields of an entry as typed on the command
// line or read from a CSV line.
type entryFields struct {
	unit, period, kind, nature, khoan, tieuMuc, amount, doc, date, memo string
}

func (f entryFields) parse() (*ledger.Entry, error) {
	p, err := ledger.ParsePeriod(f.period)
	if err != nil {
		return nil, err
	}
	kind, err := ledger.ParseEntryKind(f.kind)
	if err != nil {
		return nil, err
	}
	nature, err := ledger.ParseNature(f.nature)
	if err != nil {
		return nil, err
	}
	amt, err := ledger.ParseMoney(f.amount)
	if err != nil {
		return nil, err
	}
	date, err := ledger.ParseDate(f.date)
	if err != nil {
		return nil, err
	}
	e := &ledger.Entry{Unit: f.unit, Period: p, Kind: kind, Nature: nature, Khoan: f.khoan, TieuMuc: f.tieuMuc,
		Amount: amt, Doc: f.doc, Date: date, Memo: f.memo}
	e.Normalize()
	return e, nil
}

func runEntryAdd(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "entry add", false)
	var in entryFields
	f.StringVar(&in.unit, "unit", "", "unit code (7 digits)")
	f.StringVar(&in.period, "period", "", "period, e.g. 2026-H1")
	f.StringVar(&in.kind, "kind", "", "entry kind")
	f.StringVar(&in.nature, "nature", "", "TX or KTX")
	f.StringVar(&in.khoan, "khoan", "", "Khoản code (3 digits)")
	f.StringVar(&in.tieuMuc, "tieu-muc", "", "Tiểu mục code (4 digits; required for spending)")
	f.StringVar(&in.amount, "amount", "", "amount in đồng, e.g. 1.250.000.000")
	f.StringVar(&in.doc, "doc", "", "document number")
	f.StringVar(&in.date, "date", "", "document date, 2026-01-05 or 05/01/2026")
	f.StringVar(&in.memo, "memo", "", "memo")
	if err := f.parseFlags(args, "unit", "period", "kind", "nature", "khoan", "amount", "doc", "date"); err != nil {
		return err
	}
	entry, err := in.parse()
	if err != nil {
		return err
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		if err := db.AddEntry(ctx, entry); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, entry.ID)
		return nil
	})
}

type entryJSON struct {
	ID       string `json:"id"`
	Unit     string `json:"unit"`
	Period   string `json:"period"`
	Kind     string `json:"kind"`
	Nature   string `json:"nature"`
	Khoan    string `json:"khoan"`
	TieuMuc  string `json:"tieu_muc"`
	Amount   int64  `json:"amount"`
	Doc      string `json:"doc"`
	Date     string `json:"date"`
	Memo     string `json:"memo"`
	Reverses string `json:"reverses,omitempty"`
	Reversed bool   `json:"reversed,omitempty"`
}

func runEntryList(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "entry list", true)
	unit := f.String("unit", "", "unit code (7 digits)")
	period := f.String("period", "", "period, e.g. 2026-H1")
	search := f.String("search", "", "only entries whose document number or memo contains this, case and accents ignored (as the app's search box)")
	if err := f.parseFlags(args, "unit", "period"); err != nil {
		return err
	}
	p, err := ledger.ParsePeriod(*period)
	if err != nil {
		return err
	}
	return f.withReadDB(ctx, func(db *sqlite.DB) error {
		if _, err := db.FindUnit(ctx, *unit); err != nil {
			return err
		}
		entries, err := db.Entries(ctx, ledger.EntryFilter{Unit: *unit, Period: p, Text: *search})
		if err != nil {
			return err
		}
		ids := make([]string, len(entries))
		for i, en := range entries {
			ids[i] = en.ID
		}
		reversed, err := db.ReversedIDs(ctx, ids)
		if err != nil {
			return err
		}
		t := &table{header: []string{"id", "date", "doc", "kind", "nature", "khoan", "tieu_muc", "amount", "memo", "reverses", "reversed"}}
		js := []entryJSON{}
		for _, en := range entries {
			amount := en.Amount.String()
			if *f.format == "csv" {
				amount = fmt.Sprint(int64(en.Amount))
			}
			t.rows = append(t.rows, []string{en.ID, en.Date.String(), en.Doc, string(en.Kind), string(en.Nature), en.Khoan,
				en.TieuMuc, amount, en.Memo, en.Reverses, yesNo(reversed[en.ID])})
			js = append(js, entryJSON{en.ID, en.Unit, en.Period.String(), string(en.Kind), string(en.Nature), en.Khoan,
				en.TieuMuc, int64(en.Amount), en.Doc, en.Date.String(), en.Memo, en.Reverses, reversed[en.ID]})
		}
		t.json = js
		return f.print(e.stdout, t)
	})
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

func runEntryReverse(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "entry reverse", false)
	reason := f.String("reason", "", "why the entry is reversed")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return ledger.Errorf(ledger.KindInvalid, "entry reverse", "entry reverse: cần đúng một mã bút toán (ID)")
	}
	if err := f.required("reason"); err != nil {
		return err
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		rev, err := db.ReverseEntry(ctx, pos[0], *reason)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, rev.ID)
		return nil
	})
}

// importColumns is the header of an entry CSV file.
var importColumns = []string{"unit", "period", "kind", "nature", "khoan", "tieu_muc", "amount", "doc", "date", "memo"}

// maxImportBytes caps an entry CSV file; a ward-year is far smaller.
var maxImportBytes int64 = 256 << 20

func runEntryImport(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "entry import", false)
	file := f.String("file", "", "CSV file with columns "+strings.Join(importColumns, ",")+"; - reads standard input")
	again := f.Bool("again", false, "import a file even if the same content was imported before")
	if err := f.parseFlags(args, "file"); err != nil {
		return err
	}
	entries, lines, src, err := readEntryCSV(e.stdin, *file)
	if err != nil {
		return err
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		batch := ledger.BatchSource{Reason: "nhập từ " + src.Name, File: src.Name, SHA256: src.SHA256, Again: *again}
		if err := db.AddEntries(ctx, entries, batch); err != nil {
			if n := ledger.ErrorItem(err); n > 0 && n <= len(lines) {
				cause := ledger.Cause(err)
				return &ledger.Error{Kind: ledger.ErrorKind(cause), Op: "entry import", Field: ledger.ErrorField(cause), Item: lines[n-1],
					Msg: fmt.Sprintf("%s, dòng %d (không nhập bút toán nào)", src.Name, lines[n-1]), Err: cause}
			}
			return err
		}
		fmt.Fprintf(e.stdout, "đã nhập %d bút toán\n", len(entries))
		return nil
	})
}

// readEntryCSV reads and parses every line; all errors are collected so the
// user fixes the file in one pass. lines maps each entry to its file line.
func readEntryCSV(stdin io.Reader, path string) ([]*ledger.Entry, []int, csvSource, error) {
	const op = "entry import"
	var entries []*ledger.Entry
	var lines []int
	src, err := readCSV(stdin, path, op, maxImportBytes, importColumns, []string{"tieu_muc", "memo"}, "không nhập bút toán nào",
		func(line int, get func(string) string) error {
			en, err := entryFields{get("unit"), get("period"), get("kind"), get("nature"), get("khoan"), get("tieu_muc"),
				get("amount"), get("doc"), get("date"), get("memo")}.parse()
			if err == nil {
				err = en.Validate(nil)
			}
			if err != nil {
				return err
			}
			entries = append(entries, en)
			lines = append(lines, line)
			return nil
		})
	if err != nil {
		return nil, nil, src, err
	}
	if len(entries) == 0 {
		return nil, nil, src, ledger.Errorf(ledger.KindInvalid, op, "%s không có bút toán nào", src.Name)
	}
	return entries, lines, src, nil
}
