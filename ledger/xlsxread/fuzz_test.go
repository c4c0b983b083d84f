package xlsxread_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/xlsxread"
)

// readAll opens data as a workbook and streams every row of every sheet:
// it must be refused as a bad file (a *ledger.Error of kind KindInvalid)
// or read, and never panic.
func readAll(t *testing.T, data []byte) {
	b, err := xlsxread.Open(bytes.NewReader(data), int64(len(data)))
	if err == nil {
		for _, sh := range b.Sheets() {
			err = b.EachRow(context.Background(), sh, func(n int, cells []xlsxread.Cell) error {
				if n < 1 {
					t.Fatalf("row number %d", n)
				}
				for _, c := range cells {
					if c.Col < 0 || c.Col >= 1<<14 {
						t.Fatalf("column %d", c.Col)
					}
				}
				return nil
			})
			if err != nil {
				break
			}
		}
	}
	if err == nil {
		return
	}
	var le *ledger.Error
	if !errors.As(err, &le) || le.Kind != ledger.KindInvalid {
		t.Fatalf("not a refusal of the file: %#v", err)
	}
}

// FuzzOpen throws damaged workbooks at the reader: caps, zip, XML, shared
// strings, rows. Its corpus (testdata/fuzz/FuzzOpen) holds what earlier
// runs found, whole WardLedger workbooks mutated.
//
//	go test -run '^$' -fuzz FuzzOpen -fuzztime 200s ./ledger/xlsxread/
func FuzzOpen(f *testing.F) {
	f.Add(workbook(f, goodParts("")...))
	f.Add([]byte("PK\x03\x04 not really"))
	f.Fuzz(readAll)
}

// FuzzSheetXML puts fuzzed XML in place of a sheet, stored unpacked, so
// that the XML scanner and the row reader get inputs past the zip checks.
//
//	go test -run '^$' -fuzz FuzzSheetXML -fuzztime 100s ./ledger/xlsxread/
func FuzzSheetXML(f *testing.F) {
	f.Add([]byte(sheet1))
	f.Add([]byte(sheet2))
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`))
	f.Add([]byte(`<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="urn:x"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:r><x:t>me</x:t></x:r><x:r><x:t>ta</x:t></x:r></x:is></x:c></x:row></x:sheetData></x:worksheet>`))
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&#x6d;eta&amp;</t></is></c><c r="XFD1"><v>1</v></c></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, xml []byte) {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for _, p := range goodParts("") {
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: p[0], Method: zip.Store})
			if p[0] == "xl/worksheets/sheet1.xml" {
				w.Write(xml)
				continue
			}
			w.Write([]byte(p[1]))
		}
		zw.Close()
		readAll(t, b.Bytes())
	})
}
