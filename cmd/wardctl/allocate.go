package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

func init() {
	register(command{"allocate", "--period P --doc DECISION --date D --file GRID.csv|- [--memo TEXT] [--again]\n" +
		"                    (one allocation decision for several units; columns: unit,khoan,nature,amount)", runAllocate})
}

// allocationColumns is the header of an allocation grid file.
var allocationColumns = []string{"unit", "khoan", "nature", "amount"}

// maxGridBytes caps an allocation grid file; a district's is a few KB.
var maxGridBytes int64 = 16 << 20

func runAllocate(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "allocate", false)
	period := f.String("period", "", "period allocated, e.g. 2026-H2")
	doc := f.String("doc", "", "decision number")
	date := f.String("date", "", "decision date, 2026-06-20 or 20/06/2026")
	memo := f.String("memo", "", `memo (default: "Giao dự toán <period>")`)
	file := f.String("file", "", "CSV with columns "+strings.Join(allocationColumns, ",")+"; - reads standard input")
	again := f.Bool("again", false, "record the grid even if the same file was recorded before")
	if err := f.parseFlags(args, "period", "doc", "date", "file"); err != nil {
		return err
	}
	p, err := ledger.ParsePeriod(*period)
	if err != nil {
		return err
	}
	d, err := ledger.ParseDate(*date)
	if err != nil {
		return err
	}
	cells, src, err := readAllocationGrid(e.stdin, *file)
	if err != nil {
		return err
	}
	dec := ledger.AllocationDecision{Period: p, Doc: strings.TrimSpace(*doc), Date: d, Memo: strings.TrimSpace(*memo), Cells: cells}
	entries, err := dec.Entries()
	if err != nil {
		return err
	}
	total, err := ledger.SumEntries("allocate", entries) // Entries has checked it
	if err != nil {
		return err
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		batch := ledger.BatchSource{Reason: "Quyết định giao dự toán số " + dec.Doc, File: src.Name, SHA256: src.SHA256, Again: *again}
		if err := db.AddEntries(ctx, entries, batch); err != nil {
			if n := ledger.ErrorItem(err); n > 0 && n <= len(entries) {
				en, cause := entries[n-1], ledger.Cause(err)
				return &ledger.Error{Kind: ledger.ErrorKind(cause), Op: "allocate", Field: ledger.ErrorField(cause),
					Msg: fmt.Sprintf("đơn vị %s, Khoản %s %s (không ghi bút toán nào)", en.Unit, en.Khoan, en.Nature), Err: cause}
			}
			return err
		}
		fmt.Fprintf(e.stdout, "đã ghi quyết định số %s ngày %s: %d bút toán giao dự toán %s cho %d đơn vị, tổng %s đồng\n",
			dec.Doc, d.VN(), len(entries), p.Name(), len(cells), total)
		return nil
	})
}

// readAllocationGrid reads unit,khoan,nature,amount lines into the cells
// of a decision; a line repeated for the same unit and line adds up.
func readAllocationGrid(stdin io.Reader, path string) (map[string]map[ledger.Line]ledger.Money, csvSource, error) {
	cells := map[string]map[ledger.Line]ledger.Money{}
	src, err := readCSV(stdin, path, "allocate", maxGridBytes, allocationColumns, nil, "không ghi bút toán nào",
		func(_ int, get func(string) string) error {
			nature, err := ledger.ParseNature(get("nature"))
			if err != nil {
				return err
			}
			amount, err := ledger.ParseMoney(get("amount"))
			if err != nil {
				return err
			}
			unit := strings.TrimSpace(get("unit"))
			if cells[unit] == nil {
				cells[unit] = map[ledger.Line]ledger.Money{}
			}
			// A cell is one entry: its lines add up within MaxAmount, so
			// two of them never overflow.
			line := ledger.Line{Khoan: strings.TrimSpace(get("khoan")), Nature: nature}
			sum := cells[unit][line] + amount
			if err := ledger.CheckAmount("amount", "allocate", sum); err != nil {
				return err
			}
			cells[unit][line] = sum
			return nil
		})
	return cells, src, err
}
