package ledger_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"wardledger/ledger"
)

var (
	y2026 = ledger.YearPeriod(2026)
	h1    = ledger.MustPeriod("2026-H1")
	h2    = ledger.MustPeriod("2026-H2")
)

func TestFormStocks(t *testing.T) {
	f := mustForm(t)
	want := map[ledger.EntryKind]ledger.Stock{
		ledger.EntryCarryInReceived: ledger.StockOpening, ledger.EntryCarryInEstimate: ledger.StockOpening,
		ledger.EntryCarryOutReceived: ledger.StockClosing, ledger.EntryCarryOutEstimate: ledger.StockClosing,
	}
	for _, k := range ledger.EntryKinds {
		if got := f.StockOf(k); got != want[k] {
			t.Errorf("%s: stock %q, want %q", k, got, want[k])
		}
	}
	if f.CarryInKind(ledger.EntryCarryOutEstimate) != ledger.EntryCarryInEstimate ||
		f.CarryInKind(ledger.EntryCarryOutReceived) != ledger.EntryCarryInReceived || f.CarryInKind(ledger.EntrySpending) != "" {
		t.Error("CarryInKind wrong")
	}
	// Every opening row is brought from the closing row of its nature
	// that the brief says opens the next period as it.
	for open, closing := range map[string]string{"03": "31", "04": "32", "06": "34", "07": "35"} {
		if r, _ := f.Row(open); r.Stock != ledger.StockOpening || r.From != closing {
			t.Errorf("row %s: stock %q from %q, want opening from %s", open, r.Stock, r.From, closing)
		}
		if r, _ := f.Row(closing); r.Stock != ledger.StockClosing {
			t.Errorf("row %s: stock %q, want closing", closing, r.Stock)
		}
	}
}

// stockForm is a small form with an opening row 01 (from), a movement
// row 02 and a closing row 03, with extra row fields.
func stockForm(open, closing string) string {
	return `{"rows":[{"code":"01","kinds":["carry_in_received"],"nature":"TX"` + open + `},` +
		`{"code":"02","kinds":["allocation"],"nature":"TX"},{"code":"03","kinds":["carry_out_received"],"nature":"TX"` + closing + `},` +
		`{"code":"04","formula":"01+02-03"}],` +
		`"balances":{"received":{"TX":"04","KTX":"04"},"estimate":{"TX":"04","KTX":"04"}},` +
		`"roles":{"usable": "04", "withdrawn": "02", "settled": "02", "brought_forward": "01", "allocated": "02", "reduced": "04", "carried": "03"},` +
		`"period_words":{"year":{"trong":"trong năm"},"half":{"trong":"trong kỳ"}}}`
}

func TestParseFormStocks(t *testing.T) {
	if _, err := ledger.ParseForm([]byte(stockForm(`,"stock":"opening","from":"03"`, `,"stock":"closing"`))); err != nil {
		t.Fatalf("a good small form refused: %v", err)
	}
	cases := map[string]string{
		stockForm(`,"stock":"before"`, ``):                                            `"stock" "before" không có`,
		stockForm(`,"stock":"opening"`, `,"stock":"closing"`):                         `"from"`,
		stockForm(``, `,"stock":"closing","from":"01"`):                               `"from"`,
		stockForm(`,"stock":"opening","from":"02"`, `,"stock":"closing"`):             `"from" "02"`,
		stockForm(`,"stock":"opening","from":"03"`, ``):                               `"from" "03"`,
		stockForm(`,"stock":"opening","from":"03"`, `,"stock":"opening","from":"01"`): `"from" "03"`,
		strings.Replace(stockForm(`,"stock":"opening","from":"03"`, `,"stock":"closing"`), `"formula":"01+02-03"`, `"formula":"01+02-03","stock":"closing"`, 1): "chỉ dòng nhập số liệu",
		strings.Replace(stockForm(`,"stock":"opening","from":"03"`, `,"stock":"closing"`), `"kinds":["allocation"]`, `"kinds":["carry_in_received"]`, 1):        "vừa là số dư vừa là phát sinh",
		strings.Replace(stockForm(``, ``), `"code":"02","kinds"`, `"code":"02","label":"Giao {sau}","kinds"`, 1):                                                "{sau}",
		strings.Replace(stockForm(``, ``), `"code":"02","kinds"`, `"code":"02","label":"Giao {trong","kinds"`, 1):                                               "{trong",
	}
	for def, says := range cases {
		_, err := ledger.ParseForm([]byte(def))
		if err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("ParseForm(%s) = %v, want an error saying %q", def, err, says)
		}
	}
}

