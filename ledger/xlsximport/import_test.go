package xlsximport_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"wardledger/ledger"
	"wardledger/ledger/demo"
	"wardledger/ledger/sqlite"
	"wardledger/ledger/sqlite/sqlitetest"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsx/xlsxtest"
	"wardledger/ledger/xlsximport"
)

const ward = "1000002"

// districtFor is a new district ledger knowing the given units of src.
func districtFor(tb testing.TB, src ledger.Ledger, codes ...string) *sqlite.DB {
	tb.Helper()
	ctx := context.Background()
	sup, err := src.Superior(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	var units []ledger.Unit
	for _, c := range codes {
		u, err := src.FindUnit(ctx, c)
		if err != nil {
			tb.Fatal(err)
		}
		units = append(units, u)
	}
	return xlsxtest.Ledger(tb, sup, units...)
}

// snapshot is what must not change when an import is refused: every row
// of every table.
func snapshot(tb testing.TB, db *sqlite.DB) string {
	tb.Helper()
	return sqlitetest.Digest(tb, db)
}

func sortedTotals(ts []ledger.Total) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = fmt.Sprint(t)
	}
	slices.Sort(out)
	return out
}

// sameLedgerPeriod checks that two ledgers hold the same entries (ids and
// content) and the same totals for a unit and period.
func sameLedgerPeriod(t *testing.T, a, b ledger.Ledger, unit string, p ledger.Period) {
	t.Helper()
	ctx := context.Background()
	ea, err := a.Entries(ctx, ledger.EntryFilter{Unit: unit, Period: p})
	if err != nil {
		t.Fatal(err)
	}
	eb, err := b.Entries(ctx, ledger.EntryFilter{Unit: unit, Period: p})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*ledger.Entry{}
	for _, e := range eb {
		byID[e.ID] = e
	}
	if len(ea) != len(eb) {
		t.Fatalf("%s %s: %d entries against %d", unit, p, len(ea), len(eb))
	}
	for _, e := range ea {
		o := byID[e.ID]
		if o == nil || o.Kind != e.Kind || o.Amount != e.Amount || o.Khoan != e.Khoan || o.Nature != e.Nature ||
			o.TieuMuc != e.TieuMuc || o.Doc != e.Doc || o.Date != e.Date || o.Memo != e.Memo || o.Reverses != e.Reverses {
			t.Fatalf("entry %s differs: %+v against %+v", e.ID, e, o)
		}
	}
	if x, y := sortedTotals(xlsxtest.Totals(t, a, unit, p)), sortedTotals(xlsxtest.Totals(t, b, unit, p)); !slices.Equal(x, y) {
		t.Fatalf("%s %s totals differ:\n%v\n%v", unit, p, x, y)
	}
	sa, sb := xlsxtest.Statement(t, a, unit, p), xlsxtest.Statement(t, b, unit, p)
	for _, code := range sa.Form.Codes() {
		if sa.Total[code] != sb.Total[code] {
			t.Errorf("%s %s row %s: %s against %s", unit, p, code, sa.Total[code], sb.Total[code])
		}
	}
}

