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
		command{"import workbook", "--file FILE.xlsx [--file FILE.xlsx ...] [--add-codes] [--accept-key --reason TEXT]\n" +
			"                    (subordinate units' settlement workbooks QT_*.xlsx; one transaction per file;\n" +
			"                    a non-zero exit status if any file fails)", runImport(ledger.WorkbookSettlement)},
		command{"import allocation", "--file FILE.xlsx [--file FILE.xlsx ...] [--add-codes] [--accept-key --reason TEXT]\n" +
			"                    (the superior's allocation annexes PLDT_*.xlsx, recorded with the superior's entry ids)", runImport(ledger.WorkbookAnnex)},
		command{"import review", "--file XD_FILE.xlsx [--accept-key --reason TEXT]   (the superior's review notice: its approved\n" +
			"                    figures recorded in the unit's ledger, no entry changed)", runImport(ledger.WorkbookReview)},
	)
}

// importNames are the commands of each kind of import.
var importNames = map[ledger.WorkbookKind]string{
	ledger.WorkbookSettlement: "import workbook", ledger.WorkbookAnnex: "import allocation", ledger.WorkbookReview: "import review",
}

// runImport imports each file in its own transaction and reports each;
// it fails (with the kind of the first failure) if any file failed.
func runImport(kind ledger.WorkbookKind) func(ctx context.Context, e *env, args []string) error {
	return func(ctx context.Context, e *env, args []string) error {
		name := importNames[kind]
		f := newFlags(e, name, false)
		var files listFlag
		f.Var(&files, "file", "workbook to import (.xlsx); repeat for several")
		var opt ledger.ImportOptions
		if kind != ledger.WorkbookReview {
			f.BoolVar(&opt.AddCodes, "add-codes", false, "add to the catalogue the codes the workbook uses and carries that the ledger lacks")
		}
		f.BoolVar(&opt.AcceptKey, "accept-key", false, "accept a workbook signed with another key than the one pinned for its unit (or unsigned); needs --reason")
		f.StringVar(&opt.Reason, "reason", "", "why the new key is accepted (audited)")
		pos, err := f.parse(args)
		if err != nil {
			return err
		}
		files = append(files, pos...)
		if len(files) == 0 {
			return ledger.Errorf(ledger.KindInvalid, name, "%s: thiếu --file", name)
		}
		if opt.AcceptKey && opt.Reason == "" {
			return ledger.FieldErrorf("reason", name, "%s: --accept-key cần --reason (lý do chấp nhận khóa ký mới, được ghi nhật ký)", name)
		}
		db, err := sqlite.Open(ctx, *f.db, sqlite.Options{})
		if err != nil {
			return err
		}
		defer db.Close()
		var first error
		failed, added := 0, 0
		xlsximport.ImportFiles(ctx, db, kind, files, opt, func(r ledger.ImportResult) {
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
				switch ledger.ErrorField(err) {
				case "codes":
					fmt.Fprintf(e.stderr, "  đồng ý thêm các mã trên vào danh mục: wardctl %s --file %s --add-codes\n", name, strconv.Quote(file))
				case "key":
					fmt.Fprintf(e.stderr, "  nếu đã hỏi lại đơn vị và tệp đúng: wardctl %s --file %s --accept-key --reason \"…\"\n", name, strconv.Quote(file))
				}
				return
			}
			if kind == ledger.WorkbookReview {
				fmt.Fprintf(e.stdout, "%s: đã ghi thông báo xét duyệt %s của %s cho đơn vị %s, %s (%d số duyệt)\n",
					file, im.Notice.Reference(), "đơn vị cấp trên", im.Unit, im.Period.Name(), len(im.Notice.Figures))
				for _, w := range im.Warnings {
					fmt.Fprintf(e.stdout, "  cảnh báo: %s\n", w)
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
					file, unit, im.Period.Name(), im.Skipped)
			default:
				fmt.Fprintf(e.stdout, "%s: %s, %s: thêm %d bút toán, %d bút toán đã có\n", file, unit, im.Period.Name(), im.Added, im.Skipped)
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
