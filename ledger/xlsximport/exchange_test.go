package xlsximport_test

import (
	"encoding/hex"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"wardledger/ledger"
	"wardledger/ledger/payload"
	"wardledger/ledger/sqlite"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsx/xlsxtest"
	"wardledger/ledger/xlsximport"
)

// exchange is a district and the first ward's own ledger, as the loop of
// files between them leaves them: the district allocated 2026-H1 (on a
// Khoản it added, 345), the ward imported its annex (adding the Khoản),
// spent (on a Tiểu mục it added, 6659), closed H1 carrying 50 million
// over, and the district imported the ward's H1 settlement (adding the
// Tiểu mục). Each side agreed to the codes; every import is checked
// exact.
type exchange struct {
	district, ward *sqlite.DB
	alloc          []*ledger.Entry // the district's allocation of H1 to the ward
	h1, h2         string          // the ward's settlement workbooks
	dir            string
}

var (
	hadong = ledger.Unit{Code: "1000001", Name: "UBND quận Hà Đông", Chapter: "599"}
	ward1  = xlsxtest.Ward1
	ward2  = xlsxtest.Ward2
	add    = ledger.ImportOptions{AddCodes: true}
)

func newExchange(t *testing.T) *exchange {
	t.Helper()
	ctx := t.Context()
	x := &exchange{dir: t.TempDir()}
	x.district = xlsxtest.Ledger(t, hadong, ward1, ward2)
	x.ward = xlsxtest.UnitLedger(t, hadong, ward1)
	xlsxtest.Must(t, x.district.AddCode(ctx, ledger.Code{Level: ledger.LevelKhoan, Code: "345", Name: "Khoản mới của quận", Parent: "340"}))
	d := ledger.AllocationDecision{Period: h1, Doc: "12/QĐ-UBND", Date: xlsxtest.MustDate(t, "2025-12-20"), Cells: map[string]map[ledger.Line]ledger.Money{
		ward1.Code: {{Khoan: "341", Nature: ledger.TX}: 1_000_000_000, {Khoan: "345", Nature: ledger.KTX}: 200_000_000},
		ward2.Code: {{Khoan: "341", Nature: ledger.TX}: 900_000_000},
	}}
	es, err := d.Entries()
	xlsxtest.Must(t, err)
	xlsxtest.Must(t, x.district.AddEntries(ctx, es, ledger.BatchSource{Reason: "giao dự toán"}))
	for _, e := range es {
		if e.Unit == ward1.Code {
			x.alloc = append(x.alloc, e)
		}
	}

	// The ward: the annex needs Khoản 345, which it lacks.
	annex := xlsxtest.ExportTo(t, x.district, xlsx.Request{Kind: ledger.WorkbookAnnex, Unit: ward1.Code, Period: h1}, x.dir)
	before := snapshot(t, x.ward)
	res := xlsximport.Import(ctx, x.ward, ledger.WorkbookAnnex, annex, ledger.ImportOptions{})
	if ledger.ErrorField(res.Err) != "codes" || !strings.Contains(res.Err.Error(), "Khoản 345 “Khoản mới của quận” (Loại 340)") || snapshot(t, x.ward) != before {
		t.Fatalf("annex without the code: %v", res.Err)
	}
	im := mustImport(t, x.ward, ledger.WorkbookAnnex, annex, add)
	if im.Added != 2 || !hasFinding(im, ledger.FindingNewKey) || !hasFinding(im, ledger.FindingCodesAdded) {
		t.Fatalf("annex: %+v", im)
	}
	sameLedgerPeriod(t, x.district, x.ward, ward1.Code, h1)

	// The ward spends on a Tiểu mục of its own and closes H1.
	xlsxtest.Must(t, x.ward.AddCode(ctx, ledger.Code{Level: ledger.LevelTieuMuc, Code: "6659", Name: "Chi hội nghị tổ dân phố", Parent: "6650"}))
	mk := func(kind ledger.EntryKind, tm string, amount ledger.Money, date string) *ledger.Entry {
		return &ledger.Entry{Unit: ward1.Code, Period: h1, Kind: kind, Nature: ledger.TX, Khoan: "341", TieuMuc: tm, Amount: amount,
			Doc: "CT-" + date, Date: xlsxtest.MustDate(t, date)}
	}
	xlsxtest.Must(t, x.ward.AddEntries(ctx, []*ledger.Entry{
		mk(ledger.EntryWithdrawal, "", 600_000_000, "2026-01-10"),
		mk(ledger.EntrySpending, "6001", 450_000_000, "2026-02-10"),
		mk(ledger.EntrySpending, "6659", 50_000_000, "2026-03-10"),
	}, ledger.BatchSource{Reason: "chứng từ"}))
	xlsxtest.Must(t, x.ward.ClosePeriod(ctx, ward1.Code, h1, []ledger.CarryOver{
		{Line: ledger.Line{Khoan: "341", Nature: ledger.TX}, Balance: ledger.BalanceReceived, Amount: 50_000_000}}))
	xlsxtest.Must(t, x.ward.AddEntry(ctx, &ledger.Entry{Unit: ward1.Code, Period: h2, Kind: ledger.EntrySpending, Nature: ledger.TX,
		Khoan: "341", TieuMuc: "6001", Amount: 20_000_000, Doc: "PC-H2", Date: xlsxtest.MustDate(t, "2026-07-15")}))
	x.h1 = xlsxtest.ExportTo(t, x.ward, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: h1}, t.TempDir())
	x.h2 = xlsxtest.ExportTo(t, x.ward, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: h2}, t.TempDir())

	// The district: the settlement needs Tiểu mục 6659, which it lacks.
	before = snapshot(t, x.district)
	res = xlsximport.Import(ctx, x.district, ledger.WorkbookSettlement, x.h1, ledger.ImportOptions{})
	if ledger.ErrorField(res.Err) != "codes" || !strings.Contains(res.Err.Error(), "Tiểu mục 6659 “Chi hội nghị tổ dân phố” (Mục 6650)") || snapshot(t, x.district) != before {
		t.Fatalf("settlement without the code: %v", res.Err)
	}
	im = mustImport(t, x.district, ledger.WorkbookSettlement, x.h1, add)
	if !hasFinding(im, ledger.FindingNewKey) || !hasFinding(im, ledger.FindingCodesAdded) || hasFinding(im, ledger.FindingNotIssued) || hasFinding(im, ledger.FindingEdited) {
		t.Fatalf("settlement: %q", im.Warnings)
	}
	sameLedgerPeriod(t, x.ward, x.district, ward1.Code, h1)
	return x
}

