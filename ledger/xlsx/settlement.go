package xlsx

import (
	"context"
	"fmt"
	"sort"
	"strings"

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
		"quyết toán xuất cho đơn vị trực thuộc; đơn vị cấp trên dùng báo cáo tổng hợp")
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
			"%s không có bút toán nào trong %s (kỳ %s): không có gì để xuất", unit.Name, r.Period.Name(), r.Period)}
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
	form := src.Form().ForPeriod(p)
	st, err := form.BuildStatement(unit.Code, p, totals)
	if err != nil {
		return err
	}
	head := b01Head(form, unit, p, b.circular)
	if b.req.Approved {
		if st, head, err = remade(ctx, src, form, st, head); err != nil {
			return err
		}
	}
	detail, err := ledger.SpendingDetail(cat, totals)
	if err != nil {
		return err
	}
	groups := khoanGroups(cat, st)
	pl := b.payload(unit, p)
	pl.Status, pl.Entries, pl.Codes = status, entries, payloadCodes(cat, entries)
	return b.alongsidePayload(ctx, pl, func() error {
		if _, err := b.writeB01(SheetB01, head, form, st.Total, groups); err != nil {
			return err
		}
		b.step(1)
		if err := b.writeF01(SheetF01, f01Head(unit, p, b.circular), detail, sourceCols(amountsOf(detail)), true); err != nil {
			return err
		}
		b.step(1)
		return b.writeRegister(ctx, SheetRegister, unit, p, entries, cat, b.step)
	})
}

// remade is the B01 a unit re-makes after the superior's notice ("lập lại
// theo Thông báo xét duyệt"): the approved figures of the notice its
// ledger received, in place of its own.
func remade(ctx context.Context, src Source, form *ledger.Form, st *ledger.Statement, head reportHead) (*ledger.Statement, reportHead, error) {
	n, err := src.Notice(ctx, st.Unit, st.Period)
	if err != nil {
		return nil, head, err
	}
	if n == nil {
		return nil, head, &ledger.Error{Kind: ledger.KindNotFound, Op: "xlsx.Settlement", Field: "approved", Msg: fmt.Sprintf(
			"sổ chưa nhận thông báo xét duyệt quyết toán %s của đơn vị %s: nhập tệp XD_… của cấp trên trước (wardctl import review)", st.Period.Name(), st.Unit)}
	}
	approved, err := form.ApprovedStatement(st, n.Figures)
	if err != nil {
		return nil, head, err
	}
	head.title += "\n(Lập lại theo Thông báo xét duyệt quyết toán " + n.Reference() + ")"
	return approved, head, nil
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
			Msg: fmt.Sprintf("không có đơn vị mã %s trong sổ", r.Unit)}
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
	signer, err := src.Signer(ctx)
	if err != nil {
		return nil, err
	}
	head, err := src.EntriesHead(ctx)
	if err != nil {
		return nil, err
	}
	circular, err := src.Setting(ctx, ledger.SettingFormCircular)
	if err != nil {
		return nil, err
	}
	if circular = strings.TrimSpace(circular); circular == "" {
		circular = src.Form().CircularFor(r.Period.Year)
	}
	b, err := newBook(r, superior, sg, sheets...)
	if err != nil {
		return nil, err
	}
	b.signer, b.head = signer, head
	b.circular = circular
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

// payload starts the payload of this workbook, signed by the ledger.
func (b *book) payload(unit ledger.Unit, p ledger.Period) *payload.Payload {
	return &payload.Payload{Format: payload.FormatVersion, AppVersion: b.req.appVersion(), Kind: b.req.Kind, Superior: b.superior,
		Unit: unit, Period: p, ExportedAt: b.date, Signer: b.signer, ChainHead: b.head}
}

// payloadCodes are the catalogue rows the payload carries: the Khoản and
// Tiểu mục the entries use, and their Loại and Mục, so that the receiving
// ledger can add those it lacks.
func payloadCodes(cat *ledger.Catalogue, entries []*ledger.Entry) []ledger.Code {
	type lc struct {
		level ledger.CodeLevel
		code  string
	}
	seen := map[lc]bool{}
	var out []ledger.Code
	var take func(level ledger.CodeLevel, code string)
	take = func(level ledger.CodeLevel, code string) {
		k := lc{level, code}
		if code == "" || seen[k] {
			return
		}
		seen[k] = true
		c, ok := cat.Lookup(level, code)
		if !ok {
			return
		}
		c.Source, c.Replacement = "", "" // this ledger's own bookkeeping
		out = append(out, c)
		if pl := level.ParentLevel(); pl != "" {
			take(pl, c.Parent)
		}
	}
	for _, e := range entries {
		take(ledger.LevelKhoan, e.Khoan)
		take(ledger.LevelTieuMuc, e.TieuMuc)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Level != out[j].Level {
			return out[i].Level < out[j].Level
		}
		return out[i].Code < out[j].Code
	})
	return out
}

func b01Head(form *ledger.Form, unit ledger.Unit, p ledger.Period, circular string) reportHead {
	return reportHead{unit: unit, form: "Mẫu số " + form.Name, circular: circular, title: form.Title, period: p}
}

func f01Head(unit ledger.Unit, p ledger.Period, circular string) reportHead {
	return reportHead{unit: unit, form: "Mẫu số " + formF01, circular: circular, title: titleF01, period: p}
}
