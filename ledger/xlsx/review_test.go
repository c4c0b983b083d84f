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

// info is what the reviewer enters for the documents.
var info = ledger.ReviewInfo{
	Participants: []ledger.Participant{
		{Name: "Ông Trần Văn Hùng", Title: "Trưởng phòng Tài chính – Kế hoạch", Side: ledger.SideReviewer},
		{Name: "Bà Lê Thị Mai", Title: "Chuyên viên", Side: ledger.SideReviewer},
		{Name: "Ông Nguyễn Văn Bình", Title: "Chủ tịch UBND phường", Side: ledger.SideReviewed},
		{Name: "Bà Phạm Thị Hoa", Title: "Kế toán", Side: ledger.SideReviewed},
	},
	NoticeNumber: "125/TB-TCKH", NoticeDate: ledger.NewDate(2026, 8, 20),
	Recipients: []string{"Kho bạc Nhà nước khu vực I"}, Place: "Phòng Tài chính – Kế hoạch quận Hà Đông",
}

// text is every cell of a sheet, one line per row.
func text(g xlsxtest.Grid) string {
	var sb strings.Builder
	for _, r := range g {
		sb.WriteString(strings.Join(r, " | ") + "\n")
	}
	return sb.String()
}

func TestReviewWorkbook(t *testing.T) {
	reported, approvals, db := reviewed(t, true)
	xlsxtest.Must(t, db.SetReviewInfo(t.Context(), ward, h1, info))
	form := reported.Form
	approved, err := form.ApprovedStatement(reported, approvals)
	xlsxtest.Must(t, err)
	f, path := xlsxtest.Export(t, db, xlsx.Request{Kind: ledger.WorkbookReview, Unit: ward, Period: h1})
	if !strings.HasSuffix(path, "XD_1000002_2026-H1.xlsx") {
		t.Errorf("file name %s", path)
	}
	want := []string{xlsx.SheetMinutes, xlsx.Sheet1c, xlsx.SheetNotice, xlsx.Sheet2c, xlsx.PayloadSheet}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	settled := form.Role(ledger.RoleSettled)

	// The minutes (TT 137/2017 Phụ lục 01): its parts, the participants of
	// both sides, the figures in words and numbers, every difference with
	// its reason, the comment, the line on the copies, two signers.
	g := xlsxtest.ReadGrid(t, f, xlsx.SheetMinutes)
	minutes := text(g)
	for _, want := range []string{"BIÊN BẢN", "Xét duyệt quyết toán ngân sách 6 tháng đầu năm 2026", "Thông tư số 137/2017/TT-BTC",
		"tại Phòng Tài chính – Kế hoạch quận Hà Đông", "I. THÀNH PHẦN", "Ông Trần Văn Hùng, chức vụ: Trưởng phòng Tài chính – Kế hoạch",
		"Bà Phạm Thị Hoa, chức vụ: Kế toán", "II. NỘI DUNG XÉT DUYỆT", "1. Phạm vi xét duyệt", "2. Số liệu quyết toán",
		"Giao đầu kỳ", "Bổ sung, điều chỉnh trong kỳ", "(Bằng chữ: " + ledger.Words(approved.Total[settled]) + ")",
		"3. Việc thực hiện kiến nghị", "4. Thuyết minh", "III. ĐỐI CHIẾU KẾT QUẢ HOẠT ĐỘNG SẢN XUẤT, KINH DOANH, DỊCH VỤ: không áp dụng",
		"IV. NHẬN XÉT VÀ KIẾN NGHỊ", "Đơn vị hoàn thiện chứng từ công tác phí.", "lập thành 04 bản",
		"ĐẠI DIỆN ĐƠN VỊ ĐƯỢC XÉT DUYỆT", "ĐẠI DIỆN ĐƠN VỊ XÉT DUYỆT", "Ông Nguyễn Văn Bình"} {
		if !strings.Contains(minutes, want) {
			t.Errorf("the minutes lack %q", want)
		}
	}
	for _, a := range approvals {
		if !strings.Contains(minutes, "Nguyên nhân: "+a.Reason) {
			t.Errorf("the minutes do not explain %s", a)
		}
	}
	r := slices.IndexFunc(g, func(row []string) bool {
		return len(row) > 0 && row[0] == "- Kinh phí quyết toán được duyệt:"
	})
	if r < 0 || xlsxtest.Money(t, g.At(r, 3)) != approved.Total[settled] {
		t.Errorf("settled figure of the minutes: row %d", r)
	}
	r = slices.IndexFunc(g, func(row []string) bool { return len(row) > 0 && row[0] == "+ Giao đầu kỳ:" })
	if r < 0 || xlsxtest.Money(t, g.At(r, 3))+xlsxtest.Money(t, g.At(r+1, 3)) != approved.Total[form.Role(ledger.RoleAllocated)] {
		t.Errorf("allocated at the start and added do not make the allocation: row %d", r)
	}

	// 1c: reported | approved | difference for the total and each Khoản.
	grid, err := form.ReviewGrid(reported, approvals)
	xlsxtest.Must(t, err)
	g = xlsxtest.ReadGrid(t, f, xlsx.Sheet1c)
	codes := g.RowsByCode(2, xlsxtest.ReCode)
	if len(codes) != len(form.Rows) {
		t.Errorf("1c has %d rows of the form", len(codes))
	}
	for _, l := range grid {
		group := 0
		if l.Khoan != "" {
			group = 1 + slices.Index(reported.Khoans, l.Khoan)
		}
		r := codes[l.Row.Code]
		got := [3]ledger.Money{xlsxtest.Money(t, g.At(r, 3+3*group)), xlsxtest.Money(t, g.At(r, 4+3*group)), xlsxtest.Money(t, g.At(r, 5+3*group))}
		if got != [3]ledger.Money{l.Reported, l.Approved, l.Difference} {
			t.Errorf("1c row %s Khoản %q: %v, want %+v", l.Row.Code, l.Khoan, got, l)
		}
	}
	// Part II by Mục and Tiểu mục: the cut is a line of its own, and the
	// total is the approved spending.
	adj := slices.IndexFunc(g, func(row []string) bool {
		return len(row) > 1 && strings.HasPrefix(row[1], "Điều chỉnh theo xét duyệt")
	})
	if adj < 0 || xlsxtest.Money(t, g.At(adj, 4)) != -50_000_000 || xlsxtest.Money(t, g.At(adj, 5)) != -50_000_000 {
		t.Errorf("1c adjustment line %d: %v", adj, g[max(adj, 0)])
	}
	tot := slices.IndexFunc(g, func(row []string) bool { return len(row) > 1 && row[1] == "TỔNG CỘNG" })
	if tot < 0 || xlsxtest.Money(t, g.At(tot, 3)) != reported.Total[settled] || xlsxtest.Money(t, g.At(tot, 4)) != approved.Total[settled] {
		t.Errorf("1c part II total row %d: %v", tot, g[max(tot, 0)])
	}

	// The notice (Phụ lục 02): number, place and date, figures, the
	// requests, the deadline, recipients.
	notice := text(xlsxtest.ReadGrid(t, f, xlsx.SheetNotice))
	for _, want := range []string{"THÔNG BÁO", "Số: 125/TB-TCKH", "Phòng Tài chính – Kế hoạch quận Hà Đông, ngày 20 tháng 08 năm 2026",
		"Kính gửi: UBND phường", "I. PHẦN SỐ LIỆU", "II. NHẬN XÉT VÀ KIẾN NGHỊ", "Đơn vị hoàn thiện chứng từ công tác phí.",
		"10 ngày làm việc", "Nơi nhận:", "- Kho bạc Nhà nước khu vực I;", "- Lưu: VT.", "Nộp trả ngân sách nhà nước"} {
		if !strings.Contains(notice, want) {
			t.Errorf("the notice lacks %q", want)
		}
	}

	// 2c: the approved statement by Loại and Khoản, and the approved
	// spending in the F01-01 columns.
	g = xlsxtest.ReadGrid(t, f, xlsx.Sheet2c)
	if !strings.Contains(text(g), "(Kèm theo Thông báo xét duyệt quyết toán số 125/TB-TCKH ngày 20/08/2026)") {
		t.Error("2c does not name its notice")
	}
	codes = g.RowsByCode(2, xlsxtest.ReCode)
	cols := g.ColumnsByHeader(g.NumberRow(t), xlsxtest.ReKhoan)
	for code, r := range codes {
		if got := xlsxtest.Money(t, g.At(r, 3)); got != approved.Total[code] {
			t.Errorf("2c row %s Tổng số %s, want approved %s", code, got, approved.Total[code])
		}
		for _, k := range approved.Khoans {
			if got := xlsxtest.Money(t, g.At(r, cols[k])); got != approved.ByKhoan[k][code] {
				t.Errorf("2c row %s Khoản %s: %s, want %s", code, k, got, approved.ByKhoan[k][code])
			}
		}
	}
	if len(codes) != len(form.Rows) {
		t.Errorf("2c shows %d rows of the statement", len(codes))
	}
	tot = slices.IndexFunc(g, func(row []string) bool { return len(row) > 1 && row[1] == "TỔNG CỘNG" })
	if tot < 0 || xlsxtest.Money(t, g.At(tot, 3)) != approved.Total[settled] || xlsxtest.Money(t, g.At(tot, 4)) != approved.Total[settled] {
		t.Errorf("2c part II total row %d: %v", tot, g[max(tot, 0)])
	}
	if n := checkFormulas(t, f); n < 300 {
		t.Errorf("only %d formulas checked", n)
	}
	for _, sheet := range []string{xlsx.SheetMinutes, xlsx.SheetNotice} {
		if pl, err := f.GetPageLayout(sheet); err != nil || *pl.Size != 9 || *pl.Orientation != "portrait" || *pl.FitToWidth != 1 {
			t.Errorf("%s: not an A4 letter (%v)", sheet, err)
		}
	}

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
	// A few decisions make a one-page annex: its last rows and the
	// signatures are not pushed onto a second page.
	if pl, err := f.GetPageLayout(xlsx.SheetAnnex); err != nil || pl.FitToHeight == nil || *pl.FitToHeight != 1 {
		t.Errorf("the annex is not fitted to one page (%v)", err)
	}

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
