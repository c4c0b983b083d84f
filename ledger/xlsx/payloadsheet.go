package xlsx

import (
	"context"

	"github.com/xuri/excelize/v2"

	"wardledger/ledger/payload"
)

// PayloadSheet is the hidden sheet every workbook carries its payload in.
const PayloadSheet = payload.SheetName

// alongsidePayload writes p to the hidden sheet while fn writes the
// visible ones, and sets p.Checksum. The payload goes in a goroutine of
// its own: its stream is opened first, and from then on it touches
// nothing the visible sheets use, so a large ledger's entries are encoded
// on one core while its register is written on the other. It returns
// when both are done, with the first error.
func (b *book) alongsidePayload(ctx context.Context, p *payload.Payload, fn func() error) error {
	s, err := b.newSheet(PayloadSheet, sheetSetup{widths: []float64{10, 40, 20}, hidden: true})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		n, err := s.writePayloadRows(ctx, p)
		b.records = n
		done <- err
	}()
	err = fn()
	if err != nil {
		cancel()
	}
	if perr := <-done; err == nil {
		err = perr
	}
	if err != nil {
		return err
	}
	if err := s.flush(); err != nil {
		return err
	}
	b.step(1)
	return nil
}

// writePayloadRows writes the rows of p, its checksum last, as text
// cells, and returns how many.
func (s *sheet) writePayloadRows(ctx context.Context, p *payload.Payload) (int, error) {
	var err error
	cells := make([]any, 0, payload.Columns)
	n := 0
	p.Rows(func(rec []string) {
		if err != nil {
			return
		}
		if n++; n%2048 == 0 {
			if err = ctx.Err(); err != nil {
				return
			}
		}
		cells = cells[:0]
		for _, v := range rec {
			cells = append(cells, v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if e := s.sw.SetRow(cell, cells); e != nil {
			err = internal(e)
		}
	})
	return n, err
}
