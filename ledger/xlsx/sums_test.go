package xlsx_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsx/xlsxtest"
)

// TestExportSumOverflow: every unit holds as much as the store lets one
// unit's half-year hold (its volume limit, in entries of MaxAmount), so
// every unit's figures are true; their sum over 24 units does not fit in
// int64. The superior's workbooks that add units up refuse with the
// limit, and nothing is written.
func TestExportSumOverflow(t *testing.T) {
	ctx := context.Background()
	var units []ledger.Unit
	for i := range 24 {
		units = append(units, ledger.Unit{Code: fmt.Sprintf("10001%02d", i), Name: fmt.Sprintf("UBND phường %d", i+1), Chapter: "599"})
	}
	db := xlsxtest.Ledger(t, ledger.Unit{Code: "1000001", Name: "UBND quận Hà Đông", Chapter: "599"}, units...)
	limit := int(db.Form().VolumeLimit() / ledger.MaxAmount)
	if 24*int64(limit) <= int64(^uint64(0)>>1)/int64(ledger.MaxAmount) {
		t.Fatalf("24 units of %d × 10^15 fit in int64: the test needs more units", limit)
	}
	for _, u := range units {
		es := make([]*ledger.Entry, limit)
		for i := range es {
			es[i] = &ledger.Entry{Unit: u.Code, Period: h2, Kind: ledger.EntryAllocation, Nature: ledger.TX, Khoan: "341",
				Amount: ledger.MaxAmount, Doc: "1/QĐ-UBND", Date: h2.Start(), Memo: "Giao dự toán"}
		}
		xlsxtest.Must(t, db.AddEntries(ctx, es, ledger.BatchSource{Reason: "lớn"}))
	}
	// One unit's own workbook is true figures.
	xlsxtest.ExportTo(t, db, xlsx.Request{Kind: ledger.WorkbookAnnex, Unit: units[0].Code, Period: h2}, t.TempDir())
	for _, kind := range []ledger.WorkbookKind{ledger.WorkbookAllocation, ledger.WorkbookDistrict} {
		dir := t.TempDir()
		path, err := xlsx.Export(ctx, db, xlsx.Request{Kind: kind, Period: h2, Now: xlsxtest.FixedNow}, dir)
		if err == nil {
			t.Errorf("%s: wrote %s from sums over int64", kind, path)
		} else if ledger.ErrorKind(err) != ledger.KindInvalid || !strings.Contains(err.Error(), "vượt giới hạn") {
			t.Errorf("%s: %v, want an overflow refusal", kind, err)
		}
		if left, _ := os.ReadDir(dir); len(left) > 0 {
			t.Errorf("%s: a refused export left %s", kind, left[0].Name())
		}
	}
}
