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
	"wardledger/ledger/xlsx/xlsxtest"
	"wardledger/ledger/xlsximport"
)

// reviewed is a district ledger in which ward's 2026-H1 has been reviewed:
// spending cut by 50 million and a carry-over by 1 million on the first
// Khoản, with a comment; finished when finish is set.
func reviewed(t *testing.T, finish bool) (*ledger.Statement, []ledger.Approval, ledger.Ledger) {
	t.Helper()
	db := xlsxtest.Demo(t, 3, 60)
	ctx := t.Context()
	st := xlsxtest.Statement(t, db, ward, h1)
	k := st.Khoans[len(st.Khoans)-1] // 341, the largest
	approvals := []ledger.Approval{
		{Row: "18", Khoan: k, Approved: st.ByKhoan[k]["18"] - 50_000_000, Reason: "Chi sai chế độ công tác phí, xuất toán"},
		{Row: "31", Khoan: k, Approved: st.ByKhoan[k]["31"] - 1_000_000, Reason: "Không đủ điều kiện chuyển nguồn"},
	}
	for _, a := range approvals {
		xlsxtest.Must(t, db.SetApproval(ctx, ward, h1, a))
	}
	xlsxtest.Must(t, db.SetReviewComment(ctx, ward, h1, "Đơn vị hoàn thiện chứng từ công tác phí."))
	if finish {
		xlsxtest.Must(t, db.FinishReview(ctx, ward, h1))
	}
	return st, approvals, db
}

