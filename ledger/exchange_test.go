package ledger_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"wardledger/ledger"
)

func TestWorkbookFileNames(t *testing.T) {
	p := ledger.MustPeriod("2026-H1")
	for _, c := range []struct {
		kind ledger.WorkbookKind
		unit string
		p    ledger.Period
		want string
	}{
		{ledger.WorkbookSettlement, "1000002", p, "QT_1000002_2026-H1.xlsx"},
		{ledger.WorkbookDistrict, "", p, "THQT_1000001_2026-H1.xlsx"},
		{ledger.WorkbookAllocation, "", p.Next(), "DT_1000001_2026-H2.xlsx"},
		{ledger.WorkbookReview, "1000002", p, "XD_1000002_2026-H1.xlsx"},
		{ledger.WorkbookAnnex, "1000003", p.Next(), "PLDT_1000003_2026-H2.xlsx"},
	} {
		if got := c.kind.FileName(c.unit, c.p, "1000001"); got != c.want {
			t.Errorf("%s.FileName = %s, want %s", c.kind, got, c.want)
		}
	}
	for _, s := range []string{"settlement", " District ", "ALLOCATION", "review", "annex"} {
		if _, err := ledger.ParseWorkbookKind(s); err != nil {
			t.Errorf("ParseWorkbookKind(%q): %v", s, err)
		}
	}
	if _, err := ledger.ParseWorkbookKind("budget"); ledger.ErrorField(err) != "kind" {
		t.Errorf("ParseWorkbookKind(budget) = %v", err)
	}
}

// importTarget is a receiving ledger for DecideImport: a district with one
// ward, whose settlement review is finished when finished is set.
type importTarget struct {
	form     *ledger.Form
	finished bool
	have     []*ledger.Entry
	prev     []ledger.Total // the stored sums of the period before
	role     ledger.LedgerRole
	pins     map[string]ledger.PinnedKey
	cat      *ledger.Catalogue
	recorded [][]*ledger.Entry // what each ImportEntries call was given
	refuse   func(es []*ledger.Entry) error
}

var (
	district = ledger.Unit{Code: "1000001", Name: "UBND quận Một", Chapter: "599", Superior: true}
	ward     = ledger.Unit{Code: "1000002", Name: "UBND phường Một", Chapter: "599"}
)

func (t *importTarget) Superior(context.Context) (ledger.Unit, error) { return district, nil }
func (t *importTarget) FindUnit(_ context.Context, code string) (ledger.Unit, error) {
	switch code {
	case ward.Code:
		return ward, nil
	case district.Code:
		return district, nil
	}
	return ledger.Unit{}, &ledger.Error{Kind: ledger.KindNotFound, Op: "test", Field: "unit", Msg: "không có " + code}
}
func (t *importTarget) ImportEntries(_ context.Context, im *ledger.Import, es []*ledger.Entry) error {
	t.recorded = append(t.recorded, es)
	if t.refuse != nil {
		return t.refuse(es)
	}
	im.Added = len(es)
	return nil
}
func (t *importTarget) Form() *ledger.Form { return t.form }
func (t *importTarget) Review(_ context.Context, unit string, p ledger.Period) (*ledger.Review, error) {
	st := ledger.ReviewImported
	if t.finished {
		st = ledger.ReviewFinished
	}
	return &ledger.Review{Unit: unit, Period: p, State: st}, nil
}
func (t *importTarget) Entries(_ context.Context, f ledger.EntryFilter) ([]*ledger.Entry, error) {
	var out []*ledger.Entry
	for _, e := range t.have {
		if len(f.Kinds) == 0 || slices.Contains(f.Kinds, e.Kind) {
			out = append(out, e)
		}
	}
	return out, nil
}
func (t *importTarget) Totals(_ context.Context, _ string, p ledger.Period) ([]ledger.Total, error) {
	return t.prev, nil
}
func (t *importTarget) Role(context.Context) (ledger.LedgerRole, error) { return t.role, nil }
func (t *importTarget) PinnedKey(_ context.Context, unit string) (ledger.PinnedKey, bool, error) {
	k, ok := t.pins[unit]
	return k, ok, nil
}
func (t *importTarget) Catalogue(context.Context) (*ledger.Catalogue, error) {
	if t.cat == nil {
		return ledger.NewCatalogue([]ledger.Code{{Level: ledger.LevelLoai, Code: "340", Name: "Hành chính"},
			{Level: ledger.LevelKhoan, Code: "341", Name: "Quản lý nhà nước", Parent: "340"},
			{Level: ledger.LevelMuc, Code: "6000", Name: "Tiền lương"},
			{Level: ledger.LevelTieuMuc, Code: "6001", Name: "Lương", Parent: "6000"}}), nil
	}
	return t.cat, nil
}

