package ledger_test

import (
	"testing"

	"wardledger/ledger"
)

func TestAllocationDecision(t *testing.T) {
	p := ledger.MustPeriod("2026-H2")
	d := &ledger.AllocationDecision{Period: p, Doc: "456/QĐ-UBND", Date: ledger.NewDate(2026, 6, 25), Cells: map[string]map[ledger.Line]ledger.Money{
		"1000003": {{Khoan: "341", Nature: ledger.KTX}: 200, {Khoan: "341", Nature: ledger.TX}: 1000},
		"1000002": {{Khoan: "161", Nature: ledger.KTX}: 50, {Khoan: "341", Nature: ledger.TX}: 0},
	}}
	es, err := d.Entries()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1000002 161 KTX 50", "1000003 341 TX 1.000", "1000003 341 KTX 200"}
	if len(es) != len(want) {
		t.Fatalf("%d entries", len(es))
	}
	for i, e := range es {
		got := e.Unit + " " + e.Khoan + " " + string(e.Nature) + " " + e.Amount.Report()
		if got != want[i] || e.Kind != ledger.EntryAllocation || e.Doc != "456/QĐ-UBND" || e.Memo != "Giao dự toán 6 tháng cuối năm 2026" {
			t.Errorf("entry %d = %s %+v", i, got, e)
		}
		if err := e.Validate(nil); err != nil {
			t.Errorf("entry %d invalid: %v", i, err)
		}
	}
	d.Cells["1000002"][ledger.Line{Khoan: "161", Nature: ledger.KTX}] = -5
	if _, err := d.Entries(); ledger.ErrorField(err) != "amount" {
		t.Errorf("negative allocation: %v", err)
	}
	d.Doc = ""
	if _, err := d.Entries(); ledger.ErrorField(err) != "doc" {
		t.Errorf("no decision number: %v", err)
	}
	table, err := ledger.BuildAllocationTable(p, []ledger.Unit{{Code: "1000002"}, {Code: "1000003"}}, map[string][]ledger.Total{
		"1000002": {{Khoan: "341", Nature: ledger.TX, Kind: ledger.EntryAllocation, Amount: 900}, {Khoan: "341", Nature: ledger.TX, Kind: ledger.EntryAdjustment, Amount: -100},
			{Khoan: "341", Nature: ledger.TX, Kind: ledger.EntrySpending, Amount: 5}},
		"1000003": {{Khoan: "161", Nature: ledger.KTX, Kind: ledger.EntryAllocation, Amount: 70}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(table.Lines) != 2 || table.Lines[0].Khoan != "161" || table.Cells["1000002"][ledger.Line{Khoan: "341", Nature: ledger.TX}] != 800 {
		t.Errorf("table %+v", table)
	}
}
