package xlsximport_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/payload"
	"wardledger/ledger/sqlite"
	"wardledger/ledger/sqlite/sqlitetest"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsx/xlsxtest"
)

// The year's exchange across the ways of keeping it: a ward keeps its own
// ledger by half-years and sends the settlement of its year, a district
// that allocated its halves (and one that allocated the whole year)
// imports it; and the other way round.

var (
	y2025   = ledger.YearPeriod(2025)
	h2of25  = ledger.MustPeriod("2025-H2")
	line341 = ledger.Line{Khoan: "341", Nature: ledger.TX}
)

// allocate records, on the superior's ledger db, one allocation of amount
// to unit for period p, and returns it.
func allocate(t *testing.T, db *sqlite.DB, unit string, p ledger.Period, amount ledger.Money, doc, date string) *ledger.Entry {
	t.Helper()
	d := ledger.AllocationDecision{Period: p, Doc: doc, Date: xlsxtest.MustDate(t, date),
		Cells: map[string]map[ledger.Line]ledger.Money{unit: {line341: amount}}}
	es, err := d.Entries()
	xlsxtest.Must(t, err)
	xlsxtest.Must(t, db.AddEntries(t.Context(), es, ledger.BatchSource{Reason: "giao dự toán"}))
	return es[0]
}

// keyed records vouchers of the ward on Khoản 341 TX.
func keyed(t *testing.T, db *sqlite.DB, p ledger.Period, rows ...any) {
	t.Helper()
	var es []*ledger.Entry
	for i := 0; i+3 < len(rows)+1; i += 4 {
		es = append(es, &ledger.Entry{Unit: ward1.Code, Period: p, Kind: rows[i].(ledger.EntryKind), Nature: ledger.TX, Khoan: "341",
			TieuMuc: rows[i+1].(string), Amount: ledger.Money(rows[i+2].(int)), Doc: "CT-" + rows[i+3].(string),
			Date: xlsxtest.MustDate(t, rows[i+3].(string))})
	}
	xlsxtest.Must(t, db.AddEntries(t.Context(), es, ledger.BatchSource{Reason: "chứng từ"}))
}

func carry(received, estimate ledger.Money) []ledger.CarryOver {
	out := []ledger.CarryOver{{Line: line341, Balance: ledger.BalanceReceived, Amount: received}}
	if estimate > 0 {
		out = append(out, ledger.CarryOver{Line: line341, Balance: ledger.BalanceEstimate, Amount: estimate})
	}
	return out
}

// yearExchange is a district kept by half-years and the first ward's own
// ledger, kept by half-years too, after: the district allocated 2025-H2,
// the ward imported the annex, spent, closed 2025-H2 carrying 100 million
// received and 150 million of estimate into 2026-H1, and the district
// imported that settlement; the district allocated 2026-H1 and 2026-H2,
// the ward imported both annexes, spent in both halves and closed both.
// year is the ward's workbook of 2026 (QT_1000002_2026.xlsx).
type yearExchange struct {
	district, ward *sqlite.DB
	alloc          []*ledger.Entry // the district's allocations of 2026-H1 and 2026-H2
	year           string
}

func newYearExchange(t *testing.T) *yearExchange {
	t.Helper()
	ctx := t.Context()
	x := &yearExchange{district: xlsxtest.Ledger(t, hadong, ward1), ward: xlsxtest.UnitLedger(t, hadong, ward1)}
	dir := t.TempDir()
	annex := func(p ledger.Period) {
		path := xlsxtest.ExportTo(t, x.district, xlsx.Request{Kind: ledger.WorkbookAnnex, Unit: ward1.Code, Period: p}, dir)
		mustImport(t, x.ward, ledger.WorkbookAnnex, path, ledger.ImportOptions{})
	}
	allocate(t, x.district, ward1.Code, h2of25, 800_000_000, "40/QĐ-UBND", "2025-06-20")
	annex(h2of25)
	keyed(t, x.ward, h2of25, ledger.EntryWithdrawal, "", 600_000_000, "2025-07-10", ledger.EntrySpending, "6001", 500_000_000, "2025-08-10")
	xlsxtest.Must(t, x.ward.ClosePeriod(ctx, ward1.Code, h2of25, carry(100_000_000, 150_000_000)))
	mustImport(t, x.district, ledger.WorkbookSettlement,
		xlsxtest.ExportTo(t, x.ward, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: h2of25}, dir), ledger.ImportOptions{})

	x.alloc = append(x.alloc, allocate(t, x.district, ward1.Code, h1, 1_000_000_000, "12/QĐ-UBND", "2025-12-20"))
	x.alloc = append(x.alloc, allocate(t, x.district, ward1.Code, h2, 300_000_000, "80/QĐ-UBND", "2026-06-20"))
	annex(h1)
	annex(h2)
	keyed(t, x.ward, h1, ledger.EntryWithdrawal, "", 700_000_000, "2026-01-10", ledger.EntrySpending, "6001", 600_000_000, "2026-02-10")
	xlsxtest.Must(t, x.ward.ClosePeriod(ctx, ward1.Code, h1, carry(200_000_000, 400_000_000)))
	keyed(t, x.ward, h2, ledger.EntryWithdrawal, "", 500_000_000, "2026-07-10", ledger.EntrySpending, "6001", 650_000_000, "2026-08-10")
	xlsxtest.Must(t, x.ward.ClosePeriod(ctx, ward1.Code, h2, carry(50_000_000, 0)))
	x.year = xlsxtest.ExportTo(t, x.ward, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: y2026}, dir)
	return x
}

