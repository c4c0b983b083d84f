// Package xlsxread reads .xlsx workbooks that come from outside — a ward's
// file passed around on USB sticks, perhaps opened and saved in Excel or
// LibreOffice, perhaps damaged, perhaps hostile — with the standard
// library only: archive/zip and a bounded XML tokenizer of its own
// (xmlscan.go). It lists a workbook's sheets and streams a sheet's rows as
// cells of text, never evaluating a formula; every refusal is a
// *ledger.Error of kind KindInvalid with a message a ward accountant can
// act on. What the rows mean is for its callers (ledger/xlsximport).
package xlsxread

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"

	"wardledger/ledger"
)

// Reading a workbook that comes from outside is reading untrusted input.
// It is read here without excelize, straight from the zip, so that every
// allocation is bounded by the limits below whatever the file claims:
//
//   - the file itself, the number of zip entries (counted before the zip
//     directory is read) and what each part claims unpacked are capped
//     before anything is unpacked; what is unpacked is capped again as it
//     is read (archive/zip also refuses more bytes than a part declared);
//   - worksheets are streamed token by token, row by row, never held whole;
//     the shared strings are held in one string, each at most a cell's
//     size, and a cell that refers to one shares it rather than copying
//     it; what a row and a sheet expand to — their cells' text, shared
//     strings included — is capped too, so a small file of one long
//     shared string referred to again and again is refused, not expanded;
//   - the XML tokenizer (xscan, xmlscan.go) holds one token at a time: it
//     refuses a text or tag longer than maxTokenBytes and the constructs
//     that need buffering (comments, CDATA, DTDs); nesting is capped too;
//   - formulas are never evaluated: a formula cell counts with the value
//     cached beside it, or not at all.
const (
	MaxFileBytes  = 64 << 20  // the file: the largest workbook read
	maxUnzipBytes = 512 << 20 // every part together, as declared
	maxPartBytes  = 16 << 20  // any part but a worksheet
	maxSheetBytes = 256 << 20 // a worksheet (streamed)
	maxZipEntries = 10_000
	maxSheets     = 1_000
	maxTokenBytes = 1 << 20   // one XML text or tag
	maxCellBytes  = 256 << 10 // one cell's text, or one shared string
	maxRowBytes   = 2 << 20   // the text of one row's cells
	maxSheetText  = 256 << 20 // the text of all the cells of a sheet
	maxXMLDepth   = 64
	maxExcelRow   = 1 << 20
	maxExcelCol   = 1 << 14
)

const readOp = "xlsxread"

// Errorf is a refusal of the file, for a person: the message says what
// is wrong and what to do. Callers that find the file's content wrong use
// it too, so every refusal of a file reads alike.
func Errorf(format string, args ...any) *ledger.Error {
	return ledger.Errorf(ledger.KindInvalid, readOp, format, args...)
}

// Book is a workbook opened for reading.
type Book struct {
	parts   map[string]*zip.File // by lower-case name
	sheets  []Sheet
	strPart string       // the shared strings part, "" for none
	strs    *stringTable // loaded on first use
	file    io.Closer    // the file opened by OpenFile
}

// Sheet is a sheet of the workbook: its name, its part, and whether it is
// hidden.
type Sheet struct {
	Name   string
	part   string
	Hidden bool
}

// OpenFile opens the workbook at path; Close releases it. A missing file
// is an error of kind KindNotFound.
func OpenFile(path string) (*Book, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, &ledger.Error{Kind: ledger.KindNotFound, Op: readOp, Msg: "không mở được tệp " + path, Err: err}
	}
	st, err := fh.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = fmt.Errorf("not a regular file")
	}
	if err != nil {
		fh.Close()
		return nil, &ledger.Error{Kind: ledger.KindInvalid, Op: readOp, Msg: "không đọc được tệp " + path, Err: err}
	}
	b, err := Open(fh, st.Size())
	if err != nil {
		fh.Close()
		return nil, err
	}
	b.file = fh
	return b, nil
}

// Read reads a whole workbook from r, at most MaxFileBytes of it, and
// opens it.
func Read(r io.Reader) (*Book, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, &ledger.Error{Kind: ledger.KindInvalid, Op: readOp, Msg: "không đọc được tệp", Err: err}
	}
	return Open(bytes.NewReader(data), int64(len(data)))
}