// incoming is a ward's closed settlement: an allocation, a withdrawal, a
// spending and its reversal, ids minted a millisecond apart.
func incoming() *ledger.Incoming {
	p := ledger.MustPeriod("2026-H1")
	at := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	mk := func(i int, kind ledger.EntryKind, amount ledger.Money) *ledger.Entry {
		e := &ledger.Entry{ID: ledger.NewID(at.Add(time.Duration(i) * time.Millisecond)), Unit: ward.Code, Period: p, Kind: kind,
			Nature: ledger.TX, Khoan: "341", Amount: amount, Doc: "1", Date: ledger.NewDate(2026, 3, 1)}
		if kind == ledger.EntrySpending {
			e.TieuMuc = "6001"
		}
		return e
	}
	es := []*ledger.Entry{mk(0, ledger.EntryAllocation, 100), mk(1, ledger.EntryWithdrawal, 60), mk(2, ledger.EntrySpending, 50)}
	rev := es[2].Reversal()
	rev.ID, rev.Doc, rev.Date = ledger.NewID(at.Add(3*time.Millisecond)), "1", es[2].Date
	es = append(es, &rev)
	return &ledger.Incoming{Kind: ledger.WorkbookSettlement, Superior: district, Unit: ward, Period: p,
		Status: ledger.PeriodClosed, Entries: es, File: "QT_1000002_2026-H1.xlsx", Checksum: "ab"}
}

func TestDecideImport(t *testing.T) {
	ctx := context.Background()
	tg := &importTarget{form: mustForm(t)}
	in := incoming()
	// The payload lists the reversal first: the order recorded comes back.
	in.Entries[0], in.Entries[3] = in.Entries[3], in.Entries[0]
	pi, err := ledger.DecideImport(ctx, tg, ledger.WorkbookSettlement, in, ledger.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Unsigned (a file of format 1), and an allocation this ledger did not
	// issue: imported, two findings.
	if kinds := findingKinds(pi.Import); !slices.Equal(kinds, []ledger.FindingKind{ledger.FindingUnsigned, ledger.FindingNotIssued}) || len(pi.Import.Warnings) != 2 ||
		pi.Import.Unit != ward.Code || pi.Import.File != in.File || pi.Import.SHA256 != "ab" || pi.Import.Via != ledger.ViaImport {
		t.Errorf("import %+v", pi.Import)
	}
	for i, e := range pi.Entries {
		if want := []ledger.EntryKind{ledger.EntryAllocation, ledger.EntryWithdrawal, ledger.EntrySpending, ledger.EntrySpending}[i]; e.Kind != want || (i == 3) != e.IsReversal() {
			t.Errorf("entry %d: %s reversal %v", i, e.Kind, e.IsReversal())
		}
	}

	// Warnings: another name, a period still open (and unsigned).
	in = incoming()
	in.Unit.Name, in.Status = "Phường Một", ledger.PeriodOpen
	pi, err = ledger.DecideImport(ctx, tg, ledger.WorkbookSettlement, in, ledger.ImportOptions{})
	if err != nil || len(pi.Import.Warnings) != 4 {
		t.Fatalf("warnings %v, %v", pi, err)
	}

	refusals := []struct {
		name   string
		want   ledger.WorkbookKind
		change func(in *ledger.Incoming)
		kind   ledger.Kind
		field  string
		says   string
	}{
		{"wrong kind", ledger.WorkbookSettlement, func(in *ledger.Incoming) { in.Kind = ledger.WorkbookAnnex }, ledger.KindInvalid, "", "import allocation"},
		{"unknown unit", ledger.WorkbookSettlement, func(in *ledger.Incoming) { in.Unit.Code = "1000007"; setUnit(in, "1000007") }, ledger.KindNotFound, "unit", "sổ chưa có đơn vị"},
		{"the superior itself", ledger.WorkbookSettlement, func(in *ledger.Incoming) { setUnit(in, district.Code) }, ledger.KindInvalid, "", "đơn vị cấp trên"},
		{"another unit's entry", ledger.WorkbookSettlement, func(in *ledger.Incoming) { in.Entries[1].Unit = "1000003" }, ledger.KindInvalid, "", "thuộc đơn vị 1000003"},
		{"another period's entry", ledger.WorkbookSettlement, func(in *ledger.Incoming) { in.Entries[1].Period = in.Period.Next() }, ledger.KindInvalid, "", "kỳ 2026-H2"},
		{"twice the same id", ledger.WorkbookSettlement, func(in *ledger.Incoming) { in.Entries[1].ID = in.Entries[0].ID }, ledger.KindInvalid, "", "lặp lại"},
		{"no id", ledger.WorkbookSettlement, func(in *ledger.Incoming) { in.Entries[1].ID = "" }, ledger.KindInvalid, "", "không có mã"},
		{"reversal of nothing", ledger.WorkbookSettlement, func(in *ledger.Incoming) { in.Entries = in.Entries[3:] }, ledger.KindInvalid, "", "không có trong tệp"},
		{"annex with spending", ledger.WorkbookAnnex, func(in *ledger.Incoming) { in.Kind = ledger.WorkbookAnnex }, ledger.KindInvalid, "", "không phải giao hay điều chỉnh"},
		{"annex from another district", ledger.WorkbookAnnex, func(in *ledger.Incoming) {
			in.Kind, in.Entries, in.Superior.Code = ledger.WorkbookAnnex, in.Entries[:1], "1000009"
		}, ledger.KindInvalid, "superior", "đơn vị cấp trên của sổ này là"},
		{"settlement to another district", ledger.WorkbookSettlement, func(in *ledger.Incoming) { in.Superior.Code = "1000009" },
			ledger.KindInvalid, "superior", "1000009"},
	}
	for _, c := range refusals {
		in := incoming()
		c.change(in)
		_, err := ledger.DecideImport(ctx, tg, c.want, in, ledger.ImportOptions{})
		if ledger.ErrorKind(err) != c.kind || ledger.ErrorField(err) != c.field || err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v (kind %v, field %q), want %v on %q saying %q", c.name, err, ledger.ErrorKind(err), ledger.ErrorField(err), c.kind, c.field, c.says)
		}
	}
	res := ledger.ImportResult{Unit: ward, Err: &ledger.Error{Kind: ledger.KindNotFound, Field: "unit"}}
	if u, ok := res.UnknownUnit(); !ok || u != ward {
		t.Errorf("UnknownUnit = %+v %v", u, ok)
	}
	res.Err = ledger.Errorf(ledger.KindInvalid, "test", "damaged")
	if _, ok := res.UnknownUnit(); ok {
		t.Error("a damaged file taken for an unknown unit")
	}
}