// TestYearOfHalvesToDistrictOfHalves: the honest year imports whole and
// exact, the district's allocations of both halves recognised; forged
// years — the allocation changed, the carry-in from 2025 changed, the
// carry-over from H1 into H2 changed, an allocation the ward keyed itself,
// another key — are refused, the district unchanged to the last row,
// whether the forger lacks the ward's key (and a reviewer accepts the new
// one) or is the ward itself, signing with its own.
func TestYearOfHalvesToDistrictOfHalves(t *testing.T) {
	ctx := t.Context()
	x := newYearExchange(t)
	if !strings.HasSuffix(x.year, "QT_1000002_2026.xlsx") {
		t.Fatalf("the year's workbook is %s", x.year)
	}
	own, err := x.ward.Signer(ctx)
	xlsxtest.Must(t, err)
	attacker := newSigner(t)
	accept := ledger.ImportOptions{AcceptKey: true, Reason: "phường gửi lại"}
	alloc := func(p *payload.Payload) *ledger.Entry {
		for _, e := range p.Entries {
			if e.Kind == ledger.EntryAllocation && e.Period == h2 {
				return e
			}
		}
		t.Fatal("no H2 allocation in the payload")
		return nil
	}
	carryIn := func(p ledger.Period) func(*payload.Payload) {
		return func(pl *payload.Payload) {
			for _, e := range pl.Entries {
				if e.Kind == ledger.EntryCarryInReceived && e.Period == p {
					e.Amount += 900_000_000
					return
				}
			}
			t.Fatalf("no carry-in in %s", p)
		}
	}
	cases := []struct {
		name   string
		change func(*payload.Payload)
		field  string
		says   string
	}{
		{"the H2 allocation raised", func(p *payload.Payload) { alloc(p).Amount = 3_000_000_000 }, "allocation", "300.000.000 ≠ 3.000.000.000"},
		{"an allocation of its own added", func(p *payload.Payload) {
			e := *alloc(p)
			e.ID, e.Doc = ledger.NewID(xlsxtest.FixedNow()), "QĐ giả"
			p.Entries = append(p.Entries, &e)
		}, "allocation", "không do sổ này giao"},
		{"the H1 allocation left out", func(p *payload.Payload) {
			for i, e := range p.Entries {
				if e.ID == x.alloc[0].ID {
					p.Entries = append(p.Entries[:i], p.Entries[i+1:]...)
					return
				}
			}
		}, "allocation", "thiếu bút toán " + x.alloc[0].ID},
		{"the carry-in from 2025 raised", carryIn(h1), "carry_in", "sổ này ghi kỳ trước chuyển sang 100.000.000 đồng"},
		{"the carry-over from H1 into H2 raised", carryIn(h2), "carry_in", "200.000.000"},
	}
	for _, c := range cases {
		t.Run(c.name+", another key accepted", func(t *testing.T) {
			refuse(t, x.district, ledger.WorkbookSettlement, forge(t, x.year, c.change, attacker), accept, ledger.KindConflict, c.field, c.says)
		})
		t.Run(c.name+", the ward's own key", func(t *testing.T) {
			refuse(t, x.district, ledger.WorkbookSettlement, forge(t, x.year, c.change, own), ledger.ImportOptions{}, ledger.KindConflict, c.field, c.says)
		})
	}
	// The ward's own key, a file no honest ledger writes.
	t.Run("the H2 allocation moved into H1", func(t *testing.T) {
		refuse(t, x.district, ledger.WorkbookSettlement, forge(t, x.year, func(p *payload.Payload) { alloc(p).Period = h1 }, own),
			ledger.ImportOptions{}, ledger.KindConflict, "allocation", "thiếu bút toán "+x.alloc[1].ID)
	})
	t.Run("a voucher recorded in the year itself", func(t *testing.T) {
		refuse(t, x.district, ledger.WorkbookSettlement, forge(t, x.year, func(p *payload.Payload) {
			entryOf(t, p, ledger.EntrySpending).Period = y2026
		}, own), ledger.ImportOptions{}, ledger.KindInvalid, "period", "sổ này ghi năm 2026 theo kỳ 6 tháng")
	})
	t.Run("an entry of 2025 in the year", func(t *testing.T) {
		refuse(t, x.district, ledger.WorkbookSettlement, forge(t, x.year, func(p *payload.Payload) {
			entryOf(t, p, ledger.EntrySpending).Period = h2of25
		}, own), ledger.ImportOptions{}, ledger.KindInvalid, "", "trang dữ liệu ẩn hỏng")
	})
	t.Run("re-signed with another key", func(t *testing.T) {
		refuse(t, x.district, ledger.WorkbookSettlement, forge(t, x.year, func(*payload.Payload) {}, attacker), ledger.ImportOptions{},
			ledger.KindConflict, "key", "khác khóa")
	})
	t.Run("an amount edited, the checksum recomputed", func(t *testing.T) {
		refuse(t, x.district, ledger.WorkbookSettlement, forge(t, x.year, func(p *payload.Payload) { alloc(p).Amount++ }, nil), ledger.ImportOptions{},
			ledger.KindInvalid, "", "chữ ký số không khớp")
	})

	// The first half imported, then the year sent without it, its second
	// half bringing more than the first carried.
	mustImport(t, x.district, ledger.WorkbookSettlement,
		xlsxtest.ExportTo(t, x.ward, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: h1}, t.TempDir()), ledger.ImportOptions{})
	t.Run("the year without its first half, H2's carry-in raised", func(t *testing.T) {
		refuse(t, x.district, ledger.WorkbookSettlement, forge(t, x.year, func(p *payload.Payload) {
			p.Entries = slices.DeleteFunc(p.Entries, func(e *ledger.Entry) bool { return e.Period == h1 })
			carryIn(h2)(p)
		}, own), ledger.ImportOptions{}, ledger.KindConflict, "allocation", "thiếu bút toán "+x.alloc[0].ID)
	})
	im := mustImport(t, x.district, ledger.WorkbookSettlement, x.year, ledger.ImportOptions{})
	if hasFinding(im, ledger.FindingNotIssued) || hasFinding(im, ledger.FindingEdited) || im.Added == 0 {
		t.Errorf("the honest year: %+v %q", im, im.Warnings)
	}
	for _, p := range []ledger.Period{y2026, h1, h2} {
		sameLedgerPeriod(t, x.ward, x.district, ward1.Code, p)
	}
	st := xlsxtest.Statement(t, x.district, ward1.Code, y2026)
	want := map[string]ledger.Money{"03": 100_000_000, "04": 150_000_000, "09": 1_300_000_000, "15": 1_200_000_000, "18": 1_250_000_000, "31": 50_000_000}
	for code, v := range want {
		if st.Total[code] != v {
			t.Errorf("the district's year row %s = %s, want %s", code, st.Total[code], v)
		}
	}
}

