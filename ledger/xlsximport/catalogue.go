package xlsximport

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"wardledger/ledger"
	"wardledger/ledger/xlsxread"
)

// ReadCatalogue reads the codes of a catalogue file: a CSV file in the
// form of the seed, or a workbook (.xlsx) whose visible sheets are laid
// out like the circular's annex (ledger.CatalogueReader says which headers
// are understood). A workbook from outside is untrusted: it goes through
// the bounded reader of workbooks (ledger/xlsxread), never through
// excelize, and each sheet is streamed row by row. known is the ledger's
// catalogue.
// Every refusal names its line; a file with any error gives no code.
func ReadCatalogue(ctx context.Context, path string, known *ledger.Catalogue) ([]ledger.CodeLine, error) {
	const op = "xlsximport.ReadCatalogue"
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".txt":
		fh, err := os.Open(path)
		if err != nil {
			return nil, &ledger.Error{Kind: ledger.KindNotFound, Op: op, Msg: "không mở được tệp " + path, Err: err}
		}
		defer fh.Close()
		return ledger.ReadCatalogueCSV(fh, "", known)
	case ".xlsx", ".xlsm":
		b, err := xlsxread.OpenFile(path)
		if err != nil {
			return nil, err
		}
		defer b.Close()
		return readCatalogueBook(ctx, bookRows{b}, known)
	}
	return nil, &ledger.Error{Kind: ledger.KindInvalid, Op: op, Field: "file",
		Msg: "tệp danh mục phải là .xlsx (Excel) hoặc .csv: " + filepath.Base(path)}
}

// sheetRows is what reading a catalogue needs of a workbook: the names of
// its visible sheets, and each sheet's rows as text by 0-based column.
type sheetRows interface {
	visibleSheets() []string
	rows(ctx context.Context, sheet string, fn func(n int, cells []string) error) error
}

// readCatalogueBook reads every visible sheet that has a catalogue header.
func readCatalogueBook(ctx context.Context, b sheetRows, known *ledger.Catalogue) ([]ledger.CodeLine, error) {
	rd := ledger.NewCatalogueReader(known, true)
	for _, name := range b.visibleSheets() {
		s := rd.Sheet(name)
		err := b.rows(ctx, name, func(n int, cells []string) error {
			if s.Row(n, cells) != nil {
				return xlsxread.ErrStop
			}
			return nil
		})
		if err != nil && !errors.Is(err, xlsxread.ErrStop) {
			return nil, err
		}
	}
	return rd.Codes()
}

// bookRows reads the sheets of a workbook opened by the bounded reader.
type bookRows struct{ b *xlsxread.Book }

func (r bookRows) visibleSheets() []string {
	var out []string
	for _, s := range r.b.Sheets() {
		if !s.Hidden {
			out = append(out, s.Name)
		}
	}
	return out
}

func (r bookRows) rows(ctx context.Context, sheet string, fn func(n int, cells []string) error) error {
	sh, _ := r.b.Sheet(sheet)
	var cells []string
	return r.b.EachRow(ctx, sh, func(n int, row []xlsxread.Cell) error {
		cells = cells[:0]
		for _, c := range row {
			if c.Col >= 256 { // a catalogue has a few columns; the rest is not read
				continue
			}
			for len(cells) <= c.Col {
				cells = append(cells, "")
			}
			cells[c.Col] = c.Text
		}
		return fn(n, cells)
	})
}