// Close releases the file OpenFile opened; it does nothing for a book
// opened from a reader.
func (b *Book) Close() error {
	if b.file == nil {
		return nil
	}
	return b.file.Close()
}

// Open opens the workbook held by r (size bytes): it checks the caps and
// reads the list of sheets, nothing else.
func Open(r io.ReaderAt, size int64) (*Book, error) {
	if size > MaxFileBytes {
		return nil, Errorf("tệp lớn %d MB, quá giới hạn %d MB của một báo cáo", size>>20, MaxFileBytes>>20)
	}
	if err := sniff(r, size); err != nil {
		return nil, err
	}
	if err := countEntries(r, size); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, Errorf("tệp .xlsx bị hỏng hoặc chép chưa hết (chi tiết: %v)", err)
	}
	b := &Book{parts: make(map[string]*zip.File, len(zr.File))}
	var total uint64
	for _, f := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))
		limit := uint64(maxPartBytes)
		if strings.HasPrefix(name, "xl/worksheets/") {
			limit = maxSheetBytes
		}
		total += f.UncompressedSize64
		if f.UncompressedSize64 > limit || total > maxUnzipBytes {
			return nil, Errorf("phần %s của tệp giải nén ra %d MB, vượt giới hạn (tệp quá lớn khi giải nén, có thể là tệp độc hại)",
				ledger.Printable(f.Name), f.UncompressedSize64>>20)
		}
		b.parts[name] = f
	}
	if err := b.readSheets(); err != nil {
		return nil, err
	}
	return b, nil
}

// sniff recognises what the file is when it is not a zip at all.
func sniff(r io.ReaderAt, size int64) error {
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	switch {
	case size == 0:
		return Errorf("tệp rỗng")
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return nil
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return Errorf("tệp Excel 97-2003 (.xls) hoặc tệp có đặt mật khẩu: mở bằng Excel, bỏ mật khẩu và lưu lại dạng .xlsx")
	case bytes.HasPrefix(head, []byte("%PDF")):
		return Errorf("tệp PDF, không phải tệp Excel .xlsx")
	}
	return Errorf("không phải tệp Excel .xlsx")
}

// countEntries counts the signatures of zip directory entries in the
// file: archive/zip reads every entry of the directory before anything
// can be checked, so a small file claiming millions of entries is refused
// here. Every entry starts with the signature, so this bounds them.
func countEntries(r io.ReaderAt, size int64) error {
	sig := []byte("PK\x01\x02")
	buf := make([]byte, 1<<20+len(sig)-1)
	n := 0
	for off := int64(0); off < size; off += 1 << 20 {
		k, err := r.ReadAt(buf, off)
		if err != nil && !errors.Is(err, io.EOF) {
			return Errorf("không đọc được tệp (chi tiết: %v)", err)
		}
		// Blocks overlap by three bytes: a signature is counted in the
		// block it starts in, whole, and only there.
		n += bytes.Count(buf[:k], sig)
		if k < len(buf) {
			break
		}
	}
	if n > maxZipEntries {
		return Errorf("tệp chứa hơn %d phần nén, không phải báo cáo của WardLedger", maxZipEntries)
	}
	return nil
}

// open returns the unpacked content of a part, cut at limit bytes.
func (b *Book) open(name string, limit int64) (io.ReadCloser, error) {
	f, ok := b.parts[strings.ToLower(name)]
	if !ok {
		return nil, nil
	}
	name = ledger.Printable(name)
	rc, err := f.Open()
	if err != nil {
		return nil, Errorf("tệp .xlsx bị hỏng: không giải nén được phần %s (chi tiết: %v)", name, err)
	}
	return &limitedPart{rc: rc, name: name, left: limit}, nil
}

// limitedPart reads a part and fails beyond its limit.
type limitedPart struct {
	rc   io.ReadCloser
	name string
	left int64
}

