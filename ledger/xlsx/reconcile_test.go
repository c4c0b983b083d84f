package xlsx_test

import (
	"strings"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsx/xlsxtest"
)

// TestReconciliationWorkbook: per Khoản and nature, the estimate brought
// forward at the Treasury (B01 row 04/07), allocated at the start and by
// adjustments (09/10 split by kind), withdrawn (15/16), cancelled or left
// (24/28) and carried over (32/35); usable = brought forward + allocated =
// withdrawn + cancelled + carried over, by formula.
func TestReconciliationWorkbook(t *testing.T) {
	db := xlsxtest.Demo(t, 3, 60)
	for _, p := range []ledger.Period{h1, h2} {
		f, path := xlsxtest.Export(t, db, xlsx.Request{Kind: ledger.WorkbookReconciliation, Unit: ward, Period: p})
		if !strings.HasSuffix(path, "DCKB_1000002_"+p.String()+".xlsx") {
			t.Errorf("file name %s", path)
		}
		st := xlsxtest.Statement(t, db, ward, p)
		initial := map[string]ledger.Money{}
		for _, tt := range xlsxtest.Totals(t, db, ward, p) {
			if tt.Kind == ledger.EntryAllocation {
				initial[tt.Khoan+string(tt.Nature)] += tt.Amount
			}
		}
		g := xlsxtest.ReadGrid(t, f, xlsx.SheetReconciliation)
		num := g.NumberRow(t)
		if g.At(num, 7) != "4=1+2+3" || g.At(num, 9) != "6=4-5-7" {
			t.Errorf("column numbers %v", g[num])
		}
		lines := 0
		var total [7]ledger.Money
		for r := num + 2; r < len(g) && g.At(r, 2) != ""; r++ {
			k, n := g.At(r, 2), ledger.TX
			if strings.Contains(g.At(r, 3), "không") {
				n = ledger.KTX
			}
			codes := map[ledger.Nature][5]string{ledger.TX: {"04", "09", "15", "24", "32"}, ledger.KTX: {"07", "10", "16", "28", "35"}}[n]
			rows := st.ByKhoan[k]
			want := [7]ledger.Money{rows[codes[0]], initial[k+string(n)], rows[codes[1]] - initial[k+string(n)],
				rows[codes[0]] + rows[codes[1]], rows[codes[2]], rows[codes[3]], rows[codes[4]]}
			for c, w := range want {
				if got := xlsxtest.Money(t, g.At(r, 4+c)); got != w {
					t.Errorf("%s Khoản %s %s column %d: %s, want %s", p, k, n, c+1, got, w)
				}
				total[c] += w
			}
			if want[3] != want[4]+want[5]+want[6] {
				t.Errorf("%s Khoản %s %s: usable %s ≠ withdrawn + cancelled + carried", p, k, n, want[3])
			}
			lines++
		}
		if lines == 0 {
			t.Fatalf("%s: no line", p)
		}
		for c, w := range total {
			if got := xlsxtest.Money(t, g.At(num+1, 4+c)); got != w {
				t.Errorf("%s total column %d: %s, want %s", p, c+1, got, w)
			}
		}
		if n := checkFormulas(t, f); n < 3*lines {
			t.Errorf("only %d formulas checked", n)
		}
		checkLayout(t, f, []string{xlsx.SheetReconciliation})
	}
	if _, err := xlsx.Export(t.Context(), db, xlsx.Request{Kind: ledger.WorkbookReconciliation, Unit: ward, Period: ledger.MustPeriod("2030-H1")},
		t.TempDir()); ledger.ErrorKind(err) != ledger.KindNotFound {
		t.Errorf("a period without estimates: %v", err)
	}
}
