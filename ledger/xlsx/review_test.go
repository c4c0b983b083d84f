package xlsx_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"wardledger/ledger"
	"wardledger/ledger/xlsx"
)

// reviewed is a district ledger in which ward's 2026-H1 has been reviewed:
// spending cut by 50 million and a carry-over by 1 million on the first
// Khoản, with a comment; finished when finish is set.
func reviewed(t *testing.T, finish bool) (*ledger.Statement, []ledger.Approval, ledger.Ledger) {
	t.Helper()
	db := mustDemo(t, 3, 60)
	ctx := t.Context()
	st := statement(t, db, ward, h1)
	k := st.Khoans[len(st.Khoans)-1] // 341, the largest
	approvals := []ledger.Approval{
		{Row: "18", Khoan: k, Approved: st.ByKhoan[k]["18"] - 50_000_000, Reason: "Chi sai chế độ công tác phí, xuất toán"},
		{Row: "31", Khoan: k, Approved: st.ByKhoan[k]["31"] - 1_000_000, Reason: "Không đủ điều kiện chuyển nguồn"},
	}
	for _, a := range approvals {
		must(t, db.SetApproval(ctx, ward, h1, a))
	}
	must(t, db.SetReviewComment(ctx, ward, h1, "Đơn vị hoàn thiện chứng từ công tác phí."))
	if finish {
		must(t, db.FinishReview(ctx, ward, h1))
	}
	return st, approvals, db
}

