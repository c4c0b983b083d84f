package xlsxread_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/xlsxread"
)

// The parts of a small workbook as a spreadsheet program writes it: two
// sheets, the second hidden, shared strings with runs and a phonetic
// hint, and a sheet of every kind of cell.
const (
	rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbookXML = `<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Báo cáo" sheetId="1" r:id="rId1"/><sheet name="_Ẩn" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>`
	workbookRels  = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	sharedStrings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2"><si><t>Mã số</t></si><si><r><t>Tổng </t></r><r><rPr><b/></rPr><t>số</t></r><rPh sb="0" eb="1"><t>phiên âm</t></rPh></si></sst>`
	sheet1        = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2"/></row>` +
		`<row r="3"><c r="B3"><v>1250000000</v></c><c r="C3"><f>B3*2</f><v>2.5E9</v></c><c r="D3"><f>SUM(B3:C3)</f></c>` +
		`<c r="AA3" t="inlineStr"><is><r><t>dòng&#10;hai &amp; </t></r><r><t>ba</t></r></is></c><c r="AB3" t="b"><v>1</v></c></row>` +
		`<row><c t="str"><v>không số dòng</v></c><c><v>7</v></c></row>` +
		`</sheetData></worksheet>`
	sheet2 = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>meta</t></is></c></row></sheetData></worksheet>`
)

// workbook packs parts into a zip, in the order given; a nil content
// leaves a part out.
func workbook(tb testing.TB, parts ...[2]string) []byte {
	tb.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err != nil {
			tb.Fatal(err)
		}
		w.Write([]byte(p[1]))
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// goodParts are the parts of the small workbook, sheet1 replaced by
// sheet when it is not empty.
func goodParts(sheet string) [][2]string {
	if sheet == "" {
		sheet = sheet1
	}
	return [][2]string{{"[Content_Types].xml", `<Types/>`}, {"_rels/.rels", rootRels}, {"xl/workbook.xml", workbookXML},
		{"xl/_rels/workbook.xml.rels", workbookRels}, {"xl/sharedStrings.xml", sharedStrings},
		{"xl/worksheets/sheet1.xml", sheet}, {"xl/worksheets/sheet2.xml", sheet2}}
}

func open(tb testing.TB, data []byte) (*xlsxread.Book, error) {
	tb.Helper()
	return xlsxread.Open(bytes.NewReader(data), int64(len(data)))
}

// rows reads every row of a sheet as "n: col=text(flags) …".
func rows(tb testing.TB, b *xlsxread.Book, sh xlsxread.Sheet) ([]string, error) {
	tb.Helper()
	var out []string
	err := b.EachRow(context.Background(), sh, func(n int, cells []xlsxread.Cell) error {
		var parts []string
		for _, c := range cells {
			s := fmt.Sprintf("%d=%q", c.Col, c.Text)
			if c.Formula {
				s += "f"
			}
			if c.Number {
				s += "n"
			}
			parts = append(parts, s)
		}
		out = append(out, fmt.Sprintf("%d: %s", n, strings.Join(parts, " ")))
		return nil
	})
	return out, err
}

func TestReadWorkbook(t *testing.T) {
	b, err := open(t, workbook(t, goodParts("")...))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var names []string
	for _, s := range b.Sheets() {
		names = append(names, fmt.Sprintf("%s hidden=%v", s.Name, s.Hidden))
	}
	if got := strings.Join(names, ", "); got != "Báo cáo hidden=false, _Ẩn hidden=true" {
		t.Errorf("sheets: %s", got)
	}
	sh, ok := b.Sheet("Báo cáo")
	if !ok {
		t.Fatal("no sheet Báo cáo")
	}
	got, err := rows(t, b, sh)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`2: 1="Mã số" 2="Tổng số"`,
		`3: 1="1250000000"n 2="2.5E9"fn 3=""f 26="dòng\nhai & ba" 27="1"`,
		`4: 0="không số dòng" 1="7"n`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	hidden, _ := b.Sheet("_Ẩn")
	if got, err := rows(t, b, hidden); err != nil || len(got) != 1 || got[0] != `1: 0="meta"` {
		t.Errorf("hidden sheet: %q %v", got, err)
	}
	if _, ok := b.Sheet("Không có"); ok {
		t.Error("found a sheet that is not there")
	}
	// ErrStop ends the rows without error.
	n := 0
	err = b.EachRow(context.Background(), sh, func(int, []xlsxread.Cell) error { n++; return xlsxread.ErrStop })
	if err != nil || n != 1 {
		t.Errorf("stop after %d rows: %v", n, err)
	}
	if got := xlsxread.CellRef("B01-BCQT", 27, 20); got != "B01-BCQT!AB20" {
		t.Errorf("CellRef = %s", got)
	}
}

// refused checks err is a refusal of the file for a person: a
// *ledger.Error of kind KindInvalid that says says.
func refused(t *testing.T, name string, err error, says string) {
	t.Helper()
	var le *ledger.Error
	switch {
	case err == nil:
		t.Errorf("%s: accepted", name)
	case !errors.As(err, &le) || le.Kind != ledger.KindInvalid:
		t.Errorf("%s: %v is not a refusal of the file", name, err)
	case !strings.Contains(err.Error(), says):
		t.Errorf("%s: %q does not say %q", name, err, says)
	}
}

func TestRefusals(t *testing.T) {
	sheet := func(xml string) []byte { return workbook(t, goodParts(xml)...) }
	many := make([][2]string, 10_001)
	for i := range many {
		many[i] = [2]string{fmt.Sprintf("p%d", i), ""}
	}
	long := `<worksheet><sheetData><row><c t="inlineStr"><is><t>` + strings.Repeat("x", 2<<20) + `</t></is></c></row></sheetData></worksheet>`
	cell := `<worksheet><sheetData><row><c t="inlineStr"><is><t>` + strings.Repeat("x", 300<<10) + `</t></is></c></row></sheetData></worksheet>`
	for _, c := range []struct {
		name string
		data []byte
		says string
	}{
		{"empty", nil, "tệp rỗng"},
		{"pdf", []byte("%PDF-1.7\n"), "PDF"},
		{"old xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, ".xls"},
		{"text", []byte("Kính gửi UBND quận"), "không phải tệp Excel"},
		{"truncated", workbook(t, goodParts("")...)[:300], "chép chưa hết"},
		{"a document", workbook(t, [2]string{"word/document.xml", "<w:document/>"}), "không chứa bảng tính"},
		{"an ods", workbook(t, [2]string{"content.xml", "<office:document-content/>"}), ".ods"},
		{"too many parts", workbook(t, many...), "hơn 10000 phần"},
		{"a DTD", sheet(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>`), "không hỗ trợ"},
		{"a comment", sheet(`<worksheet><!-- x --></worksheet>`), "không hỗ trợ"},
		{"deep", sheet(strings.Repeat("<a>", 100)), "lồng quá"},
		{"long token", sheet(long), "dài quá"},
		{"long cell", sheet(cell), "dài quá 256 KB"},
		{"bad row number", sheet(`<worksheet><sheetData><row r="0"><c><v>1</v></c></row></sheetData></worksheet>`), "số dòng"},
		{"bad cell name", sheet(`<worksheet><sheetData><row><c r="1A"><v>1</v></c></row></sheetData></worksheet>`), "sai tên"},
		{"beyond XFD", sheet(`<worksheet><sheetData><row><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>`), "sai tên"},
		{"no such string", sheet(`<worksheet><sheetData><row><c r="A1" t="s"><v>9</v></c></row></sheetData></worksheet>`), "chuỗi"},
		{"not UTF-8", sheet("<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>\xff</t></is></c></row></sheetData></worksheet>"), "UTF-8"},
		{"cut short", sheet(`<worksheet><sheetData><row><c><v>1`), "cắt cụt"},
		{"an end without its start", sheet(`<worksheet><sheetData></row></sheetData></worksheet>`), "không khớp"},
		{"ends crossed", sheet(`<worksheet><sheetData><row><c><v>1</c></v></row></sheetData></worksheet>`), "không khớp"},
		{"an attribute twice", sheet(`<worksheet><sheetData><row r="1" r="2"><c><v>1</v></c></row></sheetData></worksheet>`), "lặp lại"},
		{"an attribute twice on a tag nobody reads", sheet(`<worksheet><cols><col min="1" min="2"/></cols><sheetData/></worksheet>`), "lặp lại"},
		{"a control character", sheet("<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>a\x01b</t></is></c></row></sheetData></worksheet>"), "không được phép"},
		{"a control character by reference", sheet(`<worksheet><sheetData><row><c t="inlineStr"><is><t>a&#1;b</t></is></c></row></sheetData></worksheet>`), "mã ký tự"},
		{"a surrogate by reference", sheet(`<worksheet><sheetData><row><c t="inlineStr"><is><t>&#xD800;</t></is></c></row></sheetData></worksheet>`), "mã ký tự"},
		{"a control character in an attribute", sheet("<worksheet a=\"\x02\"><sheetData/></worksheet>"), "không được phép"},
		{"]]> in text", sheet(`<worksheet><sheetData><row><c t="inlineStr"><is><t>a]]>b</t></is></c></row></sheetData></worksheet>`), "]]>"},
		{"a bad name", sheet(`<worksheet><sheetData><1row/></sheetData></worksheet>`), "tên thẻ"},
		{"two colons", sheet(`<a:b:worksheet/>`), "tên thẻ"},
		{"a bad attribute name", sheet(`<worksheet 1a="x"/>`), "thuộc tính sai"},
		{"XML 1.1", sheet(`<?xml version="1.1"?><worksheet/>`), "phiên bản 1.1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := open(t, c.data)
			if err == nil {
				for _, sh := range b.Sheets() {
					if _, err = rows(t, b, sh); err != nil {
						break
					}
				}
			}
			refused(t, c.name, err, c.says)
		})
	}
}

