package ledger_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"wardledger/ledger"
)

// TestApprovedStatementBalances: whatever figures a reviewer approves, the
// approved statement satisfies every formula and 11 = 17 + 20 + 29, its
// per-Khoản rows add up to its totals, and unchanged rows stay as reported.
func TestApprovedStatementBalances(t *testing.T) {
	f := mustForm(t)
	r := rand.New(rand.NewPCG(5, 6))
	var inputs []string
	for _, row := range f.Rows {
		if row.IsInput() {
			inputs = append(inputs, row.Code)
		}
	}
	for iter := 0; iter < 500; iter++ {
		reported, err := f.BuildStatement("1000002", ledger.MustPeriod("2026-H1"), randomTotals(r))
		if err != nil {
			t.Fatal(err)
		}
		if len(reported.Khoans) == 0 {
			continue
		}
		var approvals []ledger.Approval
		for i := r.IntN(5); i > 0; i-- {
			approvals = append(approvals, ledger.Approval{Row: inputs[r.IntN(len(inputs))],
				Khoan: reported.Khoans[r.IntN(len(reported.Khoans))], Approved: ledger.Money(r.Int64N(1e9)), Reason: "x"})
		}
		approved, err := f.ApprovedStatement(reported, approvals)
		if err != nil {
			t.Fatal(err)
		}
		sum := ledger.Rows{}
		for _, k := range approved.Khoans {
			rows := approved.ByKhoan[k]
			for code, formula := range briefFormulas {
				if rows[code] != evalFormula(rows, formula) {
					t.Fatalf("iter %d Khoản %s: row %s breaks %s", iter, k, code, formula)
				}
			}
			if _, ok := f.CheckIdentity(rows); !ok {
				t.Fatalf("iter %d Khoản %s: identity broken", iter, k)
			}
			for code, v := range rows {
				sum[code] += v
			}
		}
		for code := range sum {
			if sum[code] != approved.Total[code] {
				t.Fatalf("iter %d: row %s total %d, Khoản sum %d", iter, code, approved.Total[code], sum[code])
			}
		}
		grid, err := f.ReviewGrid(reported, approvals)
		if err != nil {
			t.Fatal(err)
		}
		if len(grid) != 35*(len(reported.Khoans)+1) {
			t.Fatalf("grid has %d lines", len(grid))
		}
		changed := map[string]bool{}
		for _, a := range approvals {
			changed[a.Khoan] = true
		}
		for _, l := range grid {
			if l.Khoan != "" && !changed[l.Khoan] && l.Difference != 0 {
				t.Fatalf("iter %d: untouched Khoản %s row %s differs", iter, l.Khoan, l.Row.Code)
			}
			if l.Difference != l.Approved-l.Reported {
				t.Fatalf("difference wrong")
			}
		}
	}
}

func TestCheckApproval(t *testing.T) {
	f := mustForm(t)
	reported, err := f.BuildStatement("1000002", ledger.MustPeriod("2026-H1"), []ledger.Total{
		{Khoan: "341", Nature: ledger.TX, TieuMuc: "6001", Kind: ledger.EntrySpending, Amount: 500},
	})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		a     ledger.Approval
		field string
		says  string
	}{
		{ledger.Approval{Row: "23", Khoan: "341", Approved: 1, Reason: "x"}, "row", "công thức"},
		{ledger.Approval{Row: "99", Khoan: "341", Approved: 1, Reason: "x"}, "row", "không có mã số"},
		{ledger.Approval{Row: "18", Khoan: "161", Approved: 1, Reason: "x"}, "khoan", "không có Khoản"},
		{ledger.Approval{Row: "18", Khoan: "341", Approved: 400}, "reason", "nguyên nhân"},
	}
	for _, c := range cases {
		err := f.CheckApproval(reported, c.a)
		if err == nil || ledger.ErrorField(err) != c.field || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%+v: %v (field %q)", c.a, err, ledger.ErrorField(err))
		}
	}
	if err := f.CheckApproval(reported, ledger.Approval{Row: "18", Khoan: "341", Approved: 500}); err != nil {
		t.Errorf("approving the reported figure needs no reason: %v", err)
	}
	approved, err := f.ApprovedStatement(reported, []ledger.Approval{{Row: "18", Khoan: "341", Approved: 400, Reason: "chi sai chế độ"}})
	if err != nil {
		t.Fatal(err)
	}
	if approved.Total["18"] != 400 || approved.Total["23"] != reported.Total["23"]+100 {
		t.Errorf("approved 18=%s 23=%s (reported 23=%s)", approved.Total["18"], approved.Total["23"], reported.Total["23"])
	}
}