func TestReviewWorkbook(t *testing.T) {
	reported, approvals, db := reviewed(t, true)
	form := reported.Form
	approved, err := form.ApprovedStatement(reported, approvals)
	if err != nil {
		t.Fatal(err)
	}
	f, path := mustExport(t, db, xlsx.Request{Kind: xlsx.Review, Unit: ward, Period: h1})
	if !strings.HasSuffix(path, "XD_1000002_2026-H1.xlsx") {
		t.Errorf("file name %s", path)
	}
	if got := f.GetSheetList(); !slices.Equal(got, []string{xlsx.SheetMinutes, xlsx.SheetNotice, xlsx.PayloadSheet}) {
		t.Fatalf("sheets %v", got)
	}

	// The minutes: every row of the form, first for all Khoản, then for
	// each, reported | approved | difference | reason.
	grid, err := form.ReviewGrid(reported, approvals)
	if err != nil {
		t.Fatal(err)
	}
	g := readGrid(t, f, xlsx.SheetMinutes)
	seen := map[string]int{}
	sections := append(append([]string{}, reported.Khoans...), "")
	checked := 0
	for r := range g {
		code := g.at(r, 2)
		if !reCode.MatchString(code) {
			continue
		}
		i := seen[code]
		seen[code]++
		// The total comes first in the sheet, last in the grid.
		khoan := ""
		if i > 0 {
			khoan = sections[i-1]
		}
		idx := slices.IndexFunc(grid, func(l ledger.ReviewLine) bool { return l.Khoan == khoan && l.Row.Code == code })
		l := grid[idx]
		if money(t, g.at(r, 3)) != l.Reported || money(t, g.at(r, 4)) != l.Approved || money(t, g.at(r, 5)) != l.Difference || g.at(r, 6) != l.Reason {
			t.Errorf("minutes row %d (%s, Khoản %q): %v, want %+v", r+1, code, khoan, g[r][3:], l)
		}
		checked++
	}
	if checked != len(grid) {
		t.Errorf("minutes has %d lines, the grid %d", checked, len(grid))
	}
	if !slices.ContainsFunc(g, func(row []string) bool {
		return slices.Contains(row, "Đơn vị hoàn thiện chứng từ công tác phí.")
	}) {
		t.Error("the comment is not in the minutes")
	}

	// The notice: the approved statement first.
	g = readGrid(t, f, xlsx.SheetNotice)
	cols := g.columnsByHeader(g.numberRow(t), reKhoan)
	first := map[string]int{}
	for r := range g {
		if code := g.at(r, 2); reCode.MatchString(code) {
			if _, ok := first[code]; !ok {
				first[code] = r
			}
		}
	}
	for code, r := range first {
		if got := money(t, g.at(r, 3)); got != approved.Total[code] {
			t.Errorf("notice row %s Tổng số %s, want approved %s", code, got, approved.Total[code])
		}
		for _, k := range approved.Khoans {
			if got := money(t, g.at(r, cols[k])); got != approved.ByKhoan[k][code] {
				t.Errorf("notice row %s Khoản %s: %s, want %s", code, k, got, approved.ByKhoan[k][code])
			}
		}
	}
	if len(first) != 35 {
		t.Errorf("notice shows %d rows of the statement", len(first))
	}
	owed := slices.IndexFunc(g, func(row []string) bool { return len(row) > 2 && row[2] == "23+27" })
	if owed < 0 || money(t, g.at(owed, 3)) != approved.Total["23"]+approved.Total["27"] {
		t.Errorf("amount to return: row %d", owed)
	}
	if approved.Total["23"] != reported.Total["23"]+51_000_000 {
		t.Errorf("approved row 23 %s, reported %s", approved.Total["23"], reported.Total["23"])
	}
	for _, a := range approvals {
		r := slices.IndexFunc(g, func(row []string) bool { return slices.Contains(row, a.Reason) })
		if r < 0 || g.at(r, 2) != a.Row || money(t, g.at(r, 4)) != a.Approved || money(t, g.at(r, 5)) != a.Approved-reported.ByKhoan[a.Khoan][a.Row] {
			t.Errorf("difference %s not listed as approved: row %d %v", a, r, g[max(r, 0)])
		}
	}
	carry := slices.IndexFunc(g, func(row []string) bool { return len(row) > 0 && strings.HasPrefix(row[0], "III.") })
	if carry < 0 {
		t.Fatal("no carry-over part")
	}
	for r := carry; r < len(g); r++ {
		if g.at(r, 2) == "29" {
			if money(t, g.at(r, 3)) != approved.Total["29"] {
				t.Errorf("carry-over %s, want %s", g.at(r, 3), approved.Total["29"])
			}
			break
		}
	}
	if n := checkFormulas(t, f); n < 300 {
		t.Errorf("only %d formulas checked", n)
	}
	checkLayout(t, f, []string{xlsx.SheetMinutes})

	p, err := xlsx.ReadPayloadFile(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != xlsx.Review || p.Unit.Code != ward || p.ReviewState != ledger.ReviewFinished ||
		len(p.Approvals) != 2 || p.ReviewComment != "Đơn vị hoàn thiện chứng từ công tác phí." || len(p.Totals) == 0 {
		t.Errorf("payload %+v", p)
	}
	for i, a := range p.Approvals {
		if want := approvals[slices.IndexFunc(approvals, func(x ledger.Approval) bool { return x.Row == a.Row })]; a != want {
			t.Errorf("payload approval %d %+v, want %+v", i, a, want)
		}
	}
}

func TestReviewDraftAndRefusals(t *testing.T) {
	_, _, db := reviewed(t, false)
	f, _ := mustExport(t, db, xlsx.Request{Kind: xlsx.Review, Unit: ward, Period: h1})
	title, _ := f.GetCellValue(xlsx.SheetNotice, "A5")
	if !strings.Contains(title, "DỰ THẢO") {
		t.Errorf("a draft review's notice is titled %q", title)
	}
	for _, c := range []struct {
		req  xlsx.Request
		kind ledger.Kind
		says string
	}{
		{xlsx.Request{Kind: xlsx.Review, Unit: "1000001", Period: h1}, ledger.KindInvalid, "đơn vị cấp trên"},
		{xlsx.Request{Kind: xlsx.Review, Unit: "9999999", Period: h1}, ledger.KindNotFound, "9999999"},
		{xlsx.Request{Kind: xlsx.Review, Unit: ward, Period: ledger.MustPeriod("2030-H1")}, ledger.KindNotFound, "chưa có số liệu quyết toán"},
		{xlsx.Request{Kind: xlsx.Annex, Unit: ward, Period: ledger.MustPeriod("2030-H1")}, ledger.KindNotFound, "chưa giao dự toán"},
	} {
		_, err := xlsx.Export(t.Context(), db, c.req, t.TempDir())
		if ledger.ErrorKind(err) != c.kind || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s %s %s: %v", c.req.Kind, c.req.Unit, c.req.Period, err)
		}
	}
}

