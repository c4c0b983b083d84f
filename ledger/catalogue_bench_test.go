package ledger_test

import (
	"fmt"
	"strings"
	"testing"

	"wardledger/ledger"
)

// bigCatalogue is a catalogue the size of a whole annex and more: the seed
// plus 40 Tiểu mục under each of 60 made-up Mục.
func bigCatalogue(tb testing.TB) *ledger.Catalogue {
	codes := seedCatalogue(tb).All()
	for m := 0; m < 60; m++ {
		muc := fmt.Sprintf("%04d", 8000+m*50)
		codes = append(codes, ledger.Code{Level: ledger.LevelMuc, Code: muc, Name: fmt.Sprintf("Chi hỗ trợ nhóm %d", m)})
		for i := 1; i <= 40; i++ {
			codes = append(codes, ledger.Code{Level: ledger.LevelTieuMuc, Code: fmt.Sprintf("%04d", 8000+m*50+i),
				Name: fmt.Sprintf("Chi hỗ trợ đối tượng %d thuộc nhóm %d theo quyết định", i, m), Parent: muc})
		}
	}
	return ledger.NewCatalogue(codes)
}

// BenchmarkSearch is one keystroke in the code picker: the seed (185
// codes) against a catalogue of 2,645 codes.
func BenchmarkSearch(b *testing.B) {
	for _, c := range []struct {
		name string
		cat  *ledger.Catalogue
	}{{"seed", seedCatalogue(b)}, {"big", bigCatalogue(b)}} {
		for _, q := range []string{"hội nghị", "66", "dien"} {
			b.Run(c.name+"/"+q, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					c.cat.Search(ledger.LevelTieuMuc, q, 2026)
				}
			})
		}
	}
}

// BenchmarkReadCatalogueCSV reads a file of 20,000 codes (the most a file
// may have): time and memory per file.
func BenchmarkReadCatalogueCSV(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("level,code,name,parent\n")
	n := 0
	for m := 0; n < 20_000-1; m++ {
		muc := 1000 + m*50%9000
		fmt.Fprintf(&sb, "muc,%04d,Nhóm %d,\n", muc, m)
		n++
		for i := 1; i < 50 && n < 20_000-1; i++ {
			fmt.Fprintf(&sb, "tieu_muc,%04d,Chi hỗ trợ đối tượng %d thuộc nhóm %d theo quyết định của cấp có thẩm quyền,%04d\n", muc+i, i, m, muc)
			n++
		}
	}
	body := sb.String()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		// Codes repeat after 9,000 (the space of 4 digits): duplicates are
		// refused, so this measures reading and refusing the whole file.
		ledger.ReadCatalogueCSV(strings.NewReader(body), "", nil)
	}
}
