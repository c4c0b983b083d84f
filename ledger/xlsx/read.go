package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"wardledger/ledger"
)

// Reading a workbook that comes from outside is reading untrusted input:
// a ward's file passed around on USB sticks, perhaps opened and saved in
// Excel or LibreOffice, perhaps damaged, perhaps hostile. It is read here
// without excelize, straight from the zip, so that every allocation is
// bounded by the limits below whatever the file claims:
//
//   - the file itself, the number of zip entries (counted before the zip
//     directory is read) and what each part claims unpacked are capped
//     before anything is unpacked; what is unpacked is capped again as it
//     is read (archive/zip also refuses more bytes than a part declared);
//   - worksheets are streamed token by token, row by row, never held whole;
//     the shared strings are held in one byte arena;
//   - the XML tokenizer is fed through xmlGuard, which refuses a text or
//     tag longer than maxTokenBytes and the constructs that encoding/xml
//     buffers whole (comments, CDATA, DTDs); nesting is capped too;
//   - formulas are never evaluated: a formula cell counts with the value
//     cached beside it, or not at all.
const (
	maxWorkbookBytes = 64 << 20  // the file
	maxUnzipBytes    = 512 << 20 // every part together, as declared
	maxPartBytes     = 16 << 20  // any part but a worksheet
	maxSheetBytes    = 256 << 20 // a worksheet (streamed)
	maxZipEntries    = 10_000
	maxSheets        = 1_000
	maxTokenBytes    = 1 << 20 // one XML text or tag
	maxCellBytes     = 256 << 10
	maxXMLDepth      = 64
	maxPayloadRows   = 250_000
	maxExcelRow      = 1 << 20
	maxExcelCol      = 1 << 14
)

const readOp = "xlsx.Read"

// readErr is a refusal of the file, for a person: msg says what is wrong
// and what to do.
func readErr(format string, args ...any) *ledger.Error {
	return ledger.Errorf(ledger.KindInvalid, readOp, format, args...)
}

// inBook is a workbook opened for reading.
type inBook struct {
	parts   map[string]*zip.File // by lower-case name
	sheets  []inSheet
	strPart string       // the shared strings part, "" for none
	strs    *stringTable // loaded on first use
}

// inSheet is a sheet of the workbook: its name and its part.
type inSheet struct {
	name, part string
	hidden     bool
}

// readBook opens the workbook held by r (size bytes): it checks the caps
// and reads the list of sheets, nothing else.
func readBook(r io.ReaderAt, size int64) (*inBook, error) {
	if size > maxWorkbookBytes {
		return nil, readErr("tệp lớn %d MB, quá giới hạn %d MB của một báo cáo (file too large)", size>>20, maxWorkbookBytes>>20)
	}
	if err := sniff(r, size); err != nil {
		return nil, err
	}
	if err := countEntries(r, size); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, readErr("tệp .xlsx bị hỏng hoặc chép chưa hết (corrupt or truncated file: %v)", err)
	}
	b := &inBook{parts: make(map[string]*zip.File, len(zr.File))}
	var total uint64
	for _, f := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))
		limit := uint64(maxPartBytes)
		if strings.HasPrefix(name, "xl/worksheets/") {
			limit = maxSheetBytes
		}
		total += f.UncompressedSize64
		if f.UncompressedSize64 > limit || total > maxUnzipBytes {
			return nil, readErr("phần %s của tệp giải nén ra %d MB, vượt giới hạn (tệp quá lớn khi giải nén, có thể là tệp độc hại) (too large unpacked)",
				printable(f.Name), f.UncompressedSize64>>20)
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
		return readErr("tệp rỗng (empty file)")
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return nil
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return readErr("tệp Excel 97-2003 (.xls) hoặc tệp có đặt mật khẩu: mở bằng Excel, bỏ mật khẩu và lưu lại dạng .xlsx (old .xls or password-protected file)")
	case bytes.HasPrefix(head, []byte("%PDF")):
		return readErr("tệp PDF, không phải tệp Excel .xlsx (a PDF file)")
	}
	return readErr("không phải tệp Excel .xlsx (not an .xlsx file)")
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
			return readErr("không đọc được tệp (cannot read the file: %v)", err)
		}
		// Blocks overlap by three bytes: a signature is counted in the
		// block it starts in, whole, and only there.
		n += bytes.Count(buf[:k], sig)
		if k < len(buf) {
			break
		}
	}
	if n > maxZipEntries {
		return readErr("tệp chứa hơn %d phần nén, không phải báo cáo của WardLedger (too many zip entries)", maxZipEntries)
	}
	return nil
}

// open returns the unpacked content of a part, cut at limit bytes.
func (b *inBook) open(name string, limit int64) (io.ReadCloser, error) {
	f, ok := b.parts[strings.ToLower(name)]
	if !ok {
		return nil, nil
	}
	name = printable(name)
	rc, err := f.Open()
	if err != nil {
		return nil, readErr("tệp .xlsx bị hỏng: không giải nén được phần %s (corrupt file: %v)", name, err)
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
		return 0, readErr("phần %s của tệp lớn quá giới hạn khi giải nén (too large unpacked)", p.name)
	}
	if int64(len(buf)) > p.left {
		buf = buf[:p.left]
	}
	n, err := p.rc.Read(buf)
	p.left -= int64(n)
	if err != nil && !errors.Is(err, io.EOF) {
		err = readErr("tệp .xlsx bị hỏng: phần %s không giải nén được (corrupt file: %v)", p.name, err)
	}
	return n, err
}

func (p *limitedPart) Close() error { return p.rc.Close() }