func TestReviewWorkbook(t *testing.T) {
	reported, approvals, db := reviewed(t, true)
	form := reported.Form
	approved, err := form.ApprovedStatement(reported, approvals)
	xlsxtest.Must(t, err)
	f, path := xlsxtest.Export(t, db, xlsx.Request{Kind: ledger.WorkbookReview, Unit: ward, Period: h1})
	if !strings.HasSuffix(path, "XD_1000002_2026-H1.xlsx") {
		t.Errorf("file name %s", path)
	}
	if got := f.GetSheetList(); !slices.Equal(got, []string{xlsx.SheetMinutes, xlsx.SheetNotice, xlsx.PayloadSheet}) {
		t.Fatalf("sheets %v", got)
	}

	// The minutes: every row of the form, first for all Khoản, then for
	// each, reported | approved | difference | reason.
	grid, err := form.ReviewGrid(reported, approvals)
	xlsxtest.Must(t, err)
	g := xlsxtest.ReadGrid(t, f, xlsx.SheetMinutes)
	seen := map[string]int{}
	sections := append(append([]string{}, reported.Khoans...), "")
	checked := 0
	for r := range g {
		code := g.At(r, 2)
		if !xlsxtest.ReCode.MatchString(code) {
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
		if xlsxtest.Money(t, g.At(r, 3)) != l.Reported || xlsxtest.Money(t, g.At(r, 4)) != l.Approved || xlsxtest.Money(t, g.At(r, 5)) != l.Difference || g.At(r, 6) != l.Reason {
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
	g = xlsxtest.ReadGrid(t, f, xlsx.SheetNotice)
	cols := g.ColumnsByHeader(g.NumberRow(t), xlsxtest.ReKhoan)
	first := map[string]int{}
	for r := range g {
		if code := g.At(r, 2); xlsxtest.ReCode.MatchString(code) {
			if _, ok := first[code]; !ok {
				first[code] = r
			}
		}
	}
	for code, r := range first {
		if got := xlsxtest.Money(t, g.At(r, 3)); got != approved.Total[code] {
			t.Errorf("notice row %s Tổng số %s, want approved %s", code, got, approved.Total[code])
		}
		for _, k := range approved.Khoans {
			if got := xlsxtest.Money(t, g.At(r, cols[k])); got != approved.ByKhoan[k][code] {
				t.Errorf("notice row %s Khoản %s: %s, want %s", code, k, got, approved.ByKhoan[k][code])
			}
		}
	}
	if len(first) != 35 {
		t.Errorf("notice shows %d rows of the statement", len(first))
	}
	owed := slices.IndexFunc(g, func(row []string) bool { return len(row) > 2 && row[2] == "23+27" })
	if owed < 0 || xlsxtest.Money(t, g.At(owed, 3)) != approved.Total["23"]+approved.Total["27"] {
		t.Errorf("amount to return: row %d", owed)
	}
	if approved.Total["23"] != reported.Total["23"]+51_000_000 {
		t.Errorf("approved row 23 %s, reported %s", approved.Total["23"], reported.Total["23"])
	}
	for _, a := range approvals {
		r := slices.IndexFunc(g, func(row []string) bool { return slices.Contains(row, a.Reason) })
		if r < 0 || g.At(r, 2) != a.Row || xlsxtest.Money(t, g.At(r, 4)) != a.Approved || xlsxtest.Money(t, g.At(r, 5)) != a.Approved-reported.ByKhoan[a.Khoan][a.Row] {
			t.Errorf("difference %s not listed as approved: row %d %v", a, r, g[max(r, 0)])
		}
	}
	carry := slices.IndexFunc(g, func(row []string) bool { return len(row) > 0 && strings.HasPrefix(row[0], "III.") })
	if carry < 0 {
		t.Fatal("no carry-over part")
	}
	for r := carry; r < len(g); r++ {
		if g.At(r, 2) == "29" {
			if xlsxtest.Money(t, g.At(r, 3)) != approved.Total["29"] {
				t.Errorf("carry-over %s, want %s", g.At(r, 3), approved.Total["29"])
			}
			break
		}
	}
	if n := checkFormulas(t, f); n < 300 {
		t.Errorf("only %d formulas checked", n)
	}
	checkLayout(t, f, []string{xlsx.SheetMinutes})

	p, err := xlsximport.ReadPayloadFile(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != ledger.WorkbookReview || p.Unit.Code != ward || p.ReviewState != ledger.ReviewFinished ||
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
	f, _ := xlsxtest.Export(t, db, xlsx.Request{Kind: ledger.WorkbookReview, Unit: ward, Period: h1})
	title, _ := f.GetCellValue(xlsx.SheetNotice, "A5")
	if !strings.Contains(title, "DỰ THẢO") {
		t.Errorf("a draft review's notice is titled %q", title)
	}
	for _, c := range []struct {
		req  xlsx.Request
		kind ledger.Kind
		says string
	}{
		{xlsx.Request{Kind: ledger.WorkbookReview, Unit: "1000001", Period: h1}, ledger.KindInvalid, "đơn vị cấp trên"},
		{xlsx.Request{Kind: ledger.WorkbookReview, Unit: "9999999", Period: h1}, ledger.KindNotFound, "9999999"},
		{xlsx.Request{Kind: ledger.WorkbookReview, Unit: ward, Period: ledger.MustPeriod("2030-H1")}, ledger.KindNotFound, "chưa có số liệu quyết toán"},
		{xlsx.Request{Kind: ledger.WorkbookAnnex, Unit: ward, Period: ledger.MustPeriod("2030-H1")}, ledger.KindNotFound, "chưa giao dự toán"},
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
	f, _ := xlsxtest.Export(t, db, xlsx.Request{Kind: ledger.WorkbookDistrict, Period: h1})
	want := []string{xlsx.SheetB01, xlsx.SheetApproved, xlsx.SheetCompare, xlsx.SheetF01, xlsx.SheetAlloc, xlsx.SheetChart, xlsx.PayloadSheet}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	approvedOf := map[string]*ledger.Statement{}
	total := ledger.Rows{}
	var codes []string
	for _, u := range units {
		codes = append(codes, u.Code)
		st := xlsxtest.Statement(t, db, u.Code, h1)
		var as []ledger.Approval
		if u.Code == ward {
			as = approvals
		}
		ap, err := st.Form.ApprovedStatement(st, as)
		xlsxtest.Must(t, err)
		approvedOf[u.Code] = ap
		for c, v := range approvedOf[u.Code].Total {
			total[c] += v
		}
	}
	checkB01Sheet(t, f, xlsx.SheetApproved, xlsxtest.ReUnit, codes, total, func(u string) ledger.Rows { return approvedOf[u].Total })
	// The approved sheet differs from the reported one only for the ward.
	if a, r := approvedOf[ward].Total["17"], reported.Total["17"]; a != r-50_000_000 {
		t.Errorf("approved 17 %s, reported %s", a, r)
	}
	g := xlsxtest.ReadGrid(t, f, xlsx.SheetCompare)
	rows := g.RowsByCode(2, regexp.MustCompile(`^\d{7}$`))
	for _, u := range units {
		r := rows[u.Code]
		rep, app := xlsxtest.Statement(t, db, u.Code, h1), approvedOf[u.Code]
		for j, codes := range [][]string{{"17"}, {"23", "27"}, {"29"}} {
			var want [3]ledger.Money
			for _, c := range codes {
				want[0] += rep.Total[c]
				want[1] += app.Total[c]
			}
			want[2] = want[1] - want[0]
			for k := range 3 {
				if got := xlsxtest.Money(t, g.At(r, 4+3*j+k)); got != want[k] {
					t.Errorf("compare %s figure %d col %d: %s, want %s", u.Code, j, k, got, want[k])
				}
			}
		}
		state := g.At(r, 3)
		if (u.Code == ward) != (state == ledger.ReviewFinished.Label()) {
			t.Errorf("compare %s state %q", u.Code, state)
		}
	}
	if n := checkFormulas(t, f); n < 400 {
		t.Errorf("only %d formulas checked", n)
	}
	checkLayout(t, f, []string{xlsx.SheetB01, xlsx.SheetApproved, xlsx.SheetCompare})

	// Without any review there is nothing approved to show.
	plain := xlsxtest.Demo(t, 2, 40)
	f2, _ := xlsxtest.Export(t, plain, xlsx.Request{Kind: ledger.WorkbookDistrict, Period: h1})
	if slices.Contains(f2.GetSheetList(), xlsx.SheetApproved) {
		t.Error("approved sheet without reviews")
	}
}

// TestAnnexWorkbook: a ward's allocation annex sums its allocations and
// adjustments by Khoản, TX and KTX, and names the decisions; every ward's
// annex goes into a folder.
func TestAnnexWorkbook(t *testing.T) {
	ctx := t.Context()
	district, _ := xlsxtest.AllocatedDistrict(t)
	f, path := xlsxtest.Export(t, district, xlsx.Request{Kind: ledger.WorkbookAnnex, Unit: ward, Period: h2})
	if !strings.HasSuffix(path, "PLDT_1000002_2026-H2.xlsx") {
		t.Errorf("file name %s", path)
	}
	g := xlsxtest.ReadGrid(t, f, xlsx.SheetAnnex)
	want := map[string][3]ledger.Money{"TỔNG SỐ": {5_820_000_000, 4_800_000_000, 1_020_000_000}}
	for r := range g {
		if label := g.At(r, 1); strings.HasPrefix(label, "Khoản 341") {
			want[label] = [3]ledger.Money{5_600_000_000, 4_800_000_000, 800_000_000}
			if got := [3]ledger.Money{xlsxtest.Money(t, g.At(r, 2)), xlsxtest.Money(t, g.At(r, 3)), xlsxtest.Money(t, g.At(r, 4))}; got != want[label] {
				t.Errorf("annex %s: %v", label, got)
			}
		}
		if g.At(r, 1) == "TỔNG SỐ" {
			if got := [3]ledger.Money{xlsxtest.Money(t, g.At(r, 2)), xlsxtest.Money(t, g.At(r, 3)), xlsxtest.Money(t, g.At(r, 4))}; got != want["TỔNG SỐ"] {
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

	// Every ward's annex into a folder; a period without allocations.
	annexDir := t.TempDir()
	paths, err := xlsx.ExportAnnexes(ctx, district, xlsx.Request{Period: h2, Now: xlsxtest.FixedNow}, annexDir)
	if err != nil || len(paths) != 2 || !strings.HasSuffix(paths[1], "PLDT_1000003_2026-H2.xlsx") {
		t.Errorf("annexes %v %v", paths, err)
	}
	if _, err := xlsx.ExportAnnexes(ctx, district, xlsx.Request{Period: h1}, annexDir); ledger.ErrorKind(err) != ledger.KindNotFound {
		t.Errorf("annexes of an empty period: %v", err)
	}
	// The district table keeps working.
	ft, _ := xlsxtest.Export(t, district, xlsx.Request{Kind: ledger.WorkbookAllocation, Period: h2})
	if !slices.Contains(ft.GetSheetList(), xlsx.SheetAlloc) {
		t.Error("allocation table missing")
	}
	_ = excelize.Options{}
}
