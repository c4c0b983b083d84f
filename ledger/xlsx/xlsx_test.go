package xlsx_test

import (
	"archive/zip"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"wardledger/ledger"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsx/xlsxtest"
	"wardledger/ledger/xlsximport"
)

// TestSettlementWorkbook: the settlement workbook of a half-year and of
// the year made from its halves.
func TestSettlementWorkbook(t *testing.T) {
	db := xlsxtest.Demo(t, 3, 60)
	for _, p := range []ledger.Period{h1, ledger.YearPeriod(2026)} {
		t.Run(p.String(), func(t *testing.T) { checkSettlementWorkbook(t, db, p) })
	}
}

func checkSettlementWorkbook(t *testing.T, db ledger.Ledger, p ledger.Period) {
	const unit = "1000002"
	f, path := xlsxtest.Export(t, db, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: unit, Period: p})
	if want := "QT_1000002_" + p.String() + ".xlsx"; !strings.HasSuffix(path, want) {
		t.Errorf("file name %s, want %s", path, want)
	}
	want := []string{xlsx.SheetB01, xlsx.SheetF01, xlsx.SheetRegister, xlsx.PayloadSheet}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	st := xlsxtest.Statement(t, db, unit, p)
	checkB01(t, f, xlsxtest.ReKhoan, st.Khoans, st.Total, func(k string) ledger.Rows { return st.ByKhoan[k] })
	g := xlsxtest.ReadGrid(t, f, xlsx.SheetB01)
	if r := g.RowsByCode(2, regexp.MustCompile(`^\d\d$`))[st.Form.Role(ledger.RoleAllocated)]; !strings.Contains(g.At(r, 1), st.Form.Label(st.Form.Role(ledger.RoleAllocated), p)) {
		t.Errorf("B01 row %s says %q, want the label of %s", st.Form.Role(ledger.RoleAllocated), g.At(r, 1), p)
	}

	// F01-01: the spending detail, row by row, and its total is row 17.
	detail := xlsxtest.SpendingDetail(t, xlsxtest.Catalogue(t, db), xlsxtest.Totals(t, db, unit, p))
	g = xlsxtest.ReadGrid(t, f, xlsx.SheetF01)
	first := g.NumberRow(t) + 1
	for i, dr := range detail {
		if got := xlsxtest.Money(t, g.At(first+i, 5)); got != dr.Amount {
			t.Errorf("F01 row %d (%s %s): %s, want %s", first+i+1, dr.Code, dr.Name, got, dr.Amount)
		}
	}
	if got := xlsxtest.Money(t, g.At(first, 5)); got != st.Total["17"] {
		t.Errorf("F01 total %s, want B01 row 17 %s", got, st.Total["17"])
	}

	// The register: every entry, in order, with its id and amount.
	entries, err := db.Entries(t.Context(), ledger.EntryFilter{Unit: unit, Period: p})
	if err != nil {
		t.Fatal(err)
	}
	g = xlsxtest.ReadGrid(t, f, xlsx.SheetRegister)
	head := slices.IndexFunc(g, func(r []string) bool { return len(r) > 0 && r[0] == "STT" })
	end := head + 1 + slices.IndexFunc(g[head+1:], func(r []string) bool { return len(r) == 0 || r[0] == "" })
	if got := end - head - 1; got != len(entries) {
		t.Fatalf("register has %d rows, want %d entries", got, len(entries))
	}
	// Under it, the total of each kind of entry, never one sum of all.
	byKind := map[string]ledger.Money{}
	for _, e := range entries {
		byKind[e.Kind.Label()] += e.Amount
	}
	if g.At(end+1, 0) != "Cộng theo nghiệp vụ" {
		t.Errorf("under the register: %q", g.At(end+1, 0))
	}
	for r := end + 2; r < len(g); r++ {
		kind := g.At(r, 3)
		if got, ok := byKind[kind]; !ok || xlsxtest.Money(t, g.At(r, 7)) != got {
			t.Errorf("register total %q: %s, want %s", kind, g.At(r, 7), got)
		}
		delete(byKind, kind)
	}
	if len(byKind) > 0 {
		t.Errorf("register has no total of %v", byKind)
	}
	for i, e := range entries {
		r := head + 1 + i
		if g.At(r, 10) != e.ID || xlsxtest.Money(t, g.At(r, 7)) != e.Amount || g.At(r, 3) != e.Kind.Label() || g.At(r, 2) != e.Doc {
			t.Fatalf("register row %d = %v, want entry %+v", r+1, g[r], e)
		}
	}
	if n := checkFormulas(t, f); n < 100 {
		t.Errorf("only %d formulas checked", n)
	}
	checkLayout(t, f, []string{xlsx.SheetB01, xlsx.SheetF01, xlsx.SheetRegister})
	names := f.GetDefinedName()
	if !slices.ContainsFunc(names, func(d excelize.DefinedName) bool {
		return d.Name == "_xlnm._FilterDatabase" && d.Scope == xlsx.SheetRegister
	}) {
		t.Error("the register has no autofilter")
	}
}