// TestYearsThenHalves: a ward kept its 2025 whole and keeps 2026 by
// half-years (a district set the same way). The district holds the ward's
// 2025 from its year workbook; the carry-ins of 2026-H1, and of the year
// 2026 made of halves, are checked against the carry-out of the year 2025,
// not of a 2025-H2 no ledger has: the honest halves and year import, a
// raised carry-in is refused.
func TestYearsThenHalves(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	sup := sqlitetest.New(t, filepath.Join(t.TempDir(), "quan.db"), ledger.Setup{Superior: hadong, Units: []ledger.Unit{ward1}, Periods: ledger.ByYear},
		sqlite.Options{Now: xlsxtest.FixedNow})
	own := sqlitetest.New(t, filepath.Join(t.TempDir(), "phuong.db"), ledger.Setup{Superior: hadong, Units: []ledger.Unit{ward1}, Periods: ledger.ByYear,
		Role: ledger.UnitRole(ward1.Code)}, sqlite.Options{Now: xlsxtest.FixedNow})
	allocate(t, sup, ward1.Code, y2025, 800_000_000, "40/QĐ-UBND", "2024-12-20")
	mustImport(t, own, ledger.WorkbookAnnex, xlsxtest.ExportTo(t, sup, xlsx.Request{Kind: ledger.WorkbookAnnex, Unit: ward1.Code, Period: y2025}, dir), ledger.ImportOptions{})
	keyed(t, own, y2025, ledger.EntryWithdrawal, "", 600_000_000, "2025-03-10", ledger.EntrySpending, "6001", 500_000_000, "2025-08-10")
	// From 2026 both keep the ward by half-years.
	xlsxtest.Must(t, sup.UpdateUnit(ctx, ledger.Unit{Code: ward1.Code, Name: ward1.Name, Chapter: ward1.Chapter, Periods: ledger.ByHalfYear}))
	xlsxtest.Must(t, own.UpdateUnit(ctx, ledger.Unit{Code: ward1.Code, Name: ward1.Name, Chapter: ward1.Chapter, Periods: ledger.ByHalfYear}))
	xlsxtest.Must(t, own.ClosePeriod(ctx, ward1.Code, y2025, carry(100_000_000, 150_000_000)))
	mustImport(t, sup, ledger.WorkbookSettlement, xlsxtest.ExportTo(t, own, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: y2025}, dir), ledger.ImportOptions{})
	if w, _ := own.Periodicity(ctx, ward1.Code, 2026); w != ledger.ByHalfYear {
		t.Fatalf("the ward keeps 2026 %s", w)
	}
	keyed(t, own, h1, ledger.EntryWithdrawal, "", 50_000_000, "2026-01-10", ledger.EntrySpending, "6001", 120_000_000, "2026-02-10")
	half := xlsxtest.ExportTo(t, own, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: h1}, dir)
	year := xlsxtest.ExportTo(t, own, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: y2026}, dir)
	signer, err := own.Signer(ctx)
	xlsxtest.Must(t, err)
	raise := func(p *payload.Payload) {
		for _, e := range p.Entries {
			if e.Kind == ledger.EntryCarryInEstimate {
				e.Amount = 900_000_000
			}
		}
	}
	for _, path := range []string{half, year} {
		refuse(t, sup, ledger.WorkbookSettlement, forge(t, path, raise, signer), ledger.ImportOptions{}, ledger.KindConflict, "carry_in",
			"tệp ghi 900.000.000 đồng, sổ này ghi kỳ trước chuyển sang 150.000.000 đồng")
	}
	for _, path := range []string{half, year} {
		mustImport(t, sup, ledger.WorkbookSettlement, path, ledger.ImportOptions{})
	}
	sameLedgerPeriod(t, own, sup, ward1.Code, y2026)
}

