package ledger_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"wardledger/ledger"
)

func newSigner(t *testing.T) *ledger.Signer {
	t.Helper()
	s, err := ledger.GenerateSigner()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestCheckRole: a unit's ledger takes only its own unit's annexes and
// reviews, the superior's only settlements; a ledger of no role all.
func TestCheckRole(t *testing.T) {
	mk := func(kind ledger.WorkbookKind, unit string) *ledger.Incoming {
		return &ledger.Incoming{Kind: kind, Unit: ledger.Unit{Code: unit}}
	}
	own, other := ward.Code, "1000003"
	for _, c := range []struct {
		role ledger.LedgerRole
		in   *ledger.Incoming
		ok   bool
	}{
		{ledger.UnitRole(own), mk(ledger.WorkbookAnnex, own), true},
		{ledger.UnitRole(own), mk(ledger.WorkbookReview, own), true},
		{ledger.UnitRole(own), mk(ledger.WorkbookAnnex, other), false},
		{ledger.UnitRole(own), mk(ledger.WorkbookReview, other), false},
		{ledger.UnitRole(own), mk(ledger.WorkbookSettlement, own), false},
		{ledger.SuperiorRole(), mk(ledger.WorkbookSettlement, other), true},
		{ledger.SuperiorRole(), mk(ledger.WorkbookAnnex, own), false},
		{ledger.SuperiorRole(), mk(ledger.WorkbookReview, own), false},
		{ledger.LedgerRole{}, mk(ledger.WorkbookAnnex, other), true},
		{ledger.LedgerRole{}, mk(ledger.WorkbookSettlement, other), true},
	} {
		err := ledger.CheckRole(c.role, c.in)
		if (err == nil) != c.ok || err != nil && ledger.ErrorField(err) != "role" {
			t.Errorf("%s takes %s of %s: %v", c.role.Label(), c.in.Kind, c.in.Unit.Code, err)
		}
	}
}

// TestDecideKey: the first signed workbook of a unit pins its key; the
// same key passes; another key, or none once one is pinned, is refused
// unless accepted with a reason.
func TestDecideKey(t *testing.T) {
	ctx := context.Background()
	a, b := newSigner(t), newSigner(t)
	decide := func(tg *importTarget, signer *ledger.Signer, opt ledger.ImportOptions) (*ledger.Import, error) {
		in := incoming()
		if signer != nil {
			in.Signer = signer.Public()
		}
		pi, err := ledger.DecideImport(ctx, tg, ledger.WorkbookSettlement, in, opt)
		if err != nil {
			return nil, err
		}
		return pi.Import, nil
	}
	tg := &importTarget{form: mustForm(t), pins: map[string]ledger.PinnedKey{}}
	im, err := decide(tg, a, ledger.ImportOptions{})
	if err != nil || !im.PinKey || !slices.Contains(findingKinds(im), ledger.FindingNewKey) || !strings.Contains(im.Warnings[0], ledger.Fingerprint(a.Public())) {
		t.Fatalf("first key: %+v %v", im, err)
	}
	tg.pins[ward.Code] = ledger.PinnedKey{Unit: ward.Code, Key: a.Public(), PinnedAt: time.Now()}
	if im, err := decide(tg, a, ledger.ImportOptions{}); err != nil || im.PinKey || slices.Contains(findingKinds(im), ledger.FindingNewKey) {
		t.Errorf("same key: %+v %v", im, err)
	}
	for _, s := range []*ledger.Signer{b, nil} {
		_, err := decide(tg, s, ledger.ImportOptions{})
		if ledger.ErrorKind(err) != ledger.KindConflict || ledger.ErrorField(err) != "key" || !strings.Contains(err.Error(), ledger.Fingerprint(a.Public())) {
			t.Errorf("signer %v: %v", s != nil, err)
		}
		if _, err := decide(tg, s, ledger.ImportOptions{AcceptKey: true}); ledger.ErrorField(err) != "reason" {
			t.Errorf("accepted without a reason: %v", err)
		}
		im, err := decide(tg, s, ledger.ImportOptions{AcceptKey: true, Reason: "đơn vị cài lại máy"})
		want := ledger.FindingKeyChanged
		if s == nil {
			want = ledger.FindingUnsigned
		}
		if err != nil || im.PinKey != (s != nil) || im.KeyReason != "đơn vị cài lại máy" || !slices.Contains(findingKinds(im), want) {
			t.Errorf("accepted: %+v %v", im, err)
		}
	}
}

// wardEntry is an entry of the ward in 2026-H1 with a fresh id.
func wardEntry(kind ledger.EntryKind, amount ledger.Money) *ledger.Entry {
	e := &ledger.Entry{ID: ledger.NewID(time.Now()), Unit: ward.Code, Period: ledger.MustPeriod("2026-H1"), Kind: kind,
		Nature: ledger.TX, Khoan: "341", Amount: amount, Doc: "12/QĐ", Date: ledger.NewDate(2026, 1, 5)}
	if kind == ledger.EntrySpending {
		e.TieuMuc = "6001"
	}
	return e
}

// TestCheckIssued: once the superior issued allocations for a unit and
// period, a workbook must carry exactly those.
func TestCheckIssued(t *testing.T) {
	alloc, adj := wardEntry(ledger.EntryAllocation, 500), wardEntry(ledger.EntryAdjustment, -50)
	issued := []*ledger.Entry{alloc, adj}
	copyOf := func(e *ledger.Entry) *ledger.Entry { c := *e; return &c }
	spend := wardEntry(ledger.EntrySpending, 10)
	if p := ledger.CheckIssued(issued, []*ledger.Entry{copyOf(alloc), copyOf(adj), spend}); len(p) != 0 {
		t.Errorf("the same allocations: %v", p)
	}
	if p := ledger.CheckIssued(nil, []*ledger.Entry{wardEntry(ledger.EntryAllocation, 9)}); p != nil {
		t.Errorf("nothing issued: %v", p)
	}
	// The unit keyed the paper decision itself, then reversed its line
	// when the annex came: the pair changes nothing.
	keyed := wardEntry(ledger.EntryAllocation, 500)
	unkeyed := keyed.Reversal()
	unkeyed.ID, unkeyed.Doc, unkeyed.Date = ledger.NewID(time.Now()), keyed.Doc, keyed.Date
	if p := ledger.CheckIssued(issued, []*ledger.Entry{copyOf(alloc), copyOf(adj), keyed, &unkeyed}); len(p) != 0 {
		t.Errorf("a line keyed and reversed by the unit: %v", p)
	}
	more := copyOf(alloc)
	more.Amount = 5_000
	own := wardEntry(ledger.EntryAllocation, 7)
	rev := alloc.Reversal()
	rev.ID, rev.Doc, rev.Date = ledger.NewID(time.Now()), "x", alloc.Date
	for _, c := range []struct {
		name string
		in   []*ledger.Entry
		says string
	}{
		{"an amount changed", []*ledger.Entry{more, copyOf(adj)}, "số tiền 500 ≠ 5.000"},
		{"one the superior never issued", []*ledger.Entry{copyOf(alloc), copyOf(adj), own}, "không do sổ này giao"},
		{"one left out", []*ledger.Entry{copyOf(alloc)}, "thiếu bút toán " + adj.ID},
		{"the ward's reversal of it", []*ledger.Entry{copyOf(alloc), copyOf(adj), &rev}, "không được đảo"},
	} {
		p := ledger.CheckIssued(issued, c.in)
		if len(p) != 1 || !strings.Contains(p[0], c.says) {
			t.Errorf("%s: %q", c.name, p)
		}
	}
}

// TestCheckCarryIns: carry-ins must equal the carry-outs the ledger holds
// for the previous period, when it holds any.
func TestCheckCarryIns(t *testing.T) {
	in := wardEntry(ledger.EntryCarryInReceived, 100)
	prev := []ledger.Total{{Khoan: "341", Nature: ledger.TX, Kind: ledger.EntryCarryOutReceived, Amount: 100},
		{Khoan: "341", Nature: ledger.TX, Kind: ledger.EntrySpending, TieuMuc: "6001", Amount: 900}}
	for _, c := range []struct {
		name string
		prev []ledger.Total
		in   []*ledger.Entry
		n    int
	}{
		{"equal", prev, []*ledger.Entry{in}, 0},
		{"none held", prev[1:], []*ledger.Entry{wardEntry(ledger.EntryCarryInEstimate, 5)}, 0},
		{"forged", prev, []*ledger.Entry{in, wardEntry(ledger.EntryCarryInReceived, 1)}, 1},
		{"another kind", prev, []*ledger.Entry{wardEntry(ledger.EntryCarryInEstimate, 100)}, 2},
		{"left out", prev, nil, 1},
	} {
		p, err := ledger.CheckCarryIns(c.prev, c.in)
		if err != nil || len(p) != c.n {
			t.Errorf("%s: %q %v", c.name, p, err)
		}
	}
}

// TestCheckIssuedIn: a year's workbook is checked half by half: a half
// this ledger allocated nothing for brings its allocations freely, one it
// allocated must bring exactly those.
func TestCheckIssuedIn(t *testing.T) {
	y, h2 := ledger.YearPeriod(2026), ledger.MustPeriod("2026-H2")
	copyOf := func(e *ledger.Entry) *ledger.Entry { c := *e; return &c }
	ours := wardEntry(ledger.EntryAllocation, 500) // 2026-H1
	theirs := wardEntry(ledger.EntryAllocation, 70)
	theirs.Period = h2
	if p := ledger.CheckIssuedIn(y, []*ledger.Entry{ours}, []*ledger.Entry{copyOf(ours), theirs}); len(p) != 0 {
		t.Errorf("H2 allocated by the unit: %q", p)
	}
	if p := ledger.CheckIssuedIn(h2, []*ledger.Entry{ours}, []*ledger.Entry{theirs}); len(p) != 0 {
		t.Errorf("H2 alone: %q", p)
	}
	moved := copyOf(ours)
	moved.Period = h2
	if p := ledger.CheckIssuedIn(y, []*ledger.Entry{ours}, []*ledger.Entry{moved}); len(p) != 1 || !strings.Contains(p[0], "thiếu bút toán "+ours.ID) {
		t.Errorf("H1's allocation moved into H2: %q", p)
	}
}

// TestCheckOpening: a year kept by halves opens with its first half's
// carry-ins, checked against the year before; its second half's carry-ins
// must be exactly what its first half carries out in the same workbook,
// even when the ledger holds nothing of the year before; a year with no
// entry in its first half opens in its second.
func TestCheckOpening(t *testing.T) {
	y := ledger.YearPeriod(2026)
	h2 := ledger.MustPeriod("2026-H2")
	at := func(e *ledger.Entry, p ledger.Period) *ledger.Entry { e.Period = p; return e }
	prev := []ledger.Total{{Khoan: "341", Nature: ledger.TX, Kind: ledger.EntryCarryOutReceived, Amount: 100}}
	honest := []*ledger.Entry{wardEntry(ledger.EntryCarryInReceived, 100), wardEntry(ledger.EntryCarryOutReceived, 40),
		at(wardEntry(ledger.EntryCarryInReceived, 40), h2)}
	for _, c := range []struct {
		name    string
		prev    []ledger.Total
		held    []ledger.Total // the first half this ledger holds
		entries []*ledger.Entry
		says    string
	}{
		{"honest", prev, nil, honest, ""},
		{"H1 held, H2 brings more", prev, []ledger.Total{{Khoan: "341", Nature: ledger.TX, Kind: ledger.EntryCarryOutReceived, Amount: 40}},
			[]*ledger.Entry{at(wardEntry(ledger.EntryCarryInReceived, 940), h2)}, "tệp ghi 940 đồng, 6 tháng đầu năm chuyển sang 40 đồng"},
		{"H1 held, carrying nothing", prev, []ledger.Total{{Khoan: "341", Nature: ledger.TX, Kind: ledger.EntryWithdrawal, Amount: 40}},
			[]*ledger.Entry{at(wardEntry(ledger.EntryCarryInReceived, 100), h2)}, "tệp ghi 100 đồng, 6 tháng đầu năm chuyển sang 0 đồng"},
		{"H2 brings more than H1 carried", nil, nil, append(honest[:2:2], at(wardEntry(ledger.EntryCarryInReceived, 940), h2)),
			"6 tháng cuối năm 2026, Khoản 341 TX, kinh phí đã nhận kỳ trước chuyển sang: tệp ghi 940 đồng, 6 tháng đầu năm chuyển sang 40 đồng"},
		{"H2 brings what H1 never carried", nil, nil, []*ledger.Entry{wardEntry(ledger.EntrySpending, 1), at(wardEntry(ledger.EntryCarryInEstimate, 5), h2)},
			"tệp ghi 5 đồng, 6 tháng đầu năm chuyển sang 0 đồng"},
		{"opens in July", prev, nil, []*ledger.Entry{at(wardEntry(ledger.EntryCarryInReceived, 70), h2)}, "tệp ghi 70 đồng, sổ này ghi kỳ trước chuyển sang 100 đồng"},
		{"the year's opening forged", prev, nil, append([]*ledger.Entry{wardEntry(ledger.EntryCarryInReceived, 10)}, honest[1:]...), "tệp ghi 10 đồng"},
	} {
		p, err := ledger.CheckOpening(y, c.prev, c.held, c.entries)
		if err != nil || (c.says == "") != (len(p) == 0) || (c.says != "" && (len(p) != 1 || !strings.Contains(p[0], c.says))) {
			t.Errorf("%s: %q %v", c.name, p, err)
		}
	}
}

// TestDecideCodes: a code the ledger lacks, carried by the workbook, is
// refused until the user agrees, then added with its group; a code known
// under another name is a finding and stays as the ledger has it.
func TestDecideCodes(t *testing.T) {
	ctx := context.Background()
	tg := &importTarget{form: mustForm(t)}
	in := incoming()
	in.Entries[2].TieuMuc, in.Entries[3].TieuMuc = "6655", "6655"
	in.Codes = []ledger.Code{{Level: ledger.LevelMuc, Code: "6650", Name: "Hội nghị"},
		{Level: ledger.LevelTieuMuc, Code: "6655", Name: "Thuê hội trường", Parent: "6650"},
		{Level: ledger.LevelKhoan, Code: "341", Name: "QLNN (tên khác)", Parent: "340"}}
	_, err := ledger.DecideImport(ctx, tg, ledger.WorkbookSettlement, in, ledger.ImportOptions{})
	if ledger.ErrorKind(err) != ledger.KindConflict || ledger.ErrorField(err) != "codes" || len(ledger.ErrorProblems(err)) != 2 ||
		!strings.Contains(err.Error(), "Tiểu mục 6655 “Thuê hội trường” (Mục 6650)") {
		t.Fatalf("without agreement: %v", err)
	}
	pi, err := ledger.DecideImport(ctx, tg, ledger.WorkbookSettlement, in, ledger.ImportOptions{AddCodes: true})
	if err != nil || len(pi.Import.AddCodes) != 2 || pi.Import.AddCodes[0].Source != in.File {
		t.Fatalf("with agreement: %+v %v", pi, err)
	}
	kinds := findingKinds(pi.Import)
	if !slices.Contains(kinds, ledger.FindingCodesAdded) || !slices.Contains(kinds, ledger.FindingCodeDiffers) {
		t.Errorf("findings %v", pi.Import.Warnings)
	}
}

// TestDecideSuperiorEntries: DecideImport refuses a settlement whose
// allocations differ from those the ledger issued, or whose carry-ins
// differ from the carry-outs it holds, naming each difference.
func TestDecideSuperiorEntries(t *testing.T) {
	ctx := context.Background()
	in := incoming()
	issued := *in.Entries[0]
	issued.Amount = 90
	tg := &importTarget{form: mustForm(t), have: []*ledger.Entry{&issued}}
	_, err := ledger.DecideImport(ctx, tg, ledger.WorkbookSettlement, in, ledger.ImportOptions{})
	if ledger.ErrorKind(err) != ledger.KindConflict || ledger.ErrorField(err) != "allocation" || !strings.Contains(err.Error(), "số tiền 90 ≠ 100") {
		t.Errorf("allocation changed: %v", err)
	}
	issued.Amount = 100
	pi, err := ledger.DecideImport(ctx, tg, ledger.WorkbookSettlement, in, ledger.ImportOptions{})
	if err != nil || slices.Contains(findingKinds(pi.Import), ledger.FindingNotIssued) {
		t.Errorf("the allocation issued: %v", err)
	}
	tg.prev = []ledger.Total{{Khoan: "341", Nature: ledger.TX, Kind: ledger.EntryCarryOutEstimate, Amount: 40}}
	_, err = ledger.DecideImport(ctx, tg, ledger.WorkbookSettlement, in, ledger.ImportOptions{})
	if ledger.ErrorField(err) != "carry_in" || !strings.Contains(err.Error(), "tệp ghi 0 đồng, sổ này ghi kỳ trước chuyển sang 40 đồng") {
		t.Errorf("carry-in left out: %v", err)
	}
}

func TestFingerprint(t *testing.T) {
	s := newSigner(t)
	fp := ledger.Fingerprint(s.Public())
	if len(fp) != 19 || strings.Count(fp, " ") != 3 || fp == ledger.Fingerprint(newSigner(t).Public()) {
		t.Errorf("fingerprint %q", fp)
	}
	if _, err := ledger.NewSigner([]byte("short")); ledger.ErrorKind(err) != ledger.KindDamaged {
		t.Errorf("short key: %v", err)
	}
}
