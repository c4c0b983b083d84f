package assets_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"wardledger/assets"
	"wardledger/ledger"
)

// TestSeedHasSourcedCodes checks the shipped catalogue against the list
// gathered from public sources (testdata/mlns_codes.csv, a copy of the
// research's codes.csv): every sourced row is there with its name, group
// and source; every Khoản's Loại and every Tiểu mục's Mục is there; no
// code is there twice.
func TestSeedHasSourcedCodes(t *testing.T) {
	raw, err := os.ReadFile("testdata/mlns_codes.csv")
	if err != nil {
		t.Fatal(err)
	}
	sourced, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(sourced) != 176 || strings.Join(sourced[0], ",") != "level,code,name,parent,source" {
		t.Fatalf("the sourced list has %d lines, header %v", len(sourced), sourced[0])
	}

	// Duplicates, counted on the file itself (a catalogue keeps the last).
	cr := csv.NewReader(bytes.NewReader(assets.Catalogue))
	cr.Comment = '#'
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		k := r[0] + " " + r[1]
		if seen[k] {
			t.Errorf("%s is in the seed twice", k)
		}
		seen[k] = true
	}

	codes, err := ledger.ParseCatalogueCSV(bytes.NewReader(assets.Catalogue))
	if err != nil {
		t.Fatal(err)
	}
	cat := ledger.NewCatalogue(codes)
	for _, r := range sourced[1:] {
		level, code, name, parent, source := ledger.CodeLevel(r[0]), r[1], r[2], r[3], r[4]
		c, ok := cat.Lookup(level, code)
		switch {
		case !ok:
			t.Errorf("sourced %s %s %q is missing", level, code, name)
		case c.Name != name || c.Parent != parent || c.Source != source:
			t.Errorf("%s %s: seed has %q (group %q, source %q), the source %q (group %q, %s)",
				level, code, c.Name, c.Parent, c.Source, name, parent, source)
		}
	}
	for _, c := range codes {
		if c.Source == "" {
			t.Errorf("%s %s has no source", c.Level, c.Code)
		}
		if pl := c.Level.ParentLevel(); pl != "" {
			if _, ok := cat.Lookup(pl, c.Parent); !ok {
				t.Errorf("%s %s belongs to %s %s, which is not in the seed", c.Level, c.Code, pl, c.Parent)
			}
		}
		if c.Level == ledger.LevelTieuMuc && ledger.MucOf(nil, c.Code) != c.Parent {
			t.Errorf("Tiểu mục %s is not in the group of 50 of its Mục %s", c.Code, c.Parent)
		}
		if c.Replacement != "" && !cat.Valid(c.Level, c.Replacement, c.Until+1) {
			t.Errorf("%s %s is replaced by %s, which is not valid after %d", c.Level, c.Code, c.Replacement, c.Until)
		}
	}
	// The Loại 340 name as the circular's body gives it.
	if got := cat.Name(ledger.LevelLoai, "340"); got != "Hoạt động của các cơ quan quản lý nhà nước, Đảng, đoàn thể" {
		t.Errorf("Loại 340 is %q", got)
	}
}

// TestSeedBasis: TT 324 through budget year 2025, TT 130/2025 from 2026.
func TestSeedBasis(t *testing.T) {
	bs, err := ledger.ParseBasisCSV(bytes.NewReader(assets.CatalogueBasis))
	if err != nil {
		t.Fatal(err)
	}
	cat := ledger.NewCatalogue(nil)
	cat.SetBasis(bs)
	for year, want := range map[int]string{2017: "Thông tư 324/2016/TT-BTC", 2025: "Thông tư 324/2016/TT-BTC", 2026: "Thông tư 130/2025/TT-BTC"} {
		if b, ok := cat.Basis(year); !ok || !strings.HasPrefix(b.Circular, want) {
			t.Errorf("%d: %+v, want %s", year, b, want)
		}
	}
}
