package main

import (
	"context"
	"fmt"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
	"wardledger/ledger/xlsx"
)

func init() {
	register(
		command{"export settlement", "--unit CODE --period P [--out FILE.xlsx|DIR]   (the unit's B01/BCQT, F01-01/BCQT and entry register; QT_<unit>_<P>.xlsx)", runExport(ledger.WorkbookSettlement)},
		command{"export district", "--period P [--out FILE.xlsx|DIR]   (every subordinate unit, approved figures, chart; THQT_<superior>_<P>.xlsx)", runExport(ledger.WorkbookDistrict)},
		command{"export allocation", "--period P [--unit CODE | --annexes DIR] [--out FILE.xlsx|DIR]\n" +
			"                    (allocation table by unit, DT_<superior>_<P>.xlsx; with --unit: that unit's allocation\n" +
			"                    annex, PLDT_<unit>_<P>.xlsx; --annexes: every unit's annex into the folder DIR)", runExport(ledger.WorkbookAllocation)},
		command{"export review", "--unit CODE --period P [--out FILE.xlsx|DIR]   (review minutes and approval notice; XD_<unit>_<P>.xlsx)", runExport(ledger.WorkbookReview)},
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
		required := []string{"period"}
		switch kind {
		case ledger.WorkbookSettlement, ledger.WorkbookReview:
			unit = f.String("unit", "", "unit code of the subordinate unit (7 digits)")
			required = append(required, "unit")
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
		req := xlsx.Request{Kind: kind, Period: p}
		if unit != nil {
			req.Unit = *unit
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
