package xlsx

import (
	"context"
	"fmt"

	"wardledger/ledger"
	"wardledger/ledger/payload"
)

// unitData is what the superior's workbooks show of one subordinate unit.
type unitData struct {
	unit   ledger.Unit
	status ledger.PeriodStatus
	totals []ledger.Total
}

// loadUnits reads the stored totals of every subordinate unit for the
// period, one step per unit; it fails when no unit has any of the kinds
// wanted (all kinds when none are given).
func (b *book) loadUnits(ctx context.Context, src Source, units []ledger.Unit, p ledger.Period, kinds ...ledger.EntryKind) ([]unitData, error) {
	out := make([]unitData, len(units))
	found := false
	all, err := src.PeriodUnits(ctx, p)
	if err != nil {
		return nil, err
	}
	for i, u := range units {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		totals, status := all[u.Code].Totals, all[u.Code].Status
		out[i] = unitData{unit: u, status: status, totals: totals}
		for _, t := range totals {
			found = found || len(kinds) == 0 || hasKind(kinds, t.Kind)
		}
		b.step(1)
	}
	if !found {
		what := "bút toán nào"
		if len(kinds) > 0 {
			what = "dự toán được giao"
		}
		return nil, &ledger.Error{Kind: ledger.KindNotFound, Op: "xlsx." + string(b.req.Kind), Field: "period", Msg: fmt.Sprintf(
			"không đơn vị trực thuộc nào có %s trong %s (kỳ %s): không có gì để xuất", what, p.Name(), p)}
	}
	return out, nil
}