func mustImport(t *testing.T, db *sqlite.DB, kind ledger.WorkbookKind, path string, opt ledger.ImportOptions) *ledger.Import {
	t.Helper()
	r := xlsximport.Import(t.Context(), db, kind, path, opt)
	if r.Err != nil {
		t.Fatalf("import %s: %v", path, r.Err)
	}
	return r.Import
}

func hasFinding(im *ledger.Import, k ledger.FindingKind) bool {
	return slices.ContainsFunc(im.Findings, func(f ledger.Finding) bool { return f.Kind == k })
}

// refuse imports path into db, expects it refused with an error of kind
// and field saying says, and the ledger unchanged to the last row.
func refuse(t *testing.T, db *sqlite.DB, kind ledger.WorkbookKind, path string, opt ledger.ImportOptions, k ledger.Kind, field, says string) {
	t.Helper()
	before := snapshot(t, db)
	err := xlsximport.Import(t.Context(), db, kind, path, opt).Err
	if err == nil || ledger.ErrorKind(err) != k || ledger.ErrorField(err) != field || !strings.Contains(err.Error(), says) {
		t.Errorf("%v (kind %v, field %q), want %v on %q saying %q", err, ledger.ErrorKind(err), ledger.ErrorField(err), k, field, says)
	}
	if snapshot(t, db) != before {
		t.Error("the refused import changed the ledger")
	}
}

