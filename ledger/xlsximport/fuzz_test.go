package xlsximport_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"wardledger/assets"
	"wardledger/ledger"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsx/xlsxtest"
	"wardledger/ledger/xlsximport"
)

// fuzzTarget is a ledger for the fuzzers: it knows two wards and records
// what an import hands it, after checking what every import must satisfy.
type fuzzTarget struct {
	t    *testing.T
	form *ledger.Form
	cat  *ledger.Catalogue
}

// A ledger of no role (it takes every kind), with the shipped catalogue,
// no key pinned, no entry, no review.
func (f *fuzzTarget) Role(context.Context) (ledger.LedgerRole, error) {
	return ledger.LedgerRole{}, nil
}
func (f *fuzzTarget) PinnedKey(context.Context, string) (ledger.PinnedKey, bool, error) {
	return ledger.PinnedKey{}, false, nil
}
func (f *fuzzTarget) Catalogue(context.Context) (*ledger.Catalogue, error) { return f.cat, nil }
func (f *fuzzTarget) Entries(context.Context, ledger.EntryFilter) ([]*ledger.Entry, error) {
	return nil, nil
}
func (f *fuzzTarget) Totals(context.Context, string, ledger.Period) ([]ledger.Total, error) {
	return nil, nil
}
func (f *fuzzTarget) Periodicity(context.Context, string, int) (ledger.Periodicity, error) {
	return ledger.ByHalfYear, nil
}
func (f *fuzzTarget) Review(_ context.Context, unit string, p ledger.Period) (*ledger.Review, error) {
	return &ledger.Review{Unit: unit, Period: p, State: ledger.ReviewNotReceived}, nil
}

func (f *fuzzTarget) Superior(context.Context) (ledger.Unit, error) {
	return ledger.Unit{Code: "1000001", Name: "UBND quận \"Thử\"", Chapter: "599", Superior: true}, nil
}

func (f *fuzzTarget) FindUnit(_ context.Context, code string) (ledger.Unit, error) {
	switch code {
	case "1000002", "1000003":
		return ledger.Unit{Code: code, Name: "UBND phường Một", Chapter: "599"}, nil
	case "1000001":
		return f.Superior(context.Background())
	}
	return ledger.Unit{}, ledger.Errorf(ledger.KindNotFound, "fuzz", "không có đơn vị %s", code)
}

func (f *fuzzTarget) ImportEntries(_ context.Context, src *ledger.Import, entries []*ledger.Entry) error {
	t := f.t
	if len(src.SHA256) != 64 {
		t.Fatalf("import without checksum: %+v", src)
	}
	ids := map[string]bool{}
	for _, e := range entries {
		if err := e.Validate(nil); err != nil {
			t.Fatalf("an invalid entry reached the ledger: %v", err)
		}
		if e.Unit != src.Unit || e.Period != src.Period {
			t.Fatalf("entry of %s %s in an import of %s %s", e.Unit, e.Period, src.Unit, src.Period)
		}
		if ids[e.ID] {
			t.Fatalf("id %s given twice", e.ID)
		}
		if e.IsReversal() && !ids[e.Reverses] {
			t.Fatalf("reversal %s before what it reverses", e.ID)
		}
		ids[e.ID] = true
	}
	src.Added = len(entries)
	return nil
}

func (f *fuzzTarget) Form() *ledger.Form { return f.form }

// The form and catalogue of every fuzz target, read once.
var (
	fuzzOnce sync.Once
	fuzzForm *ledger.Form
	fuzzCat  *ledger.Catalogue
	fuzzErr  error
)

func newFuzzTarget(t *testing.T) *fuzzTarget {
	fuzzOnce.Do(func() {
		fuzzForm, fuzzErr = ledger.ParseForm(assets.FormB01)
		if fuzzErr == nil {
			var codes []ledger.Code
			codes, fuzzErr = ledger.ParseCatalogueCSV(bytes.NewReader(assets.Catalogue))
			fuzzCat = ledger.NewCatalogue(codes)
		}
	})
	if fuzzErr != nil {
		t.Fatal(fuzzErr)
	}
	return &fuzzTarget{t: t, form: fuzzForm, cat: fuzzCat}
}