// TestYearAllocatedWhole: a district keeping the ward by whole years
// allocates the year 2026. The ward's ledger, kept by half-years, takes
// the year's annex while its 2026 is not begun (its year is then kept
// whole, as allocated, and the import says so) and refuses it, unchanged,
// once 2026 is begun by halves; the ward's year then imports exact, and a
// year of halves carrying allocations the district did not issue is
// refused, listing them.
func TestYearAllocatedWhole(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	sup := sqlitetest.New(t, filepath.Join(t.TempDir(), "quan.db"), ledger.Setup{Superior: hadong, Units: []ledger.Unit{ward1}, Periods: ledger.ByYear},
		sqlite.Options{Now: xlsxtest.FixedNow})
	a := allocate(t, sup, ward1.Code, y2026, 1_000_000_000, "1/QĐ-UBND", "2025-12-20")
	annex := xlsxtest.ExportTo(t, sup, xlsx.Request{Kind: ledger.WorkbookAnnex, Unit: ward1.Code, Period: y2026}, dir)

	begun := xlsxtest.UnitLedger(t, hadong, ward1)
	keyed(t, begun, h1, ledger.EntryAllocation, "", 5, "2026-01-02")
	refuse(t, begun, ledger.WorkbookAnnex, annex, ledger.ImportOptions{}, ledger.KindInvalid, "period", "sổ này ghi năm 2026 theo kỳ 6 tháng")

	own := xlsxtest.UnitLedger(t, hadong, ward1)
	im := mustImport(t, own, ledger.WorkbookAnnex, annex, ledger.ImportOptions{})
	if !slices.ContainsFunc(im.Warnings, func(w string) bool {
		return strings.Contains(w, "năm 2026 của đơn vị được ghi theo cả năm")
	}) {
		t.Errorf("the year's annex on a ward kept by halves: %q", im.Warnings)
	}
	keyed(t, own, y2026, ledger.EntryWithdrawal, "", 700_000_000, "2026-01-10", ledger.EntrySpending, "6001", 600_000_000, "2026-09-10")
	xlsxtest.Must(t, own.ClosePeriod(ctx, ward1.Code, y2026, carry(100_000_000, 0)))
	year := xlsxtest.ExportTo(t, own, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: y2026}, dir)
	signer, err := own.Signer(ctx)
	xlsxtest.Must(t, err)
	refuse(t, sup, ledger.WorkbookSettlement, forge(t, year, func(p *payload.Payload) { entryOf(t, p, ledger.EntryAllocation).Amount = 2_000_000_000 }, signer),
		ledger.ImportOptions{}, ledger.KindConflict, "allocation", "bút toán "+a.ID+" khác")
	mustImport(t, sup, ledger.WorkbookSettlement, year, ledger.ImportOptions{})
	sameLedgerPeriod(t, own, sup, ward1.Code, y2026)

	// The ward kept by halves that keyed the paper decisions itself.
	x := newYearExchange(t)
	other := sqlitetest.New(t, filepath.Join(t.TempDir(), "quan2.db"), ledger.Setup{Superior: hadong, Units: []ledger.Unit{ward1}, Periods: ledger.ByYear},
		sqlite.Options{Now: xlsxtest.FixedNow})
	b := allocate(t, other, ward1.Code, y2026, 1_300_000_000, "1/QĐ-UBND", "2025-12-20")
	refuse(t, other, ledger.WorkbookSettlement, x.year, ledger.ImportOptions{}, ledger.KindConflict, "allocation", "thiếu bút toán "+b.ID)
}

