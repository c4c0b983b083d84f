package ledger_test

import (
	"testing"

	"wardledger/ledger"
)

func TestWorkbookFileNames(t *testing.T) {
	p := ledger.MustPeriod("2026-H1")
	for _, c := range []struct {
		kind ledger.WorkbookKind
		unit string
		p    ledger.Period
		want string
	}{
		{ledger.WorkbookSettlement, "1000002", p, "QT_1000002_2026-H1.xlsx"},
		{ledger.WorkbookDistrict, "", p, "THQT_1000001_2026-H1.xlsx"},
		{ledger.WorkbookAllocation, "", p.Next(), "DT_1000001_2026-H2.xlsx"},
		{ledger.WorkbookReview, "1000002", p, "XD_1000002_2026-H1.xlsx"},
		{ledger.WorkbookAnnex, "1000003", p.Next(), "PLDT_1000003_2026-H2.xlsx"},
	} {
		if got := c.kind.FileName(c.unit, c.p, "1000001"); got != c.want {
			t.Errorf("%s.FileName = %s, want %s", c.kind, got, c.want)
		}
	}
	for _, s := range []string{"settlement", " District ", "ALLOCATION", "review", "annex"} {
		if _, err := ledger.ParseWorkbookKind(s); err != nil {
			t.Errorf("ParseWorkbookKind(%q): %v", s, err)
		}
	}
	if _, err := ledger.ParseWorkbookKind("budget"); ledger.ErrorField(err) != "kind" {
		t.Errorf("ParseWorkbookKind(budget) = %v", err)
	}
}
