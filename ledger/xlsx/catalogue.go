package xlsx

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"wardledger/ledger"
)

// The catalogue workbook: the ledger's budget codes in the order of the
// circular's annexes, one sheet, under a header that ReadCatalogue
// recognises, so a catalogue exported, corrected in Excel and imported
// back round-trips.
const (
	catSheet   = "Danh mục"
	catHeadRow = 4 // the column header row
)

var catalogueHeads = []string{"Cấp", "Mã số", "Tên", "Thuộc", "Hiệu lực từ năm", "Hiệu lực đến năm", "Mã thay thế", "Nguồn"}

var catalogueWidths = []float64{10, 9, 72, 9, 10, 10, 10, 16}

// CatalogueFileName is the name a save dialog proposes for the catalogue.
const CatalogueFileName = "DanhMuc_MLNS.xlsx"

// ExportCatalogue writes the catalogue to out: a workbook when out ends in
// .xlsx, the CSV form of the seed (ledger.WriteCatalogueCSV) when it ends
// in .csv, the workbook under CatalogueFileName when out is a folder. Like
// every export it writes a temporary file and renames it, so a failure
// leaves nothing behind. It returns the file written.
func ExportCatalogue(ctx context.Context, cat *ledger.Catalogue, out string, now time.Time) (string, error) {
	const op = "xlsx.ExportCatalogue"
	path := out
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		path = filepath.Join(out, CatalogueFileName)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return path, writeAtomic(path, func(w io.Writer) error {
			io.WriteString(w, "\ufeff") // Excel reads the names as UTF-8 only after a byte-order mark
			if err := ledger.WriteCatalogueCSV(w, cat.Ordered()); err != nil {
				return unwritable(op, path, err)
			}
			return nil
		})
	case ".xlsx":
	default:
		return "", &ledger.Error{Kind: ledger.KindInvalid, Op: op, Field: "out",
			Msg: fmt.Sprintf("tệp %s phải có đuôi .xlsx hoặc .csv", out)}
	}
	if _, err := targetPath(path, CatalogueFileName); err != nil {
		return "", err
	}
	return path, writeAtomic(path, func(w io.Writer) error {
		b, err := newBook(Request{Now: func() time.Time { return now }}, ledger.Unit{}, signers{}, catSheet)
		if err != nil {
			return err
		}
		defer b.close()
		if err := b.writeCatalogue(ctx, cat); err != nil {
			return err
		}
		return b.write(ctx, w)
	})
}

// writeCatalogue writes the sheet: title, the circulars by year, the date
// and count, the column headers, one row per code (Loại and Mục in bold).
func (b *book) writeCatalogue(ctx context.Context, cat *ledger.Catalogue) error {
	codes := cat.Ordered()
	last := catHeadRow + max(len(codes), 1)
	s, err := b.newSheet(catSheet, sheetSetup{widths: catalogueWidths, titleFrom: catHeadRow, titleTo: catHeadRow,
		freeze: cellName(0, catHeadRow+1), filter: "A" + itoa(catHeadRow) + ":" + cellName(len(catalogueHeads)-1, last)})
	if err != nil {
		return err
	}
	top := []struct {
		text   string
		st     style
		height float64
	}{
		{"DANH MỤC MÃ MỤC LỤC NGÂN SÁCH NHÀ NƯỚC (LOẠI – KHOẢN, MỤC – TIỂU MỤC)", stTitle, 22},
		{cat.BasisText(), stSubtitle, 0},
		{fmt.Sprintf("Xuất từ WardLedger ngày %s — %d mã", b.date.Format("02/01/2006"), len(codes)), style{italic: true, h: "center"}, 0},
	}
	for i, l := range top {
		r := s.newRow()
		r.set(0, l.text, b.id(l.st))
		h := l.height
		if h == 0 {
			h = s.fit(l.text, 0, len(catalogueHeads)-1, l.st)
		}
		if err := s.put(i+1, r, h); err != nil {
			return err
		}
	}
	if err := s.headRow(catHeadRow, catalogueHeads); err != nil {
		return err
	}
	text, center := [2]int{b.id(stText), b.id(stText.with(true))}, [2]int{b.id(stCenter), b.id(stCenter.with(true))}
	r := s.newRow()
	year := func(y int) any {
		if y == 0 {
			return nil
		}
		return y
	}
	for i, c := range codes {
		if i%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		bold := 0
		if c.Level == ledger.LevelLoai || c.Level == ledger.LevelMuc {
			bold = 1
		}
		// Codes are text, so 010 keeps its zero.
		for col, v := range []any{c.Level.Label(), c.Code, c.Name, c.Parent, year(c.From), year(c.Until), c.Replacement, c.Source} {
			st := center[bold]
			if col == 2 || col == 7 {
				st = text[bold]
			}
			r.set(col, v, st)
		}
		if err := s.put(catHeadRow+1+i, r, s.fit(c.Name, 2, 2, style{bold: bold == 1})); err != nil {
			return err
		}
	}
	for n := 1; n < catHeadRow; n++ {
		if err := s.merge(n, 0, n, len(catalogueHeads)-1); err != nil {
			return err
		}
	}
	return s.flush()
}