// TestHalvesAllocatedToAWardOfYears: the other way round, a district
// keeping the ward by halves allocates 2026-H1 and 2026-H2 to a ward whose
// own ledger is kept by whole years: the annexes import while its 2026 is
// not begun (kept by halves from then on), and are refused, unchanged,
// once it is begun whole; the ward's year of halves imports exact.
func TestHalvesAllocatedToAWardOfYears(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	district := xlsxtest.Ledger(t, hadong, ward1)
	allocate(t, district, ward1.Code, h1, 1_000_000_000, "12/QĐ-UBND", "2025-12-20")
	allocate(t, district, ward1.Code, h2, 300_000_000, "80/QĐ-UBND", "2026-06-20")
	annexes := []string{
		xlsxtest.ExportTo(t, district, xlsx.Request{Kind: ledger.WorkbookAnnex, Unit: ward1.Code, Period: h1}, dir),
		xlsxtest.ExportTo(t, district, xlsx.Request{Kind: ledger.WorkbookAnnex, Unit: ward1.Code, Period: h2}, dir),
	}
	setup := ledger.Setup{Superior: hadong, Units: []ledger.Unit{ward1}, Periods: ledger.ByYear, Role: ledger.UnitRole(ward1.Code)}
	begun := sqlitetest.New(t, filepath.Join(t.TempDir(), "a.db"), setup, sqlite.Options{Now: xlsxtest.FixedNow})
	keyed(t, begun, y2026, ledger.EntryAllocation, "", 5, "2026-01-02")
	refuse(t, begun, ledger.WorkbookAnnex, annexes[0], ledger.ImportOptions{}, ledger.KindInvalid, "period", "sổ này ghi năm 2026 theo cả năm")

	own := sqlitetest.New(t, filepath.Join(t.TempDir(), "b.db"), setup, sqlite.Options{Now: xlsxtest.FixedNow})
	for _, a := range annexes {
		mustImport(t, own, ledger.WorkbookAnnex, a, ledger.ImportOptions{})
	}
	if w, _ := own.Periodicity(ctx, ward1.Code, 2026); w != ledger.ByHalfYear {
		t.Fatalf("the ward keeps 2026 %s", w)
	}
	keyed(t, own, h1, ledger.EntryWithdrawal, "", 700_000_000, "2026-01-10", ledger.EntrySpending, "6001", 600_000_000, "2026-02-10")
	xlsxtest.Must(t, own.ClosePeriod(ctx, ward1.Code, h1, carry(100_000_000, 300_000_000)))
	keyed(t, own, h2, ledger.EntrySpending, "6001", 100_000_000, "2026-08-10")
	year := xlsxtest.ExportTo(t, own, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: y2026}, dir)
	im := mustImport(t, district, ledger.WorkbookSettlement, year, ledger.ImportOptions{})
	if hasFinding(im, ledger.FindingNotIssued) {
		t.Errorf("findings %q", im.Warnings)
	}
	for _, p := range []ledger.Period{y2026, h1, h2} {
		sameLedgerPeriod(t, own, district, ward1.Code, p)
	}
}

// TestDistrictClosesImportedYear: the district closes the ward's periods
// after importing its year. A carry-out the ward's workbook brought is
// not carried again by the district's closing (the ward's carry-ins came
// with the year, or come with its next workbook): the halves, the year and
// 2027 keep the ward's figures, the closed halves refuse entries, and
// reopening reverses nothing of the ward's. Closed after its first half
// only, the second half's workbook then brings its opening once.
func TestDistrictClosesImportedYear(t *testing.T) {
	ctx := t.Context()
	x := newYearExchange(t)
	mustImport(t, x.district, ledger.WorkbookSettlement, x.year, ledger.ImportOptions{})
	periods := []ledger.Period{h1, h2, y2026, ledger.MustPeriod("2027-H1")}
	before := map[ledger.Period]*ledger.Statement{}
	for _, p := range periods {
		before[p] = xlsxtest.Statement(t, x.district, ward1.Code, p)
	}
	n, err := x.district.CountEntries(ctx, ledger.EntryFilter{Unit: ward1.Code, Period: y2026})
	xlsxtest.Must(t, err)
	for _, p := range []ledger.Period{h2of25, h1, h2} {
		xlsxtest.Must(t, x.district.ClosePeriod(ctx, ward1.Code, p, nil))
	}
	same := func(when string) {
		t.Helper()
		for _, p := range periods {
			after := xlsxtest.Statement(t, x.district, ward1.Code, p)
			for _, code := range after.Form.Codes() {
				if after.Total[code] != before[p].Total[code] {
					t.Errorf("%s, %s row %s: %s, was %s", when, p, code, after.Total[code], before[p].Total[code])
				}
			}
		}
	}
	same("closed")
	if problems, err := x.district.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check of the closed halves: %v %v", problems, err)
	}
	if m, _ := x.district.CountEntries(ctx, ledger.EntryFilter{Unit: ward1.Code, Period: y2026}); m != n {
		t.Errorf("closing the imported halves recorded %d entries", m-n)
	}
	err = x.district.AddEntry(ctx, &ledger.Entry{Unit: ward1.Code, Period: h1, Kind: ledger.EntryReturned, Nature: ledger.TX, Khoan: "341",
		Amount: 1, Doc: "X", Date: xlsxtest.MustDate(t, "2026-06-01")})
	if ledger.ErrorKind(err) != ledger.KindLocked {
		t.Errorf("an entry in the closed H1: %v", err)
	}
	if again := mustImport(t, x.district, ledger.WorkbookSettlement, x.year, ledger.ImportOptions{}); again.Added != 0 {
		t.Errorf("the year again into closed halves: %+v", again)
	}
	for _, p := range []ledger.Period{h2, h1} {
		xlsxtest.Must(t, x.district.ReopenPeriod(ctx, ward1.Code, p, "kiểm tra lại"))
	}
	same("reopened")
	for _, p := range []ledger.Period{y2026} {
		sameLedgerPeriod(t, x.ward, x.district, ward1.Code, p)
	}

	// The first half imported and closed before the second comes.
	z := newYearExchange(t)
	dir := t.TempDir()
	for _, p := range []ledger.Period{h1, h2} {
		mustImport(t, z.district, ledger.WorkbookSettlement,
			xlsxtest.ExportTo(t, z.ward, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: p}, dir), ledger.ImportOptions{})
		if p == h1 {
			xlsxtest.Must(t, z.district.ClosePeriod(ctx, ward1.Code, h2of25, nil))
			xlsxtest.Must(t, z.district.ClosePeriod(ctx, ward1.Code, h1, nil))
		}
	}
	for _, p := range []ledger.Period{h1, h2, y2026} {
		sameLedgerPeriod(t, z.ward, z.district, ward1.Code, p)
	}
}

