package ledger

import (
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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

// FormLabel is how the forms name the nature: "Kinh phí thường xuyên/tự
// chủ", "Kinh phí không thường xuyên/không tự chủ".
func (n Nature) FormLabel() string {
	if n == KTX {
		return n.Label() + "/không tự chủ"
	}
	return n.Label() + "/tự chủ"
}

// CodeLevel is the level of a budget classification code (Mục lục NSNN).
type CodeLevel string

const (
	LevelLoai    CodeLevel = "loai"     // sector, 3 digits
	LevelKhoan   CodeLevel = "khoan"    // sub-sector, 3 digits, belongs to a Loại
	LevelMuc     CodeLevel = "muc"      // item group, 4 digits
	LevelTieuMuc CodeLevel = "tieu_muc" // sub-item, 4 digits, belongs to a Mục
)

// CodeLevels lists the levels, each group before what it groups.
var CodeLevels = []CodeLevel{LevelLoai, LevelKhoan, LevelMuc, LevelTieuMuc}

// ParseCodeLevel reads a level by its code name (tieu_muc) or its
// Vietnamese name (Tiểu mục, tieu muc), in any case.
func ParseCodeLevel(s string) (CodeLevel, error) {
	f := strings.Join(strings.Fields(strings.ReplaceAll(Fold(s), "_", " ")), " ")
	for _, l := range CodeLevels {
		if f == strings.ReplaceAll(string(l), "_", " ") {
			return l, nil
		}
	}
	return "", FieldErrorf("level", "ParseCodeLevel", "cấp mã %q không hợp lệ: loai, khoan, muc hoặc tieu_muc (Loại, Khoản, Mục, Tiểu mục)", s)
}

// Digits is how many digits a code of the level has.
func (l CodeLevel) Digits() int {
	if l == LevelLoai || l == LevelKhoan {
		return 3
	}
	return 4
}

// ParentLevel is the level of a code's group: Loại for a Khoản, Mục for a
// Tiểu mục, "" for the others.
func (l CodeLevel) ParentLevel() CodeLevel {
	switch l {
	case LevelKhoan:
		return LevelLoai
	case LevelTieuMuc:
		return LevelMuc
	}
	return ""
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

// Limits on what a catalogue code carries, so a file from outside cannot
// make one unbounded.
const (
	maxCodeName   = 500 // runes
	maxCodeSource = 200 // bytes
	minCodeYear   = 1900
	maxCodeYear   = 9999
)

// Code is one entry of the budget classification catalogue.
type Code struct {
	Level  CodeLevel
	Code   string
	Name   string
	Parent string // the Loại of a Khoản, the Mục of a Tiểu mục
	// Source says where the code and its name come from: a source id of
	// the seed (TT324-BODY, TKBH-2024…), the file it was imported from;
	// "" when keyed in.
	Source string
	// From and Until are the budget years the code is valid in, both
	// inclusive; 0 leaves that end open. A code valid until a year is
	// retired after it; Replacement, if set, is the code of the same level
	// that takes its place.
	From, Until int
	Replacement string
}

// Normalize trims the code's numbers and puts its name in NFC, trimmed.
func (c *Code) Normalize() {
	c.Level = CodeLevel(strings.TrimSpace(string(c.Level)))
	c.Code = strings.TrimSpace(c.Code)
	c.Name = NormalizeText(c.Name)
	c.Parent = strings.TrimSpace(c.Parent)
	c.Replacement = strings.TrimSpace(c.Replacement)
}

// Validate checks the shape of a catalogue code.
func (c Code) Validate() error {
	const op = "Code.Validate"
	switch c.Level {
	case LevelLoai, LevelKhoan, LevelMuc, LevelTieuMuc:
	default:
		return FieldErrorf("level", op, "cấp mã %q không hợp lệ: dùng loai, khoan, muc hoặc tieu_muc", c.Level)
	}
	n := c.Level.Digits()
	if !isDigits(c.Code, n) {
		return FieldErrorf("code", op, "mã %s %q phải gồm đúng %d chữ số", c.Level.Label(), c.Code, n)
	}
	switch {
	case IsBlank(c.Name):
		return FieldErrorf("name", op, "chưa nhập tên cho mã %s", c.Code)
	case utf8.RuneCountInString(c.Name) > maxCodeName:
		return FieldErrorf("name", op, "tên của mã %s dài quá %d ký tự", c.Code, maxCodeName)
	case len(c.Source) > maxCodeSource:
		return FieldErrorf("source", op, "nguồn của mã %s dài quá %d ký tự", c.Code, maxCodeSource)
	}
	if err := CheckText("name", c.Name, maxCodeName); err != nil {
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
	default:
		if c.Parent != "" {
			return FieldErrorf("parent", op, "%s %s không thuộc mã nào: để trống ô mã cấp trên", c.Level.Label(), c.Code)
		}
	}
	for _, y := range []struct {
		field string
		year  int
	}{{"valid_from", c.From}, {"valid_until", c.Until}} {
		if y.year != 0 && (y.year < minCodeYear || y.year > maxCodeYear) {
			return FieldErrorf(y.field, op, "năm hiệu lực %d của mã %s không hợp lệ", y.year, c.Code)
		}
	}
	if c.From != 0 && c.Until != 0 && c.From > c.Until {
		return FieldErrorf("valid_until", op, "mã %s: hiệu lực từ năm %d mà đến năm %d", c.Code, c.From, c.Until)
	}
	switch {
	case c.Replacement == "":
	case !isDigits(c.Replacement, n):
		return FieldErrorf("replacement", op, "mã thay thế %q của %s %s phải gồm đúng %d chữ số", c.Replacement, c.Level.Label(), c.Code, n)
	case c.Replacement == c.Code:
		return FieldErrorf("replacement", op, "mã %s không thể thay thế chính nó", c.Code)
	}
	return nil
}

// ValidIn reports whether the code may be used in budget year (0: any).
func (c Code) ValidIn(year int) bool {
	return year == 0 || (c.From == 0 || year >= c.From) && (c.Until == 0 || year <= c.Until)
}

// Validity describes the years a code is valid in, "" when always:
// "đến năm 2016, thay bằng 6105".
func (c Code) Validity() string {
	var parts []string
	if c.From != 0 {
		parts = append(parts, "từ năm "+strconv.Itoa(c.From))
	}
	if c.Until != 0 {
		parts = append(parts, "đến năm "+strconv.Itoa(c.Until))
	}
	if c.Replacement != "" {
		parts = append(parts, "thay bằng "+c.Replacement)
	}
	return strings.Join(parts, ", ")
}

// Basis is the circular that defines the catalogue for a span of budget
// years (both inclusive; 0 leaves that end open).
type Basis struct {
	From, Until int
	Circular    string
}

// Catalogue is the set of budget classification codes a ledger knows, with
// the circulars it follows by year. It does not change once built, so
// screens and background work may read it at once.
type Catalogue struct {
	codes  map[CodeLevel]map[string]Code
	sorted map[CodeLevel][]Code              // each level by code
	words  map[CodeLevel]map[string][]string // each code's name (and search terms), folded, in words (Search)
	basis  []Basis
}

// NewCatalogue builds a catalogue from codes; later duplicates win.
func NewCatalogue(codes []Code) *Catalogue {
	c := &Catalogue{codes: map[CodeLevel]map[string]Code{}, sorted: map[CodeLevel][]Code{}, words: map[CodeLevel]map[string][]string{}}
	for _, code := range codes {
		if c.codes[code.Level] == nil {
			c.codes[code.Level] = map[string]Code{}
			c.words[code.Level] = map[string][]string{}
		}
		c.codes[code.Level][code.Code] = code
		c.words[code.Level][code.Code] = nameWords(Fold(code.Name))
	}
	for l, m := range c.codes {
		out := make([]Code, 0, len(m))
		for _, v := range m {
			out = append(out, v)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
		c.sorted[l] = out
	}
	return c
}

// SetBasis records the circulars the catalogue follows, by year.
func (c *Catalogue) SetBasis(bs []Basis) {
	c.basis = append([]Basis(nil), bs...)
	sort.Slice(c.basis, func(i, j int) bool { return c.basis[i].From < c.basis[j].From })
}

// Bases lists the circulars by the first year they apply to.
func (c *Catalogue) Bases() []Basis {
	if c == nil {
		return nil
	}
	return append([]Basis(nil), c.basis...)
}

// Basis returns the circular that defines the catalogue in budget year.
func (c *Catalogue) Basis(year int) (Basis, bool) {
	if c == nil {
		return Basis{}, false
	}
	for _, b := range c.basis {
		if (b.From == 0 || year >= b.From) && (b.Until == 0 || year <= b.Until) {
			return b, true
		}
	}
	return Basis{}, false
}

// BasisText names the circulars of the catalogue by year, for a person:
// "Căn cứ: Thông tư 324/2016/TT-BTC (năm 2017–2025); Thông tư
// 130/2025/TT-BTC (từ năm 2026)"; "" when none is recorded.
func (c *Catalogue) BasisText() string {
	var parts []string
	for _, b := range c.Bases() {
		years := ""
		switch {
		case b.From != 0 && b.Until != 0:
			years = " (năm " + strconv.Itoa(b.From) + "–" + strconv.Itoa(b.Until) + ")"
		case b.From != 0:
			years = " (từ năm " + strconv.Itoa(b.From) + ")"
		case b.Until != 0:
			years = " (đến năm " + strconv.Itoa(b.Until) + ")"
		}
		parts = append(parts, b.Circular+years)
	}
	if len(parts) == 0 {
		return ""
	}
	return "Căn cứ: " + strings.Join(parts, "; ")
}

// Lookup returns the code of that level, if known.
func (c *Catalogue) Lookup(level CodeLevel, code string) (Code, bool) {
	if c == nil {
		return Code{}, false
	}
	v, ok := c.codes[level][code]
	return v, ok
}

// Valid reports whether the code is in the catalogue and may be used in
// budget year (0: any year).
func (c *Catalogue) Valid(level CodeLevel, code string, year int) bool {
	v, ok := c.Lookup(level, code)
	return ok && v.ValidIn(year)
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
	return slices.Clone(c.sorted[level])
}

// All returns every code, by level then code.
func (c *Catalogue) All() []Code {
	var out []Code
	for _, l := range CodeLevels {
		out = append(out, c.Level(l)...)
	}
	return out
}

// Ordered returns every code as the circular's annexes list them: each
// Loại followed by its Khoản, then each Mục followed by its Tiểu mục; a
// code whose group is not in the catalogue follows the codes of its level.
func (c *Catalogue) Ordered() []Code {
	out := make([]Code, 0, c.Len())
	for _, pair := range [][2]CodeLevel{{LevelLoai, LevelKhoan}, {LevelMuc, LevelTieuMuc}} {
		children := map[string][]Code{}
		var orphans []Code
		for _, ch := range c.Level(pair[1]) {
			if _, ok := c.Lookup(pair[0], ch.Parent); ok {
				children[ch.Parent] = append(children[ch.Parent], ch)
			} else {
				orphans = append(orphans, ch)
			}
		}
		for _, g := range c.Level(pair[0]) {
			out = append(out, g)
			out = append(out, children[g.Code]...)
		}
		out = append(out, orphans...)
	}
	return out
}

// Len is the number of codes.
func (c *Catalogue) Len() int {
	if c == nil {
		return 0
	}
	n := 0
	for _, m := range c.codes {
		n += len(m)
	}
	return n
}

// Search returns the codes of level valid in year (0: any year) that
// match query, best first: the code itself, codes starting with the digits
// typed, then by code those whose name, or whose group's name (the Mục of
// a Tiểu mục, the Loại of a Khoản), has every word typed — so "hội nghị"
// lists every Tiểu mục of Mục 6650. Words match whole words of the name,
// the last one as a beginning (it may still be being typed), in any
// order; case and accents are ignored ("dien" finds "điện"). An empty
// query lists every valid code.
func (c *Catalogue) Search(level CodeLevel, query string, year int) []Code {
	q := strings.TrimSpace(query)
	words := nameWords(Fold(q))
	var exact, prefix, named []Code
	if c == nil {
		return nil
	}
	for _, code := range c.sorted[level] {
		if !code.ValidIn(year) {
			continue
		}
		switch {
		case code.Code == q:
			exact = append(exact, code)
		case q == "" || strings.HasPrefix(code.Code, q):
			prefix = append(prefix, code)
		case matchWords(c.words[level][code.Code], words),
			level.ParentLevel() != "" && matchWords(c.words[level.ParentLevel()][code.Parent], words):
			named = append(named, code)
		}
	}
	return slices.Concat(exact, prefix, named)
}

// SearchTerms are everyday words for codes, by level and code ("máy
// tính" for Tiểu mục 6912 "Các thiết bị công nghệ thông tin"), that the
// search matches beside the official names. They are never printed.
type SearchTerms map[CodeLevel]map[string][]string

// ParseSearchTerms reads CSV rows level,code,terms (terms separated by
// ";"; "#" lines are comments, the header row is skipped).
func ParseSearchTerms(r io.Reader) (SearchTerms, error) {
	const op = "ledger.ParseSearchTerms"
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = 3
	out := SearchTerms{}
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, Errorf(KindInvalid, op, "từ tìm kiếm của danh mục, dòng %d: %v", n, err)
		}
		level := CodeLevel(strings.TrimSpace(rec[0]))
		if n == 1 && level == "level" {
			continue
		}
		if !slices.Contains(CodeLevels, level) {
			return nil, Errorf(KindInvalid, op, "từ tìm kiếm của danh mục, dòng %d: cấp %q không có", n, rec[0])
		}
		if out[level] == nil {
			out[level] = map[string][]string{}
		}
		code := strings.TrimSpace(rec[1])
		for _, t := range strings.Split(rec[2], ";") {
			out[level][code] = append(out[level][code], nameWords(Fold(t))...)
		}
	}
}

// WithSearchTerms returns a copy of c whose search also matches terms
// (for the codes c has); c itself does not change.
func (c *Catalogue) WithSearchTerms(terms SearchTerms) *Catalogue {
	out := *c
	out.words = map[CodeLevel]map[string][]string{}
	for l, m := range c.words {
		out.words[l] = map[string][]string{}
		for code, w := range m {
			out.words[l][code] = slices.Concat(w, terms[l][code])
		}
	}
	return &out
}

// nameWords splits folded text into its words, punctuation dropped.
func nameWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// matchWords reports whether the words of a name hold every query word:
// whole words, the last query word as the beginning of one.
func matchWords(have, query []string) bool {
	if len(query) == 0 {
		return false
	}
	for i, q := range query {
		last := i == len(query)-1
		if !slices.ContainsFunc(have, func(w string) bool { return w == q || last && strings.HasPrefix(w, q) }) {
			return false
		}
	}
	return true
}

// ParentFor proposes the group of a new code: the Mục of a Tiểu mục by the
// layout of the numbers (MucOf), the Loại of a Khoản as the catalogue has
// it or else the nearest Loại below it (Loại 340 holds Khoản 341..369).
// It returns "" for a Loại or a Mục, or when nothing fits.
func ParentFor(cat *Catalogue, level CodeLevel, code string) string {
	switch level {
	case LevelTieuMuc:
		if isDigits(code, 4) {
			return MucOf(cat, code)
		}
	case LevelKhoan:
		if p := LoaiOf(cat, code); p != "" {
			return p
		}
		best := ""
		for _, l := range cat.Level(LevelLoai) {
			if l.Code <= code {
				best = l.Code
			}
		}
		return best
	}
	return ""
}

// ParseCatalogueCSV reads a catalogue in the CSV form shipped in assets
// (and written by WriteCatalogueCSV): a header line
// level,code,name,parent[,source,valid_from,valid_until,replacement], one
// code per line, lines starting with # are comments. It is the same reader
// as an import (ReadCatalogueCSV) and refuses a file with any error.
func ParseCatalogueCSV(r io.Reader) ([]Code, error) {
	lines, err := ReadCatalogueCSV(r, "", nil)
	if err != nil {
		return nil, err
	}
	out := make([]Code, len(lines))
	for i, l := range lines {
		out[i] = l.Code
	}
	return out, nil
}

// catalogueColumns is the header of the catalogue's CSV form.
var catalogueColumns = []string{"level", "code", "name", "parent", "source", "valid_from", "valid_until", "replacement"}

// WriteCatalogueCSV writes codes in the CSV form ParseCatalogueCSV reads.
func WriteCatalogueCSV(w io.Writer, codes []Code) error {
	cw := csv.NewWriter(w)
	cw.Write(catalogueColumns)
	year := func(y int) string {
		if y == 0 {
			return ""
		}
		return strconv.Itoa(y)
	}
	for _, c := range codes {
		cw.Write([]string{string(c.Level), c.Code, c.Name, c.Parent, c.Source, year(c.From), year(c.Until), c.Replacement})
	}
	cw.Flush()
	return cw.Error()
}

// ParseBasisCSV reads the circulars of the catalogue by year: a header
// line from,until,circular, years empty when open, # lines are comments.
func ParseBasisCSV(r io.Reader) ([]Basis, error) {
	const op = "ParseBasisCSV"
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 3
	cr.Comment = '#'
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, Errorf(KindInvalid, op, "căn cứ của danh mục không đọc được: %v", err)
	}
	var out []Basis
	for i, rec := range recs {
		if i == 0 && rec[0] == "from" {
			continue
		}
		from, err1 := parseYear(rec[0])
		until, err2 := parseYear(rec[1])
		if err := errors.Join(err1, err2); err != nil || strings.TrimSpace(rec[2]) == "" {
			return nil, Errorf(KindInvalid, op, "căn cứ của danh mục, dòng %d: cần năm từ, năm đến và tên thông tư", i+1)
		}
		out = append(out, Basis{From: from, Until: until, Circular: strings.TrimSpace(rec[2])})
	}
	return out, nil
}

// parseYear reads a budget year; "" is 0 (open).
func parseYear(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < minCodeYear || y > maxCodeYear {
		return 0, Errorf(KindInvalid, "parseYear", "năm %q không hợp lệ", s)
	}
	return y, nil
}
