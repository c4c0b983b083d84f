package ledger_test

import (
	"bytes"
	"strings"
	"testing"

	"wardledger/assets"
	"wardledger/ledger"
)

func TestSeedCatalogue(t *testing.T) {
	codes, err := ledger.ParseCatalogueCSV(bytes.NewReader(assets.Catalogue))
	if err != nil {
		t.Fatal(err)
	}
	cat := ledger.NewCatalogue(codes)
	for _, c := range []struct {
		level ledger.CodeLevel
		code  string
	}{{ledger.LevelKhoan, "341"}, {ledger.LevelTieuMuc, "6001"}, {ledger.LevelTieuMuc, "6501"}, {ledger.LevelMuc, "6000"}} {
		if _, ok := cat.Lookup(c.level, c.code); !ok {
			t.Errorf("seed catalogue lacks %s %s", c.level, c.code)
		}
	}
	// Every Tiểu mục belongs to a Mục of the catalogue, every Khoản to a Loại.
	for _, tm := range cat.Level(ledger.LevelTieuMuc) {
		if _, ok := cat.Lookup(ledger.LevelMuc, tm.Parent); !ok {
			t.Errorf("Tiểu mục %s has unknown Mục %s", tm.Code, tm.Parent)
		}
		if ledger.MucOf(cat, tm.Code) != tm.Parent {
			t.Errorf("Tiểu mục %s is not in the group of 50 of its Mục %s", tm.Code, tm.Parent)
		}
	}
	for _, k := range cat.Level(ledger.LevelKhoan) {
		if _, ok := cat.Lookup(ledger.LevelLoai, k.Parent); !ok {
			t.Errorf("Khoản %s has unknown Loại %s", k.Code, k.Parent)
		}
	}
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