// TestDistrictClosesAWholeYear: a district keeping the ward by whole years
// imports its year, then closes it declaring a balance of its own to
// carry over: only that is carried into 2027; reopening reverses exactly
// what its closing recorded, dated by ledger.ReversalDate (the carry-out
// on the year's last day, never before it; the carry-in of 2027 on 2027's
// last day), never the ward's own carry-out.
func TestDistrictClosesAWholeYear(t *testing.T) {
	ctx := t.Context()
	sup := sqlitetest.New(t, filepath.Join(t.TempDir(), "quan.db"), ledger.Setup{Superior: hadong, Units: []ledger.Unit{ward1}, Periods: ledger.ByYear},
		sqlite.Options{Now: xlsxtest.FixedNow})
	allocate(t, sup, ward1.Code, y2026, 1_000_000_000, "1/QĐ-UBND", "2025-12-20")
	own := xlsxtest.UnitLedger(t, hadong, ward1)
	mustImport(t, own, ledger.WorkbookAnnex, xlsxtest.ExportTo(t, sup, xlsx.Request{Kind: ledger.WorkbookAnnex, Unit: ward1.Code, Period: y2026}, t.TempDir()), ledger.ImportOptions{})
	keyed(t, own, y2026, ledger.EntryWithdrawal, "", 700_000_000, "2026-01-10", ledger.EntrySpending, "6001", 600_000_000, "2026-09-10")
	xlsxtest.Must(t, own.ClosePeriod(ctx, ward1.Code, y2026, carry(100_000_000, 0)))
	mustImport(t, sup, ledger.WorkbookSettlement, xlsxtest.ExportTo(t, own, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: y2026}, t.TempDir()), ledger.ImportOptions{})

	y2027 := ledger.YearPeriod(2027)
	xlsxtest.Must(t, sup.ClosePeriod(ctx, ward1.Code, y2026, []ledger.CarryOver{{Line: line341, Balance: ledger.BalanceEstimate, Amount: 200_000_000}}))
	next := xlsxtest.Statement(t, sup, ward1.Code, y2027)
	if next.Total["03"] != 0 || next.Total["04"] != 200_000_000 {
		t.Errorf("2027 on the district: 03=%s 04=%s", next.Total["03"], next.Total["04"])
	}
	xlsxtest.Must(t, sup.ReopenPeriod(ctx, ward1.Code, y2026, "kiểm tra lại"))
	var reversals []*ledger.Entry
	for _, p := range []ledger.Period{y2026, y2027} {
		es, err := sup.Entries(ctx, ledger.EntryFilter{Unit: ward1.Code, Period: p})
		xlsxtest.Must(t, err)
		for _, e := range es {
			if e.IsReversal() {
				reversals = append(reversals, e)
			}
		}
	}
	want := map[ledger.EntryKind]ledger.Date{ledger.EntryCarryOutEstimate: y2026.End(), ledger.EntryCarryInEstimate: y2027.End()}
	if len(reversals) != 2 {
		t.Fatalf("reopening reversed %d entries", len(reversals))
	}
	for _, r := range reversals {
		orig, err := sup.FindEntry(ctx, r.Reverses)
		xlsxtest.Must(t, err)
		if orig.Via != ledger.ViaClosing || r.Date != want[r.Kind] || r.Date != ledger.ReversalDate(orig, ledger.DateOf(xlsxtest.FixedNow())) {
			t.Errorf("reversal of %s (%s, via %q) dated %s", orig.ID, orig.Kind, orig.Via, r.Date.VN())
		}
	}
	a, b := xlsxtest.Statement(t, own, ward1.Code, y2026), xlsxtest.Statement(t, sup, ward1.Code, y2026)
	for _, code := range a.Form.Codes() {
		if a.Total[code] != b.Total[code] {
			t.Errorf("reopened, row %s: the ward %s, the district %s", code, a.Total[code], b.Total[code])
		}
	}
}

// TestYearNoticeToTheWard: the district reviews the ward's year, with its
// notice's number and date; the review workbook carries them to the
// ward's ledger, whose B01 re-made after the notice names it.
func TestYearNoticeToTheWard(t *testing.T) {
	ctx := t.Context()
	x := newYearExchange(t)
	mustImport(t, x.district, ledger.WorkbookSettlement, x.year, ledger.ImportOptions{})
	xlsxtest.Must(t, x.district.SetApproval(ctx, ward1.Code, y2026, ledger.Approval{Row: "18", Khoan: "341", Approved: 1_200_000_000, Reason: "chi vượt định mức"}))
	xlsxtest.Must(t, x.district.SetReviewInfo(ctx, ward1.Code, y2026, ledger.ReviewInfo{NoticeNumber: "125/TB-TCKH", NoticeDate: xlsxtest.MustDate(t, "2027-02-20")}))
	xlsxtest.Must(t, x.district.FinishReview(ctx, ward1.Code, y2026))
	review := xlsxtest.ExportTo(t, x.district, xlsx.Request{Kind: ledger.WorkbookReview, Unit: ward1.Code, Period: y2026}, t.TempDir())
	mustImport(t, x.ward, ledger.WorkbookReview, review, ledger.ImportOptions{})
	n, err := x.ward.Notice(ctx, ward1.Code, y2026)
	if err != nil || n == nil || n.Reference() != "số 125/TB-TCKH ngày 20/02/2027" {
		t.Fatalf("the ward's notice %+v %v", n, err)
	}
	f, _ := xlsxtest.Export(t, x.ward, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: y2026, Approved: true})
	if g := flatten(xlsxtest.ReadGrid(t, f, xlsx.SheetB01)[:12]); !strings.Contains(g, "số 125/TB-TCKH ngày 20/02/2027") || !strings.Contains(g, "Năm 2026") {
		t.Errorf("the re-made B01 of the year:\n%s", g)
	}
}

