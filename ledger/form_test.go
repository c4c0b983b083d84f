package ledger_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"wardledger/assets"
	"wardledger/ledger"
)

func mustForm(t testing.TB) *ledger.Form {
	t.Helper()
	f, err := ledger.ParseForm(assets.FormB01)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// brief is B01/BCQT as the domain brief writes it, independent of the JSON
// the program reads: computed rows with their formulas, input rows with the
// entry kinds and nature they sum.
var briefFormulas = map[string]string{
	"01": "02+05", "02": "03+04", "05": "06+07", "08": "09+10", "11": "12+13", "12": "02+09", "13": "05+10",
	"14": "15+16", "17": "18+19", "20": "21+25", "21": "22+23+24", "23": "03+15-18-22-31", "24": "04+09-15-32",
	"25": "26+27+28", "27": "06+16-19-26-34", "28": "07+10-16-35", "29": "30+33", "30": "31+32", "33": "34+35",
}

type input struct {
	kinds  []ledger.EntryKind
	nature ledger.Nature
}

var briefInputs = map[string]input{
	"03": {[]ledger.EntryKind{ledger.EntryCarryInReceived}, ledger.TX},
	"04": {[]ledger.EntryKind{ledger.EntryCarryInEstimate}, ledger.TX},
	"06": {[]ledger.EntryKind{ledger.EntryCarryInReceived}, ledger.KTX},
	"07": {[]ledger.EntryKind{ledger.EntryCarryInEstimate}, ledger.KTX},
	"09": {[]ledger.EntryKind{ledger.EntryAllocation, ledger.EntryAdjustment}, ledger.TX},
	"10": {[]ledger.EntryKind{ledger.EntryAllocation, ledger.EntryAdjustment}, ledger.KTX},
	"15": {[]ledger.EntryKind{ledger.EntryWithdrawal}, ledger.TX},
	"16": {[]ledger.EntryKind{ledger.EntryWithdrawal}, ledger.KTX},
	"18": {[]ledger.EntryKind{ledger.EntrySpending}, ledger.TX},
	"19": {[]ledger.EntryKind{ledger.EntrySpending}, ledger.KTX},
	"22": {[]ledger.EntryKind{ledger.EntryReturned}, ledger.TX},
	"26": {[]ledger.EntryKind{ledger.EntryReturned}, ledger.KTX},
	"31": {[]ledger.EntryKind{ledger.EntryCarryOutReceived}, ledger.TX},
	"32": {[]ledger.EntryKind{ledger.EntryCarryOutEstimate}, ledger.TX},
	"34": {[]ledger.EntryKind{ledger.EntryCarryOutReceived}, ledger.KTX},
	"35": {[]ledger.EntryKind{ledger.EntryCarryOutEstimate}, ledger.KTX},
}

func evalFormula(rows ledger.Rows, formula string) ledger.Money {
	var v ledger.Money
	sign := ledger.Money(1)
	for _, tok := range strings.FieldsFunc(strings.NewReplacer("+", " + ", "-", " - ").Replace(formula), func(r rune) bool { return r == ' ' }) {
		switch tok {
		case "+":
			sign = 1
		case "-":
			sign = -1
		default:
			v += sign * rows[tok]
		}
	}
	return v
}

func TestFormMatchesBrief(t *testing.T) {
	f := mustForm(t)
	if len(f.Rows) != 35 {
		t.Fatalf("form has %d rows, want 35", len(f.Rows))
	}
	for i, r := range f.Rows {
		want := string(rune('0'+(i+1)/10)) + string(rune('0'+(i+1)%10))
		if r.Code != want {
			t.Errorf("row %d has code %s, want %s", i+1, r.Code, want)
		}
		if formula, ok := briefFormulas[r.Code]; ok && r.Formula != formula {
			t.Errorf("row %s formula %q, brief says %q", r.Code, r.Formula, formula)
		}
		if in, ok := briefInputs[r.Code]; ok && (r.Nature != in.nature || len(r.Kinds) != len(in.kinds)) {
			t.Errorf("row %s sums %v %s, brief says %v %s", r.Code, r.Kinds, r.Nature, in.kinds, in.nature)
		}
	}
}

// randomTotals is a random mix of stored sums over several Khoản, both
// natures, every kind, positive and negative (adjustments, reversals).
func randomTotals(r *rand.Rand) []ledger.Total {
	khoans := []string{"011", "041", "161", "341", "398"}
	tms := []string{"", "6001", "6501", "7761"}
	n := r.IntN(60)
	var out []ledger.Total
	for i := 0; i < n; i++ {
		out = append(out, ledger.Total{
			Khoan:   khoans[r.IntN(len(khoans))],
			Nature:  ledger.Natures[r.IntN(2)],
			TieuMuc: tms[r.IntN(len(tms))],
			Kind:    ledger.EntryKinds[r.IntN(len(ledger.EntryKinds))],
			Amount:  ledger.Money(r.Int64N(2_000_000_000_000) - 500_000_000_000),
		})
	}
	return out
}

// TestStatementProperties: for random mixes of entries, every input row is
// the sum of its entries, every computed row satisfies the brief's formula,
// 11 = 17 + 20 + 29, and the per-Khoản rows add up to the totals.
func TestStatementProperties(t *testing.T) {
	f := mustForm(t)
	r := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 2000; iter++ {
		totals := randomTotals(r)
		st, err := f.BuildStatement("1000002", ledger.MustPeriod("2026-H1"), totals)
		if err != nil {
			t.Fatal(err)
		}
		check := func(scope string, rows ledger.Rows, ts []ledger.Total) {
			for code, in := range briefInputs {
				var want ledger.Money
				for _, tt := range ts {
					for _, k := range in.kinds {
						if tt.Kind == k && tt.Nature == in.nature {
							want += tt.Amount
						}
					}
				}
				if rows[code] != want {
					t.Fatalf("iter %d %s: row %s = %d, entries sum to %d", iter, scope, code, rows[code], want)
				}
			}
			for code, formula := range briefFormulas {
				if got, want := rows[code], evalFormula(rows, formula); got != want {
					t.Fatalf("iter %d %s: row %s = %d, but %s = %d", iter, scope, code, got, formula, want)
				}
			}
			if rows["11"] != rows["17"]+rows["20"]+rows["29"] {
				t.Fatalf("iter %d %s: 11 = %d ≠ 17+20+29 = %d", iter, scope, rows["11"], rows["17"]+rows["20"]+rows["29"])
			}
			if d, ok := f.CheckIdentity(rows); !ok {
				t.Fatalf("iter %d %s: identity off by %d", iter, scope, d)
			}
		}
		check("total", st.Total, totals)
		sum := ledger.Rows{}
		for _, k := range st.Khoans {
			var mine []ledger.Total
			for _, tt := range totals {
				if tt.Khoan == k {
					mine = append(mine, tt)
				}
			}
			check("khoản "+k, st.ByKhoan[k], mine)
			for code, v := range st.ByKhoan[k] {
				sum[code] += v
			}
		}
		for _, code := range f.Codes() {
			if sum[code] != st.Total[code] {
				t.Fatalf("iter %d: row %s per Khoản sums to %d, total is %d", iter, code, sum[code], st.Total[code])
			}
		}
	}
}

// smallForm is a form of three rows with the given roles and both
// balances.
func smallForm(roles string) string {
	return `{"rows":[{"code":"01","formula":"02-03"},{"code":"02","kinds":["allocation"],"nature":"TX"},{"code":"03","kinds":["spending"],"nature":"KTX"}],` +
		`"identity":"01=02-03","balances":{"received":{"TX":"01","KTX":"01"},"estimate":{"TX":"02","KTX":"03"}},"roles":{` + roles + `}}`
}

// TestFormRoles: every role of the B01 form names the row the brief gives
// it, and a small form with every role named is accepted.
func TestFormRoles(t *testing.T) {
	f := mustForm(t)
	want := map[ledger.Role]string{ledger.RoleBroughtForward: "01", ledger.RoleAllocated: "08", ledger.RoleUsable: "11",
		ledger.RoleWithdrawn: "14", ledger.RoleSettled: "17", ledger.RoleReduced: "20", ledger.RoleCarried: "29"}
	for _, r := range ledger.Roles {
		if f.Role(r) != want[r] {
			t.Errorf("role %s is row %q, want %q", r, f.Role(r), want[r])
		}
	}
	if got := f.BalanceRows(ledger.BalanceReceived); strings.Join(got, ",") != "23,27" {
		t.Errorf("rows still to return: %v", got)
	}
	if got := f.BalanceRows(ledger.BalanceEstimate); strings.Join(got, ",") != "24,28" {
		t.Errorf("rows cancelled: %v", got)
	}
	if got := strings.Join(f.CarriedRows(), ","); got != "29,30,31,32,33,34,35" {
		t.Errorf("carried rows: %s", got)
	}
	for _, c := range []struct {
		b    ledger.Balance
		n    ledger.Nature
		want string
	}{{ledger.BalanceReceived, ledger.TX, "31"}, {ledger.BalanceEstimate, ledger.TX, "32"}, {ledger.BalanceReceived, ledger.KTX, "34"}, {ledger.BalanceEstimate, ledger.KTX, "35"}} {
		if got := f.CarryRow(c.b, c.n); got != c.want {
			t.Errorf("carry row of %s %s = %q, want %s", c.b, c.n, got, c.want)
		}
	}
	if _, err := ledger.ParseForm([]byte(smallForm(`"usable": "01", "withdrawn": "02", "settled": "03", "brought_forward": "01", "allocated": "02", "reduced": "03", "carried": "01"`))); err != nil {
		t.Errorf("small form with every role refused: %v", err)
	}
}

func TestParseFormRefusesBadDefinitions(t *testing.T) {
	cases := map[string]string{
		`{"rows":[{"code":"01","formula":"02"},{"code":"02","formula":"01"}]}`:                        "vòng tròn",
		`{"rows":[{"code":"01","formula":"02+09"},{"code":"02","kinds":["spending"],"nature":"TX"}]}`: "không có",
		`{"rows":[{"code":"01","kinds":["spending"],"nature":"TX"},{"code":"01","formula":"01"}]}`:    "lặp lại",
		`{"rows":[{"code":"01"}]}`:                                    "không có công thức",
		`{"rows":[{"code":"01","kinds":["gift"],"nature":"TX"}]}`:     "gift",
		`{"rows":[{"code":"01","kinds":["spending"],"nature":"XX"}]}`: "XX",
		`{"rows":[{"code":"01","formula":"01*2"}]}`:                   "ký tự lạ",
		`not json`:                  "không đọc được",
		smallForm(`"usable": "01"`): "thiếu vai trò",
		smallForm(`"usable": "01", "withdrawn": "02", "settled": "03", "brought_forward": "01", "allocated": "02", "reduced": "03", "carried": "09"`):                "vai trò carried dùng mã số 09 không có",
		smallForm(`"usable": "01", "withdrawn": "02", "settled": "03", "brought_forward": "01", "allocated": "02", "reduced": "03", "carried": "01", "spent": "02"`): `vai trò "spent" không có`,
	}
	for def, says := range cases {
		_, err := ledger.ParseForm([]byte(def))
		if err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("ParseForm(%s) = %v, want an error saying %q", def, err, says)
		}
	}
}