func TestImportWorkbookRoundTrip(t *testing.T) {
	wardDB := xlsxtest.Demo(t, 2, 200)
	dir := t.TempDir()
	district := districtFor(t, wardDB, ward)
	ctx := t.Context()
	for _, p := range []ledger.Period{h1, h2} {
		path := xlsxtest.ExportTo(t, wardDB, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward, Period: p}, dir)
		im, err := xlsximport.ImportWorkbook(ctx, district, path)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		n, _ := wardDB.CountEntries(ctx, ledger.EntryFilter{Unit: ward, Period: p})
		if im.Added != n || im.Skipped != 0 || im.Unit != ward || im.Period != p || im.File != filepath.Base(path) || len(im.SHA256) != 64 {
			t.Errorf("%s: import %+v, want %d added", p, im, n)
		}
		open := slices.ContainsFunc(im.Warnings, func(w string) bool { return strings.Contains(w, "chưa khóa sổ") })
		if open != (p == h2) {
			t.Errorf("%s: warnings %q", p, im.Warnings)
		}
		if slices.ContainsFunc(im.Warnings, func(w string) bool { return strings.Contains(w, "khác dữ liệu ẩn") }) {
			t.Errorf("%s: an untouched workbook warns of edited figures: %q", p, im.Warnings)
		}
		sameLedgerPeriod(t, wardDB, district, ward, p)

		// The same file again adds nothing and is no error.
		again, err := xlsximport.ImportWorkbook(ctx, district, path)
		if err != nil {
			t.Fatal(err)
		}
		if again.Added != 0 || again.Skipped != n {
			t.Errorf("%s again: %+v", p, again)
		}
		sameLedgerPeriod(t, wardDB, district, ward, p)
	}
	ims, err := district.Imports(ctx, h1)
	if err != nil || len(ims) != 2 || ims[0].Added != 0 {
		t.Errorf("import history %+v %v", ims, err)
	}
	if r, _ := district.Review(ctx, ward, h1); r.State != ledger.ReviewImported {
		t.Errorf("review state after import: %s", r.State)
	}
}

// rewriteZip rewrites the zip at path into a new file, replacing the
// parts named in replace (name → content), dropping those mapped to nil
// and adding those it lacks.
func rewriteZip(t *testing.T, path string, replace map[string][]byte) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := filepath.Join(t.TempDir(), "edited.xlsx")
	fh, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(fh)
	for _, f := range zr.File {
		data, replaced := replace[f.Name]
		if replaced && data == nil {
			continue
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if replaced {
			w.Write(data)
			continue
		}
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	for name, data := range replace {
		if data == nil || slices.ContainsFunc(zr.File, func(f *zip.File) bool { return f.Name == name }) {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	fh.Close()
	return out
}

// partOf reads a part of a workbook.
func partOf(t *testing.T, path, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			defer rc.Close()
			data, _ := io.ReadAll(rc)
			return data
		}
	}
	t.Fatalf("no part %s", name)
	return nil
}

// payloadPart is the name of the payload sheet's part in an exported
// settlement workbook (the fourth sheet).
const payloadPart = "xl/worksheets/sheet4.xml"

// editWithExcelize opens a workbook, lets edit change it and saves a copy.
func editWithExcelize(t *testing.T, path string, edit func(f *excelize.File)) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	edit(f)
	out := filepath.Join(t.TempDir(), "edited.xlsx")
	if err := f.SaveAs(out); err != nil {
		t.Fatal(err)
	}
	return out
}

