package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsximport"
)

func init() {
	register(
		command{"catalogue list", "[--level loai|khoan|muc|tieu_muc] [--year YYYY] [--format table|csv|json]\n" +
			"                    (the budget codes; --year: only those valid that year; csv is the import form)", runCatalogueList},
		command{"catalogue add", "--level L --code C --name N [--parent P] [--from YEAR] [--until YEAR]\n" +
			"                    [--replacement CODE] [--rename]   (parent: derived when omitted; an existing\n" +
			"                    code with another name is refused, exit 4, unless --rename)", runCatalogueAdd},
		command{"catalogue retire", "--level L --code C --until YEAR [--replacement CODE]   (valid until YEAR;\n" +
			"                    entries of later years are refused, naming the replacement; --until 0: valid again)", runCatalogueRetire},
		command{"catalogue import", "--file F.csv|F.xlsx [--rename]   (all or nothing; new codes added; renamed codes\n" +
			"                    listed and applied only with --rename, else exit 4; nothing deleted)", runCatalogueImport},
		command{"catalogue export", "--out F.xlsx|F.csv   (the whole catalogue; the file imports back)", runCatalogueExport},
	)
}

func parseLevelFlag(op, s string) (ledger.CodeLevel, error) {
	l, err := ledger.ParseCodeLevel(s)
	if err != nil {
		return "", ledger.Errorf(ledger.KindInvalid, op, "--level %q: dùng loai, khoan, muc hoặc tieu_muc", s)
	}
	return l, nil
}

type codeJSON struct {
	Level       string `json:"level"`
	Code        string `json:"code"`
	Name        string `json:"name"`
	Parent      string `json:"parent"`
	Source      string `json:"source"`
	ValidFrom   int    `json:"valid_from,omitempty"`
	ValidUntil  int    `json:"valid_until,omitempty"`
	Replacement string `json:"replacement,omitempty"`
}

func runCatalogueList(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "catalogue list", true)
	level := f.String("level", "", "only this level: loai, khoan, muc or tieu_muc")
	year := f.Int("year", 0, "only the codes valid in this budget year")
	if err := f.parseFlags(args); err != nil {
		return err
	}
	var only ledger.CodeLevel
	if *level != "" {
		l, err := parseLevelFlag(f.Name(), *level)
		if err != nil {
			return err
		}
		only = l
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		cat, err := db.Catalogue(ctx)
		if err != nil {
			return err
		}
		t := &table{header: []string{"level", "code", "name", "parent", "source", "valid_from", "valid_until", "replacement"}}
		js := []codeJSON{}
		for _, c := range cat.Ordered() {
			if only != "" && c.Level != only || !c.ValidIn(*year) {
				continue
			}
			t.rows = append(t.rows, []string{string(c.Level), c.Code, c.Name, c.Parent, c.Source, yearText(c.From), yearText(c.Until), c.Replacement})
			js = append(js, codeJSON{string(c.Level), c.Code, c.Name, c.Parent, c.Source, c.From, c.Until, c.Replacement})
		}
		t.json = js
		return f.print(e.stdout, t)
	})
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

func runCatalogueAdd(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "catalogue add", false)
	level := f.String("level", "", "loai, khoan, muc or tieu_muc")
	code := f.String("code", "", "the code: 3 digits (Loại, Khoản) or 4 (Mục, Tiểu mục)")
	name := f.String("name", "", "the official name")
	parent := f.String("parent", "", "the Loại of a Khoản, the Mục of a Tiểu mục (derived when omitted)")
	from := f.Int("from", 0, "first budget year the code is valid in")
	until := f.Int("until", 0, "last budget year the code is valid in")
	replacement := f.String("replacement", "", "the code that replaces it after --until")
	rename := f.Bool("rename", false, "give an existing code this name")
	if err := f.parseFlags(args, "level", "code", "name"); err != nil {
		return err
	}
	l, err := parseLevelFlag(f.Name(), *level)
	if err != nil {
		return err
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		cat, err := db.Catalogue(ctx)
		if err != nil {
			return err
		}
		c := ledger.Code{Level: l, Code: strings.TrimSpace(*code), Name: strings.Join(strings.Fields(*name), " "),
			Parent: strings.TrimSpace(*parent), From: *from, Until: *until, Replacement: strings.TrimSpace(*replacement)}
		if c.Parent == "" {
			c.Parent = ledger.ParentFor(cat, c.Level, c.Code)
		}
		line := ledger.CodeLine{Code: c, HasFrom: c.From != 0, HasUntil: c.Until != 0, HasReplacement: c.Replacement != ""}
		ch, err := db.ImportCatalogue(ctx, []ledger.CodeLine{line}, ledger.CatalogueImport{Rename: *rename, Reason: "wardctl catalogue add"})
		if err != nil {
			if ledger.ErrorKind(err) == ledger.KindConflict {
				return ledger.Errorf(ledger.KindConflict, f.Name(), "%s %s đã có trong danh mục với tên khác: %s\n  thêm --rename để đổi",
					l.Label(), c.Code, strings.Join(ch.RenameProblems(), "; "))
			}
			return err
		}
		if ch.Changes() == 0 {
			fmt.Fprintf(e.stdout, "đã có, không đổi: %s %s %s\n", l.Label(), c.Code, c.Name)
		}
		printChange(e, ch)
		return nil
	})
}