// checkB01 compares the B01 sheet with the ledger: the Tổng số column with
// total, and each detail column (found by re in its header) with rows.
func checkB01(t *testing.T, f *excelize.File, re *regexp.Regexp, details []string, total ledger.Rows, rows func(string) ledger.Rows) {
	t.Helper()
	checkB01Sheet(t, f, xlsx.SheetB01, re, details, total, rows)
}

// checkB01Sheet is checkB01 for a sheet of that layout by name.
func checkB01Sheet(t *testing.T, f *excelize.File, sheet string, re *regexp.Regexp, details []string, total ledger.Rows, rows func(string) ledger.Rows) {
	t.Helper()
	g := xlsxtest.ReadGrid(t, f, sheet)
	num := g.NumberRow(t)
	codes := g.RowsByCode(2, xlsxtest.ReCode)
	cols := g.ColumnsByHeader(num, re)
	if len(cols) != len(details) {
		t.Fatalf("B01 has columns %v, want %v", cols, details)
	}
	for code, r := range codes {
		if r <= num {
			continue
		}
		if got := xlsxtest.Money(t, g.At(r, 3)); got != total[code] {
			t.Errorf("B01 %s Tổng số: %s, want %s", code, got, total[code])
		}
		for _, d := range details {
			if got, want := xlsxtest.Money(t, g.At(r, cols[d])), rows(d)[code]; got != want {
				t.Errorf("B01 %s, %s: %s, want %s", code, d, got, want)
			}
		}
	}
	if len(codes) != 35 {
		t.Errorf("B01 has %d coded rows, want 35", len(codes))
	}
	// As the circular prints it: the headings before row 01, the STT, the
	// whole form and its signers on one page.
	if r := codes["01"]; g.At(r-2, 0) != "A" || g.At(r-2, 1) != "NGÂN SÁCH NHÀ NƯỚC" || g.At(r-1, 0) != "I" || g.At(r-1, 1) != "NGUỒN NGÂN SÁCH TRONG NƯỚC" {
		t.Errorf("B01: rows before 01 are %q, %q", g[r-2], g[r-1])
	}
	for code, stt := range map[string]string{"01": "1", "02": "1.1", "03": "-", "21": "6.1", "33": "7.2"} {
		if got := g.At(codes[code], 0); got != stt {
			t.Errorf("B01 row %s: STT %q, want %q", code, got, stt)
		}
	}
	if pl, err := f.GetPageLayout(sheet); err != nil || pl.FitToHeight == nil || *pl.FitToHeight != 1 || *pl.FitToWidth != 1 {
		t.Errorf("%s: not fitted to one page (%v)", sheet, err)
	}
}

