package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"wardledger/assets"
	"wardledger/ledger"
	"wardledger/ledger/sqlite"
	"wardledger/ledger/xlsx"
)

func init() {
	register(
		command{"export settlement", "--unit CODE --period P [--approved] [--out FILE.xlsx|DIR]   (the unit's B01/BCQT, F01-01/BCQT and entry register;\n" +
			"                    QT_<unit>_<P>.xlsx; --approved: the B01 re-made with the approved figures of the notice received,\n" +
			"                    QT_<unit>_<P>_lap-lai.xlsx)", runExport(ledger.WorkbookSettlement)},
		command{"export district", "--period P [--out FILE.xlsx|DIR]   (every subordinate unit, approved figures, chart; THQT_<superior>_<P>.xlsx)", runExport(ledger.WorkbookDistrict)},
		command{"export allocation", "--period P [--unit CODE | --annexes DIR] [--out FILE.xlsx|DIR]\n" +
			"                    (allocation table by unit, DT_<superior>_<P>.xlsx; with --unit: that unit's allocation\n" +
			"                    annex, PLDT_<unit>_<P>.xlsx; --annexes: every unit's annex into the folder DIR)", runExport(ledger.WorkbookAllocation)},
		command{"export review", "--unit CODE --period P [--out FILE.xlsx|DIR]   (the review minutes and approval notice of TT 137/2017; XD_<unit>_<P>.xlsx)", runExport(ledger.WorkbookReview)},
		command{"export reconciliation", "--unit CODE --period P [--out FILE.xlsx|DIR]   (the unit's estimates to check with the Treasury; DCKB_<unit>_<P>.xlsx)", runExport(ledger.WorkbookReconciliation)},
	)
}

// runExport writes one kind of workbook; --out may name a directory, in
// which case the default file name is used. The allocation table becomes
// a unit's annex with --unit, or every unit's annex with --annexes.
func runExport(kind ledger.WorkbookKind) func(ctx context.Context, e *env, args []string) error {
	return func(ctx context.Context, e *env, args []string) error {
		name := "export " + string(kind)
		f := newFlags(e, name, false)
		period := f.String("period", "", "period, e.g. 2026-H1")
		out := f.String("out", ".", "workbook to write (.xlsx) or an existing directory")
		var unit, annexes *string
		var approved *bool
		required := []string{"period"}
		switch kind {
		case ledger.WorkbookSettlement, ledger.WorkbookReview, ledger.WorkbookReconciliation:
			unit = f.String("unit", "", "unit code of the subordinate unit (7 digits)")
			required = append(required, "unit")
			if kind == ledger.WorkbookSettlement {
				approved = f.Bool("approved", false, "the B01 re-made with the approved figures of the superior's notice (\"lập lại theo Thông báo xét duyệt\")")
			}
		case ledger.WorkbookAllocation:
			unit = f.String("unit", "", "unit code of a subordinate unit: write its allocation annex")
			annexes = f.String("annexes", "", "existing directory: write every subordinate unit's allocation annex into it")
		}
		if err := f.parseFlags(args, required...); err != nil {
			return err
		}
		p, err := ledger.ParsePeriod(*period)
		if err != nil {
			return err
		}
		if annexes == nil || *annexes == "" {
			if err := checkOutFolder(name, *out); err != nil {
				return err
			}
		}
		req := xlsx.Request{Kind: kind, Period: p, AppVersion: assets.Version}
		if unit != nil {
			req.Unit = *unit
		}
		if approved != nil {
			req.Approved = *approved
		}
		if kind == ledger.WorkbookAllocation {
			switch {
			case *unit != "" && *annexes != "":
				return ledger.Errorf(ledger.KindInvalid, name, "%s: dùng --unit hoặc --annexes, không dùng cả hai", name)
			case *unit != "":
				req.Kind = ledger.WorkbookAnnex
			}
		}
		shown := false
		req.Warn = func(msg string) { fmt.Fprintf(e.stderr, "\rcảnh báo: %s\n", msg) }
		req.Progress = func(done, total int) {
			if total > 0 {
				fmt.Fprintf(e.stderr, "\r%3d%%", done*100/total)
				shown = true
			}
		}
		db, err := sqlite.Open(ctx, *f.db, sqlite.Options{ReadOnly: true})
		if err != nil {
			return err
		}
		defer db.Close()
		if err := db.Health(ctx); err != nil {
			return err // a damaged ledger is never passed on
		}
		var paths []string
		if annexes != nil && *annexes != "" {
			paths, err = xlsx.ExportAnnexes(ctx, db, req, *annexes)
		} else {
			var path string
			path, err = xlsx.Export(ctx, db, req, *out)
			paths = []string{path}
		}
		if shown {
			fmt.Fprint(e.stderr, "\r    \r")
		}
		for _, path := range paths {
			if path != "" {
				fmt.Fprintln(e.stdout, path)
			}
		}
		return err
	}
}

// checkOutFolder refuses an --out that names no existing file or folder
// and has no file extension: "--out 'Báo cáo'" is meant as a folder, and
// saying the file must end in .xlsx would send the user the wrong way.
func checkOutFolder(op, out string) error {
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) || filepath.Ext(out) != "" {
		return nil // it exists, or it names a file: the export checks it
	}
	return &ledger.Error{Kind: ledger.KindInvalid, Op: op, Field: "out",
		Msg: fmt.Sprintf("thư mục %s chưa có: hãy tạo thư mục đó trước, hoặc ghi tên tệp có đuôi .xlsx", out)}
}
