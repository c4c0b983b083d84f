package ledger_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"wardledger/ledger"
)

// closingTotals: on 341 TX, 500 allocated, 100 withdrawn, 60 spent (40
// received left, 400 estimate left); on 341 KTX, 80 allocated, 30
// withdrawn, 20 spent (10 and 50 left); listed KTX first.
var closingTotals = []ledger.Total{
	{Khoan: "341", Nature: ledger.KTX, Kind: ledger.EntryAllocation, Amount: 80},
	{Khoan: "341", Nature: ledger.KTX, Kind: ledger.EntryWithdrawal, Amount: 30},
	{Khoan: "341", Nature: ledger.KTX, TieuMuc: "6606", Kind: ledger.EntrySpending, Amount: 20},
	{Khoan: "341", Nature: ledger.TX, Kind: ledger.EntryAllocation, Amount: 500},
	{Khoan: "341", Nature: ledger.TX, Kind: ledger.EntryWithdrawal, Amount: 100},
	{Khoan: "341", Nature: ledger.TX, TieuMuc: "6501", Kind: ledger.EntrySpending, Amount: 60},
}

func carryOf(khoan string, n ledger.Nature, b ledger.Balance, amount ledger.Money) ledger.CarryOver {
	return ledger.CarryOver{Line: ledger.Line{Khoan: khoan, Nature: n}, Balance: b, Amount: amount}
}

func TestPreviewClose(t *testing.T) {
	f := mustForm(t)
	carry := []ledger.CarryOver{
		carryOf("341", ledger.KTX, ledger.BalanceReceived, 10),
		carryOf("341", ledger.KTX, ledger.BalanceEstimate, 25),
		carryOf("341", ledger.TX, ledger.BalanceReceived, 5),
		carryOf("341", ledger.TX, ledger.BalanceReceived, 10), // two declarations add up
	}
	p, err := f.PreviewClose(closingTotals, carry)
	if err != nil {
		t.Fatal(err)
	}
	want := []ledger.ClosingLine{
		{Line: ledger.Line{Khoan: "341", Nature: ledger.TX}, LeftReceived: 40, LeftEstimate: 400, CarryReceived: 15, ToReturn: 25, Cancelled: 400},
		{Line: ledger.Line{Khoan: "341", Nature: ledger.KTX}, LeftReceived: 10, LeftEstimate: 50, CarryReceived: 10, CarryEstimate: 25, ToReturn: 0, Cancelled: 25},
	}
	if len(p.Lines) != len(want) {
		t.Fatalf("lines %+v", p.Lines)
	}
	for i := range want {
		if p.Lines[i] != want[i] {
			t.Errorf("line %d = %+v, want %+v", i, p.Lines[i], want[i])
		}
	}
	rows := map[string]ledger.Money{}
	var order []string
	for _, r := range p.Rows {
		for _, n := range ledger.Natures {
			rows[r.Codes[n]] = r.Amounts[n]
		}
		order = append(order, r.Codes[ledger.TX]+"|"+r.Codes[ledger.KTX])
	}
	if got := strings.Join(order, " "); got != "23|27 24|28 31|34 32|35" {
		t.Errorf("rows in order %s", got)
	}
	for code, v := range map[string]ledger.Money{"23": 25, "27": 0, "24": 400, "28": 25, "31": 15, "34": 10, "32": 0, "35": 25} {
		if rows[code] != v {
			t.Errorf("row %s after closing = %d, want %d", code, rows[code], v)
		}
	}
	if d, ok := f.CheckIdentity(p.After.Total); !ok {
		t.Errorf("statement after closing off by %d", d)
	}
}