// TestExchangeOnAMigratedLedger: the district's ledger the program of
// schema version 4 made (ledger/sqlite/testdata/v4.db: the ward 1000003's
// 2026-H1 imported from its own ledger, carrying 20 million over, and
// reviewed) is opened by this one, migrated, and goes on exchanging: the
// ward's 2026-H2 from a new ledger pins its key and imports, its carry-in
// checked against the carry-out imported before the migration (a raised
// one is refused, the ledger unchanged); the district's closing of the
// ward's H1 carries none of the ward's carry-out again.
func TestExchangeOnAMigratedLedger(t *testing.T) {
	ctx := t.Context()
	data, err := os.ReadFile(filepath.Join("..", "sqlite", "testdata", "v4.db"))
	xlsxtest.Must(t, err)
	path := filepath.Join(t.TempDir(), "quan.db")
	xlsxtest.Must(t, os.WriteFile(path, data, 0o644))
	district, err := sqlite.Open(ctx, path, sqlite.Options{Now: xlsxtest.FixedNow})
	xlsxtest.Must(t, err)
	t.Cleanup(func() { district.Close() })
	nguyenTrai := ledger.Unit{Code: "1000003", Name: "UBND phường Nguyễn Trãi", Chapter: "599"}
	own := xlsxtest.UnitLedger(t, hadong, nguyenTrai)
	xlsxtest.Must(t, own.AddEntries(ctx, []*ledger.Entry{
		{Unit: nguyenTrai.Code, Period: h2, Kind: ledger.EntryCarryInReceived, Nature: ledger.TX, Khoan: "341", Amount: 20_000_000, Doc: "SD", Date: xlsxtest.MustDate(t, "2026-07-01")},
		{Unit: nguyenTrai.Code, Period: h2, Kind: ledger.EntrySpending, Nature: ledger.TX, Khoan: "341", TieuMuc: "6001", Amount: 15_000_000, Doc: "PC301", Date: xlsxtest.MustDate(t, "2026-08-01")},
	}, ledger.BatchSource{Reason: "số dư đầu kỳ"}))
	half := xlsxtest.ExportTo(t, own, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: nguyenTrai.Code, Period: h2}, t.TempDir())
	signer, err := own.Signer(ctx)
	xlsxtest.Must(t, err)
	refuse(t, district, ledger.WorkbookSettlement, forge(t, half, func(p *payload.Payload) { entryOf(t, p, ledger.EntryCarryInReceived).Amount = 500_000_000 }, signer),
		ledger.ImportOptions{}, ledger.KindConflict, "carry_in", "sổ này ghi kỳ trước chuyển sang 20.000.000 đồng")
	im := mustImport(t, district, ledger.WorkbookSettlement, half, ledger.ImportOptions{})
	if !hasFinding(im, ledger.FindingNewKey) || im.Added != 2 {
		t.Errorf("the ward's H2 on the migrated ledger: %+v %q", im, im.Warnings)
	}
	xlsxtest.Must(t, district.ReopenReview(ctx, nguyenTrai.Code, h1, "khóa sổ kỳ"))
	xlsxtest.Must(t, district.ClosePeriod(ctx, nguyenTrai.Code, h1, nil))
	if st := xlsxtest.Statement(t, district, nguyenTrai.Code, h2); st.Total["03"] != 20_000_000 {
		t.Errorf("the ward's H2 brings %s forward on the district", st.Total["03"])
	}
	sameLedgerPeriod(t, own, district, nguyenTrai.Code, h2)
	if problems, err := district.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

// TestYearOfHalvesReclosed: a ward that reopened its first half and closed
// it again with another carry-over sends its year: the reversed carry-over
// and the new one net out on both sides of the year's inner carry, and the
// year imports exact.
func TestYearOfHalvesReclosed(t *testing.T) {
	ctx := t.Context()
	district, own := xlsxtest.Ledger(t, hadong, ward1), xlsxtest.UnitLedger(t, hadong, ward1)
	allocate(t, district, ward1.Code, h1, 1_000_000_000, "12/QĐ-UBND", "2025-12-20")
	mustImport(t, own, ledger.WorkbookAnnex, xlsxtest.ExportTo(t, district, xlsx.Request{Kind: ledger.WorkbookAnnex, Unit: ward1.Code, Period: h1}, t.TempDir()), ledger.ImportOptions{})
	keyed(t, own, h1, ledger.EntryWithdrawal, "", 700_000_000, "2026-01-10", ledger.EntrySpending, "6001", 600_000_000, "2026-02-10")
	xlsxtest.Must(t, own.ClosePeriod(ctx, ward1.Code, h1, carry(100_000_000, 300_000_000)))
	xlsxtest.Must(t, own.ReopenPeriod(ctx, ward1.Code, h1, "khai lại số chuyển"))
	xlsxtest.Must(t, own.ClosePeriod(ctx, ward1.Code, h1, carry(80_000_000, 250_000_000)))
	keyed(t, own, h2, ledger.EntrySpending, "6001", 50_000_000, "2026-08-10")
	year := xlsxtest.ExportTo(t, own, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: y2026}, t.TempDir())
	mustImport(t, district, ledger.WorkbookSettlement, year, ledger.ImportOptions{})
	for _, p := range []ledger.Period{h1, h2, y2026} {
		sameLedgerPeriod(t, own, district, ward1.Code, p)
	}
}

