package ledger_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"wardledger/assets"
	"wardledger/ledger"
)

func TestSeedCatalogue(t *testing.T) {
	cat := seedCatalogue(t)
	for _, c := range []struct {
		level ledger.CodeLevel
		code  string
	}{{ledger.LevelKhoan, "341"}, {ledger.LevelTieuMuc, "6001"}, {ledger.LevelTieuMuc, "6501"}, {ledger.LevelMuc, "6000"}} {
		if _, ok := cat.Lookup(c.level, c.code); !ok {
			t.Errorf("seed catalogue lacks %s %s", c.level, c.code)
		}
	}
	// The seed's groups and sources are checked against the research in
	// package assets (TestSeedHasSourcedCodes).
}

func TestParseCatalogueRefuses(t *testing.T) {
	for _, body := range []string{
		"level,code,name,parent\nkhoan,34,Quản lý,340\n",
		"level,code,name,parent\nkhoan,341,Quản lý,\n",
		"level,code,name,parent\ntieu_muc,6001,,6000\n",
		"level,code,name,parent\nchapter,599,Chương,\n",
		"level,code,name\nkhoan,341,x\n",
	} {
		if _, err := ledger.ParseCatalogueCSV(strings.NewReader(body)); err == nil {
			t.Errorf("accepted %q", body)
		}
	}
}

// FuzzParseCatalogueCSV: never panics; every accepted code is valid.
func FuzzParseCatalogueCSV(f *testing.F) {
	f.Add(string(assets.Catalogue))
	f.Add("level,code,name,parent\nkhoan,341,Quản lý nhà nước,340\n")
	f.Fuzz(func(t *testing.T, body string) {
		codes, err := ledger.ParseCatalogueCSV(strings.NewReader(body))
		if err != nil {
			return
		}
		for _, c := range codes {
			if err := c.Validate(); err != nil {
				t.Fatalf("accepted invalid code %+v: %v", c, err)
			}
		}
	})
}

// FuzzParseForm: a form definition either is refused or evaluates without
// panicking, and its identity check never panics.
func FuzzParseForm(f *testing.F) {
	f.Add(string(assets.FormB01))
	f.Add(`{"rows":[{"code":"01","formula":"02-03"},{"code":"02","kinds":["allocation"],"nature":"TX"},{"code":"03","kinds":["spending"],"nature":"KTX"}],"identity":"01=02-03"}`)
	f.Add(smallForm(`"usable": "01", "withdrawn": "02", "settled": "03", "brought_forward": "01", "allocated": "02", "reduced": "03", "carried": "01"`))
	f.Fuzz(func(t *testing.T, def string) {
		form, err := ledger.ParseForm([]byte(def))
		if err != nil {
			return
		}
		rows, err := form.Compute(map[ledger.Nature]ledger.Sums{ledger.TX: {ledger.EntryAllocation: 5}, ledger.KTX: {ledger.EntrySpending: 3}})
		if err != nil {
			t.Fatal(err)
		}
		form.CheckIdentity(rows)
	})
}

func seedCatalogue(t testing.TB) *ledger.Catalogue {
	t.Helper()
	codes, err := ledger.ParseCatalogueCSV(bytes.NewReader(assets.Catalogue))
	if err != nil {
		t.Fatal(err)
	}
	terms, err := ledger.ParseSearchTerms(bytes.NewReader(assets.CatalogueSearchTerms))
	if err != nil {
		t.Fatal(err)
	}
	return ledger.NewCatalogue(codes).WithSearchTerms(terms)
}

func codesOf(cs []ledger.Code) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Code
	}
	return out
}

// TestSearch: by number, by name without accents, and by the name of the
// Mục — what a ward accountant types into the Tiểu mục field.
func TestSearch(t *testing.T) {
	cat := seedCatalogue(t)
	for _, c := range []struct {
		q    string
		year int
		want []string
	}{
		{"hội nghị", 2026, []string{"6651", "6652", "6653", "6654", "6655", "6656", "6657", "6658", "6699"}},
		{"hoi nghi", 2026, []string{"6651", "6652", "6653", "6654", "6655", "6656", "6657", "6658", "6699"}},
		{"dien", 2026, []string{"6501", "6601", "6618", "6921"}},
		{"ĐIỆN", 2026, []string{"6501", "6601", "6618", "6921"}},
		{"tien die", 2026, []string{"6501"}}, // the last word as it is being typed
		{"internet", 2026, []string{"6605"}},
		{"nhà cửa", 2026, []string{"6907"}},
		// Everyday words (assets/catalogue/search_terms.csv) beside the
		// official names: a computer is "Các thiết bị công nghệ thông tin".
		{"máy tính", 2026, []string{"6912"}},
		{"may tinh", 2026, []string{"6912"}},
		{"xăng", 2026, []string{"6503"}},
		{"6501", 2026, []string{"6501"}},
		{"650", 2026, []string{"6501", "6502", "6503", "6504", "6505"}},
		// 6106 was merged into 6105 by TT 324: offered for 2016, not after.
		{"6106", 2026, nil},
		{"6106", 2016, []string{"6106"}},
		{"xyz", 2026, nil},
	} {
		if got := codesOf(cat.Search(ledger.LevelTieuMuc, c.q, c.year)); !slices.Equal(got, c.want) {
			t.Errorf("Search(%q, %d) = %v, want %v", c.q, c.year, got, c.want)
		}
	}
	// The terms are searched, never printed: the name stays the official one.
	if v, _ := cat.Lookup(ledger.LevelTieuMuc, "6912"); v.Name != "Các thiết bị công nghệ thông tin" {
		t.Errorf("6912 named %q", v.Name)
	}
	if _, err := ledger.ParseSearchTerms(strings.NewReader("level,code,terms\nmuc_x,6912,máy\n")); ledger.ErrorKind(err) != ledger.KindInvalid {
		t.Errorf("a bad level: %v", err)
	}
	if got := codesOf(cat.Search(ledger.LevelKhoan, "341", 2026)); !slices.Equal(got, []string{"341"}) {
		t.Errorf("Khoản 341: %v", got)
	}
	// The exact code comes first, before longer codes starting with it.
	cat2 := ledger.NewCatalogue([]ledger.Code{
		{Level: ledger.LevelMuc, Code: "6600", Name: "Thông tin"},
		{Level: ledger.LevelTieuMuc, Code: "6601", Name: "Điện thoại", Parent: "6600"},
	})
	if got := codesOf(cat2.Search(ledger.LevelMuc, "6600", 0)); !slices.Equal(got, []string{"6600"}) {
		t.Errorf("Mục 6600: %v", got)
	}
}