// checkLayout checks the rules every printed sheet follows.
func checkLayout(t *testing.T, f *excelize.File, sheets []string) {
	t.Helper()
	if font, _ := f.GetDefaultFont(); font != "Times New Roman" {
		t.Errorf("default font %q", font)
	}
	titles := map[string]bool{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			titles[d.Scope] = true
		}
	}
	for _, s := range sheets {
		pl, err := f.GetPageLayout(s)
		if err != nil {
			t.Fatal(err)
		}
		// Fitted to the page width: one page wide, as many tall as it
		// takes (A4 landscape), or the whole sheet on one page (either
		// way up), with fit-to-page on (without it viewers ignore the fit).
		onePage := pl.FitToHeight != nil && *pl.FitToHeight == 1
		if *pl.Size != 9 || (*pl.Orientation != "landscape" && !onePage) {
			t.Errorf("%s: paper %d %s, want A4 (9) landscape", s, *pl.Size, *pl.Orientation)
		}
		if pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || (*pl.FitToHeight != 0 && !onePage) {
			t.Errorf("%s: not fitted to one page wide (width %v, height %v)", s, pl.FitToWidth, pl.FitToHeight)
		}
		if props, err := f.GetSheetProps(s); err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page is off (%v)", s, err)
		}
		if !titles[s] {
			t.Errorf("%s: no rows repeated on printed pages", s)
		}
		panes, err := f.GetPanes(s)
		if err != nil || !panes.Freeze {
			t.Errorf("%s: panes not frozen (%v)", s, err)
		}
		checkAmountsFit(t, f, s)
	}
	if visible, _ := f.GetSheetVisible(xlsx.PayloadSheet); visible {
		t.Error("the payload sheet is visible")
	}
	// Amounts are numbers with a grouping format, negatives in parentheses.
	g := xlsxtest.ReadGrid(t, f, sheets[0])
	amount := "D12"
find:
	for r := g.NumberRow(t) + 1; r < len(g); r++ {
		for c := 3; c < len(g[r]); c++ {
			if v, err := strconv.ParseInt(g.At(r, c), 10, 64); err == nil && (v > 999 || v < -999) {
				amount, _ = excelize.CoordinatesToCellName(c+1, r+1)
				break find
			}
		}
	}
	style, err := f.GetCellStyle(sheets[0], amount)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(style)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil || !strings.HasPrefix(*st.CustomNumFmt, "#,##0_);(#,##0)") {
		t.Errorf("%s!%s number format %v", sheets[0], amount, st.CustomNumFmt)
	}
	if st.Font == nil || st.Font.Family != "Times New Roman" {
		t.Errorf("%s!%s font %+v", sheets[0], amount, st.Font)
	}
}

// checkAmountsFit checks that every amount of a sheet fits its column:
// an amount too wide shows as ##### in Excel. A Times New Roman digit is
// one unit of column width and a group separator half of one; the
// parentheses (or the room kept for one) and the cell's padding need one
// and a half more.
func checkAmountsFit(t *testing.T, f *excelize.File, sheet string) {
	t.Helper()
	rows, err := f.GetRows(sheet, xlsxtest.Raw)
	if err != nil {
		t.Fatal(err)
	}
	widths := map[int]float64{}
	merged := map[string]bool{}
	mc, err := f.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mc {
		merged[m.GetStartAxis()] = true
	}
	checked := 0
	for r, cols := range rows {
		for c, v := range cols {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || (n > -1000 && n < 1000) {
				continue // text, or too short to matter
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if typ, _ := f.GetCellType(sheet, cell); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
				continue // a code written as text
			}
			if merged[cell] {
				continue
			}
			checked++
			w, ok := widths[c]
			if !ok {
				name, _ := excelize.ColumnNumberToName(c + 1)
				w, _ = f.GetColWidth(sheet, name)
				widths[c] = w
			}
			digits := len(strconv.FormatInt(max(n, -n), 10))
			if need := float64(digits) + 0.5*float64((digits-1)/3) + 1.5; w < need {
				t.Errorf("%s!%s: %d needs a width of %.1f, the column has %.1f", sheet, cell, n, need, w)
			}
		}
	}
	if checked == 0 {
		t.Errorf("%s: no amount found to check", sheet)
	}
}