func TestPreviewCloseRefusals(t *testing.T) {
	f := mustForm(t)
	for _, c := range []struct {
		name  string
		carry []ledger.CarryOver
		item  int
		kind  ledger.Kind
		says  []string
	}{
		{"more than received", []ledger.CarryOver{carryOf("341", ledger.KTX, ledger.BalanceReceived, 20)}, 1, ledger.KindConflict,
			[]string{"Khoản 341 KTX", "kinh phí đã nhận còn lại 10 đồng", "chỉ tiêu 27", "thừa 10 đồng"}},
		{"more than the estimate", []ledger.CarryOver{carryOf("341", ledger.TX, ledger.BalanceReceived, 1), carryOf("341", ledger.TX, ledger.BalanceEstimate, 401)}, 2, ledger.KindConflict,
			[]string{"dự toán còn lại 400 đồng", "chỉ tiêu 24", "thừa 1 đồng"}},
		{"more in two parts", []ledger.CarryOver{carryOf("341", ledger.TX, ledger.BalanceReceived, 30), carryOf("341", ledger.TX, ledger.BalanceReceived, 11)}, 2, ledger.KindConflict,
			[]string{"chuyển kỳ sau 41 đồng", "thừa 1 đồng"}},
		{"a line without entries", []ledger.CarryOver{carryOf("161", ledger.TX, ledger.BalanceReceived, 1)}, 1, ledger.KindConflict,
			[]string{"Khoản 161 TX", "còn lại 0 đồng"}},
		{"zero", []ledger.CarryOver{carryOf("341", ledger.TX, ledger.BalanceReceived, 0)}, 1, ledger.KindInvalid, []string{"lớn hơn 0"}},
		{"negative", []ledger.CarryOver{carryOf("341", ledger.TX, ledger.BalanceEstimate, -5)}, 1, ledger.KindInvalid, []string{"lớn hơn 0"}},
	} {
		p, err := f.PreviewClose(closingTotals, c.carry)
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		if ledger.ErrorKind(err) != c.kind || ledger.ErrorField(err) != "carry" || ledger.ErrorItem(err) != c.item {
			t.Errorf("%s: kind %v field %q item %d, want %v carry %d", c.name, ledger.ErrorKind(err), ledger.ErrorField(err), ledger.ErrorItem(err), c.kind, c.item)
		}
		for _, s := range c.says {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%s: %q does not say %q", c.name, err, s)
			}
		}
		if p == nil || len(p.Lines) != 2 {
			t.Errorf("%s: no preview beside the refusal", c.name)
		}
	}
	// The refusal is on its line and balance, and only there.
	p, _ := f.PreviewClose(closingTotals, []ledger.CarryOver{carryOf("341", ledger.KTX, ledger.BalanceEstimate, 51)})
	if p.Lines[1].EstimateErr == nil || p.Lines[1].ReceivedErr != nil || p.Lines[0].EstimateErr != nil || p.Lines[0].ReceivedErr != nil {
		t.Errorf("refusal on the wrong line: %+v", p.Lines)
	}
}

// TestPreviewCloseProperties: for random ledgers and any carry-overs
// within what is left, the rows after closing are what the lines say, the
// identity holds, and closing leaves every balance row at zero or above
// when it was so before.
func TestPreviewCloseProperties(t *testing.T) {
	f := mustForm(t)
	r := rand.New(rand.NewPCG(5, 6))
	for iter := 0; iter < 1000; iter++ {
		totals := randomTotals(r)
		p, _ := f.PreviewClose(totals, nil)
		var carry []ledger.CarryOver
		for _, l := range p.Lines {
			for _, b := range []ledger.Balance{ledger.BalanceReceived, ledger.BalanceEstimate} {
				if left := l.Left(b); left > 0 && r.IntN(2) == 0 {
					carry = append(carry, ledger.CarryOver{Line: l.Line, Balance: b, Amount: ledger.Money(1 + r.Int64N(int64(left)))})
				}
			}
		}
		r.Shuffle(len(carry), func(i, j int) { carry[i], carry[j] = carry[j], carry[i] })
		p, err := f.PreviewClose(totals, carry)
		if err != nil {
			t.Fatalf("iter %d: carry within what is left refused: %v", iter, err)
		}
		for _, l := range p.Lines {
			rows := p.After.ByKhoan[l.Line.Khoan]
			if got := rows[f.BalanceRow(ledger.BalanceReceived, l.Line.Nature)]; got != l.ToReturn {
				t.Fatalf("iter %d: %s to return %d, statement says %d", iter, l.Line, l.ToReturn, got)
			}
			if got := rows[f.BalanceRow(ledger.BalanceEstimate, l.Line.Nature)]; got != l.Cancelled {
				t.Fatalf("iter %d: %s cancelled %d, statement says %d", iter, l.Line, l.Cancelled, got)
			}
			if l.ToReturn < 0 && l.LeftReceived >= 0 || l.Cancelled < 0 && l.LeftEstimate >= 0 {
				t.Fatalf("iter %d: %s goes below zero: %+v", iter, l.Line, l)
			}
		}
		if d, ok := f.CheckIdentity(p.After.Total); !ok {
			t.Fatalf("iter %d: identity off by %d", iter, d)
		}
	}
}
