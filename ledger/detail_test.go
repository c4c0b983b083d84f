package ledger_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"wardledger/ledger"
)

var testNow = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// TestSpendingDetailSubtotals: every row above Tiểu mục equals the sum of
// the Tiểu mục rows under it, the grand total is all spending, and the rows
// come in nature → Loại → Khoản → Mục → Tiểu mục order, with a section
// for every nature (I then II) even when it has no spending.
func TestSpendingDetailSubtotals(t *testing.T) {
	cat := ledger.NewCatalogue([]ledger.Code{
		{Level: ledger.LevelKhoan, Code: "341", Name: "QLNN", Parent: "340"},
		{Level: ledger.LevelKhoan, Code: "161", Name: "Văn hóa", Parent: "160"},
		{Level: ledger.LevelTieuMuc, Code: "6001", Name: "Lương", Parent: "6000"},
	})
	r := rand.New(rand.NewPCG(3, 4))
	for iter := 0; iter < 300; iter++ {
		totals := randomTotals(r)
		rows, err := ledger.SpendingDetail(cat, totals)
		if err != nil {
			t.Fatal(err)
		}
		var spent ledger.Money
		for _, tt := range totals {
			if tt.Kind == ledger.EntrySpending {
				spent += tt.Amount
			}
		}
		var sections []ledger.Nature
		for _, row := range rows {
			if row.Level == ledger.DetailNature {
				sections = append(sections, row.Nature)
			}
		}
		if len(sections) != 2 || sections[0] != ledger.TX || sections[1] != ledger.KTX || rows[1].Level != ledger.DetailNature {
			t.Fatalf("iter %d: sections %v, want TX then KTX right under the total", iter, sections)
		}
		if rows[0].Amount != spent {
			t.Fatalf("iter %d: total %d, spending %d", iter, rows[0].Amount, spent)
		}
		for i, row := range rows {
			if row.Level == ledger.DetailTieuMuc || row.Level == ledger.DetailTotal {
				continue
			}
			var sum ledger.Money
			for _, c := range rows[i+1:] {
				if c.Level <= row.Level {
					break
				}
				if c.Level == ledger.DetailTieuMuc {
					sum += c.Amount
				}
			}
			if sum != row.Amount {
				t.Fatalf("iter %d: row %d (%v %s) = %d, children sum to %d", iter, i, row.Level, row.Code, row.Amount, sum)
			}
			emptySection := row.Level == ledger.DetailNature && row.Amount == 0
			if i+1 < len(rows) && rows[i+1].Level != row.Level+1 && !emptySection {
				t.Fatalf("iter %d: row %d level %v followed by level %v", iter, i, row.Level, rows[i+1].Level)
			}
		}
	}
	// Parents: the total has none; every other row's parent is one level
	// up and its amount is the sum of its children's.
	rows, err := ledger.SpendingDetail(cat, randomTotals(r))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 6 {
		t.Fatalf("only %d rows to check the parents of", len(rows))
	}
	parents := ledger.DetailParents(rows)
	sums := make([]ledger.Money, len(rows))
	for i, p := range parents {
		if (p < 0) != (i == 0) {
			t.Fatalf("row %d (%v) has parent %d", i, rows[i].Level, p)
		}
		if p >= 0 {
			if rows[p].Level != rows[i].Level-1 {
				t.Errorf("row %d (%v) under row %d (%v)", i, rows[i].Level, p, rows[p].Level)
			}
			sums[p] += rows[i].Amount
		}
	}
	for i, row := range rows {
		if row.Level != ledger.DetailTieuMuc && sums[i] != row.Amount {
			t.Errorf("row %d (%v %s) = %d, its children sum to %d", i, row.Level, row.Code, row.Amount, sums[i])
		}
	}
	if got := ledger.MucOf(cat, "6001"); got != "6000" {
		t.Errorf("MucOf(6001) = %s", got)
	}
	if got := ledger.MucOf(cat, "6552"); got != "6550" {
		t.Errorf("MucOf(6552) = %s (by groups of 50)", got)
	}
}