func entry(kind ledger.EntryKind, n ledger.Nature, amount ledger.Money) *ledger.Entry {
	return &ledger.Entry{Unit: "1000002", Period: ledger.MustPeriod("2026-H1"), Kind: kind, Nature: n, Khoan: "341",
		TieuMuc: "6001", Amount: amount, Doc: "1", Date: ledger.NewDate(2026, 2, 1)}
}

func TestCheckEntryRules(t *testing.T) {
	f := mustForm(t)
	sums := ledger.Sums{ledger.EntryAllocation: 1_000_000, ledger.EntryWithdrawal: 600_000, ledger.EntrySpending: 450_000}
	// Withdrawal beyond the estimate at the Treasury (400.000 left).
	err := f.CheckEntry(sums, entry(ledger.EntryWithdrawal, ledger.TX, 500_000))
	for _, says := range []string{"rút dự toán", "Khoản 341 TX", "chỉ tiêu 24", "còn 400.000", "thiếu 100.000"} {
		if err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("overdrawn withdrawal: %v; want it to say %q", err, says)
		}
	}
	if ledger.ErrorField(err) != "amount" || ledger.ErrorKind(err) != ledger.KindConflict {
		t.Errorf("overdrawn withdrawal: field %q kind %v", ledger.ErrorField(err), ledger.ErrorKind(err))
	}
	if err := f.CheckEntry(sums, entry(ledger.EntryWithdrawal, ledger.TX, 400_000)); err != nil {
		t.Errorf("withdrawal of exactly what is left refused: %v", err)
	}
	// Spending and returns beyond funds received (150.000 left).
	for _, k := range []ledger.EntryKind{ledger.EntrySpending, ledger.EntryReturned, ledger.EntryCarryOutReceived} {
		err := f.CheckEntry(sums, entry(k, ledger.TX, 150_001))
		if err == nil || !strings.Contains(err.Error(), "chỉ tiêu 23") || !strings.Contains(err.Error(), "thiếu 1 đồng") {
			t.Errorf("%s beyond funds: %v", k, err)
		}
		if err := f.CheckEntry(sums, entry(k, ledger.TX, 150_000)); err != nil {
			t.Errorf("%s of exactly the funds left refused: %v", k, err)
		}
	}
	// KTX uses rows 27/28; a negative adjustment may not cancel estimate
	// already withdrawn.
	ktx := ledger.Sums{ledger.EntryAllocation: 100, ledger.EntryWithdrawal: 80}
	if err := f.CheckEntry(ktx, entry(ledger.EntryAdjustment, ledger.KTX, -21)); err == nil || !strings.Contains(err.Error(), "chỉ tiêu 28") {
		t.Errorf("adjustment below withdrawn: %v", err)
	}
	if err := f.CheckEntry(ktx, entry(ledger.EntryAdjustment, ledger.KTX, -20)); err != nil {
		t.Errorf("adjustment to exactly withdrawn refused: %v", err)
	}
	// An entry that does not lower a balance is never refused.
	if err := f.CheckEntry(ledger.Sums{}, entry(ledger.EntryAllocation, ledger.TX, 5)); err != nil {
		t.Errorf("allocation refused: %v", err)
	}
}