func (p *limitedPart) Read(buf []byte) (int, error) {
	if p.left <= 0 {
		return 0, Errorf("phần %s của tệp lớn quá giới hạn khi giải nén", p.name)
	}
	if int64(len(buf)) > p.left {
		buf = buf[:p.left]
	}
	n, err := p.rc.Read(buf)
	p.left -= int64(n)
	if err != nil && !errors.Is(err, io.EOF) {
		err = Errorf("tệp .xlsx bị hỏng: phần %s không giải nén được (chi tiết: %v)", p.name, err)
	}
	return n, err
}

func (p *limitedPart) Close() error { return p.rc.Close() }

// xmlPart is a part being tokenized.
type xmlPart struct {
	*xscan
	rc io.ReadCloser
}

func (b *Book) xml(name string, limit int64) (*xmlPart, error) {
	rc, err := b.open(name, limit)
	if err != nil || rc == nil {
		return nil, err
	}
	return &xmlPart{xscan: newScan(rc, ledger.Printable(name)), rc: rc}, nil
}

func (x *xmlPart) close() { x.rc.Close() }

// damagedOr returns the error of reading the rest of the part, if any,
// else err: a corrupt part can decompress into plausible rows for a while
// before its checksum fails at its end, and "the file is damaged" is then
// the true reason rather than the nonsense in a row.
func (x *xmlPart) damagedOr(err error) error {
	if _, rest := io.Copy(io.Discard, x.rc); rest != nil {
		return rest
	}
	return err
}

// relationships reads a .rels part: id → (type, target resolved against
// base, the folder of the part the relationships belong to).
func (b *Book) relationships(name, base string) (map[string][2]string, error) {
	x, err := b.xml(name, maxPartBytes)
	if err != nil || x == nil {
		return nil, err
	}
	defer x.close()
	out := map[string][2]string{}
	for {
		tok, err := x.next()
		if err != nil {
			return nil, err
		}
		if tok == tokEOF {
			return out, nil
		}
		if tok != tokStart || !x.is("Relationship") {
			continue
		}
		if err := x.attributes(); err != nil {
			return nil, err
		}
		if x.value("TargetMode") == "External" {
			continue
		}
		if len(out) >= maxZipEntries {
			return nil, Errorf("phần %s có quá nhiều liên kết", name)
		}
		target := x.value("Target")
		if strings.HasPrefix(target, "/") {
			target = path.Clean(target[1:])
		} else {
			target = path.Clean(path.Join(base, target))
		}
		out[x.value("Id")] = [2]string{x.value("Type"), target}
	}
}

// readSheets finds the workbook part and lists its sheets.
func (b *Book) readSheets() error {
	book := "xl/workbook.xml"
	root, err := b.relationships("_rels/.rels", "")
	if err != nil {
		return err
	}
	for _, rel := range root {
		if strings.HasSuffix(rel[0], "/officeDocument") {
			book = rel[1]
		}
	}
	if _, ok := b.parts[strings.ToLower(book)]; !ok {
		if _, ods := b.parts["content.xml"]; ods {
			return Errorf("tệp bảng tính LibreOffice (.ods): hãy lưu lại dạng Excel 2007-365 (.xlsx)")
		}
		return Errorf("tệp nén không chứa bảng tính Excel: không phải tệp .xlsx")
	}
	dir := path.Dir(book)
	rels, err := b.relationships(path.Join(dir, "_rels", path.Base(book)+".rels"), dir)
	if err != nil {
		return err
	}
	for _, rel := range rels {
		if strings.HasSuffix(rel[0], "/sharedStrings") {
			b.strPart = rel[1]
		}
	}
	if b.strPart == "" {
		if _, ok := b.parts["xl/sharedstrings.xml"]; ok {
			b.strPart = "xl/sharedStrings.xml"
		}
	}
	x, err := b.xml(book, maxPartBytes)
	if err != nil {
		return err
	}
	defer x.close()
	for {
		tok, err := x.next()
		if err != nil {
			return err
		}
		if tok == tokEOF {
			return nil
		}
		if tok != tokStart || !x.is("sheet") {
			continue
		}
		if len(b.sheets) >= maxSheets {
			return Errorf("bảng tính có hơn %d trang", maxSheets)
		}
		if err := x.attributes(); err != nil {
			return err
		}
		var id string
		for _, a := range x.attrs {
			if string(a.name) == "id" && a.prefixed {
				id = string(a.value)
			}
		}
		rel, ok := rels[id]
		if !ok {
			continue // a chart sheet or a dangling reference: not ours to read
		}
		state := x.value("state")
		b.sheets = append(b.sheets, Sheet{Name: x.value("name"), part: rel[1], Hidden: state != "" && state != "visible"})
	}
}