// TestBombs: a part that claims more than the caps unpacked is refused
// before it is unpacked; one that lies about its size is refused as
// damaged when it unpacks to more.
func TestBombs(t *testing.T) {
	// sheet1 holds 4 MB of blanks, deflated to a few KB; the central
	// directory is rewritten to claim another size for it.
	blanks := `<worksheet><sheetData>` + strings.Repeat(" ", 4<<20) + `</sheetData></worksheet>`
	packed := workbook(t, goodParts(blanks)...)
	bomb := func(claimed uint64) []byte {
		zr, err := zip.NewReader(bytes.NewReader(packed), int64(len(packed)))
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		zw := zip.NewWriter(&out)
		for _, f := range zr.File {
			h := f.FileHeader
			if f.Name == "xl/worksheets/sheet1.xml" {
				h.UncompressedSize64 = claimed
			}
			raw, err := f.OpenRaw()
			if err != nil {
				t.Fatal(err)
			}
			w, err := zw.CreateRaw(&h)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.Copy(w, raw); err != nil {
				t.Fatal(err)
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	_, err := open(t, bomb(3<<30))
	refused(t, "3 GB claimed", err, "giải nén ra 3072 MB")
	b, err := open(t, bomb(1000))
	if err == nil {
		sh, _ := b.Sheet("Báo cáo")
		_, err = rows(t, b, sh)
	}
	refused(t, "lying size", err, "bị hỏng")
}

// sharedStringBomb is a workbook of some KB whose one shared string of
// size bytes (one letter again and again, which deflate packs a thousand
// to one, in runs of 64 KB, each a token short of the tokenizer's cap) is
// referred to by every cell of rows rows of cols cells.
func sharedStringBomb(tb testing.TB, size, rows, cols int) []byte {
	tb.Helper()
	run := `<r><t>` + strings.Repeat("A", 64<<10) + `</t></r>`
	sst := `<sst><si>` + strings.Repeat(run, size/(64<<10)) + `<r><t>` + strings.Repeat("A", size%(64<<10)) + `</t></r></si></sst>`
	var sh strings.Builder
	sh.WriteString(`<worksheet><sheetData>`)
	for r := 1; r <= rows; r++ {
		fmt.Fprintf(&sh, `<row r="%d">`, r)
		for range cols {
			sh.WriteString(`<c t="s"><v>0</v></c>`)
		}
		sh.WriteString(`</row>`)
	}
	sh.WriteString(`</sheetData></worksheet>`)
	parts := goodParts(sh.String())
	parts[4][1] = sst
	return workbook(tb, parts...)
}

// readBomb opens a bomb and reads its first sheet, and returns the error
// and the bytes allocated meanwhile (an upper bound of the heap's peak).
func readBomb(t *testing.T, data []byte) (error, uint64) {
	t.Helper()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b, err := open(t, data)
	if err == nil {
		sh, _ := b.Sheet("Báo cáo")
		err = b.EachRow(context.Background(), sh, func(int, []xlsxread.Cell) error { return nil })
	}
	runtime.ReadMemStats(&after)
	return err, after.TotalAlloc - before.TotalAlloc
}

// TestSharedStringBomb: a workbook of about 32 KB with one long shared
// string referred to by many cells (which used to expand to 1.6 GB) is
// refused within 100 MB: a shared string longer than a cell may be is
// refused when the strings are read; one just short of it, referred to
// again and again, is shared by its cells, not copied, and refused once
// a row, then the sheet, would expand beyond its cap.
func TestSharedStringBomb(t *testing.T) {
	for _, c := range []struct {
		name             string
		size, rows, cols int
		says             string
	}{
		{"one string of 8 MB", 8 << 20, 2000, 8, "chuỗi dùng chung"},
		{"rows of 255 KB strings", 255 << 10, 4, 1000, "dòng 1 dài quá"},
		{"a sheet of 255 KB strings", 255 << 10, 2000, 8, "dài quá 256 MB"},
	} {
		data := sharedStringBomb(t, c.size, c.rows, c.cols)
		err, alloc := readBomb(t, data)
		refused(t, c.name, err, c.says)
		if alloc > 100<<20 {
			t.Errorf("%s: reading it allocated %d MB", c.name, alloc>>20)
		}
		t.Logf("%s: a file of %d KB refused after allocating %d MB: %v", c.name, len(data)>>10, alloc>>20, err)
	}
}

func TestOpenFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "QT.xlsx")
	if err := os.WriteFile(path, workbook(t, goodParts("")...), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := xlsxread.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Sheets()) != 2 {
		t.Errorf("%d sheets", len(b.Sheets()))
	}
	if err := b.Close(); err != nil {
		t.Error(err)
	}
	if _, err := xlsxread.OpenFile(filepath.Join(dir, "missing.xlsx")); ledger.ErrorKind(err) != ledger.KindNotFound {
		t.Errorf("missing file: %v", err)
	}
	if _, err := xlsxread.OpenFile(dir); ledger.ErrorKind(err) != ledger.KindInvalid {
		t.Errorf("a folder: %v", err)
	}
	b, err = xlsxread.Read(bytes.NewReader(workbook(t, goodParts("")...)))
	if err != nil || len(b.Sheets()) != 2 {
		t.Errorf("Read: %v", err)
	}
}