// fuzzImport imports data as a workbook of kind: it must be refused with
// an error a person can read, or pass the target's checks; never panic.
func fuzzImport(t *testing.T, kind ledger.WorkbookKind, data []byte) {
	err := xlsximport.ImportReader(context.Background(), newFuzzTarget(t), kind, "fuzz.xlsx", bytes.NewReader(data), int64(len(data)), ledger.ImportOptions{}).Err
	if err == nil {
		return
	}
	var le *ledger.Error
	if !errors.As(err, &le) {
		t.Fatalf("error outside the ledger's type: %v", err)
	}
	if k := ledger.ErrorKind(err); k != ledger.KindInvalid && k != ledger.KindNotFound && k != ledger.KindConflict {
		t.Fatalf("error of kind %v: %v", k, err)
	}
}

// fuzzSeeds are real workbooks and damaged ones: a settlement (its
// entries awkward for XML, a reversal), the same re-saved by excelize,
// with a visible figure edited, a bad checksum, a future format, without
// payload, cut short; an annex; a review.
func fuzzSeeds(f *testing.F) map[string][]byte {
	db, _ := xlsxtest.HandLedger(f)
	ctx := context.Background()
	dir := f.TempDir()
	write := func(r xlsx.Request) string {
		r.Now = xlsxtest.FixedNow
		path, err := xlsx.Export(ctx, db, r, dir)
		if err != nil {
			f.Fatal(err)
		}
		return path
	}
	settlement := write(xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: "1000002", Period: h1})
	annex := write(xlsx.Request{Kind: ledger.WorkbookAnnex, Unit: "1000002", Period: h1})
	xlsxtest.Must(f, db.SetApproval(ctx, "1000002", h1, ledger.Approval{Row: "18", Khoan: "341", Approved: 1, Reason: "thử"}))
	review := write(xlsx.Request{Kind: ledger.WorkbookReview, Unit: "1000002", Period: h1})
	edit := func(path string, fn func(*excelize.File)) []byte {
		x, err := excelize.OpenFile(path)
		if err != nil {
			f.Fatal(err)
		}
		defer x.Close()
		fn(x)
		var b bytes.Buffer
		if err := x.Write(&b); err != nil {
			f.Fatal(err)
		}
		return b.Bytes()
	}
	setPayload := func(x *excelize.File, rec string, col int, v string) {
		rows, _ := x.GetRows(xlsx.PayloadSheet, xlsxtest.Raw)
		for r, row := range rows {
			if len(row) > 0 && row[0] == rec {
				cell, _ := excelize.CoordinatesToCellName(col, r+1)
				x.SetCellStr(xlsx.PayloadSheet, cell, v)
				return
			}
		}
	}
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		return b
	}
	plain := excelize.NewFile()
	var plainBuf bytes.Buffer
	plain.Write(&plainBuf)
	good := read(settlement)
	return map[string][]byte{
		"settlement": good,
		"annex":      read(annex),
		"review":     read(review),
		"resaved": edit(settlement, func(x *excelize.File) {
			rows, _ := x.GetRows(xlsx.PayloadSheet, xlsxtest.Raw)
			for r, row := range rows {
				for c, v := range row {
					cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
					x.SetCellStr(xlsx.PayloadSheet, cell, v)
				}
			}
		}),
		"edited":     edit(settlement, func(x *excelize.File) { x.SetCellValue(xlsx.SheetB01, "E30", 7) }),
		"checksum":   edit(settlement, func(x *excelize.File) { setPayload(x, "entry", 9, "1") }),
		"future":     edit(settlement, func(x *excelize.File) { setPayload(x, "meta", 3, "9") }),
		"no-payload": plainBuf.Bytes(),
		"cut":        good[:len(good)*2/3],
		"not-a-zip":  []byte("PK\x03\x04 not really"),
	}
}

