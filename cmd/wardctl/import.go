package main

import (
	"context"
	"fmt"
	"strconv"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
	"wardledger/ledger/xlsximport"
)

func init() {
	register(
		command{"import workbook", "--file FILE.xlsx [--file FILE.xlsx ...]   (subordinate units' settlement workbooks QT_*.xlsx;\n" +
			"                    one transaction per file; a non-zero exit status if any file fails)", runImport(ledger.WorkbookSettlement)},
		command{"import allocation", "--file FILE.xlsx [--file FILE.xlsx ...]   (the superior's allocation annexes PLDT_*.xlsx,\n" +
			"                    recorded with the superior's entry ids)", runImport(ledger.WorkbookAnnex)},
	)
}

// runImport imports each file in its own transaction and reports each;
// it fails (with the kind of the first failure) if any file failed.
func runImport(kind ledger.WorkbookKind) func(ctx context.Context, e *env, args []string) error {
	return func(ctx context.Context, e *env, args []string) error {
		name := "import workbook"
		if kind == ledger.WorkbookAnnex {
			name = "import allocation"
		}
		f := newFlags(e, name, false)
		var files listFlag
		f.Var(&files, "file", "workbook to import (.xlsx); repeat for several")
		pos, err := f.parse(args)
		if err != nil {
			return err
		}
		files = append(files, pos...)
		if len(files) == 0 {
			return ledger.Errorf(ledger.KindInvalid, name, "%s: thiếu --file", name)
		}
		db, err := sqlite.Open(ctx, *f.db, sqlite.Options{})
		if err != nil {
			return err
		}
		defer db.Close()
		var first error
		failed, added := 0, 0
		xlsximport.ImportFiles(ctx, db, kind, files, func(r ledger.ImportResult) {
			file, im, err := r.Path, r.Import, r.Err
			if err != nil {
				failed++
				if first == nil {
					first = err
				}
				fmt.Fprintf(e.stderr, "%s: KHÔNG NHẬP ĐƯỢC, sổ không thay đổi: %v\n", file, err)
				if u, ok := r.UnknownUnit(); ok && u.Validate() == nil {
					fmt.Fprintf(e.stderr, "  thêm đơn vị rồi nhập lại: wardctl unit add --code %s --name %s --chapter %s\n",
						u.Code, strconv.Quote(u.Name), u.Chapter)
				}
				return
			}
			added += im.Added
			unit := im.Unit
			if u, err := db.FindUnit(ctx, im.Unit); err == nil {
				unit = u.Name + " (" + u.Code + ")"
			}
			switch {
			case im.Added == 0:
				fmt.Fprintf(e.stdout, "%s: %s, %s: không thêm gì — cả %d bút toán đã có trong sổ (tệp đã được nhập trước đây)\n",
					file, unit, im.Period.Label(), im.Skipped)
			default:
				fmt.Fprintf(e.stdout, "%s: %s, %s: thêm %d bút toán, %d bút toán đã có\n", file, unit, im.Period.Label(), im.Added, im.Skipped)
			}
			for _, w := range im.Warnings {
				fmt.Fprintf(e.stdout, "  cảnh báo: %s\n", w)
			}
		})
		if len(files) > 1 {
			fmt.Fprintf(e.stdout, "%d tệp: %d nhập được, %d không nhập được; thêm %d bút toán\n", len(files), len(files)-failed, failed, added)
		}
		if failed > 0 {
			return &ledger.Error{Kind: ledger.ErrorKind(first), Op: name,
				Msg: fmt.Sprintf("không nhập được %d trong %d tệp (xem thông báo ở trên)", failed, len(files))}
		}
		return nil
	}
}