// TestYearHalfAllocatedHere: the district recorded the allocation of the
// first half only (the second's decision stayed on paper; the ward keyed
// it). The year is checked half by half, as the halves' own workbooks
// are: the first half's allocation must be the district's, the second's
// imports marked not issued by this ledger — the year and the half-year
// workbook decide alike.
func TestYearHalfAllocatedHere(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	district, own := xlsxtest.Ledger(t, hadong, ward1), xlsxtest.UnitLedger(t, hadong, ward1)
	allocate(t, district, ward1.Code, h1, 1_000_000_000, "12/QĐ-UBND", "2025-12-20")
	mustImport(t, own, ledger.WorkbookAnnex, xlsxtest.ExportTo(t, district, xlsx.Request{Kind: ledger.WorkbookAnnex, Unit: ward1.Code, Period: h1}, dir), ledger.ImportOptions{})
	keyed(t, own, h1, ledger.EntryWithdrawal, "", 700_000_000, "2026-01-10")
	xlsxtest.Must(t, own.ClosePeriod(ctx, ward1.Code, h1, carry(700_000_000, 300_000_000)))
	keyed(t, own, h2, ledger.EntryAllocation, "", 200_000_000, "2026-07-02", ledger.EntrySpending, "6001", 650_000_000, "2026-08-10")
	year := xlsxtest.ExportTo(t, own, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: y2026}, dir)
	signer, err := own.Signer(ctx)
	xlsxtest.Must(t, err)
	refuse(t, district, ledger.WorkbookSettlement, forge(t, year, func(p *payload.Payload) {
		for _, e := range p.Entries {
			if e.Kind == ledger.EntryAllocation && e.Period == h1 {
				e.Amount = 1_200_000_000
			}
		}
	}, signer), ledger.ImportOptions{}, ledger.KindConflict, "allocation", "1.000.000.000 ≠ 1.200.000.000")
	im := mustImport(t, district, ledger.WorkbookSettlement, year, ledger.ImportOptions{})
	if !hasFinding(im, ledger.FindingNotIssued) || !strings.Contains(strings.Join(im.Warnings, "\n"), "200.000.000") {
		t.Errorf("the year with H2 allocated by the ward: %q", im.Warnings)
	}
	for _, p := range []ledger.Period{h1, h2, y2026} {
		sameLedgerPeriod(t, own, district, ward1.Code, p)
	}
}

// TestYearWithoutItsFirstHalf: the ward allocated its own first half (the
// district issued nothing), and the district imported it; a year then sent
// without the first half must bring into its second what the first half
// the district holds carried out, no more.
func TestYearWithoutItsFirstHalf(t *testing.T) {
	ctx := t.Context()
	district, own := xlsxtest.Ledger(t, hadong, ward1), xlsxtest.UnitLedger(t, hadong, ward1)
	keyed(t, own, h1, ledger.EntryAllocation, "", 1_000_000_000, "2026-01-02", ledger.EntryWithdrawal, "", 700_000_000, "2026-01-10",
		ledger.EntrySpending, "6001", 600_000_000, "2026-02-10")
	xlsxtest.Must(t, own.ClosePeriod(ctx, ward1.Code, h1, carry(100_000_000, 0)))
	keyed(t, own, h2, ledger.EntrySpending, "6001", 50_000_000, "2026-08-10")
	dir := t.TempDir()
	mustImport(t, district, ledger.WorkbookSettlement, xlsxtest.ExportTo(t, own, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: h1}, dir), ledger.ImportOptions{})
	year := xlsxtest.ExportTo(t, own, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward1.Code, Period: y2026}, dir)
	signer, err := own.Signer(ctx)
	xlsxtest.Must(t, err)
	refuse(t, district, ledger.WorkbookSettlement, forge(t, year, func(p *payload.Payload) {
		p.Entries = slices.DeleteFunc(p.Entries, func(e *ledger.Entry) bool { return e.Period == h1 })
		entryOf(t, p, ledger.EntryCarryInReceived).Amount = 900_000_000
	}, signer), ledger.ImportOptions{}, ledger.KindConflict, "carry_in", "tệp ghi 900.000.000 đồng, 6 tháng đầu năm chuyển sang 100.000.000 đồng")
	mustImport(t, district, ledger.WorkbookSettlement, year, ledger.ImportOptions{})
	sameLedgerPeriod(t, own, district, ward1.Code, y2026)
}