func findingKinds(im *ledger.Import) []ledger.FindingKind {
	var out []ledger.FindingKind
	for _, f := range im.Findings {
		out = append(out, f.Kind)
	}
	return out
}

// setUnit makes in a workbook of another unit, its entries included.
func setUnit(in *ledger.Incoming, code string) {
	in.Unit.Code = code
	for _, e := range in.Entries {
		e.Unit = code
	}
}

// TestReviewLock: once the review of the ward's settlement is finished, a
// workbook that would add entries is refused as locked; one that adds
// nothing passes.
func TestReviewLock(t *testing.T) {
	ctx := context.Background()
	in := incoming()
	tg := &importTarget{form: mustForm(t), finished: true, have: in.Entries[:3]}
	if _, err := ledger.DecideImport(ctx, tg, ledger.WorkbookSettlement, in, ledger.ImportOptions{}); ledger.ErrorKind(err) != ledger.KindLocked {
		t.Errorf("new entry into a finished review: %v", err)
	}
	tg.have = in.Entries
	if _, err := ledger.DecideImport(ctx, tg, ledger.WorkbookSettlement, in, ledger.ImportOptions{}); err != nil {
		t.Errorf("nothing new into a finished review: %v", err)
	}
}

// TestRecordRetriesInRuleOrder: a PC clock set back put a withdrawal
// before the allocation that funds it; the store refuses the recorded
// order at that entry, and the import is recorded in an order the rules
// accept.
func TestRecordRetriesInRuleOrder(t *testing.T) {
	ctx := context.Background()
	form := mustForm(t)
	in := incoming()
	in.Entries[0].ID, in.Entries[1].ID = in.Entries[1].ID, in.Entries[0].ID // the withdrawal "first"
	tg := &importTarget{form: form}
	tg.refuse = func(es []*ledger.Entry) error {
		sums := map[ledger.Line]ledger.Sums{}
		for i, e := range es {
			if sums[e.Line()] == nil {
				sums[e.Line()] = ledger.Sums{}
			}
			if err := form.CheckEntry(sums[e.Line()], e); err != nil {
				return ledger.AtItem(i+1, "bút toán", err)
			}
			sums[e.Line()][e.Kind] += e.Amount
		}
		return nil
	}
	pi, err := ledger.DecideImport(ctx, tg, ledger.WorkbookSettlement, in, ledger.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if pi.Entries[0].Kind != ledger.EntryWithdrawal {
		t.Fatalf("recorded order starts with %s", pi.Entries[0].Kind)
	}
	if _, err := pi.Record(ctx, tg); err != nil {
		t.Fatal(err)
	}
	if len(tg.recorded) != 2 || tg.recorded[1][0].Kind != ledger.EntryAllocation {
		t.Errorf("tried %d orders", len(tg.recorded))
	}
}