// Sheet finds a sheet by name.
func (b *Book) Sheet(name string) (Sheet, bool) {
	for _, s := range b.sheets {
		if s.Name == name {
			return s, true
		}
	}
	return Sheet{}, false
}

// Sheets lists the workbook's sheets in order.
func (b *Book) Sheets() []Sheet { return b.sheets }

// stringTable is the shared strings of a workbook: one string and where
// each ends. A cell gets a substring of it, which copies nothing.
type stringTable struct {
	all   string
	arena []byte // while loading
	ends  []uint32
}

func (t *stringTable) get(i int) (string, bool) {
	if i < 0 || i >= len(t.ends) {
		return "", false
	}
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.all[start:t.ends[i]], true
}

// strings loads the shared strings: the text of each <si>, its runs
// joined, phonetic hints (<rPh>) left out.
func (b *Book) strings() (*stringTable, error) {
	if b.strs != nil {
		return b.strs, nil
	}
	b.strs = &stringTable{}
	if b.strPart == "" {
		return b.strs, nil
	}
	x, err := b.xml(b.strPart, maxPartBytes)
	if err != nil || x == nil {
		return b.strs, err
	}
	defer x.close()
	t := b.strs
	inT, phonetic := false, 0
	start := 0 // where the current string starts in the arena
	for {
		tok, err := x.next()
		if err != nil {
			b.strs = nil
			return nil, err
		}
		switch {
		case tok == tokEOF:
			t.all, t.arena = string(t.arena), nil
			return t, nil
		case tok == tokStart && x.is("t"):
			inT = phonetic == 0
		case tok == tokStart && x.is("rPh"):
			phonetic++
		case tok == tokEnd && x.is("t"):
			inT = false
		case tok == tokEnd && x.is("rPh"):
			phonetic--
		case tok == tokEnd && x.is("si"):
			t.ends = append(t.ends, uint32(len(t.arena)))
			start = len(t.arena)
		case tok == tokText && inT:
			if len(t.arena)-start+len(x.text) > maxCellBytes {
				b.strs = nil
				return nil, Errorf("chuỗi dùng chung số %d của tệp dài quá %d KB: không phải báo cáo của WardLedger, có thể là tệp độc hại",
					len(t.ends), maxCellBytes>>10)
			}
			t.arena = append(t.arena, x.text...)
		}
	}
}

// Cell is one cell of a row being read.
type Cell struct {
	Col     int    // 0-based
	Text    string // the value as stored; a formula's cached value
	Formula bool
	Number  bool // stored as a number (no type, or type n)
}

// ErrStop, returned by EachRow's fn, ends the rows early without error.
var ErrStop = errors.New("stop")

