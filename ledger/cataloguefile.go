package ledger

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reading a catalogue from a file: the CSV form of the seed (and of
// WriteCatalogueCSV), or a sheet laid out like the official annex of the
// circular (Phụ lục II Loại–Khoản, Phụ lục III Mục–Tiểu mục) as a ward
// receives it or types it. The file is someone else's: its size, its rows
// and every name are bounded, and every refusal names its line.
//
// The columns are found by the text of their header, accents, case and
// punctuation ignored, in the first rows of the sheet (title rows above
// are skipped; a header over two rows, such as "Mã số" above "Loại" and
// "Khoản", is read as one):
//
//   - the code: "Mã số", "Mã", "code"; or one column per level: "Loại",
//     "Khoản", "Mục", "Tiểu mục" (the annex layout: a row's code is in the
//     column of its level, its group is the code of the level above on the
//     same row or on the nearest row above);
//   - the name: "Tên", "Tên gọi", "Nội dung", "Diễn giải", "name" (any
//     header starting with "Tên");
//   - optional: the level ("Cấp", "level"), the group ("Thuộc", "Mã cấp
//     trên", "parent"), the source ("Nguồn", "source"), the years
//     ("Hiệu lực từ năm", "valid_from"; "Hiệu lực đến năm", "valid_until")
//     and the replacing code ("Mã thay thế", "replacement").
//
// Without a level, a 4-digit code is a Mục when it is a multiple of 50 and
// has no group, else a Tiểu mục (its Mục is the group of 50 it falls in);
// a 3-digit code with a group is a Khoản, and one without is what the
// ledger already knows it as, else refused. Rows with no digit in their
// code cells (headings, "A B C" numbering rows) are skipped.
const (
	maxCatalogueBytes    = 16 << 20 // a CSV file
	maxCatalogueRows     = 20_000   // rows of every sheet together
	maxCatalogueProblems = 50       // refusals reported before reading stops
	maxCatalogueCols     = 256      // columns looked at
	headerSearchRows     = 30       // rows searched for the header
)

const catalogueReadOp = "ReadCatalogue"

// CodeLine is a code read from a file, with where it was read.
type CodeLine struct {
	Code
	Sheet string // the sheet of a workbook, "" for a CSV file
	Line  int    // 1-based line or row; 0 for a code keyed in
	// Which optional values the file gave: an import leaves the others as
	// the ledger has them. A year given as 0 clears it.
	HasSource, HasFrom, HasUntil, HasReplacement bool
}

// Where names the line for a person: "dòng 12", "trang Phụ lục III, dòng
// 12"; "" for a code keyed in.
func (l CodeLine) Where() string { return where(l.Sheet, l.Line) }

func where(sheet string, line int) string {
	switch {
	case line == 0:
		return ""
	case sheet == "":
		return "dòng " + strconv.Itoa(line)
	}
	return "trang " + sheet + ", dòng " + strconv.Itoa(line)
}

// colRole is what a column of a catalogue sheet holds.
type colRole int

const (
	roleNone colRole = iota
	roleLevel
	roleCode
	roleName
	roleParent
	roleLoai
	roleKhoan
	roleMuc
	roleTieuMuc
	roleSource
	roleFrom
	roleUntil
	roleReplacement
	roleCount
)

// levelRoles are the columns of the annex layout, finest level first.
var levelRoles = []struct {
	role  colRole
	level CodeLevel
}{{roleTieuMuc, LevelTieuMuc}, {roleMuc, LevelMuc}, {roleKhoan, LevelKhoan}, {roleLoai, LevelLoai}}

var headerNames = map[string]colRole{
	"level": roleLevel, "cap": roleLevel, "cap ma": roleLevel,
	"code": roleCode, "ma": roleCode, "ma so": roleCode, "ma muc luc": roleCode, "ma mlns": roleCode, "ma so mlns": roleCode,
	"name": roleName, "dien giai": roleName,
	"parent": roleParent, "ma cha": roleParent, "cap tren": roleParent, "ma cap tren": roleParent, "thuoc": roleParent,
	"loai": roleLoai, "ma loai": roleLoai,
	"khoan": roleKhoan, "ma khoan": roleKhoan,
	"muc": roleMuc, "ma muc": roleMuc,
	"tieu muc": roleTieuMuc, "ma tieu muc": roleTieuMuc,
	"source": roleSource, "nguon": roleSource, "nguon du lieu": roleSource, "nguon goc": roleSource,
	"valid from": roleFrom, "from": roleFrom, "tu nam": roleFrom, "hieu luc tu": roleFrom, "hieu luc tu nam": roleFrom, "ap dung tu nam": roleFrom,
	"valid until": roleUntil, "until": roleUntil, "den nam": roleUntil, "hieu luc den": roleUntil, "hieu luc den nam": roleUntil, "ap dung den nam": roleUntil,
	"replacement": roleReplacement, "ma thay the": roleReplacement, "thay the": roleReplacement, "thay the bang": roleReplacement,
}

// headerRole recognises a header cell.
func headerRole(cell string) colRole {
	if len(cell) > 100 {
		return roleNone
	}
	f := strings.Join(strings.FieldsFunc(Fold(cell), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
	if r, ok := headerNames[f]; ok {
		return r
	}
	switch {
	case f == "ten" || strings.HasPrefix(f, "ten "), strings.HasPrefix(f, "noi dung"):
		return roleName
	case strings.HasPrefix(f, "thuoc "):
		return roleParent
	}
	return roleNone
}

// CatalogueReader reads the codes of one file, sheet after sheet.
type CatalogueReader struct {
	known    *Catalogue // the ledger's catalogue, to tell a Loại from a Khoản
	pad      bool       // codes come from number cells, which drop leading zeros
	lines    []CodeLine
	seen     map[[2]string]string // level, code → where it was first read
	problems []string
	first    int // the line of the first problem
	rows     int
	headers  int // sheets where a header was found
	stopped  bool
}

// errStopReading ends the reading of a file early: too many problems or
// rows, reported by Codes.
var errStopReading = errors.New("catalogue: stop reading")

// NewCatalogueReader starts reading a file; known is the ledger's
// catalogue (nil for none). A workbook's cells may hold codes as numbers,
// which drop leading zeros ("010" becomes 10): with spreadsheet set, a
// code shorter than its level's is padded with zeros; a CSV file is read
// as written.
func NewCatalogueReader(known *Catalogue, spreadsheet bool) *CatalogueReader {
	return &CatalogueReader{known: known, pad: spreadsheet, seen: map[[2]string]string{}}
}

// CatalogueSheet reads the rows of one sheet.
type CatalogueSheet struct {
	r       *CatalogueReader
	name    string
	roles   []colRole      // by column, once the header is found
	col     [roleCount]int // column of each role, -1 when absent
	header  int            // the header's line, 0 until found
	merged  bool           // a second header row was looked for
	last    map[CodeLevel]string
	skipped int // rows before the header
}

// Sheet starts reading a sheet ("" for a CSV file).
func (r *CatalogueReader) Sheet(name string) *CatalogueSheet {
	return &CatalogueSheet{r: r, name: name, last: map[CodeLevel]string{}}
}

// Row reads one row (cells by 0-based column). It returns errStopReading
// when reading should stop; the reason is in Codes' error.
func (s *CatalogueSheet) Row(line int, cells []string) error {
	r := s.r
	if r.stopped {
		return errStopReading
	}
	if r.rows++; r.rows > maxCatalogueRows {
		r.problem(s.name, line, fmt.Sprintf("tệp có hơn %d dòng, không phải một danh mục mã", maxCatalogueRows))
		r.stopped = true
		return errStopReading
	}
	if len(cells) > maxCatalogueCols {
		cells = cells[:maxCatalogueCols]
	}
	switch {
	case s.header == 0:
		if s.skipped++; s.skipped > headerSearchRows {
			return errStopReading // not a catalogue sheet
		}
		s.findHeader(line, cells)
		return nil
	case !s.merged:
		s.merged = true
		if s.mergeHeader(cells) {
			return nil
		}
	}
	s.read(line, cells)
	if r.stopped {
		return errStopReading
	}
	return nil
}

// Found reports whether the sheet had a catalogue header.
func (s *CatalogueSheet) Found() bool { return s.header > 0 }

func (s *CatalogueSheet) findHeader(line int, cells []string) {
	roles := make([]colRole, len(cells))
	has := map[colRole]bool{}
	for i, c := range cells {
		roles[i] = headerRole(c)
		has[roles[i]] = true
	}
	if !has[roleName] || !(has[roleCode] || has[roleLoai] || has[roleKhoan] || has[roleMuc] || has[roleTieuMuc]) {
		return
	}
	s.header = line
	s.r.headers++
	s.setRoles(roles)
}

// mergeHeader takes a row right under the header whose every cell is a
// header too (the second row of a two-row header) into the header.
func (s *CatalogueSheet) mergeHeader(cells []string) bool {
	roles := make([]colRole, len(cells))
	any := false
	for i, c := range cells {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if roles[i] = headerRole(c); roles[i] == roleNone {
			return false
		}
		any = true
	}
	if !any {
		return false
	}
	merged := append([]colRole(nil), s.roles...)
	for len(merged) < len(roles) {
		merged = append(merged, roleNone)
	}
	for i, r := range roles {
		if r != roleNone && (merged[i] == roleNone || merged[i] == roleCode) {
			merged[i] = r
		}
	}
	s.setRoles(merged)
	return true
}

func (s *CatalogueSheet) setRoles(roles []colRole) {
	s.roles = roles
	for i := range s.col {
		s.col[i] = -1
	}
	for i, r := range roles {
		if r != roleNone && s.col[r] < 0 {
			s.col[r] = i
		}
	}
}

// cell is the trimmed text of the column of a role, "" when absent.
func (s *CatalogueSheet) cell(cells []string, r colRole) string {
	i := s.col[r]
	if i < 0 || i >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[i])
}

func (s *CatalogueSheet) has(r colRole) bool { return s.col[r] >= 0 }

// read reads a row under the header.
func (s *CatalogueSheet) read(line int, cells []string) {
	name := squeeze(s.cell(cells, roleName))
	codeCells := []string{s.cell(cells, roleCode)}
	for _, lr := range levelRoles {
		codeCells = append(codeCells, s.cell(cells, lr.role))
	}
	short := utf8.RuneCountInString(name) <= 3
	digits := false
	for _, c := range codeCells {
		digits = digits || strings.ContainsFunc(c, unicode.IsDigit)
		short = short && utf8.RuneCountInString(c) <= 2
	}
	// A heading or a blank row has no code; the row numbering the
	// columns (A, B, C or 1, 2, 3) comes before the first code.
	if !digits || short && len(s.last) == 0 {
		return
	}
	cl, err := s.code(cells, name)
	if err == nil {
		err = cl.Validate()
	}
	if err != nil {
		s.r.problem(s.name, line, errorMsg(err))
		return
	}
	cl.Sheet, cl.Line = s.name, line
	key := [2]string{string(cl.Level), cl.Code.Code}
	if at, dup := s.r.seen[key]; dup {
		s.r.problem(s.name, line, fmt.Sprintf("%s %s đã có ở %s", cl.Level.Label(), cl.Code.Code, at))
		return
	}
	s.r.seen[key] = cl.Where()
	s.last[cl.Level] = cl.Code.Code
	s.r.lines = append(s.r.lines, cl)
}

// code reads the code of a row: its level, number and group, its name and
// the optional columns.
func (s *CatalogueSheet) code(cells []string, name string) (CodeLine, error) {
	const op = catalogueReadOp
	var cl CodeLine
	cl.Name = name
	var raw, parentRaw string
	for _, lr := range levelRoles {
		if v := s.cell(cells, lr.role); cl.Level == "" && strings.ContainsFunc(v, unicode.IsDigit) {
			cl.Level, raw = lr.level, v
			if p := lr.level.ParentLevel(); p != "" {
				parentRaw = s.cell(cells, levelRole(p))
			}
		}
	}
	if cl.Level == "" {
		raw = s.cell(cells, roleCode)
		if lv := s.cell(cells, roleLevel); lv != "" {
			l, err := ParseCodeLevel(lv)
			if err != nil {
				return cl, err
			}
			cl.Level = l
		}
	}
	if p := s.cell(cells, roleParent); p != "" {
		parentRaw = p
	}
	digits := 0
	if cl.Level != "" {
		digits = cl.Level.Digits()
	}
	code, ok := s.r.normCode(raw, digits)
	if !ok {
		return cl, FieldErrorf("code", op, "mã %q không hợp lệ: Loại, Khoản gồm 3 chữ số; Mục, Tiểu mục 4 chữ số", raw)
	}
	cl.Code.Code = code
	if cl.Level == "" {
		l, err := s.guessLevel(code, parentRaw != "")
		if err != nil {
			return cl, err
		}
		cl.Level = l
	}
	if pl := cl.Level.ParentLevel(); pl != "" {
		if parentRaw != "" {
			p, ok := s.r.normCode(parentRaw, pl.Digits())
			if !ok {
				return cl, FieldErrorf("parent", op, "mã %s cấp trên %q không hợp lệ", pl.Label(), parentRaw)
			}
			cl.Parent = p
		} else {
			cl.Parent = s.parentOf(cl.Level, code)
		}
		if cl.Parent == "" {
			return cl, FieldErrorf("parent", op, "không rõ %s %s thuộc %s nào: ghi mã %s ở cột “Thuộc”", cl.Level.Label(), code, pl.Label(), pl.Label())
		}
	}
	if s.has(roleSource) {
		cl.Source, cl.HasSource = squeeze(s.cell(cells, roleSource)), true
	}
	var err error
	if cl.From, cl.HasFrom, err = s.year(cells, roleFrom); err != nil {
		return cl, err
	}
	if cl.Until, cl.HasUntil, err = s.year(cells, roleUntil); err != nil {
		return cl, err
	}
	if v := s.cell(cells, roleReplacement); s.has(roleReplacement) {
		cl.HasReplacement = true
		if v != "" {
			r, ok := s.r.normCode(v, cl.Level.Digits())
			if !ok {
				return cl, FieldErrorf("replacement", op, "mã thay thế %q không hợp lệ", v)
			}
			cl.Replacement = r
		}
	}
	return cl, nil
}

func levelRole(l CodeLevel) colRole {
	for _, lr := range levelRoles {
		if lr.level == l {
			return lr.role
		}
	}
	return roleNone
}

// guessLevel decides the level of a code read without one.
func (s *CatalogueSheet) guessLevel(code string, hasParent bool) (CodeLevel, error) {
	if len(code) == 4 {
		if n, _ := strconv.Atoi(code); n%50 == 0 && !hasParent {
			return LevelMuc, nil
		}
		return LevelTieuMuc, nil
	}
	switch {
	case hasParent:
		return LevelKhoan, nil
	case s.r.known.Valid(LevelLoai, code, 0):
		return LevelLoai, nil
	case s.r.known.Valid(LevelKhoan, code, 0):
		return LevelKhoan, nil
	}
	return "", FieldErrorf("level", catalogueReadOp, "không rõ mã %s là Loại hay Khoản: thêm cột “Cấp” (Loại, Khoản) hoặc ghi Loại của Khoản ở cột “Thuộc”", code)
}

// parentOf is the group of a code whose row names none: the Mục of a Tiểu
// mục by its number, the Loại of a Khoản from the nearest Loại row above
// or the ledger's catalogue.
func (s *CatalogueSheet) parentOf(level CodeLevel, code string) string {
	switch level {
	case LevelTieuMuc:
		return MucOf(s.r.known, code)
	case LevelKhoan:
		if p := s.last[LevelLoai]; p != "" {
			return p
		}
		return LoaiOf(s.r.known, code)
	}
	return ""
}

// year reads a year column: empty is not given, 0 clears the year.
func (s *CatalogueSheet) year(cells []string, r colRole) (int, bool, error) {
	v := s.cell(cells, r)
	if v == "" {
		return 0, false, nil
	}
	v = strings.TrimSuffix(v, ".0")
	if v == "0" {
		return 0, true, nil
	}
	y, err := parseYear(v)
	if err != nil {
		return 0, false, FieldErrorf("valid_until", catalogueReadOp, "năm hiệu lực %q không hợp lệ: ghi năm ngân sách, ví dụ 2026", v)
	}
	return y, true, nil
}

// normCode reads a code cell: digits (an integral number written as
// 6001.0 read as 6001), of the level's length (digits; 0 when the level is
// not known: 3 or 4). From a spreadsheet a shorter code is left-padded
// with zeros, as a number cell drops them.
func (r *CatalogueReader) normCode(v string, digits int) (string, bool) {
	v = strings.TrimSpace(v)
	if i := strings.IndexByte(v, '.'); i > 0 && strings.Trim(v[i+1:], "0") == "" {
		v = v[:i]
	}
	if v == "" || len(v) > 4 || strings.ContainsFunc(v, func(r rune) bool { return r < '0' || r > '9' }) {
		return "", false
	}
	switch {
	case digits == 0 && len(v) >= 3:
		return v, true
	case digits == 0:
		digits = 3
	}
	if len(v) > digits || len(v) < digits && !r.pad {
		return "", false
	}
	return strings.Repeat("0", digits-len(v)) + v, true
}

// squeeze trims s and turns every run of white space (the line breaks of
// a wrapped cell) into one space.
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// errorMsg is the message of err without what wraps it.
func errorMsg(err error) string {
	var le *Error
	if errors.As(Cause(err), &le) && le.Msg != "" {
		return le.Msg
	}
	return err.Error()
}

func (r *CatalogueReader) problem(sheet string, line int, msg string) {
	if len(r.problems) == 0 {
		r.first = line
	}
	if w := where(sheet, line); w != "" {
		msg = w + ": " + msg
	}
	r.problems = append(r.problems, msg)
	if len(r.problems) >= maxCatalogueProblems {
		r.stopped = true
	}
}

// Codes returns the codes read, or the refusal of the whole file with
// every problem found, each naming its line.
func (r *CatalogueReader) Codes() ([]CodeLine, error) {
	switch {
	case len(r.problems) > 0:
		msg := fmt.Sprintf("tệp danh mục có %d lỗi; không nhập mã nào", len(r.problems))
		if r.stopped {
			msg = fmt.Sprintf("tệp danh mục có từ %d lỗi trở lên (đã dừng đọc); không nhập mã nào", len(r.problems))
		}
		return nil, &Error{Kind: KindInvalid, Op: catalogueReadOp, Item: r.first, Msg: msg, Problems: r.problems}
	case r.headers == 0:
		return nil, Errorf(KindInvalid, catalogueReadOp, "không tìm thấy dòng tiêu đề của danh mục trong %d dòng đầu: cần một cột mã (“Mã số”, hoặc “Loại”, “Khoản”, “Mục”, “Tiểu mục”) và một cột “Tên”", headerSearchRows)
	case len(r.lines) == 0:
		return nil, Errorf(KindInvalid, catalogueReadOp, "tệp không có mã nào dưới dòng tiêu đề")
	}
	return r.lines, nil
}

// ReadCatalogueCSV reads a catalogue from a CSV file (UTF-8, a byte order
// mark allowed, comma or semicolon separated — Excel writes semicolons
// where the list separator is one; lines starting with # are comments).
// sheet names the file in messages ("" for "dòng N" alone); known is the
// ledger's catalogue, nil for none.
func ReadCatalogueCSV(r io.Reader, sheet string, known *Catalogue) ([]CodeLine, error) {
	lr := &io.LimitedReader{R: r, N: maxCatalogueBytes + 1}
	br := bufio.NewReaderSize(lr, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\ufeff")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = sniffComma(br)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	rd := NewCatalogueReader(known, false)
	s := rd.Sheet(sheet)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil { // FieldPos may not be asked of a record not read
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line, err = pe.Line, pe.Err
			}
			rd.problem(sheet, line, "dòng CSV hỏng ("+err.Error()+")")
			break
		}
		line, _ := cr.FieldPos(0)
		if s.Row(line, rec) != nil {
			break
		}
	}
	if lr.N <= 0 {
		return nil, Errorf(KindInvalid, catalogueReadOp, "tệp lớn quá %d MB, không phải một danh mục mã", maxCatalogueBytes>>20)
	}
	return rd.Codes()
}

// sniffComma picks the separator of the header line: ';' when it has
// semicolons and no comma.
func sniffComma(br *bufio.Reader) rune {
	head, _ := br.Peek(br.Size())
	for len(head) > 0 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		if len(bytes.TrimSpace(line)) == 0 || line[0] == '#' {
			continue
		}
		if bytes.IndexByte(line, ';') >= 0 && bytes.IndexByte(line, ',') < 0 {
			return ';'
		}
		break
	}
	return ','
}