func TestEntryValidate(t *testing.T) {
	cat := ledger.NewCatalogue([]ledger.Code{
		{Level: ledger.LevelKhoan, Code: "341", Name: "Quản lý nhà nước", Parent: "340"},
		{Level: ledger.LevelTieuMuc, Code: "6001", Name: "Lương", Parent: "6000"},
	})
	good := entry(ledger.EntrySpending, ledger.TX, 1000)
	if err := good.Validate(cat); err != nil {
		t.Fatalf("valid entry refused: %v", err)
	}
	cases := []struct {
		field  string
		change func(e *ledger.Entry)
	}{
		{"tieu_muc", func(e *ledger.Entry) { e.TieuMuc = "" }},
		{"tieu_muc", func(e *ledger.Entry) { e.TieuMuc = "6999" }},
		{"khoan", func(e *ledger.Entry) { e.Khoan = "999" }},
		{"khoan", func(e *ledger.Entry) { e.Khoan = "34" }},
		{"amount", func(e *ledger.Entry) { e.Amount = 0 }},
		{"amount", func(e *ledger.Entry) { e.Amount = -5 }},
		{"doc", func(e *ledger.Entry) { e.Doc = " " }},
		{"date", func(e *ledger.Entry) { e.Date = ledger.NewDate(2026, 7, 1) }},
		{"date", func(e *ledger.Entry) { e.Date = ledger.NewDate(2025, 12, 31) }},
		{"unit", func(e *ledger.Entry) { e.Unit = "12" }},
		{"nature", func(e *ledger.Entry) { e.Nature = "XX" }},
		{"kind", func(e *ledger.Entry) { e.Kind = "gift" }},
	}
	for i, c := range cases {
		e := *good
		c.change(&e)
		err := e.Validate(cat)
		if err == nil || ledger.ErrorField(err) != c.field {
			t.Errorf("case %d: Validate = %v (field %q), want an error on %s", i, err, ledger.ErrorField(err), c.field)
		}
	}
	// An allocation may be dated before its period (decided in advance)
	// and needs no Tiểu mục; a negative adjustment is fine.
	alloc := entry(ledger.EntryAdjustment, ledger.TX, -300)
	alloc.TieuMuc, alloc.Date = "", ledger.NewDate(2025, 12, 20)
	if err := alloc.Validate(cat); err != nil {
		t.Errorf("adjustment before its period refused: %v", err)
	}
}