// TestHonestExchange: the loop district → ward → district → ward stays
// exact with codes added on both sides: the H2 settlement (its carry-in
// equal to the H1 carry-out the district holds), the review and its
// notice, which the ward records without touching its entries and prints
// its B01 from.
func TestHonestExchange(t *testing.T) {
	ctx := t.Context()
	x := newExchange(t)
	im := mustImport(t, x.district, ledger.WorkbookSettlement, x.h2, ledger.ImportOptions{})
	if hasFinding(im, ledger.FindingNewKey) || hasFinding(im, ledger.FindingUnsigned) {
		t.Errorf("the ward's second workbook: %q", im.Warnings)
	}
	if hasFinding(im, ledger.FindingNotIssued) || !hasFinding(im, ledger.FindingWarning) { // H2 brings no allocation; it is still open
		t.Errorf("findings of H2: %q", im.Warnings)
	}
	sameLedgerPeriod(t, x.ward, x.district, ward1.Code, h2)
	if again := mustImport(t, x.district, ledger.WorkbookSettlement, x.h1, ledger.ImportOptions{}); again.Added != 0 {
		t.Errorf("the same file again: %+v", again)
	}

	// The review: spending on 6659 not approved; the notice goes back.
	xlsxtest.Must(t, x.district.SetApproval(ctx, ward1.Code, h1, ledger.Approval{Row: "18", Khoan: "341", Approved: 450_000_000, Reason: "chi sai mục đích"}))
	xlsxtest.Must(t, x.district.FinishReview(ctx, ward1.Code, h1))
	review := xlsxtest.ExportTo(t, x.district, xlsx.Request{Kind: ledger.WorkbookReview, Unit: ward1.Code, Period: h1}, x.dir)
	refuse(t, x.district, ledger.WorkbookReview, review, ledger.ImportOptions{}, ledger.KindInvalid, "role", "sổ của cấp trên")
	before := xlsxtest.Totals(t, x.ward, ward1.Code, h1)
	im = mustImport(t, x.ward, ledger.WorkbookReview, review, ledger.ImportOptions{})
	if hasFinding(im, ledger.FindingNewKey) || im.Notice == nil {
		t.Errorf("review import: %+v", im)
	}
	if after := xlsxtest.Totals(t, x.ward, ward1.Code, h1); !slices.Equal(sortedTotals(before), sortedTotals(after)) {
		t.Error("the notice changed the ward's entries")
	}
	n, err := x.ward.Notice(ctx, ward1.Code, h1)
	if err != nil || n == nil {
		t.Fatalf("notice %v %v", n, err)
	}
	reported := xlsxtest.Statement(t, x.ward, ward1.Code, h1)
	grid, err := x.ward.Form().ReviewGrid(reported, n.Figures)
	xlsxtest.Must(t, err)
	found := false
	for _, l := range grid {
		if l.Khoan == "341" && l.Row.Code == "18" {
			found = l.Reported == 500_000_000 && l.Approved == 450_000_000 && l.Reason == "chi sai mục đích"
		}
	}
	if !found {
		t.Error("the ward's review grid lacks the approved figure of row 18")
	}
	f, path := xlsxtest.Export(t, x.ward, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: h1, Approved: true})
	g := xlsxtest.ReadGrid(t, f, xlsx.SheetB01)
	if !strings.HasSuffix(path, "_lap-lai.xlsx") || !strings.Contains(flatten(g[:10]), "Lập lại theo Thông báo xét duyệt") {
		t.Errorf("the re-made B01 %s: %q", path, g[:10])
	}
	// A unit's ledger makes no review, no annex of the superior.
	for _, k := range []ledger.WorkbookKind{ledger.WorkbookReview, ledger.WorkbookAnnex, ledger.WorkbookDistrict} {
		if _, err := xlsx.Export(ctx, x.ward, xlsx.Request{Kind: k, Unit: ward1.Code, Period: h1}, t.TempDir()); ledger.ErrorKind(err) != ledger.KindInvalid {
			t.Errorf("the ward's ledger exports a %s: %v", k, err)
		}
	}
	if err := x.ward.SetApproval(ctx, ward1.Code, h1, ledger.Approval{Row: "18", Khoan: "341", Approved: 1, Reason: "x"}); ledger.ErrorKind(err) != ledger.KindInvalid {
		t.Errorf("the ward reviews itself: %v", err)
	}
}

func flatten(g xlsxtest.Grid) string {
	var b strings.Builder
	for _, r := range g {
		b.WriteString(strings.Join(r, " "))
		b.WriteString("\n")
	}
	return b.String()
}

// readRows reads the payload sheet's rows as written.
func readRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(xlsx.PayloadSheet, xlsxtest.Raw)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// forge rewrites the payload of the workbook at path as a forger would:
// change changes the payload as read; signer signs it again, naming its
// own key; with no signer the forger, who lacks the unit's private key,
// recomputes the checksum and keeps the old signature. A payload changed
// to format 1 goes unsigned.
func forge(t *testing.T, path string, change func(p *payload.Payload), signer *ledger.Signer) string {
	t.Helper()
	p, err := xlsximport.ReadPayloadFile(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	orig := readRows(t, path)
	change(p)
	var rows [][]string
	collect := func(r []string) { rows = append(rows, append([]string(nil), r...)) }
	switch {
	case p.Format < 2:
		p.Signer = nil
		p.Rows(collect)
	case signer != nil:
		p.Signer = signer
		p.Rows(collect)
	default:
		key := p.SignerKey
		p.Signer = newSigner(t) // to write the rows; its key and signature are replaced
		p.Rows(collect)
		p.Signer, p.SignerKey = nil, key
		for _, r := range rows {
			if r[0] == "meta" && r[1] == "signer_key" {
				r[2] = hex.EncodeToString(key)
			}
		}
		rows[len(rows)-2][1] = p.Sum()
		rows[len(rows)-1] = orig[len(orig)-1]
	}
	return editWithExcelize(t, path, func(f *excelize.File) {
		f.DeleteSheet(xlsx.PayloadSheet)
		f.NewSheet(xlsx.PayloadSheet)
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			vals := make([]any, len(r))
			for j, v := range r {
				vals[j] = v
			}
			f.SetSheetRow(xlsx.PayloadSheet, cell, &vals)
		}
		f.SetSheetVisible(xlsx.PayloadSheet, false)
	})
}

