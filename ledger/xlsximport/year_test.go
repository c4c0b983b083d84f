package xlsximport_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
	"wardledger/ledger/sqlite/sqlitetest"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsx/xlsxtest"
	"wardledger/ledger/xlsximport"
)

var y2026 = ledger.YearPeriod(2026)

// TestImportYearOfHalves: a ward kept by half-years sends the workbook of
// its year (both halves' entries, period 2026); the district imports it
// and holds the same year, halves and statement; the half-years' own
// workbooks then add nothing. The district's workbooks of the year
// (consolidation, review) are written from it.
func TestImportYearOfHalves(t *testing.T) {
	ctx := t.Context()
	wardDB := xlsxtest.Demo(t, 2, 120)
	dir := t.TempDir()
	district := districtFor(t, wardDB, ward)
	path := xlsxtest.ExportTo(t, wardDB, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward, Period: y2026}, dir)
	if filepath.Base(path) != "QT_"+ward+"_2026.xlsx" {
		t.Errorf("file name %s", filepath.Base(path))
	}
	im, err := xlsximport.ImportWorkbook(ctx, district, path)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := wardDB.CountEntries(ctx, ledger.EntryFilter{Unit: ward, Period: y2026})
	if im.Period != y2026 || im.Added != n || n == 0 {
		t.Errorf("import %+v, want %d added", im, n)
	}
	if slices.ContainsFunc(im.Warnings, func(w string) bool { return strings.Contains(w, "khác dữ liệu ẩn") }) {
		t.Errorf("the year's visible figures differ from its payload: %q", im.Warnings)
	}
	for _, p := range []ledger.Period{y2026, h1, h2} {
		sameLedgerPeriod(t, wardDB, district, ward, p)
	}
	for _, p := range []ledger.Period{h1, h2} {
		again, err := xlsximport.ImportWorkbook(ctx, district, xlsxtest.ExportTo(t, wardDB, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward, Period: p}, dir))
		if err != nil || again.Added != 0 {
			t.Errorf("%s after the year: %+v %v", p, again, err)
		}
	}
	if ims, _ := district.Imports(ctx, y2026); len(ims) != 3 {
		t.Errorf("the year's imports: %d", len(ims))
	}
	if r, _ := district.Review(ctx, ward, y2026); r.State != ledger.ReviewImported {
		t.Errorf("year review state %s", r.State)
	}
	st := xlsxtest.Statement(t, district, ward, y2026)
	xlsxtest.Must(t, district.SetApproval(ctx, ward, y2026, ledger.Approval{Row: "18", Khoan: st.Khoans[0],
		Approved: st.ByKhoan[st.Khoans[0]]["18"] - 1_000, Reason: "chi vượt định mức"}))
	for _, kind := range []ledger.WorkbookKind{ledger.WorkbookDistrict, ledger.WorkbookReview} {
		f, name := xlsxtest.Export(t, district, xlsx.Request{Kind: kind, Unit: ward, Period: y2026})
		if !strings.HasSuffix(name, "_2026.xlsx") {
			t.Errorf("%s: %s", kind, name)
		}
		for _, sheet := range f.GetSheetList() {
			g := xlsxtest.ReadGrid(t, f, sheet)
			for r := range g {
				for c := range g[r] {
					if strings.ContainsAny(g.At(r, c), "{}") || strings.Contains(g.At(r, c), "trong kỳ") {
						t.Errorf("%s %s: cell %q", kind, sheet, g.At(r, c))
					}
				}
			}
		}
	}
}

