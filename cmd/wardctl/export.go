package main

import (
	"context"
	"fmt"

	"wardledger/ledger"
	"wardledger/ledger/xlsx"
)

func init() {
	register(
		command{"export settlement", "--unit CODE --period P [--out FILE.xlsx|DIR]   (B01/BCQT, F01-01, sổ chi tiết; QT_<unit>_<P>.xlsx)", runExport(xlsx.Settlement)},
		command{"export district", "--period P [--out FILE.xlsx|DIR]   (tổng hợp các đơn vị trực thuộc, biểu đồ; THQT_<superior>_<P>.xlsx)", runExport(xlsx.District)},
		command{"export allocation", "--period P [--out FILE.xlsx|DIR]   (bảng giao dự toán theo đơn vị; DT_<superior>_<P>.xlsx)", runExport(xlsx.Allocation)},
	)
}

// runExport writes one kind of workbook; --out may name a directory, in
// which case the default file name is used.
func runExport(kind xlsx.Kind) func(ctx context.Context, e *env, args []string) error {
	return func(ctx context.Context, e *env, args []string) error {
		name := "export " + string(kind)
		f := newFlags(e, name, false)
		period := f.String("period", "", "period, e.g. 2026-H1")
		out := f.String("out", ".", "workbook to write (.xlsx) or an existing directory")
		var unit *string
		required := []string{"period"}
		if kind == xlsx.Settlement {
			unit = f.String("unit", "", "Mã ĐVQHNS of the subordinate unit")
			required = append(required, "unit")
		}
		pos, err := f.parse(args)
		if err != nil {
			return err
		}
		if err := noPositional(f, pos); err != nil {
			return err
		}
		if err := f.required(required...); err != nil {
			return err
		}
		p, err := ledger.ParsePeriod(*period)
		if err != nil {
			return err
		}
		shown := false
		req := xlsx.Request{Kind: kind, Period: p, Progress: func(done, total int) {
			if total > 0 {
				fmt.Fprintf(e.stderr, "\r%3d%%", done*100/total)
				shown = true
			}
		}}
		if unit != nil {
			req.Unit = *unit
		}
		db, err := f.open(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		path, err := xlsx.Export(ctx, db, req, *out)
		if shown {
			fmt.Fprint(e.stderr, "\r    \r")
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, path)
		return nil
	}
}