func hasKind(kinds []ledger.EntryKind, k ledger.EntryKind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// subordinates lists the subordinate units, refusing a ledger without any.
func subordinates(ctx context.Context, src Source, op string) ([]ledger.Unit, error) {
	units, err := src.Units(ctx)
	if err != nil {
		return nil, err
	}
	if len(units) == 0 {
		return nil, ledger.Errorf(ledger.KindNotFound, op, "sổ chưa có đơn vị trực thuộc nào")
	}
	return units, nil
}

// buildDistrict builds the superior unit's consolidation of one period:
// B01 by unit, F01-01 by unit, the allocation table, the execution chart
// and the payload of every unit's stored totals.
//
// Once any unit's settlement is under review, the approved figures follow
// the reported ones: an approved B01 by unit (units not yet reviewed at
// their reported figures) and a sheet setting reported and approved side
// by side for the figures a reviewer decides on.
func buildDistrict(ctx context.Context, src Source, r Request) (*book, error) {
	var reviews map[string]*ledger.Review
	sheets := []string{SheetB01, SheetF01, SheetAlloc, SheetChart, PayloadSheet}
	if !r.Period.IsZero() {
		var err error
		if reviews, err = loadReviews(ctx, src, r.Period); err != nil {
			return nil, err
		}
		if len(reviews) > 0 {
			sheets = []string{SheetB01, SheetApproved, SheetCompare, SheetF01, SheetAlloc, SheetChart, PayloadSheet}
		}
	}
	fill := func(b *book, ctx context.Context, src Source, units []ledger.Unit) error {
		return b.district(ctx, src, units, reviews)
	}
	return buildSuperior(ctx, src, r, 6+2*min(len(reviews), 1), fill, sheets...)
}

// loadReviews reads the review of every subordinate unit for p and keeps
// those begun (draft or finished).
func loadReviews(ctx context.Context, src Source, p ledger.Period) (map[string]*ledger.Review, error) {
	all, err := src.Reviews(ctx, p)
	if err != nil {
		return nil, err
	}
	for code, r := range all {
		if r.State != ledger.ReviewDraft && r.State != ledger.ReviewFinished {
			delete(all, code)
		}
	}
	return all, nil
}

// buildSuperior builds a workbook of the superior unit over every
// subordinate unit: fill writes its sheets in steps more steps than one
// per unit.
func buildSuperior(ctx context.Context, src Source, r Request, steps int,
	fill func(*book, context.Context, Source, []ledger.Unit) error, sheets ...string) (*book, error) {
	op := "xlsx." + string(r.Kind)
	if r.Period.IsZero() {
		return nil, ledger.FieldErrorf("period", op, "chưa chọn kỳ báo cáo")
	}
	units, err := subordinates(ctx, src, op)
	if err != nil {
		return nil, err
	}
	b, err := openBook(ctx, src, r, len(units)+steps, sheets...)
	if err != nil {
		return nil, err
	}
	if err := fill(b, ctx, src, units); err != nil {
		b.close()
		return nil, err
	}
	return b, nil
}

func (b *book) district(ctx context.Context, src Source, units []ledger.Unit, reviews map[string]*ledger.Review) error {
	data, err := b.loadUnits(ctx, src, units, b.req.Period)
	if err != nil {
		return err
	}
	cat, err := src.Catalogue(ctx)
	if err != nil {
		return err
	}
	return b.alongsideUnitTotals(ctx, data, nil, func() error {
		return b.districtSheets(data, cat, src.Form().ForPeriod(b.req.Period), reviews)
	})
}

// districtSheets writes the visible sheets of the consolidation.
func (b *book) districtSheets(data []unitData, cat *ledger.Catalogue, form *ledger.Form, reviews map[string]*ledger.Review) error {
	p := b.req.Period
	var all []ledger.Total
	b01Cols := make([]amountCol, len(data))
	f01Cols := make([]detailCol, len(data))
	statements := make([]*ledger.Statement, len(data))
	for i, d := range data {
		all = append(all, d.totals...)
		var err error
		if statements[i], err = form.BuildStatement(d.unit.Code, p, d.totals); err != nil {
			return err
		}
		detail, err := ledger.SpendingDetail(cat, d.totals)
		if err != nil {
			return err
		}
		head := unitHead(d.unit)
		b01Cols[i] = amountCol{head: head, rows: statements[i].Total}
		f01Cols[i] = detailCol{head: head, amounts: amountsOf(detail)}
	}
	total, err := form.BuildStatement(ledger.AllUnits, p, all)
	if err != nil {
		return err
	}
	allDetail, err := ledger.SpendingDetail(cat, all)
	if err != nil {
		return err
	}
	h := reportHead{unit: b.superior, form: "Biểu tổng hợp theo mẫu " + form.Name, circular: b.circular,
		title: "TỔNG HỢP " + form.Title + "\nCỦA CÁC ĐƠN VỊ TRỰC THUỘC", period: p}
	lay, err := b.writeB01(SheetB01, h, form, total.Total, unitGroups(b01Cols))
	if err != nil {
		return err
	}
	b.step(1)
	if len(reviews) > 0 {
		if err := b.writeApproved(data, statements, reviews, form, h, lay); err != nil {
			return err
		}
	}
	h.form, h.title = "Biểu tổng hợp theo mẫu "+formF01, "TỔNG HỢP CHI TIẾT CHI TỪ NGUỒN NSNN VÀ NGUỒN PHÍ ĐƯỢC KHẤU TRỪ, ĐỂ LẠI\nCỦA CÁC ĐƠN VỊ TRỰC THUỘC"
	if err := b.writeF01(SheetF01, h, allDetail, f01Cols, true); err != nil {
		return err
	}
	b.step(1)
	if err := b.writeAllocation(SheetAlloc, allocHead(b.superior, p), data, cat); err != nil {
		return err
	}
	b.step(1)
	if err := b.writeExecution(SheetChart, data, statements, form, lay); err != nil {
		return err
	}
	b.step(1)
	return nil
}

// unitGroups puts the units' columns of a consolidated B01 under one
// heading.
func unitGroups(cols []amountCol) []b01Group {
	return []b01Group{{label: "CHI TIẾT THEO ĐƠN VỊ TRỰC THUỘC", cols: cols}}
}

// unitHead is the column header of a subordinate unit: its name and code.
func unitHead(u ledger.Unit) colHeader {
	return colHeader{label: u.Name + "\n(" + u.Code + ")", group: "Chi tiết theo đơn vị trực thuộc"}
}

// alongsideUnitTotals writes the payload of a superior unit's workbook,
// the units' stored totals of the kinds given (all when nil), while fn
// writes the visible sheets.
func (b *book) alongsideUnitTotals(ctx context.Context, data []unitData, kinds []ledger.EntryKind, fn func() error) error {
	pl := b.payload(ledger.Unit{}, b.req.Period)
	pl.Totals = unitTotals(data, kinds)
	return b.alongsidePayload(ctx, pl, fn)
}

// unitTotals flattens the units' totals for the payload, keeping only the
// kinds given (all when nil).
func unitTotals(data []unitData, kinds []ledger.EntryKind) []payload.UnitTotal {
	var out []payload.UnitTotal
	for _, d := range data {
		for _, t := range d.totals {
			if kinds == nil || hasKind(kinds, t.Kind) {
				out = append(out, payload.UnitTotal{Unit: d.unit.Code, Total: t})
			}
		}
	}
	return out
}

// allocKinds are the entries that make the estimate allocated in a period
// (rows 09/10 of B01/BCQT).
var allocKinds = []ledger.EntryKind{ledger.EntryAllocation, ledger.EntryAdjustment}

// buildAllocation builds the table of estimates allocated to every
// subordinate unit for one period.
func buildAllocation(ctx context.Context, src Source, r Request) (*book, error) {
	return buildSuperior(ctx, src, r, 3, (*book).allocation, SheetAlloc, PayloadSheet)
}

func (b *book) allocation(ctx context.Context, src Source, units []ledger.Unit) error {
	p := b.req.Period
	data, err := b.loadUnits(ctx, src, units, p, allocKinds...)
	if err != nil {
		return err
	}
	cat, err := src.Catalogue(ctx)
	if err != nil {
		return err
	}
	return b.alongsideUnitTotals(ctx, data, allocKinds, func() error {
		if err := b.writeAllocation(SheetAlloc, allocHead(b.superior, p), data, cat); err != nil {
			return err
		}
		b.step(1)
		return nil
	})
}

func allocHead(superior ledger.Unit, p ledger.Period) reportHead {
	return reportHead{unit: superior, title: "BẢNG GIAO DỰ TOÁN NGÂN SÁCH\nCHO CÁC ĐƠN VỊ TRỰC THUỘC", period: p}
}
