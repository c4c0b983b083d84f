package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// TestOverview lists every ward of the period with its review state, its
// execution rate and carry-over, in the table and the chart; a click on a
// bar or a row opens that ward's review.
func TestOverview(t *testing.T) {
	u, _ := startUI(t, testOptions(mustDistrictFile(t)))
	sh := u.shell
	ctx := context.Background()
	if err := sh.s.l.SetApproval(ctx, testWard.Code, testPeriod, ledger.Approval{Row: "18", Khoan: "341", Approved: 55_000_000, Reason: "thiếu hóa đơn"}); err != nil {
		t.Fatal(err)
	}
	sh.tabs.Select(sh.overviewItem)
	u.tasks.wait()
	ov := sh.overview
	if len(ov.rows) != 2 {
		t.Fatalf("%d rows, want 2", len(ov.rows))
	}
	want := []struct {
		state, rate, usable, carried string
	}{
		// 17 approved = 55.000.000 + 20.000.000 of 11 = 580.000.000: 12,93 %.
		{"Đang xét duyệt", "12,9%", "580.000.000", "0"},
		{"Chưa nhận báo cáo", "–", "0", "0"},
	}
	for i, w := range want {
		r := ov.rows[i]
		state, _ := ov.cell(r, 2, false)
		rate, _ := ov.cell(r, 5, false)
		usable, _ := ov.cell(r, 3, false)
		carried, _ := ov.cell(r, 6, false)
		if state != w.state || rate != w.rate || usable != w.usable || carried != w.carried {
			t.Errorf("row %d: %q %q %q %q, want %+v", i, state, rate, usable, carried, w)
		}
	}
	if !contains(ov.summary.Text, "Đang xét duyệt: 1") || !contains(ov.summary.Text, "Chưa nhận báo cáo: 1") {
		t.Errorf("summary %q", ov.summary.Text)
	}
	if n := len(ov.bars.Objects); n != 2 {
		t.Fatalf("%d bars", n)
	}
	b0, b1 := ov.bars.Objects[0].(*widgets.BarRow), ov.bars.Objects[1].(*widgets.BarRow)
	if b0.Value().Label != testWard.Name || !b0.Value().OK || b0.Value().Tenths != 129 || b0.Value().Text != "12,9%" || b1.Value().OK {
		t.Errorf("bars %+v / %+v", b0.Value(), b1.Value())
	}
	test.Tap(b1)
	u.tasks.wait()
	if sh.tabs.Selected() != sh.reviewItem || sh.unit.Code != testWard2.Code || sh.period != testPeriod {
		t.Fatalf("tapping the bar of %s opened %s %s on %q", testWard2.Code, sh.unit.Code, sh.period, sh.tabs.Selected().Text)
	}

	// Back to the overview: a click on the first row opens the first ward.
	sh.tabs.Select(sh.overviewItem)
	u.tasks.wait()
	ov.table.Select(widget.TableCellID{Row: 0, Col: 1})
	u.tasks.wait()
	if sh.tabs.Selected() != sh.reviewItem || sh.unit.Code != testWard.Code || sh.review.review == nil || sh.review.review.State != ledger.ReviewDraft {
		t.Fatalf("row click opened %s on %q", sh.unit.Code, sh.tabs.Selected().Text)
	}
}
