package ui

import (
	"context"
	"fmt"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

// TestOverviewSumOverflow: 24 wards each hold as much as the store lets a
// ward's half-year hold (true figures, each within int64); the line
// "Cộng" of the overview would not fit. The overview says so in a
// Vietnamese message and shows no figure, never a wrapped one.
func TestOverviewSumOverflow(t *testing.T) {
	path := mustLedgerFile(t)
	ctx := context.Background()
	l, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	limit := int(l.Form().VolumeLimit() / ledger.MaxAmount)
	for i := range 24 {
		u := ledger.Unit{Code: fmt.Sprintf("11000%02d", i), Name: fmt.Sprintf("UBND phường %d", i+2), Chapter: "599"}
		if err := l.AddUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		es := make([]*ledger.Entry, limit)
		for j := range es {
			es[j] = &ledger.Entry{Unit: u.Code, Period: testPeriod, Kind: ledger.EntryAllocation, Nature: ledger.TX, Khoan: "341",
				Amount: ledger.MaxAmount, Doc: "1/QĐ-UBND", Date: testPeriod.Start(), Memo: "Giao dự toán"}
		}
		if err := l.AddEntries(ctx, es, ledger.BatchSource{Reason: "lớn"}); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()

	u, w := startUI(t, testOptions(path))
	sh := u.shell
	sh.tabs.Select(sh.overviewItem)
	u.tasks.wait()
	top := w.Canvas().Overlays().Top()
	if top == nil || !findLabel(top, "vượt giới hạn tính toán") {
		t.Fatalf("no message of the overflow; total usable shown: %s", sh.overview.total.usable.Report())
	}
	if len(sh.overview.rows) != 0 || sh.overview.total.usable != 0 {
		t.Errorf("the overview shows %d rows, total %s after the refusal", len(sh.overview.rows), sh.overview.total.usable.Report())
	}
}