func newSigner(t *testing.T) *ledger.Signer {
	t.Helper()
	s, err := ledger.GenerateSigner()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// entryOf finds the payload's first entry of kind.
func entryOf(t *testing.T, p *payload.Payload, kind ledger.EntryKind) *ledger.Entry {
	t.Helper()
	for _, e := range p.Entries {
		if e.Kind == kind && !e.IsReversal() {
			return e
		}
	}
	t.Fatalf("no %s in the payload", kind)
	return nil
}

// TestForgedWorkbooks: workbooks made by someone else are imported into
// the district's ledger; none changes it, each refusal names what is
// wrong. The district has pinned the ward's key (newExchange).
func TestForgedWorkbooks(t *testing.T) {
	x := newExchange(t)
	attacker := newSigner(t)
	withdraw := func(p *payload.Payload) { entryOf(t, p, ledger.EntrySpending).Amount += 1_000_000 }
	for _, c := range []struct {
		name  string
		file  func() string
		opt   ledger.ImportOptions
		kind  ledger.Kind
		field string
		says  string
	}{
		{"an amount edited, the checksum recomputed", func() string { return forge(t, x.h2, withdraw, nil) },
			ledger.ImportOptions{}, ledger.KindInvalid, "", "chữ ký số không khớp"},
		{"re-signed with another key", func() string { return forge(t, x.h2, withdraw, attacker) },
			ledger.ImportOptions{}, ledger.KindConflict, "key", "khác khóa"},
		{"unsigned (format 1)", func() string { return forge(t, x.h2, func(p *payload.Payload) { p.Format = 1; withdraw(p) }, nil) },
			ledger.ImportOptions{}, ledger.KindConflict, "key", "không có chữ ký số"},
		{"addressed to another superior", func() string {
			return forge(t, x.h2, func(p *payload.Payload) { p.Superior.Code = "1000099" }, attacker)
		}, ledger.ImportOptions{}, ledger.KindInvalid, "superior", "1000099"},
	} {
		t.Run(c.name, func(t *testing.T) {
			refuse(t, x.district, ledger.WorkbookSettlement, c.file(), c.opt, c.kind, c.field, c.says)
		})
	}

	// Past the key (a reviewer accepts it), the rules of the superior's
	// own entries still hold.
	accept := ledger.ImportOptions{AcceptKey: true, Reason: "đơn vị gửi lại"}
	allocate := func(p *payload.Payload) {
		e := *entryOf(t, p, ledger.EntryAllocation)
		e.ID, e.Amount = ledger.NewID(xlsxtest.FixedNow()), 5_000_000_000
		p.Entries = append(p.Entries, &e)
	}
	h1Forged := func(change func(p *payload.Payload)) string { return forge(t, x.h1, change, attacker) }
	refuse(t, x.district, ledger.WorkbookSettlement, h1Forged(allocate), accept, ledger.KindConflict, "allocation", "không do sổ này giao")
	refuse(t, x.district, ledger.WorkbookSettlement, h1Forged(func(p *payload.Payload) {
		entryOf(t, p, ledger.EntryAllocation).Amount = 1_500_000_000
	}), accept, ledger.KindConflict, "allocation", "số tiền 1.000.000.000 ≠ 1.500.000.000")
	// The ward's own reversal of the district's allocation.
	refuse(t, x.district, ledger.WorkbookSettlement, h1Forged(func(p *payload.Payload) {
		a := entryOf(t, p, ledger.EntryAllocation)
		rev := a.Reversal()
		rev.ID, rev.Doc, rev.Date = ledger.NewID(xlsxtest.FixedNow()), a.Doc, a.Date
		p.Entries = append(p.Entries, &rev)
	}), accept, ledger.KindConflict, "allocation", "không được đảo dự toán cấp trên giao")
	// A carry-in the district did not see carried out.
	refuse(t, x.district, ledger.WorkbookSettlement, forge(t, x.h2, func(p *payload.Payload) {
		entryOf(t, p, ledger.EntryCarryInReceived).Amount = 950_000_000
	}, attacker), accept, ledger.KindConflict, "carry_in", "tệp ghi 950.000.000 đồng, sổ này ghi kỳ trước chuyển sang 50.000.000 đồng")
	// A unit's own workbook as a unit's ledger would not take it.
	refuse(t, x.ward, ledger.WorkbookSettlement, x.h1, ledger.ImportOptions{}, ledger.KindInvalid, "role", "không nhập báo cáo quyết toán")
}

// TestAnotherWardFromAFreshLedger: the first attack. A workbook
// for the second ward, made from a fresh ledger with the district's code
// and its own 5 billion allocation, is refused: the district issued the
// ward's allocation, and the ward's workbooks (when one was imported
// before) carry another key.
func TestAnotherWardFromAFreshLedger(t *testing.T) {
	ctx := t.Context()
	x := newExchange(t)
	fresh := xlsxtest.Ledger(t, hadong, ward2)
	xlsxtest.Must(t, fresh.AddEntry(ctx, &ledger.Entry{Unit: ward2.Code, Period: h1, Kind: ledger.EntryAllocation, Nature: ledger.TX,
		Khoan: "341", Amount: 5_000_000_000, Doc: "QĐ giả", Date: xlsxtest.MustDate(t, "2026-01-02")}))
	path := xlsxtest.ExportTo(t, fresh, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward2.Code, Period: h1}, t.TempDir())
	refuse(t, x.district, ledger.WorkbookSettlement, path, ledger.ImportOptions{}, ledger.KindConflict, "allocation", "thiếu bút toán")
	st := xlsxtest.Statement(t, x.district, ward2.Code, h1)
	if st.Total["09"] != 900_000_000 {
		t.Errorf("the second ward's allocation is %s", st.Total["09"])
	}
}