// xmlPart is a part being tokenized.
type xmlPart struct {
	*xscan
	rc io.ReadCloser
}

func (b *inBook) xml(name string, limit int64) (*xmlPart, error) {
	rc, err := b.open(name, limit)
	if err != nil || rc == nil {
		return nil, err
	}
	return &xmlPart{xscan: newScan(rc, printable(name)), rc: rc}, nil
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
func (b *inBook) relationships(name, base string) (map[string][2]string, error) {
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
			return nil, readErr("phần %s có quá nhiều liên kết (too many relationships)", name)
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
func (b *inBook) readSheets() error {
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
			return readErr("tệp bảng tính LibreOffice (.ods): hãy lưu lại dạng Excel 2007-365 (.xlsx) (an .ods file)")
		}
		return readErr("tệp nén không chứa bảng tính Excel: không phải tệp .xlsx (a zip file, not an .xlsx workbook)")
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
			return readErr("bảng tính có hơn %d trang (too many sheets)", maxSheets)
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
		b.sheets = append(b.sheets, inSheet{name: x.value("name"), part: rel[1], hidden: state != "" && state != "visible"})
	}
}

// sheet finds a sheet by name.
func (b *inBook) sheet(name string) (inSheet, bool) {
	for _, s := range b.sheets {
		if s.name == name {
			return s, true
		}
	}
	return inSheet{}, false
}

// stringTable is the shared strings of a workbook in one arena.
type stringTable struct {
	arena []byte
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
	return string(t.arena[start:t.ends[i]]), true
}

// strings loads the shared strings: the text of each <si>, its runs
// joined, phonetic hints (<rPh>) left out.
func (b *inBook) strings() (*stringTable, error) {
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
	for {
		tok, err := x.next()
		if err != nil {
			b.strs = nil
			return nil, err
		}
		switch {
		case tok == tokEOF:
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
		case tok == tokText && inT:
			t.arena = append(t.arena, x.text...)
		}
	}
}

// inCell is one cell of a row being read.
type inCell struct {
	col     int    // 0-based
	text    string // the value as stored; a formula's cached value
	formula bool
	number  bool // stored as a number (no type, or type n)
}

// errStop ends eachRow early without error.
var errStop = errors.New("stop")

// eachRow streams the rows of a sheet: fn gets each row's 1-based number
// and its cells that hold a value or a formula, in the order stored.
func (b *inBook) eachRow(ctx context.Context, sh inSheet, fn func(n int, cells []inCell) error) error {
	x, err := b.xml(sh.part, maxSheetBytes)
	if err != nil {
		return err
	}
	if x == nil {
		return readErr("tệp .xlsx bị hỏng: thiếu phần %s của trang %q (missing sheet part)", printable(sh.part), sh.name)
	}
	defer x.close()
	var (
		cells     []inCell
		cur       inCell
		typ       []byte
		text      []byte
		rowN, col int
		inData    bool
		collect   bool // inside <v>, or a <t> of an inline string
		inIS      bool
		phonetic  int
		tokens    int
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
						return readErr("tệp .xlsx bị hỏng: trang %q có số dòng %q sai (bad row number)", sh.name, r)
					}
					rowN = n
				}
				cells, col = cells[:0], -1
			case x.is("c"):
				col++
				r, err := x.attr("r")
				if err != nil {
					return err
				}
				if r != nil {
					c, ok := cellColumn(r)
					if !ok {
						return readErr("tệp .xlsx bị hỏng: trang %q có ô %q sai tên (bad cell reference)", sh.name, r)
					}
					col = c
				}
				if col >= maxExcelCol {
					return readErr("tệp .xlsx bị hỏng: trang %q có ô ngoài cột XFD (bad cell reference)", sh.name)
				}
				cur, text, inIS = inCell{col: col}, text[:0], false
				t, err := x.attr("t")
				if err != nil {
					return err
				}
				typ = append(typ[:0], t...)
			case x.is("v"):
				collect = !inIS
			case x.is("f"):
				cur.formula = true
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
				if cur.text != "" || cur.formula {
					cells = append(cells, cur)
				}
			case x.is("row"):
				if err := fn(rowN, cells); err != nil {
					if errors.Is(err, errStop) {
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
					return readErr("trang %q có ô dài quá %d KB (cell too long)", sh.name, maxCellBytes>>10)
				}
				text = append(text, x.text...)
			}
		}
	}
}

// finishCell resolves a cell's stored value by its type.
func (b *inBook) finishCell(sh inSheet, c *inCell, typ string, text []byte) error {
	switch typ {
	case "s":
		strs, err := b.strings()
		if err != nil {
			return err
		}
		i, err := strconv.Atoi(strings.TrimSpace(string(text)))
		s, ok := strs.get(i)
		if err != nil || !ok {
			return readErr("tệp .xlsx bị hỏng: trang %q có ô %s trỏ tới chuỗi %q không có (bad shared string)", sh.name, colName(c.col), text)
		}
		c.text = s
	case "", "n":
		c.text, c.number = string(text), len(text) > 0
	default: // inlineStr, str, b, e, d
		c.text = string(text)
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

// describe names a sheet's cell for a person: "B01-BCQT!E20".
func describe(sheet string, col, row int) string {
	return fmt.Sprintf("%s!%s%d", sheet, colName(col), row)
}

// printable is a name read from the file as a message may show it: as it
// is when it is plain text, quoted with escapes otherwise.
func printable(name string) string {
	for _, r := range name {
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			return strconv.QuoteToASCII(name)
		}
	}
	return name
}
