package ledger

import (
	"encoding/csv"
	"io"
	"slices"
)

// CatalogueSeed is the catalogue a new ledger starts with (shipped in
// assets/catalogue). A ledger made by an older version takes from it, when
// upgraded, the codes it lacks, the sources and years of the codes it has
// under the same name, and the corrected name of a code it still calls by
// a name an earlier seed gave (Formerly); a name its user changed is kept.
type CatalogueSeed struct {
	Codes    []Code
	Basis    []Basis
	Formerly []Code // level, code and a name an earlier seed gave it
}

// LoadCatalogueSeed reads the seed: the codes (ParseCatalogueCSV), the
// circulars by year (ParseBasisCSV) and the former names
// (level,code,name).
func LoadCatalogueSeed(codes, basis, formerly io.Reader) (*CatalogueSeed, error) {
	const op = "LoadCatalogueSeed"
	s := &CatalogueSeed{}
	var err error
	if s.Codes, err = ParseCatalogueCSV(codes); err != nil {
		return nil, err
	}
	if s.Basis, err = ParseBasisCSV(basis); err != nil {
		return nil, err
	}
	cr := csv.NewReader(formerly)
	cr.FieldsPerRecord = 3
	cr.Comment = '#'
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, Errorf(KindInvalid, op, "tên cũ của danh mục không đọc được: %v", err)
	}
	for i, rec := range recs {
		if i == 0 && rec[0] == "level" {
			continue
		}
		s.Formerly = append(s.Formerly, Code{Level: CodeLevel(rec[0]), Code: rec[1], Name: rec[2]})
	}
	return s, nil
}

// Upgrade says what the seed brings to a ledger whose catalogue is cur:
// every code of a new ledger when cur is empty.
func (s *CatalogueSeed) Upgrade(cur *Catalogue) (*CatalogueChange, error) {
	lines := make([]CodeLine, len(s.Codes))
	for i, c := range s.Codes {
		lines[i] = CodeLine{Code: c, HasSource: true, HasFrom: true, HasUntil: true, HasReplacement: true}
	}
	ch, err := PlanCatalogue(cur, lines, "")
	if err != nil {
		return nil, err
	}
	renamed := ch.Renamed[:0]
	for _, u := range ch.Renamed {
		if u.New.Parent == u.Old.Parent && slices.Contains(s.Formerly, Code{Level: u.Old.Level, Code: u.Old.Code, Name: u.Old.Name}) {
			renamed = append(renamed, u)
		}
	}
	ch.Renamed = renamed
	return ch, nil
}