// EachRow streams the rows of a sheet: fn gets each row's 1-based number
// and its cells that hold a value or a formula, in the order stored. The
// slice is reused from row to row.
func (b *Book) EachRow(ctx context.Context, sh Sheet, fn func(n int, cells []Cell) error) error {
	x, err := b.xml(sh.part, maxSheetBytes)
	if err != nil {
		return err
	}
	if x == nil {
		return Errorf("tệp .xlsx bị hỏng: thiếu phần %s của trang %q", ledger.Printable(sh.part), sh.Name)
	}
	defer x.close()
	var (
		cells     []Cell
		cur       Cell
		typ       []byte
		text      []byte
		rowN, col int
		inData    bool
		collect   bool // inside <v>, or a <t> of an inline string
		inIS      bool
		phonetic  int
		tokens    int
		rowText   int // the text of the row's cells so far
		sheetText int // of the sheet's
	)
	for {
		tok, err := x.next()
		if err != nil {
			return err
		}
		if tokens++; tokens%8192 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		switch tok {
		case tokEOF:
			return nil
		case tokStart:
			switch {
			case x.is("sheetData"):
				inData = true
			case !inData:
			case x.is("row"):
				rowN++
				r, err := x.attr("r")
				if err != nil {
					return err
				}
				if r != nil {
					n, err := strconv.Atoi(string(r))
					if err != nil || n < 1 || n > maxExcelRow {
						return Errorf("tệp .xlsx bị hỏng: trang %q có số dòng %q sai", sh.Name, r)
					}
					rowN = n
				}
				cells, col, rowText = cells[:0], -1, 0
			case x.is("c"):
				col++
				r, err := x.attr("r")
				if err != nil {
					return err
				}
				if r != nil {
					c, ok := cellColumn(r)
					if !ok {
						return Errorf("tệp .xlsx bị hỏng: trang %q có ô %q sai tên", sh.Name, r)
					}
					col = c
				}
				if col >= maxExcelCol {
					return Errorf("tệp .xlsx bị hỏng: trang %q có ô ngoài cột XFD", sh.Name)
				}
				cur, text, inIS = Cell{Col: col}, text[:0], false
				t, err := x.attr("t")
				if err != nil {
					return err
				}
				typ = append(typ[:0], t...)
			case x.is("v"):
				collect = !inIS
			case x.is("f"):
				cur.Formula = true
			case x.is("is"):
				inIS = true
			case x.is("rPh"):
				phonetic++
			case x.is("t"):
				collect = inIS && phonetic == 0
			}
		case tokEnd:
			switch {
			case x.is("v"), x.is("t"):
				collect = false
			case x.is("rPh"):
				phonetic--
			case x.is("is"):
				inIS = false
			case !inData:
			case x.is("c"):
				if err := b.finishCell(sh, &cur, string(typ), text); err != nil {
					return err
				}
				rowText += len(cur.Text)
				sheetText += len(cur.Text)
				switch {
				case rowText > maxRowBytes:
					return Errorf("trang %q có dòng %d dài quá %d MB khi mở rộng", sh.Name, rowN, maxRowBytes>>20)
				case sheetText > maxSheetText:
					return Errorf("trang %q dài quá %d MB khi mở rộng: không phải báo cáo của WardLedger, có thể là tệp độc hại", sh.Name, maxSheetText>>20)
				}
				if cur.Text != "" || cur.Formula {
					cells = append(cells, cur)
				}
			case x.is("row"):
				if err := fn(rowN, cells); err != nil {
					if errors.Is(err, ErrStop) {
						return nil
					}
					return x.damagedOr(err)
				}
			case x.is("sheetData"):
				return nil
			}
		case tokText:
			if collect {
				if len(text)+len(x.text) > maxCellBytes {
					return Errorf("trang %q có ô dài quá %d KB", sh.Name, maxCellBytes>>10)
				}
				text = append(text, x.text...)
			}
		}
	}
}

// finishCell resolves a cell's stored value by its type.
func (b *Book) finishCell(sh Sheet, c *Cell, typ string, text []byte) error {
	switch typ {
	case "s":
		strs, err := b.strings()
		if err != nil {
			return err
		}
		i, err := strconv.Atoi(strings.TrimSpace(string(text)))
		s, ok := strs.get(i)
		if err != nil || !ok {
			return Errorf("tệp .xlsx bị hỏng: trang %q có ô %s trỏ tới chuỗi %q không có", sh.Name, colName(c.Col), text)
		}
		c.Text = s
	case "", "n":
		c.Text, c.Number = string(text), len(text) > 0
	default: // inlineStr, str, b, e, d
		c.Text = string(text)
	}
	return nil
}

// cellColumn reads the 0-based column of a reference such as "AB12".
func cellColumn(ref []byte) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		if col = col*26 + int(c-'A') + 1; col > maxExcelCol {
			return 0, false
		}
	}
	if i == 0 || i == len(ref) {
		return 0, false
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	return col - 1, true
}

// CellRef names a sheet's cell of 0-based column col and 1-based row for
// a person: "B01-BCQT!E20".
func CellRef(sheet string, col, row int) string {
	return fmt.Sprintf("%s!%s%d", sheet, colName(col), row)
}

// colName is the letter of 0-based column c: A, Z, AA.
func colName(c int) string {
	var b []byte
	for c++; c > 0; c = (c - 1) / 26 {
		b = append(b, byte('A'+(c-1)%26))
	}
	slices.Reverse(b)
	return string(b)
}