// TestFormLabels: labels say "năm" in a year's statement and "kỳ" in a
// half-year's, and no placeholder is left in either.
func TestFormLabels(t *testing.T) {
	f := mustForm(t)
	for _, c := range []struct {
		p          ledger.Period
		code, want string
	}{
		{y2026, "01", "Số dư kinh phí năm trước chuyển sang"},
		{h1, "01", "Số dư kinh phí kỳ trước chuyển sang"},
		{y2026, "08", "Dự toán được giao trong năm"},
		{h2, "08", "Dự toán được giao trong kỳ"},
		{y2026, "29", "Số dư kinh phí được phép chuyển sang năm sau sử dụng và quyết toán"},
		{h2, "29", "Số dư kinh phí được phép chuyển sang kỳ sau sử dụng và quyết toán"},
		{ledger.Period{}, "20", "Kinh phí giảm trong kỳ"},
		{y2026, "23", "Còn phải nộp NSNN"},
	} {
		if got := f.Label(c.code, c.p); got != c.want {
			t.Errorf("%s row %s: %q, want %q", c.p, c.code, got, c.want)
		}
	}
	for _, p := range []ledger.Period{y2026, h1, {}} {
		pf := f.ForPeriod(p)
		if len(pf.Rows) != len(f.Rows) || pf.ForPeriod(y2026) != f.ForPeriod(y2026) || pf.Identity != f.Identity {
			t.Fatalf("%s: %d rows", p, len(pf.Rows))
		}
		for i, r := range pf.Rows {
			if strings.ContainsAny(r.Label, "{}") || r.Code != f.Rows[i].Code || r.Formula != f.Rows[i].Formula {
				t.Errorf("%s: row %s label %q", p, r.Code, r.Label)
			}
			if pf.Label(r.Code, p) != r.Label {
				t.Errorf("%s: Label(%s) = %q, row says %q", p, r.Code, pf.Label(r.Code, p), r.Label)
			}
		}
		st, _ := f.BuildStatement("1000002", p, nil)
		if st.Form != pf {
			t.Errorf("%s: the statement's form is not the period's", p)
		}
		if _, err := pf.BuildStatement("1000002", p, []ledger.Total{tot("341", ledger.TX, ledger.EntryAllocation, 1)}); err != nil {
			t.Errorf("%s: the period's form does not compute: %v", p, err)
		}
	}
	if !strings.Contains(f.Rows[0].Label, "{truoc}") {
		t.Error("ForPeriod changed the form's own rows")
	}
}

func tot(khoan string, n ledger.Nature, kind ledger.EntryKind, amount ledger.Money) ledger.Total {
	return ledger.Total{Khoan: khoan, Nature: n, Kind: kind, Amount: amount}
}