// TestImportYearLedgerWorkbook: a ward kept by whole years sends its
// year; a district that has not begun that year for the ward keeps it
// whole too, as the ward's entries are, and says so; the figures are the
// ward's. A year annex of a district kept by years imports into the ward.
func TestImportYearLedgerWorkbook(t *testing.T) {
	ctx := context.Background()
	sup := ledger.Unit{Code: "1000001", Name: "UBND phường Hà Đông", Chapter: "599"}
	school := ledger.Unit{Code: ward, Name: "Trường mầm non Hoa Sen", Chapter: "599"}
	own := sqlitetest.New(t, filepath.Join(t.TempDir(), "truong.db"), ledger.Setup{Superior: sup, Units: []ledger.Unit{school}, Periods: ledger.ByYear, Role: ledger.UnitRole(ward)},
		sqlite.Options{Now: xlsxtest.FixedNow})
	mk := func(kind ledger.EntryKind, tm string, amount ledger.Money, date string) *ledger.Entry {
		return &ledger.Entry{Unit: ward, Period: y2026, Kind: kind, Nature: ledger.TX, Khoan: "341", TieuMuc: tm,
			Amount: amount, Doc: "CT", Date: xlsxtest.MustDate(t, date)}
	}
	xlsxtest.Must(t, own.AddEntries(ctx, []*ledger.Entry{
		mk(ledger.EntryAllocation, "", 900_000_000, "2026-01-04"), mk(ledger.EntryWithdrawal, "", 700_000_000, "2026-02-01"),
		mk(ledger.EntrySpending, "6001", 420_000_000, "2026-05-01"), mk(ledger.EntrySpending, "6501", 80_000_000, "2026-11-01"),
	}, ledger.BatchSource{Reason: "test"}))
	xlsxtest.Must(t, own.ClosePeriod(ctx, ward, y2026, []ledger.CarryOver{{Line: ledger.Line{Khoan: "341", Nature: ledger.TX},
		Balance: ledger.BalanceEstimate, Amount: 150_000_000}}))
	district := xlsxtest.Ledger(t, sup, school) // kept by half-years
	path := xlsxtest.ExportTo(t, own, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward, Period: y2026}, t.TempDir())
	im, err := xlsximport.ImportWorkbook(ctx, district, path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(im.Warnings, func(w string) bool {
		return strings.Contains(w, "năm 2026 của đơn vị được ghi theo cả năm")
	}) {
		t.Errorf("warnings %q", im.Warnings)
	}
	sameLedgerPeriod(t, own, district, ward, y2026)
	if w, _ := district.Periodicity(ctx, ward, 2026); w != ledger.ByYear {
		t.Errorf("the district keeps the ward's 2026 %q", w)
	}
	err = district.AddEntry(ctx, &ledger.Entry{Unit: ward, Period: h2, Kind: ledger.EntryAllocation, Nature: ledger.TX, Khoan: "341",
		Amount: 1, Doc: "X", Date: xlsxtest.MustDate(t, "2026-07-02")})
	if ledger.ErrorField(err) != "period" {
		t.Errorf("a half-year entry in the ward's whole year: %v", err)
	}

	// The superior kept by years allocates 2027 to the ward; the annex
	// imports into the ward's ledger.
	byYears := sqlitetest.New(t, filepath.Join(t.TempDir(), "cap-tren.db"), ledger.Setup{Superior: sup, Units: []ledger.Unit{school}, Periods: ledger.ByYear},
		sqlite.Options{Now: xlsxtest.FixedNow})
	y2027 := ledger.YearPeriod(2027)
	d := ledger.AllocationDecision{Period: y2027, Doc: "5/QĐ-UBND", Date: xlsxtest.MustDate(t, "2026-12-20"),
		Cells: map[string]map[ledger.Line]ledger.Money{ward: {{Khoan: "341", Nature: ledger.TX}: 950_000_000}}}
	es, err := d.Entries()
	xlsxtest.Must(t, err)
	if !strings.Contains(es[0].Memo, "năm 2027") {
		t.Errorf("allocation memo %q", es[0].Memo)
	}
	xlsxtest.Must(t, byYears.AddEntries(ctx, es, ledger.BatchSource{Reason: "test"}))
	annex := xlsxtest.ExportTo(t, byYears, xlsx.Request{Kind: ledger.WorkbookAnnex, Unit: ward, Period: y2027}, t.TempDir())
	if _, err := xlsximport.ImportAllocation(ctx, own, annex); err != nil {
		t.Fatal(err)
	}
	next := xlsxtest.Statement(t, own, ward, y2027)
	if next.Total["09"] != 950_000_000 || next.Total["04"] != 150_000_000 {
		t.Errorf("2027 at the ward: 09=%d 04=%d", next.Total["09"], next.Total["04"])
	}
	f, _ := xlsxtest.Export(t, byYears, xlsx.Request{Kind: ledger.WorkbookAllocation, Period: y2027})
	if len(f.GetSheetList()) == 0 {
		t.Error("no allocation table")
	}
}