// setPayloadCell finds the first payload row whose column A is rec and
// sets its column col (1-based).
func setPayloadCell(t *testing.T, f *excelize.File, rec string, col int, value string) {
	t.Helper()
	rows, err := f.GetRows(xlsx.PayloadSheet, xlsxtest.Raw)
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		if len(row) > 0 && row[0] == rec {
			cell, _ := excelize.CoordinatesToCellName(col, r+1)
			if err := f.SetCellStr(xlsx.PayloadSheet, cell, value); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("no payload row %s", rec)
}

// bomb is a zip holding the parts of path and, in place of the payload
// sheet, a part that claims size bytes unpacked.
func bomb(t *testing.T, path string, size uint64) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := filepath.Join(t.TempDir(), "bomb.xlsx")
	fh, _ := os.Create(out)
	zw := zip.NewWriter(fh)
	for _, f := range zr.File {
		if f.Name == payloadPart {
			// A real deflate stream of a few MB of blanks, declared as size.
			var packed bytes.Buffer
			fw, _ := flate.NewWriter(&packed, flate.BestCompression)
			fw.Write(bytes.Repeat([]byte(" "), 4<<20))
			fw.Close()
			hdr := &zip.FileHeader{Name: f.Name, Method: zip.Deflate, CompressedSize64: uint64(packed.Len()), UncompressedSize64: size, CRC32: 0}
			w, err := zw.CreateRaw(hdr)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(packed.Bytes())
			continue
		}
		w, _ := zw.Create(f.Name)
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	zw.Close()
	fh.Close()
	return out
}

// hugeSheet is a payload sheet part of a format row and n rows more that
// pack to little.
func hugeSheet(n int, row string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	b.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>meta</t></is></c><c r="B1" t="inlineStr"><is><t>format</t></is></c><c r="C1" t="inlineStr"><is><t>1</t></is></c></row>`)
	for i := 2; i <= n+1; i++ {
		fmt.Fprintf(&b, row, i)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.Bytes()
}

func TestImportRefusals(t *testing.T) {
	wardDB := xlsxtest.Demo(t, 2, 60)
	dir := t.TempDir()
	good := xlsxtest.ExportTo(t, wardDB, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward, Period: h1}, dir)
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	plain := excelize.NewFile()
	plain.SetCellValue("Sheet1", "A1", "Báo cáo gõ tay")
	var plainBuf bytes.Buffer
	plain.Write(&plainBuf)
	// Damage the packed payload sheet (the parts an import reads).
	corrupt := slices.Clone(data)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == payloadPart {
			off, _ := f.DataOffset()
			for i := off + int64(f.CompressedSize64)/2; i < off+int64(f.CompressedSize64)/2+64; i++ {
				corrupt[i] ^= 0x5a
			}
		}
	}
	big := make([]byte, 65<<20)
	copy(big, data)

	// A district ledger that already holds the ward's entries, for the
	// refusals that come after reading: nothing of it may change.
	district := districtFor(t, wardDB, ward, "1000003")
	if _, err := xlsximport.ImportWorkbook(t.Context(), district, xlsxtest.ExportTo(t, wardDB,
		xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: "1000003", Period: h1}, t.TempDir())); err != nil {
		t.Fatal(err)
	}
	noUnit := districtFor(t, wardDB)

	// A ledger whose entries carry the ward's ids with another memo: its
	// workbook conflicts with what the district imported.
	conflicting := districtFor(t, wardDB, ward)
	es, err := wardDB.Entries(t.Context(), ledger.EntryFilter{Unit: ward, Period: h1})
	if err != nil {
		t.Fatal(err)
	}
	es[len(es)/2].Memo += " (sửa)"
	if err := conflicting.ImportEntries(t.Context(), &ledger.Import{Unit: ward, Period: h1, File: "x", SHA256: strings.Repeat("0", 64)}, es); err != nil {
		t.Fatal(err)
	}
	conflictFile := xlsxtest.ExportTo(t, conflicting, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward, Period: h1}, t.TempDir())
	if _, err := xlsximport.ImportWorkbook(t.Context(), district, good); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name   string
		file   func() string
		target *sqlite.DB
		kind   ledger.Kind
		says   string
	}{
		{"empty", func() string { return write("empty.xlsx", nil) }, district, ledger.KindInvalid, "tệp rỗng"},
		{"not a zip", func() string { return write("notes.xlsx", []byte("Kính gửi UBND quận...")) }, district, ledger.KindInvalid, "không phải tệp Excel .xlsx"},
		{"old xls", func() string { return write("old.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0}) }, district, ledger.KindInvalid, ".xls"},
		{"pdf", func() string { return write("qt.pdf", []byte("%PDF-1.7\n")) }, district, ledger.KindInvalid, "PDF"},
		{"truncated zip", func() string { return write("cut.xlsx", data[:len(data)/2]) }, district, ledger.KindInvalid, "chép chưa hết"},
		{"corrupt zip", func() string { return write("corrupt.xlsx", corrupt) }, district, ledger.KindInvalid, "bị hỏng"},
		{"too large file", func() string { return write("big.xlsx", big) }, district, ledger.KindInvalid, "quá giới hạn"},
		{"zip bomb", func() string { return bomb(t, good, 3<<30) }, district, ledger.KindInvalid, "giải nén ra 3072 MB"},
		{"lying sizes", func() string { return bomb(t, good, 1000) }, district, ledger.KindInvalid, "bị hỏng"},
		{"huge sheet", func() string {
			return rewriteZip(t, good, map[string][]byte{payloadPart: hugeSheet(300_000, `<row r="%d"><c t="inlineStr"><is><t>#entry</t></is></c></row>`)})
		}, district, ledger.KindInvalid, "quá 250000 dòng"},
		{"huge blank text", func() string {
			return rewriteZip(t, good, map[string][]byte{payloadPart: append(append([]byte(`<worksheet><sheetData><row><c t="inlineStr"><is><t>`),
				bytes.Repeat([]byte("x"), 3<<20)...), `</t></is></c></row></sheetData></worksheet>`...)})
		}, district, ledger.KindInvalid, "dài quá"},
		{"shared-string bomb", func() string {
			run := `<r><t>` + strings.Repeat("A", 64<<10) + `</t></r>`
			sst := `<sst><si>` + strings.Repeat(run, 128) + `</si></sst>` // one string of 8 MB
			return rewriteZip(t, good, map[string][]byte{"xl/sharedStrings.xml": []byte(sst),
				payloadPart: hugeSheet(2000, `<row r="%d"><c t="s"><v>0</v></c><c t="s"><v>0</v></c><c t="s"><v>0</v></c><c t="s"><v>0</v></c></row>`)})
		}, district, ledger.KindInvalid, "chuỗi dùng chung"},
		{"an attribute twice", func() string {
			return rewriteZip(t, good, map[string][]byte{payloadPart: []byte(`<worksheet><sheetData><row r="1" r="2"/></sheetData></worksheet>`)})
		}, district, ledger.KindInvalid, "lặp lại"},
		{"deep nesting", func() string {
			return rewriteZip(t, good, map[string][]byte{payloadPart: []byte(strings.Repeat("<a>", 10000))})
		}, district, ledger.KindInvalid, "lồng quá"},
		{"entity and DTD", func() string {
			return rewriteZip(t, good, map[string][]byte{payloadPart: []byte(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>`)})
		}, district, ledger.KindInvalid, "không hỗ trợ"},
		{"not a spreadsheet", func() string {
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			w, _ := zw.Create("word/document.xml")
			w.Write([]byte("<w:document/>"))
			zw.Close()
			return write("letter.docx", b.Bytes())
		}, district, ledger.KindInvalid, "không chứa bảng tính"},
		{"excelize workbook without payload", func() string { return write("hand.xlsx", plainBuf.Bytes()) }, district, ledger.KindInvalid, "_WardLedger"},
		{"payload removed", func() string {
			return editWithExcelize(t, good, func(f *excelize.File) { f.DeleteSheet(xlsx.PayloadSheet) })
		}, district, ledger.KindInvalid, "_WardLedger"},
		{"bad checksum", func() string {
			return editWithExcelize(t, good, func(f *excelize.File) { setPayloadCell(t, f, "entry", 9, "123456") })
		}, district, ledger.KindInvalid, "SHA-256"},
		{"future format", func() string {
			return editWithExcelize(t, good, func(f *excelize.File) { setPayloadCell(t, f, "meta", 3, "3") })
		}, district, ledger.KindInvalid, "WardLedger mới hơn"},
		{"malformed payload", func() string {
			return editWithExcelize(t, good, func(f *excelize.File) { setPayloadCell(t, f, "entry", 5, "gift") })
		}, district, ledger.KindInvalid, "trang dữ liệu ẩn hỏng"},
		{"missing rows", func() string {
			return editWithExcelize(t, good, func(f *excelize.File) {
				rows, _ := f.GetRows(xlsx.PayloadSheet)
				for r, row := range rows {
					if row[0] == "entry" {
						f.RemoveRow(xlsx.PayloadSheet, r+1)
						return
					}
				}
			})
		}, district, ledger.KindInvalid, "thiếu dòng"},
		{"wrong kind", func() string {
			return xlsxtest.ExportTo(t, wardDB, xlsx.Request{Kind: ledger.WorkbookDistrict, Period: h1}, t.TempDir())
		}, district, ledger.KindInvalid, "báo cáo tổng hợp"},
		{"unknown ward", func() string { return good }, noUnit, ledger.KindNotFound, "UBND phường Quang Trung (mã ĐVQHNS 1000002)"},
		{"another key", func() string { return conflictFile }, district, ledger.KindConflict, "khác khóa"},
		{"conflicting ids", func() string { return conflictFile }, district, ledger.KindConflict, "diễn giải"},
	}
	accept := ledger.ImportOptions{AcceptKey: true, Reason: "thử xung đột mã"}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := c.file()
			before := snapshot(t, c.target)
			runtime.GC()
			var base runtime.MemStats
			runtime.ReadMemStats(&base)
			var peak uint64
			stop := xlsxtest.WatchHeap(&peak)
			var opt ledger.ImportOptions
			if c.name == "conflicting ids" {
				opt = accept // past the key, to the entries
			}
			res := xlsximport.Import(t.Context(), c.target, ledger.WorkbookSettlement, file, opt)
			im, err := res.Import, res.Err
			stop()
			peak -= min(peak, base.HeapInuse)
			if err == nil {
				t.Fatalf("imported: %+v", im)
			}
			if ledger.ErrorKind(err) != c.kind || !strings.Contains(err.Error(), c.says) {
				t.Errorf("error %q (kind %v), want kind %v saying %q", err, ledger.ErrorKind(err), c.kind, c.says)
			}
			if strings.Contains(err.Error(), "lỗi hệ thống") {
				t.Errorf("a bad file is reported as a system error: %v", err)
			}
			if after := snapshot(t, c.target); after != before {
				t.Error("the refused import changed the ledger")
			}
			if peak > 100<<20 {
				t.Errorf("reading it took %d MB of heap", peak>>20)
			}
			t.Logf("%s: %v (heap +%d MB)", c.name, err, peak>>20)
		})
	}
	// The unknown ward is named in a form the app can offer to add.
	res := xlsximport.Import(t.Context(), noUnit, ledger.WorkbookSettlement, good, ledger.ImportOptions{})
	u, ok := res.UnknownUnit()
	if !ok || u.Code != ward || u.Name != "UBND phường Quang Trung" || u.Chapter != "599" {
		t.Errorf("unknown unit %+v %v", u, ok)
	}
	var le *ledger.Error
	if !errors.As(res.Err, &le) || le.Kind != ledger.KindNotFound || le.Field != "unit" {
		t.Errorf("unknown unit refused with %#v", res.Err)
	}
	// The conflict lists the entry.
	err = xlsximport.Import(t.Context(), district, ledger.WorkbookSettlement, conflictFile, accept).Err
	if ps := ledger.ErrorProblems(err); len(ps) != 1 || !strings.HasPrefix(ps[0], es[len(es)/2].ID+":") {
		t.Errorf("conflicts %q", ps)
	}
}

func TestImportEditedVisibleFigures(t *testing.T) {
	wardDB := xlsxtest.Demo(t, 2, 60)
	good := xlsxtest.ExportTo(t, wardDB, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward, Period: h1}, t.TempDir())
	st := xlsxtest.Statement(t, wardDB, ward, h1)
	// Find row 18 and the first Khoản column on the B01 sheet.
	f, err := excelize.OpenFile(good)
	if err != nil {
		t.Fatal(err)
	}
	g := xlsxtest.ReadGrid(t, f, xlsx.SheetB01)
	f.Close()
	num := g.NumberRow(t)
	row := g.RowsByCode(2, xlsxtest.ReCode)["18"]
	col := g.ColumnsByHeader(num, xlsxtest.ReKhoan)[st.Khoans[0]]
	cell, _ := excelize.CoordinatesToCellName(col+1, row+1)
	total, _ := excelize.CoordinatesToCellName(4, row+1)
	edited := editWithExcelize(t, good, func(f *excelize.File) {
		f.SetCellValue(xlsx.SheetB01, cell, 1_000_000) // a figure typed over
		f.SetCellValue(xlsx.SheetB01, total, "xem lại")
	})
	district := districtFor(t, wardDB, ward)
	im, err := xlsximport.ImportWorkbook(t.Context(), district, edited)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(im.Warnings, "\n")
	want := fmt.Sprintf("B01-BCQT!%s (mã số 18, Khoản %s): trên bảng 1.000.000, theo dữ liệu ẩn %s", cell, st.Khoans[0], st.ByKhoan[st.Khoans[0]]["18"])
	if !strings.Contains(all, want) || !strings.Contains(all, "B01-BCQT!"+total+` (mã số 18, Tổng số): trên bảng "xem lại"`) ||
		!strings.Contains(all, "khác dữ liệu ẩn ở 2 ô") {
		t.Errorf("warnings:\n%s\nwant %s", all, want)
	}
	// The figures come from the payload, not from the edited sheet.
	sameLedgerPeriod(t, wardDB, district, ward, h1)
	ims, _ := district.Imports(t.Context(), h1)
	if len(ims) != 1 || !slices.Equal(ims[0].Warnings, im.Warnings) {
		t.Errorf("the warnings are not kept with the import: %+v", ims)
	}
}

// Entries awkward for XML (line breaks, quotes, control characters) and a
// reversal travel exactly; the reversal is recorded after what it reverses.
func TestImportHandLedger(t *testing.T) {
	src, spend := xlsxtest.HandLedger(t)
	path := xlsxtest.ExportTo(t, src, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward, Period: h1}, t.TempDir())
	district := districtFor(t, src, ward)
	im, err := xlsximport.ImportWorkbook(t.Context(), district, path)
	if err != nil {
		t.Fatal(err)
	}
	if im.Added != 5 {
		t.Errorf("added %d", im.Added)
	}
	sameLedgerPeriod(t, src, district, ward, h1)
	reversed, err := district.ReversedIDs(t.Context(), []string{spend.ID})
	if err != nil || !reversed[spend.ID] {
		t.Errorf("the reversal lost its link: %v %v", reversed, err)
	}
}

// A finished review is locked: a workbook bringing new entries for it is
// refused until the review is reopened; the same workbook again passes.
func TestImportIntoFinishedReview(t *testing.T) {
	wardDB := xlsxtest.Demo(t, 2, 60)
	ctx := t.Context()
	district := districtFor(t, wardDB, ward)
	path := xlsxtest.ExportTo(t, wardDB, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward, Period: h2}, t.TempDir())
	if _, err := xlsximport.ImportWorkbook(ctx, district, path); err != nil {
		t.Fatal(err)
	}
	xlsxtest.Must(t, district.FinishReview(ctx, ward, h2))
	if im, err := xlsximport.ImportWorkbook(ctx, district, path); err != nil || im.Added != 0 {
		t.Fatalf("the same workbook into a finished review: %+v %v", im, err)
	}
	spend := &ledger.Entry{Unit: ward, Period: h2, Kind: ledger.EntryAdjustment, Nature: ledger.TX, Khoan: "341", Amount: 1_000_000,
		Doc: "QĐ bổ sung", Date: xlsxtest.MustDate(t, "2026-08-01")}
	xlsxtest.Must(t, wardDB.AddEntry(ctx, spend))
	newer := xlsxtest.ExportTo(t, wardDB, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward, Period: h2}, t.TempDir())
	before := snapshot(t, district)
	_, err := xlsximport.ImportWorkbook(ctx, district, newer)
	if ledger.ErrorKind(err) != ledger.KindLocked || !strings.Contains(err.Error(), "mở lại xét duyệt") {
		t.Fatalf("new entries into a finished review: %v", err)
	}
	if snapshot(t, district) != before {
		t.Fatal("the refused import changed the ledger")
	}
	xlsxtest.Must(t, district.ReopenReview(ctx, ward, h2, "phường bổ sung chứng từ"))
	if im, err := xlsximport.ImportWorkbook(ctx, district, newer); err != nil || im.Added != 1 {
		t.Fatalf("after reopening: %+v %v", im, err)
	}
}

// A workbook opened and saved again by a spreadsheet program keeps its
// payload: excelize re-saving it (shared strings, rewritten parts) imports
// without warnings.
func TestImportResavedWorkbook(t *testing.T) {
	wardDB := xlsxtest.Demo(t, 2, 60)
	good := xlsxtest.ExportTo(t, wardDB, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward, Period: h1}, t.TempDir())
	resaved := editWithExcelize(t, good, func(f *excelize.File) {
		// Rewriting every payload cell makes excelize store them as shared
		// strings, as Excel does when it saves.
		rows, _ := f.GetRows(xlsx.PayloadSheet, xlsxtest.Raw)
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				f.SetCellStr(xlsx.PayloadSheet, cell, v)
			}
		}
	})
	if !bytes.Contains(partOf(t, resaved, payloadPart), []byte(`t="s"`)) {
		t.Fatal("the re-saved payload does not use shared strings")
	}
	district := districtFor(t, wardDB, ward)
	im, err := xlsximport.ImportWorkbook(t.Context(), district, resaved)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range im.Findings {
		if f.Kind == ledger.FindingEdited || f.Kind == ledger.FindingWarning {
			t.Errorf("finding %s", f)
		}
	}
	sameLedgerPeriod(t, wardDB, district, ward, h1)
}

// The import orders entries so that the rules accept them even when the
// ids' clock says otherwise (a PC set to the wrong date).
func TestImportOrderSurvivesClockSkew(t *testing.T) {
	wardDB := xlsxtest.Ledger(t, demo.Superior, ledger.Unit{Code: ward, Name: "UBND phường Quang Trung", Chapter: "599"})
	ctx := t.Context()
	// Ids are given explicitly: the allocation's clock is a day late.
	late, early := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	mk := func(id string, kind ledger.EntryKind, tm string, amount ledger.Money, date string) *ledger.Entry {
		return &ledger.Entry{ID: id, Unit: ward, Period: h1, Kind: kind, Nature: ledger.TX, Khoan: "341", TieuMuc: tm,
			Amount: amount, Doc: "CT", Date: xlsxtest.MustDate(t, date)}
	}
	es := []*ledger.Entry{
		mk(ledger.NewID(late), ledger.EntryAllocation, "", 1_000_000, "2026-01-02"),
		mk(ledger.NewID(early), ledger.EntryWithdrawal, "", 600_000, "2026-01-05"),
		mk(ledger.NewID(early.Add(time.Second)), ledger.EntrySpending, "6001", 500_000, "2026-01-06"),
	}
	xlsxtest.Must(t, wardDB.AddEntries(ctx, es, ledger.BatchSource{Reason: "test"}))
	path := xlsxtest.ExportTo(t, wardDB, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward, Period: h1}, t.TempDir())
	district := districtFor(t, wardDB, ward)
	if _, err := xlsximport.ImportWorkbook(ctx, district, path); err != nil {
		t.Fatal(err)
	}
	sameLedgerPeriod(t, wardDB, district, ward, h1)
}
