package xlsx

import (
	"context"
	"fmt"

	"wardledger/ledger"
	"wardledger/ledger/payload"
)

// Sheet names of the workbooks.
const (
	SheetB01      = "B01-BCQT"
	SheetF01      = "F01-01"
	SheetRegister = "So-chi-tiet"
	SheetAlloc    = "Du-toan"
	SheetChart    = "Bieu-do"
)

// entryPage is how many entries are read at a time.
const entryPage = 5000

// buildSettlement builds one subordinate unit's settlement workbook.
func buildSettlement(ctx context.Context, src Source, r Request) (*book, error) {
	const op = "xlsx.Settlement"
	unit, err := subordinateUnit(ctx, src, r, op,
		"quyết toán xuất cho đơn vị trực thuộc; đơn vị cấp trên dùng báo cáo tổng hợp (the superior unit has no settlement of its own)")
	if err != nil {
		return nil, err
	}
	filter := ledger.EntryFilter{Unit: unit.Code, Period: r.Period}
	count, err := src.CountEntries(ctx, filter)
	if err != nil {
		return nil, err
	}
	if count == 0 {
		return nil, &ledger.Error{Kind: ledger.KindNotFound, Op: op, Field: "period", Msg: fmt.Sprintf(
			"%s không có bút toán nào trong %s (kỳ %s): không có gì để xuất (no entries in this period)", unit.Name, r.Period.Label(), r.Period)}
	}
	b, err := openBook(ctx, src, r, 2*count+4, SheetB01, SheetF01, SheetRegister, PayloadSheet)
	if err != nil {
		return nil, err
	}
	if err := b.settlement(ctx, src, unit, filter, count); err != nil {
		b.close()
		return nil, err
	}
	return b, nil
}

func (b *book) settlement(ctx context.Context, src Source, unit ledger.Unit, filter ledger.EntryFilter, count int) error {
	p := filter.Period
	status, err := src.PeriodStatus(ctx, unit.Code, p)
	if err != nil {
		return err
	}
	cat, err := src.Catalogue(ctx)
	if err != nil {
		return err
	}
	totals, err := src.Totals(ctx, unit.Code, p)
	if err != nil {
		return err
	}
	entries, err := b.loadEntries(ctx, src, filter, count)
	if err != nil {
		return err
	}
	form := src.Form()
	st, err := form.BuildStatement(unit.Code, p, totals)
	if err != nil {
		return err
	}
	detail, err := ledger.SpendingDetail(cat, totals)
	if err != nil {
		return err
	}
	cols := make([]amountCol, len(st.Khoans))
	for i, k := range st.Khoans {
		label := "Khoản " + k
		if loai := ledger.LoaiOf(cat, k); loai != "" {
			label = "Loại " + loai + "\nKhoản " + k
		}
		cols[i] = amountCol{head: colHeader{label: label, group: "Chi tiết theo Loại, Khoản"}, rows: st.ByKhoan[k]}
	}
	pl := b.payload(unit, p)
	pl.Status, pl.Entries = status, entries
	return b.alongsidePayload(ctx, pl, func() error {
		if _, err := b.writeB01(SheetB01, b01Head(form, unit, p), form, st.Total, cols); err != nil {
			return err
		}
		b.step(1)
		if err := b.writeF01(SheetF01, f01Head(unit, p), detail,
			[]detailCol{{head: colHeader{label: "Kinh phí đề nghị quyết toán"}, amounts: amountsOf(detail)}}, false); err != nil {
			return err
		}
		b.step(1)
		return b.writeRegister(ctx, SheetRegister, unit, p, entries, cat, b.step)
	})
}

// subordinateUnit checks the period and the unit of a request for a
// workbook about one subordinate unit and returns the unit; why says why
// the superior unit itself is refused.
func subordinateUnit(ctx context.Context, src Source, r Request, op, why string) (ledger.Unit, error) {
	if r.Period.IsZero() {
		return ledger.Unit{}, ledger.FieldErrorf("period", op, "chưa chọn kỳ báo cáo")
	}
	if r.Unit == "" {
		return ledger.Unit{}, ledger.FieldErrorf("unit", op, "chưa chọn đơn vị")
	}
	unit, err := src.FindUnit(ctx, r.Unit)
	if ledger.ErrorKind(err) == ledger.KindNotFound {
		return ledger.Unit{}, &ledger.Error{Kind: ledger.KindNotFound, Op: op, Field: "unit",
			Msg: fmt.Sprintf("không có đơn vị mã %s trong sổ (unknown unit %s)", r.Unit, r.Unit)}
	}
	if err != nil {
		return ledger.Unit{}, err
	}
	if unit.Superior {
		return ledger.Unit{}, &ledger.Error{Kind: ledger.KindInvalid, Op: op, Field: "unit", Msg: unit.Name + " là đơn vị cấp trên: " + why}
	}
	return unit, nil
}

// openBook reads what every workbook prints (superior unit, signers) and
// starts a workbook whose export takes total steps.
func openBook(ctx context.Context, src Source, r Request, total int, sheets ...string) (*book, error) {
	superior, err := src.Superior(ctx)
	if err != nil {
		return nil, err
	}
	sg, err := loadSigners(ctx, src)
	if err != nil {
		return nil, err
	}
	b, err := newBook(r, superior, sg, sheets...)
	if err != nil {
		return nil, err
	}
	b.total = total
	r.progress(0, total)
	return b, nil
}

// step reports n more steps done.
func (b *book) step(n int) {
	b.done = min(b.done+n, b.total)
	b.req.progress(b.done, b.total)
}

// loadEntries reads the entries of filter page by page, in register order.
func (b *book) loadEntries(ctx context.Context, src Source, filter ledger.EntryFilter, count int) ([]*ledger.Entry, error) {
	out := make([]*ledger.Entry, 0, count)
	filter.Limit = entryPage
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		filter.Offset = len(out)
		page, err := src.Entries(ctx, filter)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		b.step(len(page))
		if len(page) < entryPage {
			return out, nil
		}
	}
}

// payload starts the payload of this workbook.
func (b *book) payload(unit ledger.Unit, p ledger.Period) *payload.Payload {
	return &payload.Payload{Format: payload.FormatVersion, AppVersion: b.req.appVersion(), Kind: b.req.Kind, Superior: b.superior,
		Unit: unit, Period: p, ExportedAt: b.date}
}

func b01Head(form *ledger.Form, unit ledger.Unit, p ledger.Period) reportHead {
	return reportHead{unit: unit, form: "Mẫu số " + form.Name, circular: form.Circular, title: form.Title, period: p}
}

func f01Head(unit ledger.Unit, p ledger.Period) reportHead {
	return reportHead{unit: unit, form: "Mẫu số " + formF01, circular: circular107,
		title: "BÁO CÁO CHI TIẾT CHI TỪ NGUỒN NGÂN SÁCH NHÀ NƯỚC", period: p}
}
