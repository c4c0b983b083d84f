package xlsximport

import (
	"context"
	"errors"
	"io"

	"wardledger/ledger"
	"wardledger/ledger/payload"
	"wardledger/ledger/xlsxread"
)

// ReadPayloadFile reads and verifies the payload of the workbook at path.
func ReadPayloadFile(ctx context.Context, path string) (*payload.Payload, error) {
	b, err := xlsxread.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	p, err := readPayload(ctx, b)
	if err != nil {
		var le *ledger.Error
		if errors.As(err, &le) {
			le.Msg = path + ": " + le.Msg
		}
		return nil, err
	}
	return p, nil
}

// ReadPayload reads the hidden payload of a workbook exported by
// WardLedger, checks its format and its checksum, and returns it. It never
// evaluates the workbook's formulas and caps what it unpacks.
func ReadPayload(ctx context.Context, r io.Reader) (*payload.Payload, error) {
	b, err := xlsxread.Read(r)
	if err != nil {
		return nil, err
	}
	return readPayload(ctx, b)
}

// readPayload reads and verifies the hidden sheet of b.
func readPayload(ctx context.Context, b *xlsxread.Book) (*payload.Payload, error) {
	sh, ok := b.Sheet(payload.SheetName)
	if !ok {
		return nil, xlsxread.Errorf("tệp không do WardLedger xuất hoặc đã mất trang dữ liệu ẩn %s: không nhập được", payload.SheetName)
	}
	rd := payload.NewReader()
	err := b.EachRow(ctx, sh, func(n int, cells []xlsxread.Cell) error {
		return rd.Row(n, columns(cells))
	})
	if err != nil {
		return nil, err
	}
	return rd.Finish()
}

// columns lays a payload row's cells out by column; cells beyond the
// payload's widest record are ignored.
func columns(cells []xlsxread.Cell) []string {
	last := -1
	for _, c := range cells {
		if c.Col < payload.Columns && c.Col > last {
			last = c.Col
		}
	}
	if last < 0 {
		return nil
	}
	out := make([]string, last+1)
	for _, c := range cells {
		if c.Col <= last {
			out[c.Col] = c.Text
		}
	}
	return out
}
