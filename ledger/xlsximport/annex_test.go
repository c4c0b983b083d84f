package xlsximport_test

import (
	"strings"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsx/xlsxtest"
	"wardledger/ledger/xlsximport"
)

// TestAnnexRoundTrip: a ward imports its allocation annex into its own
// ledger with the district's ids, once; the annex is refused by a ledger
// of another district, without the ward, or as a settlement; the ward's
// settlement then goes back to the district exactly.
func TestAnnexRoundTrip(t *testing.T) {
	ctx := t.Context()
	district, es := xlsxtest.AllocatedDistrict(t)
	ward := xlsxtest.Ward1.Code
	dir := t.TempDir()
	path := xlsxtest.ExportTo(t, district, xlsx.Request{Kind: ledger.WorkbookAnnex, Unit: ward, Period: h2}, dir)

	// The ward's own ledger: the district as superior, the ward as unit.
	hadong := ledger.Unit{Code: "1000001", Name: "UBND quận Hà Đông", Chapter: "599"}
	wardDB := xlsxtest.UnitLedger(t, hadong, xlsxtest.Ward1)
	im, err := xlsximport.ImportAllocation(ctx, wardDB, path)
	if err != nil {
		t.Fatal(err)
	}
	if im.Added != 4 || im.Skipped != 0 {
		t.Errorf("annex import %+v", im)
	}
	sameLedgerPeriod(t, district, wardDB, ward, h2)
	if again, err := xlsximport.ImportAllocation(ctx, wardDB, path); err != nil || again.Added != 0 || again.Skipped != 4 {
		t.Errorf("annex again: %+v %v", again, err)
	}
	// Refusals: the annex into a ledger of another superior, of no such
	// unit; a settlement workbook into import allocation.
	other := xlsxtest.UnitLedger(t, ledger.Unit{Code: "1000099", Name: "UBND quận Khác", Chapter: "599"}, xlsxtest.Ward1)
	if _, err := xlsximport.ImportAllocation(ctx, other, path); ledger.ErrorKind(err) != ledger.KindInvalid || !strings.Contains(err.Error(), "UBND quận Hà Đông") {
		t.Errorf("annex into another district's ward: %v", err)
	}
	bare := xlsxtest.UnitLedger(t, hadong, xlsxtest.Ward2)
	if _, err := xlsximport.ImportAllocation(ctx, bare, path); ledger.ErrorKind(err) != ledger.KindInvalid || ledger.ErrorField(err) != "role" {
		t.Errorf("annex into another ward's ledger: %v", err)
	}
	if _, err := xlsximport.ImportWorkbook(ctx, wardDB, path); ledger.ErrorKind(err) != ledger.KindInvalid || !strings.Contains(err.Error(), "import allocation") {
		t.Errorf("annex given to import workbook: %v", err)
	}
	if _, err := xlsximport.ImportAllocation(ctx, district, path); ledger.ErrorField(err) != "role" {
		t.Errorf("annex into the district's own ledger: %v", err)
	}

	// The ward spends, exports its settlement; the district imports it:
	// the allocations are already there, the rest is added, exactly.
	spend := []*ledger.Entry{
		{Unit: ward, Period: h2, Kind: ledger.EntryWithdrawal, Nature: ledger.TX, Khoan: "341", Amount: 800_000_000, Doc: "C2-02a/1", Date: xlsxtest.MustDate(t, "2026-07-03")},
		{Unit: ward, Period: h2, Kind: ledger.EntrySpending, Nature: ledger.TX, Khoan: "341", TieuMuc: "6001", Amount: 640_000_000, Doc: "PC001", Date: xlsxtest.MustDate(t, "2026-07-25")},
	}
	xlsxtest.Must(t, wardDB.AddEntries(ctx, spend, ledger.BatchSource{Reason: "test"}))
	settlement := xlsxtest.ExportTo(t, wardDB, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: ward, Period: h2}, dir)
	back, err := xlsximport.ImportWorkbook(ctx, district, settlement)
	if err != nil {
		t.Fatal(err)
	}
	if back.Added != 2 || back.Skipped != len(es)-1+1 {
		t.Errorf("settlement back: %+v (allocations %d)", back, len(es))
	}
	sameLedgerPeriod(t, district, wardDB, ward, h2)
}
