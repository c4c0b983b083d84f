package ledger

import (
	"encoding/csv"
	"io"
	"sort"
	"strings"
)

// Nature is the nature of funds (tính chất nguồn).
type Nature string

const (
	// TX: kinh phí thường xuyên / giao tự chủ (recurrent, autonomous).
	TX Nature = "TX"
	// KTX: kinh phí không thường xuyên / không giao tự chủ (earmarked).
	KTX Nature = "KTX"
)

// Natures lists the natures in report order: TX columns come first.
var Natures = []Nature{TX, KTX}

// ParseNature reads TX or KTX (any case).
func ParseNature(s string) (Nature, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "TX":
		return TX, nil
	case "KTX":
		return KTX, nil
	}
	return "", FieldErrorf("nature", "ParseNature", "tính chất nguồn %q không hợp lệ: TX (thường xuyên) hoặc KTX (không thường xuyên)", s)
}

// Label is the Vietnamese name of the nature.
func (n Nature) Label() string {
	if n == KTX {
		return "Kinh phí không thường xuyên"
	}
	return "Kinh phí thường xuyên"
}

// CodeLevel is the level of a budget classification code (Mục lục NSNN).
type CodeLevel string

const (
	LevelLoai    CodeLevel = "loai"     // sector, 3 digits
	LevelKhoan   CodeLevel = "khoan"    // sub-sector, 3 digits, belongs to a Loại
	LevelMuc     CodeLevel = "muc"      // item group, 4 digits
	LevelTieuMuc CodeLevel = "tieu_muc" // sub-item, 4 digits, belongs to a Mục
)

// Code is one entry of the budget classification catalogue.
type Code struct {
	Level  CodeLevel
	Code   string
	Name   string
	Parent string // the Loại of a Khoản, the Mục of a Tiểu mục
}

// Normalize trims the code's numbers and puts its name in NFC, trimmed.
func (c *Code) Normalize() {
	c.Level = CodeLevel(strings.TrimSpace(string(c.Level)))
	c.Code = strings.TrimSpace(c.Code)
	c.Name = NormalizeText(c.Name)
	c.Parent = strings.TrimSpace(c.Parent)
}

// Validate checks the shape of a catalogue code.
func (c Code) Validate() error {
	const op = "Code.Validate"
	switch c.Level {
	case LevelLoai, LevelKhoan:
		if !isDigits(c.Code, 3) {
			return FieldErrorf("code", op, "mã %s %q phải gồm đúng 3 chữ số", c.Level.Label(), c.Code)
		}
	case LevelMuc, LevelTieuMuc:
		if !isDigits(c.Code, 4) {
			return FieldErrorf("code", op, "mã %s %q phải gồm đúng 4 chữ số", c.Level.Label(), c.Code)
		}
	default:
		return FieldErrorf("level", op, "cấp mã %q không hợp lệ (loai, khoan, muc, tieu_muc)", c.Level)
	}
	if IsBlank(c.Name) {
		return FieldErrorf("name", op, "chưa nhập tên cho mã %s", c.Code)
	}
	if err := CheckText("name", c.Name, MaxNameRunes); err != nil {
		return err
	}
	switch c.Level {
	case LevelKhoan:
		if !isDigits(c.Parent, 3) {
			return FieldErrorf("parent", op, "Khoản %s phải thuộc một Loại (3 chữ số)", c.Code)
		}
	case LevelTieuMuc:
		if !isDigits(c.Parent, 4) {
			return FieldErrorf("parent", op, "Tiểu mục %s phải thuộc một Mục (4 chữ số)", c.Code)
		}
	}
	return nil
}

// Label is the Vietnamese name of the level.
func (l CodeLevel) Label() string {
	switch l {
	case LevelLoai:
		return "Loại"
	case LevelKhoan:
		return "Khoản"
	case LevelMuc:
		return "Mục"
	case LevelTieuMuc:
		return "Tiểu mục"
	}
	return string(l)
}

// Catalogue is the set of budget classification codes a ledger knows.
type Catalogue struct {
	codes map[CodeLevel]map[string]Code
}

// NewCatalogue builds a catalogue from codes; later duplicates win.
func NewCatalogue(codes []Code) *Catalogue {
	c := &Catalogue{codes: map[CodeLevel]map[string]Code{}}
	for _, code := range codes {
		c.Add(code)
	}
	return c
}

// Add puts code into the catalogue.
func (c *Catalogue) Add(code Code) {
	if c.codes[code.Level] == nil {
		c.codes[code.Level] = map[string]Code{}
	}
	c.codes[code.Level][code.Code] = code
}

// Lookup returns the code of that level, if known.
func (c *Catalogue) Lookup(level CodeLevel, code string) (Code, bool) {
	if c == nil {
		return Code{}, false
	}
	v, ok := c.codes[level][code]
	return v, ok
}

// Name returns the name of a code, or "" if unknown.
func (c *Catalogue) Name(level CodeLevel, code string) string {
	v, _ := c.Lookup(level, code)
	return v.Name
}

// Level returns the codes of a level sorted by code.
func (c *Catalogue) Level(level CodeLevel) []Code {
	if c == nil {
		return nil
	}
	out := make([]Code, 0, len(c.codes[level]))
	for _, v := range c.codes[level] {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// All returns every code, by level then code.
func (c *Catalogue) All() []Code {
	var out []Code
	for _, l := range []CodeLevel{LevelLoai, LevelKhoan, LevelMuc, LevelTieuMuc} {
		out = append(out, c.Level(l)...)
	}
	return out
}

// ParseCatalogueCSV reads a catalogue in the CSV form shipped in assets:
// level,code,name,parent with a header line.
func ParseCatalogueCSV(r io.Reader) ([]Code, error) {
	const op = "ParseCatalogueCSV"
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 4
	cr.Comment = '#'
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, Errorf(KindInvalid, op, "danh mục mã không đọc được: %v", err)
	}
	var out []Code
	for i, rec := range recs {
		if i == 0 && rec[0] == "level" {
			continue
		}
		code := Code{Level: CodeLevel(rec[0]), Code: rec[1], Name: rec[2], Parent: rec[3]}
		if err := code.Validate(); err != nil {
			return nil, Errorf(KindInvalid, op, "danh mục mã, dòng %d: %v", i+1, err)
		}
		out = append(out, code)
	}
	return out, nil
}