// FuzzImportWorkbook throws damaged workbooks at the whole import path:
// caps, zip, XML, shared strings, payload, checksum, the visible B01, the
// entries' consistency, ordering.
//
// The reader's corpus (ledger/xlsxread/testdata/fuzz/FuzzOpen, whole
// workbooks that earlier runs of this target found) seeds it too.
//
//	go test -run '^$' -fuzz FuzzImportWorkbook -fuzztime 200s ./ledger/xlsximport/
func FuzzImportWorkbook(f *testing.F) {
	for _, data := range readerCorpus(f, "FuzzOpen") {
		f.Add(data)
	}
	for name, data := range fuzzSeeds(f) {
		if name == "settlement" || name == "resaved" || name == "edited" {
			f.Add(slim(f, data, zip.Store))
			f.Add(slim(f, data, zip.Deflate))
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzImport(t, ledger.WorkbookSettlement, data)
		fuzzImport(t, ledger.WorkbookAnnex, data)
	})
}

// slim keeps only the parts an import reads, packed or stored: small
// seeds let the fuzzer spend its time on mutations, not on minimizing.
func slim(tb testing.TB, data []byte, method uint16) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		switch f.Name {
		case "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
			"xl/worksheets/sheet1.xml", payloadPart:
		default:
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: method})
		if err != nil {
			tb.Fatal(err)
		}
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	zw.Close()
	return b.Bytes()
}

// FuzzImportSheetXML puts fuzzed XML in place of a settlement workbook's
// payload sheet (parts stored unpacked) and imports it: the XML scanner,
// the row reader and the payload parser get inputs that reach past the
// zip checks.
//
//	go test -run '^$' -fuzz FuzzImportSheetXML -fuzztime 100s ./ledger/xlsximport/
func FuzzImportSheetXML(f *testing.F) {
	db, _ := xlsxtest.HandLedger(f)
	dir := f.TempDir()
	path, err := xlsx.Export(context.Background(), db, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: "1000002", Period: h1, Now: xlsxtest.FixedNow}, dir)
	if err != nil {
		f.Fatal(err)
	}
	base, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	var sheet []byte
	zr, _ := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	for _, zf := range zr.File {
		if zf.Name == payloadPart {
			rc, _ := zf.Open()
			sheet, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	f.Add(sheet)
	for _, xml := range readerCorpus(f, "FuzzSheetXML") {
		f.Add(xml)
	}
	f.Fuzz(func(t *testing.T, xml []byte) {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for _, zf := range zr.File {
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Store})
			if zf.Name == payloadPart {
				w.Write(xml)
				continue
			}
			rc, _ := zf.Open()
			io.Copy(w, rc)
			rc.Close()
		}
		zw.Close()
		fuzzImport(t, ledger.WorkbookSettlement, b.Bytes())
	})
}

// readerCorpus reads the inputs of a fuzz target of ledger/xlsxread kept
// in its testdata (files "go test fuzz v1" of one []byte each), so that
// what the reader's fuzzing found is run through the whole import too.
func readerCorpus(tb testing.TB, target string) [][]byte {
	dir := filepath.Join("..", "xlsxread", "testdata", "fuzz", target)
	files, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]byte
	for _, fi := range files {
		data, err := os.ReadFile(filepath.Join(dir, fi.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		_, rest, _ := strings.Cut(string(data), "\n")
		quoted, ok := strings.CutPrefix(strings.TrimSpace(rest), "[]byte(")
		if !ok || !strings.HasSuffix(quoted, ")") {
			tb.Fatalf("%s: not a corpus file of one []byte", fi.Name())
		}
		v, err := strconv.Unquote(strings.TrimSuffix(quoted, ")"))
		if err != nil {
			tb.Fatalf("%s: %v", fi.Name(), err)
		}
		out = append(out, []byte(v))
	}
	if len(out) == 0 {
		tb.Fatalf("no corpus in %s", dir)
	}
	return out
}