func TestDistrictWorkbook(t *testing.T) {
	// The 17 wards of Hà Đông: the layout must hold at the real width.
	db := xlsxtest.Demo(t, 17, 40)
	f, path := xlsxtest.Export(t, db, xlsx.Request{Kind: ledger.WorkbookDistrict, Period: h1})
	if !strings.HasSuffix(path, "THQT_1000001_2026-H1.xlsx") {
		t.Errorf("file name %s", path)
	}
	units, err := db.Units(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	codes := make([]string, len(units))
	byUnit := map[string]*ledger.Statement{}
	for i, u := range units {
		codes[i] = u.Code
		byUnit[u.Code] = xlsxtest.Statement(t, db, u.Code, h1)
	}
	all := xlsxtest.Statement(t, db, ledger.AllUnits, h1)
	checkB01(t, f, xlsxtest.ReUnit, codes, all.Total, func(u string) ledger.Rows { return byUnit[u].Total })

	cat := xlsxtest.Catalogue(t, db)
	checkDistrictF01(t, f, cat, db, codes)
	checkAllocation(t, f, codes, byUnit, all)

	// The execution table, row by unit, and its chart.
	g := xlsxtest.ReadGrid(t, f, xlsx.SheetChart)
	rows := g.RowsByCode(2, regexp.MustCompile(`^\d{7}$`))
	for u, r := range rows {
		for j, code := range []string{"11", "14", "17", "29"} {
			if got, want := xlsxtest.Money(t, g.At(r, 4+j)), byUnit[u].Total[code]; got != want {
				t.Errorf("execution %s row %s: %s, want %s", u, code, got, want)
			}
		}
	}
	if len(rows) != len(units) {
		t.Errorf("execution table has %d units, want %d", len(rows), len(units))
	}
	if !zipHas(t, path, "xl/charts/chart1.xml") {
		t.Error("no chart in the workbook")
	}
	if n := checkFormulas(t, f); n < 200 {
		t.Errorf("only %d formulas checked", n)
	}
	checkLayout(t, f, []string{xlsx.SheetB01, xlsx.SheetF01, xlsx.SheetAlloc, xlsx.SheetChart})

	// The payload carries every unit's stored totals.
	p, err := xlsximport.ReadPayloadFile(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		var got []string
		for _, ut := range p.Totals {
			if ut.Unit == u.Code {
				got = append(got, fmt.Sprint(ut.Total))
			}
		}
		var want []string
		for _, tt := range xlsxtest.Totals(t, db, u.Code, h1) {
			want = append(want, fmt.Sprint(tt))
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("payload totals of %s differ from the ledger", u.Code)
		}
	}
}

func checkDistrictF01(t *testing.T, f *excelize.File, cat *ledger.Catalogue, db ledger.Ledger, units []string) {
	t.Helper()
	// A row is placed by its level, its code and the codes above it.
	key := func(r ledger.DetailRow) string {
		above := []string{string(r.Nature), r.Loai, r.Khoan, r.Muc}
		return fmt.Sprint(r.Level, r.Code, above[:max(0, int(r.Level)-1)])
	}
	var allTotals []ledger.Total
	perUnit := map[string]map[string]ledger.Money{}
	for _, u := range units {
		ts := xlsxtest.Totals(t, db, u, h1)
		allTotals = append(allTotals, ts...)
		perUnit[u] = map[string]ledger.Money{}
		for _, r := range xlsxtest.SpendingDetail(t, cat, ts) {
			perUnit[u][key(r)] = r.Amount
		}
	}
	g := xlsxtest.ReadGrid(t, f, xlsx.SheetF01)
	num := g.NumberRow(t)
	cols := g.ColumnsByHeader(num, xlsxtest.ReUnit)
	for i, dr := range xlsxtest.SpendingDetail(t, cat, allTotals) {
		r := num + 1 + i
		if got := xlsxtest.Money(t, g.At(r, 5)); got != dr.Amount {
			t.Errorf("F01 row %d Tổng số %s, want %s", r+1, got, dr.Amount)
		}
		for _, u := range units {
			if got, want := xlsxtest.Money(t, g.At(r, cols[u])), perUnit[u][key(dr)]; got != want {
				t.Errorf("F01 row %d unit %s: %s, want %s", r+1, u, got, want)
			}
		}
	}
}

// checkAllocation finds the TX and KTX rows of each Khoản in the
// allocation sheet and compares them with rows 09 and 10 of each unit.
func checkAllocation(t *testing.T, f *excelize.File, units []string, byUnit map[string]*ledger.Statement, all *ledger.Statement) {
	t.Helper()
	g := xlsxtest.ReadGrid(t, f, xlsx.SheetAlloc)
	num := g.NumberRow(t)
	cols := g.ColumnsByHeader(num, xlsxtest.ReUnit)
	khoan, checked := "", 0
	for r := num + 1; r < len(g); r++ {
		label := g.At(r, 1)
		if m := xlsxtest.ReKhoan.FindStringSubmatch(label); m != nil {
			khoan = m[1]
		}
		if r == num+1 {
			if got := xlsxtest.Money(t, g.At(r, 2)); got != all.Total["08"] {
				t.Errorf("allocation total %s, want row 08 %s", got, all.Total["08"])
			}
		}
		if g.At(r, 0) != "-" {
			continue
		}
		code := "09"
		if strings.Contains(label, "không thường xuyên") {
			code = "10"
		}
		for _, u := range units {
			if got, want := xlsxtest.Money(t, g.At(r, cols[u])), byUnit[u].ByKhoan[khoan][code]; got != want {
				t.Errorf("allocation Khoản %s %s unit %s: %s, want %s", khoan, label, u, got, want)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Error("no allocation line found")
	}
}

func zipHas(t *testing.T, path, name string) bool {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	return slices.ContainsFunc(zr.File, func(f *zip.File) bool { return f.Name == name })
}

func TestAllocationWorkbook(t *testing.T) {
	db := xlsxtest.Demo(t, 3, 60)
	f, path := xlsxtest.Export(t, db, xlsx.Request{Kind: ledger.WorkbookAllocation, Period: h2})
	if !strings.HasSuffix(path, "DT_1000001_2026-H2.xlsx") {
		t.Errorf("file name %s", path)
	}
	if got := f.GetSheetList(); !slices.Equal(got, []string{xlsx.SheetAlloc, xlsx.PayloadSheet}) {
		t.Fatalf("sheets %v", got)
	}
	units, err := db.Units(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	byUnit := map[string]*ledger.Statement{}
	var codes []string
	for _, u := range units {
		codes = append(codes, u.Code)
		byUnit[u.Code] = xlsxtest.Statement(t, db, u.Code, h2)
	}
	checkAllocation(t, f, codes, byUnit, xlsxtest.Statement(t, db, ledger.AllUnits, h2))
	if n := checkFormulas(t, f); n < 20 {
		t.Errorf("only %d formulas checked", n)
	}
	checkLayout(t, f, []string{xlsx.SheetAlloc})
	p, err := xlsximport.ReadPayloadFile(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != ledger.WorkbookAllocation || len(p.Totals) == 0 {
		t.Fatalf("payload %+v", p)
	}
	for _, ut := range p.Totals {
		if ut.Kind != ledger.EntryAllocation && ut.Kind != ledger.EntryAdjustment {
			t.Errorf("allocation payload holds a %s total", ut.Kind)
		}
	}
}

// TestRegisterLinksReversals: the register names, beside an entry, the
// reversal that cancels it, and beside the reversal what it reverses.
func TestRegisterLinksReversals(t *testing.T) {
	db, spend := xlsxtest.HandLedger(t)
	f, _ := xlsxtest.Export(t, db, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: "1000002", Period: h1})
	g := xlsxtest.ReadGrid(t, f, xlsx.SheetRegister)
	var links []string
	for _, r := range g {
		if len(r) > 9 && r[9] != "" && r[0] != "STT" {
			links = append(links, r[9])
		}
	}
	if len(links) != 2 || !strings.HasPrefix(links[0], "Đã bị đảo ngày") ||
		links[1] != "Đảo bút toán số "+spend.Doc+" ngày "+spend.Date.VN() {
		t.Errorf("reversal links %q", links)
	}
}