func runCatalogueRetire(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "catalogue retire", false)
	level := f.String("level", "", "loai, khoan, muc or tieu_muc")
	code := f.String("code", "", "the code")
	until := f.Int("until", 0, "last budget year the code is valid in (0: valid again)")
	replacement := f.String("replacement", "", "the code that replaces it")
	if err := f.parseFlags(args, "level", "code", "until"); err != nil {
		return err
	}
	l, err := parseLevelFlag(f.Name(), *level)
	if err != nil {
		return err
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		if err := db.RetireCode(ctx, l, strings.TrimSpace(*code), *until, strings.TrimSpace(*replacement)); err != nil {
			return err
		}
		cat, err := db.Catalogue(ctx)
		if err != nil {
			return err
		}
		c, _ := cat.Lookup(l, *code)
		v := c.Validity()
		if v == "" {
			v = "luôn có hiệu lực"
		}
		fmt.Fprintf(e.stdout, "%s %s %s: %s\n", l.Label(), c.Code, c.Name, v)
		return nil
	})
}

func runCatalogueImport(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "catalogue import", false)
	file := f.String("file", "", "the catalogue: .csv (level,code,name,parent,…) or .xlsx laid out like the annex")
	rename := f.Bool("rename", false, "apply the renames the file brings")
	if err := f.parseFlags(args, "file"); err != nil {
		return err
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		cat, err := db.Catalogue(ctx)
		if err != nil {
			return err
		}
		lines, err := xlsximport.ReadCatalogue(ctx, *file, cat)
		if err != nil {
			return err
		}
		base := filepath.Base(*file)
		ch, err := db.ImportCatalogue(ctx, lines, ledger.CatalogueImport{Rename: *rename, Source: base, Reason: "nhập từ tệp " + base})
		if err != nil {
			if ledger.ErrorKind(err) == ledger.KindConflict {
				return &ledger.Error{Kind: ledger.KindConflict, Op: f.Name(),
					Msg:      fmt.Sprintf("%s: %d mã đổi tên so với danh mục của sổ; không nhập gì (cả %d mã mới). Kiểm tra rồi chạy lại với --rename để đổi tên và nhập", base, len(ch.Renamed), len(ch.Added)),
					Problems: ch.RenameProblems()}
			}
			return err
		}
		printChange(e, ch)
		fmt.Fprintf(e.stdout, "%s: thêm %d mã, đổi tên %d mã, đổi hiệu lực hoặc nguồn %d mã, %d mã không đổi\n",
			base, len(ch.Added), len(ch.Renamed), len(ch.Updated), ch.Same)
		return nil
	})
}

// printChange lists what a catalogue change did, one code a line.
func printChange(e *env, ch *ledger.CatalogueChange) {
	for _, a := range ch.Added {
		s := fmt.Sprintf("thêm: %s %s %s", a.Level.Label(), a.Code.Code, a.Name)
		if a.Parent != "" {
			s += fmt.Sprintf(" (thuộc %s %s)", a.Level.ParentLevel().Label(), a.Parent)
		}
		if w := a.Where(); w != "" {
			s += " — " + w
		}
		fmt.Fprintln(e.stdout, s)
	}
	for _, u := range ch.Renamed {
		fmt.Fprintln(e.stdout, "đổi tên: "+u.Describe())
	}
	for _, u := range ch.Updated {
		fmt.Fprintln(e.stdout, "đổi: "+u.Describe())
	}
}

func runCatalogueExport(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "catalogue export", false)
	out := f.String("out", "", "the file to write: .xlsx or .csv (or a folder)")
	if err := f.parseFlags(args, "out"); err != nil {
		return err
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		cat, err := db.Catalogue(ctx)
		if err != nil {
			return err
		}
		path, err := xlsx.ExportCatalogue(ctx, cat, *out, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, path)
		return nil
	})
}