// TestImportedOriginDrivesNothing: the district closes the ward's H1 and
// reopens it; the reopening reverses only what the district's own closing
// recorded, never the ward's imported carry-out, whose origin says
// "close:2026-H1" too.
func TestImportedOriginDrivesNothing(t *testing.T) {
	ctx := t.Context()
	x := newExchange(t)
	count := func() (n int) {
		es, err := x.district.Entries(ctx, ledger.EntryFilter{Unit: ward1.Code, Period: h1})
		xlsxtest.Must(t, err)
		for _, e := range es {
			if e.IsReversal() {
				n++
			}
		}
		return n
	}
	imported := 0
	es, _ := x.district.Entries(ctx, ledger.EntryFilter{Unit: ward1.Code, Period: h1})
	for _, e := range es {
		if e.Origin == "close:2026-H1" {
			imported++
			if e.Via != ledger.ViaImport {
				t.Errorf("imported entry %s came in via %q", e.ID, e.Via)
			}
		}
	}
	if imported == 0 {
		t.Fatal("the ward's carry-out did not come in")
	}
	xlsxtest.Must(t, x.district.ClosePeriod(ctx, ward1.Code, h1, nil))
	xlsxtest.Must(t, x.district.ReopenPeriod(ctx, ward1.Code, h1, "thử"))
	if n := count(); n != 0 {
		t.Errorf("reopening reversed %d entries of the ward's", n)
	}
	sameLedgerPeriod(t, x.ward, x.district, ward1.Code, h1)
}

// TestSuperiorEntriesStayTheSuperiors: on the ward's ledger the district's
// allocation cannot be reversed, through the store or behind its back.
func TestSuperiorEntriesStayTheSuperiors(t *testing.T) {
	ctx := t.Context()
	x := newExchange(t)
	a, err := x.ward.FindEntry(ctx, x.alloc[0].ID)
	xlsxtest.Must(t, err)
	if a.Via != ledger.ViaAnnex {
		t.Fatalf("the annex's entry came in via %q", a.Via)
	}
	before := snapshot(t, x.ward)
	if _, err := x.ward.ReverseEntry(ctx, a.ID, "nhầm"); ledger.ErrorKind(err) != ledger.KindConflict || !strings.Contains(err.Error(), "cấp trên giao") {
		t.Errorf("reversing the district's allocation: %v", err)
	}
	if snapshot(t, x.ward) != before {
		t.Error("the refused reversal changed the ledger")
	}
}
