package xlsxread_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"wardledger/ledger/xlsxread"
)

// BenchmarkEachRow streams a sheet of 100,000 rows of a payload's shape
// (a record type, an id, codes, an amount and a memo), packed as a
// workbook is.
//
//	go test -run '^$' -bench EachRow -benchmem ./ledger/xlsxread/
func BenchmarkEachRow(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i := 1; i <= 100_000; i++ {
		fmt.Fprintf(&sb, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>entry</t></is></c><c r="B%d" t="inlineStr"><is><t>0190a1b2-c3d4-7e5f-8a6b-%012d</t></is></c>`, i, i, i, i)
		fmt.Fprintf(&sb, `<c r="C%d" t="inlineStr"><is><t>1000002</t></is></c><c r="D%d" t="inlineStr"><is><t>2026-H1</t></is></c><c r="E%d"><v>%d</v></c>`, i, i, i, 1_000_000+i)
		fmt.Fprintf(&sb, `<c r="F%d" t="inlineStr"><is><t>"Chi tiền điện tháng %d &amp; nước"</t></is></c></row>`, i, i%12)
	}
	sb.WriteString(`</sheetData></worksheet>`)
	data := workbook(b, goodParts(sb.String())...)
	b.SetBytes(int64(sb.Len()))
	b.ReportAllocs()
	for b.Loop() {
		book, err := xlsxread.Open(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			b.Fatal(err)
		}
		sh, _ := book.Sheet("Báo cáo")
		n := 0
		if err := book.EachRow(context.Background(), sh, func(int, []xlsxread.Cell) error { n++; return nil }); err != nil || n != 100_000 {
			b.Fatalf("%d rows: %v", n, err)
		}
	}
}

// BenchmarkSharedStringBomb reads the bombs of TestSharedStringBomb: a
// workbook of some KB whose one shared string of 8 MB is referred to by
// 16,000 cells, which expanded to 1.6 GB before shared strings and rows
// were capped; -benchmem shows what refusing it costs.
//
//	go test -run '^$' -bench SharedStringBomb -benchmem ./ledger/xlsxread/
func BenchmarkSharedStringBomb(b *testing.B) {
	for _, c := range []struct {
		name             string
		size, rows, cols int
	}{{"8MB-string", 8 << 20, 2000, 8}, {"255KB-string", 255 << 10, 2000, 8}} {
		data := sharedStringBomb(b, c.size, c.rows, c.cols)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bk, err := xlsxread.Open(bytes.NewReader(data), int64(len(data)))
				if err == nil {
					sh, _ := bk.Sheet("Báo cáo")
					err = bk.EachRow(context.Background(), sh, func(int, []xlsxread.Cell) error { return nil })
				}
				if err == nil {
					b.Fatal("the bomb was read")
				}
			}
		})
	}
}