func TestNewID(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		id := ledger.NewID(testNow)
		if !ledger.ValidID(id) || seen[id] || id[14] != '7' {
			t.Fatalf("bad or repeated id %q", id)
		}
		seen[id] = true
	}
}

// The form prints as the circular does: the STT of the brief, the two
// headings before row 01, and the circular of the year reported.
func TestFormAsPrinted(t *testing.T) {
	f := mustForm(t)
	wantSTT := map[string]string{"01": "1", "02": "1.1", "05": "1.2", "08": "2", "11": "3", "14": "4", "17": "5",
		"20": "6", "21": "6.1", "25": "6.2", "29": "7", "30": "7.1", "33": "7.2"}
	for _, r := range f.Rows {
		want := wantSTT[r.Code]
		if want == "" {
			want = "-"
		}
		if r.STT != want {
			t.Errorf("row %s: STT %q, want %q", r.Code, r.STT, want)
		}
	}
	hs := f.HeadingsBefore(f.Rows[0].Code)
	if len(hs) != 2 || hs[0].STT != "A" || hs[0].Label != "NGÂN SÁCH NHÀ NƯỚC" || hs[1].STT != "I" || hs[1].Label != "NGUỒN NGÂN SÁCH TRONG NƯỚC" {
		t.Errorf("headings before row 01: %+v", hs)
	}
	if len(f.HeadingsBefore("02")) != 0 {
		t.Error("headings before row 02")
	}
	lines := f.Lines()
	if len(lines) != len(f.Rows)+2 || lines[0].Heading == nil || lines[0].Heading.STT != "A" || lines[1].Heading.STT != "I" ||
		lines[2].Heading != nil || lines[2].Row.Code != "01" || lines[len(lines)-1].Row.Code != "35" {
		t.Errorf("printed lines: %d, first %+v", len(lines), lines[:3])
	}
	for year, want := range map[int]string{2017: "107/2017/TT-BTC", 2024: "107/2017/TT-BTC", 2025: "24/2024/TT-BTC", 2026: "24/2024/TT-BTC"} {
		c := f.CircularFor(year)
		if !strings.Contains(c, want) || !strings.HasPrefix(c, "(Ban hành theo Thông tư số ") {
			t.Errorf("circular of %d: %q, want one citing %s", year, c, want)
		}
	}
}

func TestParseFormRefusesBadHeadingsAndVersions(t *testing.T) {
	for name, edit := range map[string][2]string{
		"heading before no row":  {`{"before": "01", "stt": "A"`, `{"before": "99", "stt": "A"`},
		"version ends first":     {`{"from": 2025,`, `{"from": 2025, "until": 2020,`},
		"version citing nothing": {`"circular": "(Ban hành theo Thông tư số 24/2024`, `"circular": "", "x": "`},
	} {
		data := strings.Replace(string(assets.FormB01), edit[0], edit[1], 1)
		if data == string(assets.FormB01) {
			t.Fatalf("%s: the edit does not apply", name)
		}
		if _, err := ledger.ParseForm([]byte(data)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