// TestRetiredCodeRefused: an entry on a code out of force in its period's
// year is refused at its field with the replacement; a reversal and a
// carried balance are not.
func TestRetiredCodeRefused(t *testing.T) {
	cat := seedCatalogue(t)
	e := &ledger.Entry{Unit: "1000002", Period: ledger.MustPeriod("2026-H1"), Kind: ledger.EntrySpending,
		Nature: ledger.TX, Khoan: "341", TieuMuc: "6106", Amount: 5000, Doc: "PC01", Date: ledger.NewDate(2026, 2, 1)}
	err := e.Validate(cat)
	if ledger.ErrorKind(err) != ledger.KindInvalid || ledger.ErrorField(err) != "tieu_muc" ||
		!strings.Contains(err.Error(), "hết hiệu lực sau năm 2016") || !strings.Contains(err.Error(), "dùng Tiểu mục 6105 “Phụ cấp làm đêm, làm thêm giờ”") {
		t.Fatalf("entry on 6106 in 2026: %v", err)
	}
	old := *e
	old.Period, old.Date = ledger.MustPeriod("2016-H2"), ledger.NewDate(2016, 8, 1)
	if err := old.Validate(cat); err != nil {
		t.Errorf("entry on 6106 in 2016: %v", err)
	}
	rev := *e
	rev.Reverses, rev.Amount = "01234567-89ab-7def-8123-456789abcdef", -5000
	if err := rev.Validate(cat); err != nil {
		t.Errorf("reversal on 6106 in 2026: %v", err)
	}
	future := ledger.NewCatalogue(append(cat.All(), ledger.Code{Level: ledger.LevelTieuMuc, Code: "6159", Name: "Mới", Parent: "6150", From: 2027}))
	e.TieuMuc = "6159"
	if err := e.Validate(future); err == nil || !strings.Contains(err.Error(), "chỉ có hiệu lực từ năm 2027") {
		t.Errorf("entry on a code valid from 2027: %v", err)
	}
	if !cat.Valid(ledger.LevelTieuMuc, "6106", 2016) || cat.Valid(ledger.LevelTieuMuc, "6106", 2017) || cat.Valid(ledger.LevelTieuMuc, "9999", 0) {
		t.Error("Valid")
	}
}

func TestCodeValidate(t *testing.T) {
	ok := ledger.Code{Level: ledger.LevelTieuMuc, Code: "6106", Name: "x", Parent: "6100", Until: 2016, Replacement: "6105"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []ledger.Code{
		{Level: ledger.LevelTieuMuc, Code: "6106", Name: "x", Parent: "6100", From: 2020, Until: 2016},
		{Level: ledger.LevelTieuMuc, Code: "6106", Name: "x", Parent: "6100", Until: 16},
		{Level: ledger.LevelTieuMuc, Code: "6106", Name: "x", Parent: "6100", Replacement: "6106"},
		{Level: ledger.LevelTieuMuc, Code: "6106", Name: "x", Parent: "6100", Replacement: "610"},
		{Level: ledger.LevelMuc, Code: "6100", Name: "x", Parent: "6000"},
		{Level: ledger.LevelMuc, Code: "6100", Name: strings.Repeat("x", 501)},
	} {
		if err := c.Validate(); err == nil {
			t.Errorf("accepted %+v", c)
		}
	}
}

func TestParentFor(t *testing.T) {
	cat := seedCatalogue(t)
	for _, c := range []struct {
		level      ledger.CodeLevel
		code, want string
	}{
		{ledger.LevelTieuMuc, "6655", "6650"}, {ledger.LevelTieuMuc, "7155", "7150"}, {ledger.LevelTieuMuc, "6001", "6000"},
		{ledger.LevelKhoan, "341", "340"}, {ledger.LevelKhoan, "345", "340"}, {ledger.LevelKhoan, "338", "280"}, {ledger.LevelKhoan, "005", ""},
		{ledger.LevelMuc, "6650", ""},
	} {
		if got := ledger.ParentFor(cat, c.level, c.code); got != c.want {
			t.Errorf("ParentFor(%s %s) = %q, want %q", c.level, c.code, got, c.want)
		}
	}
}

// TestCatalogueCSVRoundTrip: what WriteCatalogueCSV writes reads back the
// same.
func TestCatalogueCSVRoundTrip(t *testing.T) {
	cat := seedCatalogue(t)
	var buf bytes.Buffer
	if err := ledger.WriteCatalogueCSV(&buf, cat.All()); err != nil {
		t.Fatal(err)
	}
	back, err := ledger.ParseCatalogueCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back, cat.All()) {
		t.Errorf("round trip differs")
	}
	// In the annexes' order, the seed reads as it is written.
	inFile, err := ledger.ParseCatalogueCSV(bytes.NewReader(assets.Catalogue))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cat.Ordered(), inFile) {
		t.Errorf("Ordered: %v", codesOf(cat.Ordered()))
	}
}