// TestYearTotals: the year of a ledger kept by halves, as the brief
// writes it, for a first half closed, still open, and a unit that begins
// in July.
func TestYearTotals(t *testing.T) {
	f := mustForm(t)
	h1Totals := []ledger.Total{
		tot("341", ledger.TX, ledger.EntryCarryInReceived, 50), tot("341", ledger.TX, ledger.EntryCarryInEstimate, 70),
		tot("341", ledger.TX, ledger.EntryAllocation, 1000), tot("341", ledger.TX, ledger.EntryWithdrawal, 600),
		{Khoan: "341", Nature: ledger.TX, TieuMuc: "6001", Kind: ledger.EntrySpending, Amount: 400},
		tot("341", ledger.TX, ledger.EntryReturned, 10),
	}
	closedH1 := append(h1Totals[:len(h1Totals):len(h1Totals)],
		tot("341", ledger.TX, ledger.EntryCarryOutReceived, 200), tot("341", ledger.TX, ledger.EntryCarryOutEstimate, 300))
	h2Totals := []ledger.Total{
		tot("341", ledger.TX, ledger.EntryCarryInReceived, 200), tot("341", ledger.TX, ledger.EntryCarryInEstimate, 300),
		tot("341", ledger.TX, ledger.EntryAdjustment, -20), tot("341", ledger.TX, ledger.EntryWithdrawal, 250),
		{Khoan: "341", Nature: ledger.TX, TieuMuc: "6501", Kind: ledger.EntrySpending, Amount: 380},
		tot("341", ledger.TX, ledger.EntryCarryOutReceived, 60), tot("341", ledger.TX, ledger.EntryCarryOutEstimate, 5),
		tot("342", ledger.KTX, ledger.EntryAllocation, 9),
	}
	year := func(parts map[ledger.Period][]ledger.Total) *ledger.Statement {
		t.Helper()
		ts, err := f.YearTotals(y2026, parts)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.BuildStatement("1000002", y2026, ts)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	st := year(map[ledger.Period][]ledger.Total{h1: closedH1, h2: h2Totals})
	s1, _ := f.BuildStatement("1000002", h1, closedH1)
	s2, _ := f.BuildStatement("1000002", h2, h2Totals)
	want := ledger.Rows{
		"03": 50, "04": 70, "02": 120, "01": 120, // H1's opening
		"09": 980, "15": 850, "18": 780, "22": 10, // both halves' movements
		"31": 60, "32": 5, "29": 65, // H2's closing
		"10": 9, "13": 9,
	}
	for code, v := range want {
		if st.Total[code] != v {
			t.Errorf("year row %s = %d, want %d", code, st.Total[code], v)
		}
	}
	// Computed rows follow their formulas, so the balance rows of the year
	// are the sums of the halves'.
	for _, code := range []string{"23", "24", "27", "28", "21", "20"} {
		if st.Total[code] != s1.Total[code]+s2.Total[code] {
			t.Errorf("year row %s = %d, halves %d + %d", code, st.Total[code], s1.Total[code], s2.Total[code])
		}
	}
	if d, ok := f.CheckIdentity(st.Total); !ok || strings.Join(st.Khoans, ",") != "341,342" {
		t.Errorf("identity off by %d; Khoản %v", d, st.Khoans)
	}
	// The same entries kept as one year: no internal carry-over at all.
	var whole []ledger.Total
	for _, tt := range h1Totals {
		whole = append(whole, tt)
	}
	for _, tt := range h2Totals {
		if f.StockOf(tt.Kind) != ledger.StockOpening {
			whole = append(whole, tt)
		}
	}
	asYear := year(map[ledger.Period][]ledger.Total{y2026: whole})
	sameStatement(t, "kept as a year", asYear, st)

	// H1 still open: nothing carried, the year is the sum of the halves.
	var h2Open []ledger.Total
	for _, tt := range h2Totals {
		if f.StockOf(tt.Kind) != ledger.StockOpening {
			h2Open = append(h2Open, tt)
		}
	}
	open := year(map[ledger.Period][]ledger.Total{h1: h1Totals, h2: h2Open})
	if open.Total["01"] != 120 || open.Total["29"] != 65 || open.Total["23"] != 50+850-780-10-60 {
		t.Errorf("open H1: 01=%d 29=%d 23=%d", open.Total["01"], open.Total["29"], open.Total["23"])
	}
	// A unit that begins in July brings its balances forward into H2:
	// they are the year's opening.
	july := year(map[ledger.Period][]ledger.Total{h2: h2Totals})
	if july.Total["03"] != 200 || july.Total["04"] != 300 || july.Total["29"] != 65 {
		t.Errorf("unit from July: 03=%d 04=%d 29=%d", july.Total["03"], july.Total["04"], july.Total["29"])
	}
	if _, err := f.YearTotals(h1, nil); err == nil {
		t.Error("YearTotals of a half-year accepted")
	}
	if _, err := f.YearTotals(y2026, map[ledger.Period][]ledger.Total{ledger.MustPeriod("2027-H1"): h2Totals}); err == nil {
		t.Error("YearTotals took a period of another year")
	}
	big := ledger.Money(1) << 62
	if _, err := f.YearTotals(y2026, map[ledger.Period][]ledger.Total{h1: {tot("341", ledger.TX, ledger.EntryAllocation, big)},
		h2: {tot("341", ledger.TX, ledger.EntryAllocation, big)}}); ledger.ErrorKind(err) != ledger.KindInvalid {
		t.Errorf("overflowing year: %v", err)
	}
}

// sameStatement compares two statements row by row, overall and for each
// Khoản with any figure.
func sameStatement(t *testing.T, what string, a, b *ledger.Statement) {
	t.Helper()
	for _, code := range a.Form.Codes() {
		if a.Total[code] != b.Total[code] {
			t.Errorf("%s: row %s = %d, want %d", what, code, a.Total[code], b.Total[code])
		}
	}
	for _, st := range []*ledger.Statement{a, b} {
		other := a
		if st == a {
			other = b
		}
		for _, k := range st.Khoans {
			for code, v := range st.ByKhoan[k] {
				if other.ByKhoan[k][code] != v {
					t.Errorf("%s: Khoản %s row %s = %d, other %d", what, k, code, v, other.ByKhoan[k][code])
				}
			}
		}
	}
}

// TestYearTotalsProperties: for any two half-years — random mixes of
// sums, the first closed (what it carries out is what the second brings
// forward) or not — the year's statement satisfies every formula and the
// identity in total and per Khoản, its balance rows are the halves' sums,
// and it equals the statement of the same sums kept as one year.
func TestYearTotalsProperties(t *testing.T) {
	f := mustForm(t)
	r := rand.New(rand.NewPCG(12, 2026))
	for iter := 0; iter < 1000; iter++ {
		var a, b, whole []ledger.Total
		for _, tt := range randomTotals(r) {
			switch f.StockOf(tt.Kind) {
			case ledger.StockClosing: // H1's carry-outs are made by its closing below
			default:
				a = append(a, tt)
				whole = append(whole, tt)
			}
		}
		for _, tt := range randomTotals(r) {
			if f.StockOf(tt.Kind) != ledger.StockOpening {
				b = append(b, tt)
				whole = append(whole, tt)
			}
		}
		if r.IntN(3) > 0 { // H1 closed, carrying over some of its lines
			for _, tt := range randomTotals(r) {
				if f.StockOf(tt.Kind) != ledger.StockClosing || tt.Amount < 0 {
					continue
				}
				a = append(a, tt)
				in := tt
				in.Kind = f.CarryInKind(tt.Kind)
				b = append(b, in)
			}
		}
		ts, err := f.YearTotals(y2026, map[ledger.Period][]ledger.Total{h1: a, h2: b})
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.BuildStatement("1000002", y2026, ts)
		if err != nil {
			t.Fatal(err)
		}
		s1, _ := f.BuildStatement("1000002", h1, a)
		s2, _ := f.BuildStatement("1000002", h2, b)
		asYear, _ := f.BuildStatement("1000002", y2026, whole)
		sameStatement(t, "kept as a year", st, asYear)
		sum := ledger.Rows{}
		for _, k := range append(st.Khoans, "") {
			rows, r1, r2 := st.Total, s1.Total, s2.Total
			if k != "" {
				rows, r1, r2 = st.ByKhoan[k], s1.ByKhoan[k], s2.ByKhoan[k]
				for code, v := range rows {
					sum[code] += v
				}
			}
			for code, formula := range briefFormulas {
				if rows[code] != evalFormula(rows, formula) {
					t.Fatalf("iter %d Khoản %q: row %s = %d ≠ %s", iter, k, code, rows[code], formula)
				}
			}
			if d, ok := f.CheckIdentity(rows); !ok {
				t.Fatalf("iter %d Khoản %q: identity off by %d", iter, k, d)
			}
			for _, code := range []string{"23", "24", "27", "28", "08", "14", "17"} {
				if rows[code] != r1[code]+r2[code] {
					t.Fatalf("iter %d Khoản %q: row %s = %d, halves %d + %d", iter, k, code, rows[code], r1[code], r2[code])
				}
			}
			for _, code := range []string{"01", "02", "03", "04", "05", "06", "07"} {
				if rows[code] != r1[code] {
					t.Fatalf("iter %d Khoản %q: opening row %s = %d, H1's %d", iter, k, code, rows[code], r1[code])
				}
			}
			for _, code := range []string{"29", "30", "31", "32", "33", "34", "35"} {
				if rows[code] != r2[code] {
					t.Fatalf("iter %d Khoản %q: closing row %s = %d, H2's %d", iter, k, code, rows[code], r2[code])
				}
			}
		}
		for code, v := range st.Total {
			if sum[code] != v {
				t.Fatalf("iter %d: row %s per Khoản sums to %d, total %d", iter, code, sum[code], v)
			}
		}
	}
}

func TestMergeTotals(t *testing.T) {
	a := []ledger.Total{tot("341", ledger.TX, ledger.EntryAllocation, 5), tot("341", ledger.KTX, ledger.EntryAllocation, 1)}
	b := []ledger.Total{tot("341", ledger.TX, ledger.EntryAllocation, 7)}
	got, err := ledger.MergeTotals(a, b)
	if err != nil || len(got) != 2 || got[0].Amount+got[1].Amount != 13 {
		t.Errorf("MergeTotals = %v, %v", got, err)
	}
	big := ledger.Money(1) << 62
	if _, err := ledger.MergeTotals([]ledger.Total{tot("341", ledger.TX, ledger.EntryAllocation, big)},
		[]ledger.Total{tot("341", ledger.TX, ledger.EntryAllocation, big)}); err == nil {
		t.Error("overflow not refused")
	}
}