func TestDistrictShowsApprovedFigures(t *testing.T) {
	reported, approvals, db := reviewed(t, true)
	units, err := db.Units(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	f, _ := mustExport(t, db, xlsx.Request{Kind: xlsx.District, Period: h1})
	want := []string{xlsx.SheetB01, xlsx.SheetApproved, xlsx.SheetCompare, xlsx.SheetF01, xlsx.SheetAlloc, xlsx.SheetChart, xlsx.PayloadSheet}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	approvedOf := map[string]*ledger.Statement{}
	total := ledger.Rows{}
	var codes []string
	for _, u := range units {
		codes = append(codes, u.Code)
		st := statement(t, db, u.Code, h1)
		var as []ledger.Approval
		if u.Code == ward {
			as = approvals
		}
		ap, err := st.Form.ApprovedStatement(st, as)
		must(t, err)
		approvedOf[u.Code] = ap
		for c, v := range approvedOf[u.Code].Total {
			total[c] += v
		}
	}
	checkB01Sheet(t, f, xlsx.SheetApproved, reUnit, codes, total, func(u string) ledger.Rows { return approvedOf[u].Total })
	// The approved sheet differs from the reported one only for the ward.
	if a, r := approvedOf[ward].Total["17"], reported.Total["17"]; a != r-50_000_000 {
		t.Errorf("approved 17 %s, reported %s", a, r)
	}
	g := readGrid(t, f, xlsx.SheetCompare)
	rows := g.rowsByCode(2, regexp.MustCompile(`^\d{7}$`))
	for _, u := range units {
		r := rows[u.Code]
		rep, app := statement(t, db, u.Code, h1), approvedOf[u.Code]
		for j, codes := range [][]string{{"17"}, {"23", "27"}, {"29"}} {
			var want [3]ledger.Money
			for _, c := range codes {
				want[0] += rep.Total[c]
				want[1] += app.Total[c]
			}
			want[2] = want[1] - want[0]
			for k := range 3 {
				if got := money(t, g.at(r, 4+3*j+k)); got != want[k] {
					t.Errorf("compare %s figure %d col %d: %s, want %s", u.Code, j, k, got, want[k])
				}
			}
		}
		state := g.at(r, 3)
		if (u.Code == ward) != (state == ledger.ReviewFinished.Label()) {
			t.Errorf("compare %s state %q", u.Code, state)
		}
	}
	if n := checkFormulas(t, f); n < 400 {
		t.Errorf("only %d formulas checked", n)
	}
	checkLayout(t, f, []string{xlsx.SheetB01, xlsx.SheetApproved, xlsx.SheetCompare})

	// Without any review there is nothing approved to show.
	plain := mustDemo(t, 2, 40)
	f2, _ := mustExport(t, plain, xlsx.Request{Kind: xlsx.District, Period: h1})
	if slices.Contains(f2.GetSheetList(), xlsx.SheetApproved) {
		t.Error("approved sheet without reviews")
	}
}

// allocate records a decision of the district for the wards.
func allocate(t *testing.T, db ledger.Ledger, p ledger.Period, doc string, cells map[string]map[ledger.Line]ledger.Money) []*ledger.Entry {
	t.Helper()
	d := ledger.AllocationDecision{Period: p, Doc: doc, Date: mustDate(t, "2026-06-20"), Cells: cells}
	es, err := d.Entries()
	if err != nil {
		t.Fatal(err)
	}
	must(t, db.AddEntries(t.Context(), es, ledger.BatchSource{Reason: "test"}))
	return es
}

func TestAnnexRoundTrip(t *testing.T) {
	ctx := t.Context()
	wards := []ledger.Unit{{Code: ward, Name: "UBND phường Quang Trung", Chapter: "599"}, {Code: "1000003", Name: "UBND phường Nguyễn Trãi", Chapter: "599"}}
	district := mustLedger(t, ledger.Unit{Code: "1000001", Name: "UBND quận Hà Đông", Chapter: "599"}, wards...)
	tx, ktx := ledger.Line{Khoan: "341", Nature: ledger.TX}, ledger.Line{Khoan: "341", Nature: ledger.KTX}
	culture := ledger.Line{Khoan: "161", Nature: ledger.KTX}
	es := allocate(t, district, h2, "125/QĐ-UBND", map[string]map[ledger.Line]ledger.Money{
		ward:      {tx: 4_800_000_000, ktx: 900_000_000, culture: 220_000_000},
		"1000003": {tx: 4_100_000_000},
	})
	adj := &ledger.Entry{Unit: ward, Period: h2, Kind: ledger.EntryAdjustment, Nature: ledger.KTX, Khoan: "341", Amount: -100_000_000,
		Doc: "140/QĐ-UBND", Date: mustDate(t, "2026-09-01"), Memo: "Điều chỉnh giảm dự toán"}
	must(t, district.AddEntry(ctx, adj))

	dir := t.TempDir()
	f, path := mustExport(t, district, xlsx.Request{Kind: xlsx.Annex, Unit: ward, Period: h2})
	if !strings.HasSuffix(path, "PLDT_1000002_2026-H2.xlsx") {
		t.Errorf("file name %s", path)
	}
	g := readGrid(t, f, xlsx.SheetAnnex)
	want := map[string][3]ledger.Money{"TỔNG SỐ": {5_820_000_000, 4_800_000_000, 1_020_000_000}}
	for r := range g {
		if label := g.at(r, 1); strings.HasPrefix(label, "Khoản 341") {
			want[label] = [3]ledger.Money{5_600_000_000, 4_800_000_000, 800_000_000}
			if got := [3]ledger.Money{money(t, g.at(r, 2)), money(t, g.at(r, 3)), money(t, g.at(r, 4))}; got != want[label] {
				t.Errorf("annex %s: %v", label, got)
			}
		}
		if g.at(r, 1) == "TỔNG SỐ" {
			if got := [3]ledger.Money{money(t, g.at(r, 2)), money(t, g.at(r, 3)), money(t, g.at(r, 4))}; got != want["TỔNG SỐ"] {
				t.Errorf("annex total %v", got)
			}
		}
	}
	head, _ := f.GetCellValue(xlsx.SheetAnnex, "E2")
	if all := fmt.Sprint(g); !strings.Contains(all, "125/QĐ-UBND ngày 20/06/2026") || !strings.Contains(all+head, "140/QĐ-UBND") {
		t.Errorf("the decisions are not named: %s", head)
	}
	if n := checkFormulas(t, f); n < 10 {
		t.Errorf("only %d formulas checked", n)
	}
	checkLayout(t, f, []string{xlsx.SheetAnnex})

	// The ward's own ledger: the district as superior, the ward as unit.
	wardDB := mustLedger(t, ledger.Unit{Code: "1000001", Name: "UBND quận Hà Đông", Chapter: "599"}, wards[0])
	im, err := xlsx.ImportAllocation(ctx, wardDB, path)
	if err != nil {
		t.Fatal(err)
	}
	if im.Added != 4 || im.Skipped != 0 {
		t.Errorf("annex import %+v", im)
	}
	sameLedgerPeriod(t, district, wardDB, ward, h2)
	if again, err := xlsx.ImportAllocation(ctx, wardDB, path); err != nil || again.Added != 0 || again.Skipped != 4 {
		t.Errorf("annex again: %+v %v", again, err)
	}
	// Refusals: the annex into a ledger of another superior, of no such
	// unit; a settlement workbook into import allocation.
	other := mustLedger(t, ledger.Unit{Code: "1000099", Name: "UBND quận Khác", Chapter: "599"}, wards[0])
	if _, err := xlsx.ImportAllocation(ctx, other, path); ledger.ErrorKind(err) != ledger.KindInvalid || !strings.Contains(err.Error(), "UBND quận Hà Đông") {
		t.Errorf("annex into another district's ward: %v", err)
	}
	bare := mustLedger(t, ledger.Unit{Code: "1000001", Name: "UBND quận Hà Đông", Chapter: "599"})
	if _, err := xlsx.ImportAllocation(ctx, bare, path); ledger.ErrorKind(err) != ledger.KindNotFound {
		t.Errorf("annex into a ledger without the ward: %v", err)
	}
	if _, err := xlsx.ImportWorkbook(ctx, wardDB, path); ledger.ErrorKind(err) != ledger.KindInvalid || !strings.Contains(err.Error(), "import allocation") {
		t.Errorf("annex given to import workbook: %v", err)
	}

	// The ward spends, exports its settlement; the district imports it:
	// the allocations are already there, the rest is added, exactly.
	spend := []*ledger.Entry{
		{Unit: ward, Period: h2, Kind: ledger.EntryWithdrawal, Nature: ledger.TX, Khoan: "341", Amount: 800_000_000, Doc: "C2-02a/1", Date: mustDate(t, "2026-07-03")},
		{Unit: ward, Period: h2, Kind: ledger.EntrySpending, Nature: ledger.TX, Khoan: "341", TieuMuc: "6001", Amount: 640_000_000, Doc: "PC001", Date: mustDate(t, "2026-07-25")},
	}
	must(t, wardDB.AddEntries(ctx, spend, ledger.BatchSource{Reason: "test"}))
	settlement := exportTo(t, wardDB, xlsx.Request{Kind: xlsx.Settlement, Unit: ward, Period: h2}, dir)
	back, err := xlsx.ImportWorkbook(ctx, district, settlement)
	if err != nil {
		t.Fatal(err)
	}
	if back.Added != 2 || back.Skipped != len(es)-1+1 {
		t.Errorf("settlement back: %+v (allocations %d)", back, len(es))
	}
	sameLedgerPeriod(t, district, wardDB, ward, h2)

	// Every ward's annex into a folder; a period without allocations.
	annexDir := t.TempDir()
	paths, err := xlsx.ExportAnnexes(ctx, district, xlsx.Request{Period: h2, Now: fixedNow}, annexDir)
	if err != nil || len(paths) != 2 || !strings.HasSuffix(paths[1], "PLDT_1000003_2026-H2.xlsx") {
		t.Errorf("annexes %v %v", paths, err)
	}
	if _, err := xlsx.ExportAnnexes(ctx, district, xlsx.Request{Period: h1}, annexDir); ledger.ErrorKind(err) != ledger.KindNotFound {
		t.Errorf("annexes of an empty period: %v", err)
	}
	// The district table keeps working.
	ft, _ := mustExport(t, district, xlsx.Request{Kind: xlsx.Allocation, Period: h2})
	if !slices.Contains(ft.GetSheetList(), xlsx.SheetAlloc) {
		t.Error("allocation table missing")
	}
	_ = excelize.Options{}
}
