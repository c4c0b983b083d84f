package main

import (
	"context"
	"fmt"
	"strings"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

type settlementJSON struct {
	Unit   string                      `json:"unit"`
	Period string                      `json:"period"`
	Rows   map[string]int64            `json:"rows"`
	Khoan  map[string]map[string]int64 `json:"khoan"`
}

func rowsJSON(r ledger.Rows) map[string]int64 {
	out := make(map[string]int64, len(r))
	for k, v := range r {
		out[k] = int64(v)
	}
	return out
}

func runReportSettlement(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "report settlement", true)
	unit := f.String("unit", "", "unit code (7 digits)")
	all := f.Bool("all", false, "sum over every subordinate unit")
	period := f.String("period", "", "period, e.g. 2026-H1")
	if err := f.parseFlags(args, "period"); err != nil {
		return err
	}
	if (*unit == "") == !*all {
		return ledger.Errorf(ledger.KindInvalid, "report settlement", "report settlement: cần --unit CODE hoặc --all (một trong hai)")
	}
	p, err := ledger.ParsePeriod(*period)
	if err != nil {
		return err
	}
	if *all {
		*unit = ledger.AllUnits
	}
	return f.withReadDB(ctx, func(db *sqlite.DB) error {
		st, err := ledger.Settlement(ctx, db, *unit, p)
		if err != nil {
			return err
		}
		js := settlementJSON{Unit: *unit, Period: p.String(), Rows: rowsJSON(st.Total), Khoan: map[string]map[string]int64{}}
		for _, k := range st.Khoans {
			js.Khoan[k] = rowsJSON(st.ByKhoan[k])
		}
		t := &table{header: []string{"stt", "code", "label", "total"}, json: js}
		for _, k := range st.Khoans {
			t.header = append(t.header, "khoan_"+k)
		}
		for _, r := range st.Form.Rows {
			label := strings.Repeat("  ", r.Level) + r.Label
			if r.Formula != "" {
				label += " (" + r.Code + "=" + r.Formula + ")"
			}
			row := []string{r.STT, r.Code, label, money(st.Total[r.Code], *f.format)}
			for _, k := range st.Khoans {
				row = append(row, money(st.ByKhoan[k][r.Code], *f.format))
			}
			t.rows = append(t.rows, row)
		}
		return f.print(e.stdout, t)
	})
}

// money prints an amount for a table (dots, parentheses) or as a plain
// integer for CSV, which spreadsheets and scripts read as a number.
func money(m ledger.Money, format string) string {
	if format == "csv" {
		return fmt.Sprint(int64(m))
	}
	return m.Report()
}
