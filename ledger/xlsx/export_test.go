package xlsx

import (
	"context"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"wardledger/ledger"
)

// Hooks for the external tests and benchmarks of the entry register.

// WriteRegister writes a workbook holding only the entry register.
func WriteRegister(ctx context.Context, w io.Writer, unit ledger.Unit, p ledger.Period, entries []*ledger.Entry, cat *ledger.Catalogue) error {
	r := Request{Kind: ledger.WorkbookSettlement, Unit: unit.Code, Period: p, Now: func() time.Time { return time.Date(2026, 7, 5, 9, 0, 0, 0, time.UTC) }}
	b, err := newBook(r, ledger.Unit{}, signers{}, SheetRegister)
	if err != nil {
		return err
	}
	defer b.close()
	if err := b.writeRegister(ctx, SheetRegister, unit, p, entries, cat, nil); err != nil {
		return err
	}
	return b.write(ctx, w)
}

// RegisterCells returns the values of the register's entry rows, as the
// register writes them, for a raw excelize writer to write the same cells.
func RegisterCells(entries []*ledger.Entry, cat *ledger.Catalogue) [][]any {
	rw := newRegisterRows(entries, cat)
	out := make([][]any, len(entries))
	for i, e := range entries {
		r := row{vals: make([]any, len(registerWidths)), cells: make([]excelize.Cell, len(registerWidths))}
		rw.fill(r, i, e, registerStyles{})
		vals := make([]any, len(r.cells))
		for j, c := range r.cells {
			vals[j] = c.Value
		}
		out[i] = vals
	}
	return out
}
