package xlsxread

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// xscan tokenizes the XML of a workbook part read from outside. It knows
// the subset spreadsheet programs write — an XML declaration, elements with
// attributes, each end tag matching its start tag, text with the five
// predefined entities and character references — and refuses the rest
// (comments, CDATA, DTDs, processing instructions after the declaration,
// encodings other than UTF-8, names that are not ASCII). What it accepts is
// well-formed: names are XML names with at most one colon, no start tag
// has an attribute twice, no text or attribute holds a character XML
// forbids (control characters, unpaired surrogates) or "]]>";
// FuzzWellFormed holds it to encoding/xml on the same input. It
// holds one token at a time: a text or a tag longer than maxTokenBytes is
// refused, and nesting deeper than maxXMLDepth, so memory stays bounded
// whatever the part holds. It is several times faster than encoding/xml,
// which matters for a district importing many workbooks.
//
// Tokens refer to the scanner's buffers and are valid until the next call.
type xscan struct {
	r    io.Reader
	part string
	buf  []byte
	pos  int // start of the unread data in buf
	end  int // end of the data in buf
	eof  bool

	kind    tokKind
	name    []byte // the local name of a start or end tag
	raw     []byte // the attributes of a start tag, parsed on demand
	parsed  bool   // attrs holds raw, parsed
	attrs   []xattr
	text    []byte
	started bool // past the XML declaration
	closing bool // the start tag just returned closes itself: an end follows
	depth   int
	open    [maxXMLDepth][]byte // the names of the elements open, for their end tags
	dec     []byte
}

type tokKind int

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

// xattr is an attribute of a start tag: its local name, whether it had a
// namespace prefix, its value with entities decoded.
type xattr struct {
	name     []byte
	prefixed bool
	value    []byte
	raw      []byte // the name as written, prefix and all
}

func newScan(r io.Reader, part string) *xscan {
	return &xscan{r: r, part: part, buf: make([]byte, 0, 64<<10)}
}

func (x *xscan) malformed(what string) error {
	return Errorf("tệp .xlsx bị hỏng: phần %s không phải XML hợp lệ (%s)", x.part, what)
}

// fill reads more data, keeping what is unread; it fails when a token
// would exceed maxTokenBytes.
func (x *xscan) fill() error {
	if x.eof {
		return io.EOF
	}
	if x.pos > 0 {
		n := copy(x.buf[:cap(x.buf)], x.buf[x.pos:x.end])
		x.pos, x.end = 0, n
	}
	if x.end == cap(x.buf) {
		if x.end > maxTokenBytes {
			return Errorf("phần %s có một ô hoặc thẻ XML dài quá %d KB", x.part, maxTokenBytes>>10)
		}
		grown := make([]byte, x.end, 2*cap(x.buf))
		copy(grown, x.buf[:x.end])
		x.buf = grown
	}
	n, err := x.r.Read(x.buf[x.end:cap(x.buf)])
	x.end += n
	x.buf = x.buf[:x.end]
	switch {
	case errors.Is(err, io.EOF):
		x.eof = true
		if n == 0 {
			return io.EOF
		}
	case err != nil:
		return err
	}
	return nil
}

// ensure makes at least n unread bytes available, or fails at the end.
func (x *xscan) ensure(n int) error {
	for x.end-x.pos < n {
		if err := x.fill(); err != nil {
			return err
		}
	}
	return nil
}

// find returns the offset from pos of the first c at or after offset from,
// reading more as needed.
func (x *xscan) find(c byte, from int) (int, error) {
	for {
		if i := bytes.IndexByte(x.buf[x.pos+from:x.end], c); i >= 0 {
			return from + i, nil
		}
		from = x.end - x.pos
		if err := x.fill(); err != nil {
			return 0, err
		}
	}
}

// next reads the next token.
func (x *xscan) next() (tokKind, error) {
	if x.closing {
		x.closing = false
		x.depth--
		x.kind = tokEnd
		return tokEnd, nil
	}
	for {
		if x.pos >= x.end {
			if err := x.fill(); errors.Is(err, io.EOF) {
				if x.depth > 0 {
					return 0, x.malformed("bị cắt cụt")
				}
				x.kind = tokEOF
				return tokEOF, nil
			} else if err != nil {
				return 0, err
			}
			continue
		}
		if x.buf[x.pos] != '<' {
			return x.scanText()
		}
		k, err := x.scanTag()
		if err != nil || k != tokEOF { // tokEOF here: the declaration, skipped
			x.kind = k
			return k, err
		}
	}
}

func (x *xscan) scanText() (tokKind, error) {
	i, err := x.find('<', 0)
	if errors.Is(err, io.EOF) {
		i, err = x.end-x.pos, nil
	}
	if err != nil {
		return 0, err
	}
	raw := x.buf[x.pos : x.pos+i]
	x.pos += i
	if !x.started {
		// Before the first tag only a byte order mark or blank space.
		raw = bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF"))
		if len(bytes.TrimSpace(raw)) > 0 {
			return 0, x.malformed("có chữ trước thẻ đầu tiên")
		}
	}
	if bytes.Contains(raw, []byte("]]>")) {
		return 0, x.malformed("chuỗi ]]> trong văn bản")
	}
	if x.text, err = x.decode(raw); err != nil {
		return 0, err
	}
	x.kind = tokText
	return tokText, nil
}

// decode resolves entity and character references and reads a line end
// as XML does (CR LF, or a CR alone, is LF; a CR written as &#13; stays);
// the text, and every character a reference names, must be characters
// XML allows.
func (x *xscan) decode(raw []byte) ([]byte, error) {
	if err := x.checkChars(raw); err != nil {
		return nil, err
	}
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		return raw, nil
	}
	out := x.dec[:0]
	for len(raw) > 0 {
		i := bytes.IndexAny(raw, "&\r")
		if i < 0 {
			out = append(out, raw...)
			break
		}
		out = append(out, raw[:i]...)
		if raw[i] == '\r' {
			out = append(out, '\n')
			raw = raw[i+1:]
			if len(raw) > 0 && raw[0] == '\n' {
				raw = raw[1:]
			}
			continue
		}
		raw = raw[i+1:]
		semi := bytes.IndexByte(raw, ';')
		if semi < 0 || semi > 10 {
			return nil, x.malformed("ký hiệu & không đóng")
		}
		ref := raw[:semi]
		raw = raw[semi+1:]
		switch string(ref) {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			if len(ref) < 2 || ref[0] != '#' {
				return nil, x.malformed("thực thể &" + string(ref) + "; lạ")
			}
			base, digits := 10, ref[1:]
			if digits[0] == 'x' {
				base, digits = 16, digits[1:]
			}
			n, err := strconv.ParseUint(string(digits), base, 32)
			if err != nil || !xmlChar(rune(n)) {
				return nil, x.malformed("mã ký tự &" + string(ref) + "; sai")
			}
			out = utf8.AppendRune(out, rune(n))
		}
	}
	x.dec = out
	return out, nil
}

// checkChars refuses text that is not UTF-8 or holds a character XML
// forbids: a control character other than tab, line feed and carriage
// return, an unpaired surrogate, U+FFFE, U+FFFF.
func (x *xscan) checkChars(b []byte) error {
	for i := 0; i < len(b); {
		c := b[i]
		if c >= 0x20 && c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return x.malformed("chữ không phải UTF-8")
		case !xmlChar(r):
			return x.malformed(fmt.Sprintf("ký tự %U không được phép trong XML", r))
		}
		i += n
	}
	return nil
}

// xmlChar reports whether r is a character of XML 1.0 (production Char).
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// validName reports whether name is a name this reader accepts: ASCII, a
// letter or '_' first, then letters, digits, '_', '-', '.', and at most
// one ':' between a prefix and a local name.
func validName(name []byte) bool {
	if len(name) == 0 {
		return false
	}
	colon := false
	start := true // at the start of the prefix or of the local name
	for i, c := range name {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case c == ':':
			if colon || start || i == len(name)-1 {
				return false
			}
			colon, start = true, true
			continue
		case c >= '0' && c <= '9', c == '-', c == '.':
			if start {
				return false
			}
		default:
			return false
		}
		start = false
	}
	return true
}

// scanTag reads a tag starting at pos; it returns tokEOF for the XML
// declaration, which it checks and skips.
func (x *xscan) scanTag() (tokKind, error) {
	if err := x.ensure(2); err != nil {
		return 0, x.malformed("bị cắt cụt")
	}
	switch x.buf[x.pos+1] {
	case '?':
		return x.declaration()
	case '!':
		return 0, Errorf("phần %s có cấu trúc XML không hỗ trợ (chú thích, CDATA hoặc DTD)", x.part)
	case '/':
		i, err := x.find('>', 2)
		if err != nil {
			return 0, x.malformed("thẻ đóng bị cắt cụt")
		}
		name := x.buf[x.pos+2 : x.pos+i]
		for len(name) > 0 && isSpace(name[len(name)-1]) {
			name = name[:len(name)-1]
		}
		x.pos += i + 1
		for _, c := range name {
			if isSpace(c) {
				return 0, x.malformed("thẻ đóng sai")
			}
		}
		if len(name) == 0 {
			return 0, x.malformed("thẻ đóng sai")
		}
		if x.depth == 0 {
			return 0, x.malformed("thẻ đóng thừa")
		}
		if !bytes.Equal(name, x.open[x.depth-1]) {
			return 0, x.malformed("thẻ đóng không khớp thẻ mở")
		}
		x.depth--
		x.name = localName(name)
		return tokEnd, nil
	}
	i, err := x.tagEnd()
	if err != nil {
		return 0, err
	}
	tag := x.buf[x.pos+1 : x.pos+i]
	x.pos += i + 1
	x.started = true
	if len(tag) > 0 && tag[len(tag)-1] == '/' {
		tag, x.closing = tag[:len(tag)-1], true
	}
	j := 0
	for j < len(tag) && !isSpace(tag[j]) {
		j++
	}
	if j == 0 {
		return 0, x.malformed("thẻ không có tên")
	}
	if !validName(tag[:j]) {
		return 0, x.malformed("tên thẻ sai")
	}
	x.name = localName(tag[:j])
	x.raw, x.parsed = tag[j:], false
	if x.depth++; x.depth > maxXMLDepth {
		return 0, Errorf("phần %s lồng quá %d cấp", x.part, maxXMLDepth)
	}
	x.open[x.depth-1] = append(x.open[x.depth-1][:0], tag[:j]...)
	// Every start tag's attributes are read now, asked for or not, so
	// that a malformed one is refused wherever it is.
	if err := x.attributes(); err != nil {
		return 0, err
	}
	return tokStart, nil
}

// tagEnd finds the '>' that ends the start tag at pos, outside quotes.
func (x *xscan) tagEnd() (int, error) {
	var quote byte
	for i := 1; ; {
		for j, c := range x.buf[x.pos+i : x.end] {
			switch {
			case c == '<':
				return 0, x.malformed("dấu < trong thẻ")
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				return i + j, nil
			}
		}
		i = x.end - x.pos
		if err := x.fill(); err != nil {
			if errors.Is(err, io.EOF) {
				return 0, x.malformed("thẻ bị cắt cụt")
			}
			return 0, err
		}
	}
}

func localName(name []byte) []byte {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// parseAttrs reads name="value" pairs.
func (x *xscan) parseAttrs(s []byte) error {
	x.attrs = x.attrs[:0]
	i := 0
	for {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i == len(s) {
			return nil
		}
		start := i
		for i < len(s) && s[i] != '=' && !isSpace(s[i]) {
			i++
		}
		name := s[start:i]
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i == len(s) || s[i] != '=' || !validName(name) {
			return x.malformed("thuộc tính sai")
		}
		i++
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i == len(s) || (s[i] != '"' && s[i] != '\'') {
			return x.malformed("thuộc tính thiếu dấu nháy")
		}
		end := bytes.IndexByte(s[i+1:], s[i])
		if end < 0 {
			return x.malformed("giá trị thuộc tính không đóng")
		}
		value := s[i+1 : i+1+end]
		i += end + 2
		if i < len(s) && !isSpace(s[i]) {
			return x.malformed("thuộc tính dính liền")
		}
		v, err := x.decode(value)
		if err != nil {
			return err
		}
		if len(v) > 0 && &v[0] != &value[0] { // decoded into the scanner's buffer: keep a copy
			v = append([]byte(nil), v...)
		}
		value = v
		if len(x.attrs) >= 64 {
			return x.malformed("thẻ có quá nhiều thuộc tính")
		}
		for _, a := range x.attrs {
			if bytes.Equal(a.raw, name) {
				return x.malformed("thuộc tính " + string(name) + " lặp lại")
			}
		}
		raw, prefixed := name, false
		if k := bytes.IndexByte(name, ':'); k >= 0 {
			name, prefixed = name[k+1:], true
		}
		x.attrs = append(x.attrs, xattr{name: name, prefixed: prefixed, value: value, raw: raw})
	}
}

// declaration checks and skips "<?xml ...?>", allowed only first.
func (x *xscan) declaration() (tokKind, error) {
	if x.started {
		return 0, Errorf("phần %s có cấu trúc XML không hỗ trợ (chỉ dẫn xử lý <?…?>)", x.part)
	}
	from := 2
	for {
		i, err := x.find('>', from)
		if err != nil {
			return 0, x.malformed("khai báo XML bị cắt cụt")
		}
		if i >= 3 && x.buf[x.pos+i-1] == '?' { // "<?>" is not closed by its own '?'
			decl := x.buf[x.pos+2 : x.pos+i-1]
			x.pos += i + 1
			x.started = true
			if !bytes.HasPrefix(decl, []byte("xml")) {
				return 0, Errorf("phần %s có cấu trúc XML không hỗ trợ (chỉ dẫn xử lý <?…?>)", x.part)
			}
			if len(decl) > 3 && !isSpace(decl[3]) {
				return 0, Errorf("phần %s có cấu trúc XML không hỗ trợ (chỉ dẫn xử lý <?…?>)", x.part)
			}
			x.raw, x.parsed = decl[3:], false
			enc, err := x.attr("encoding")
			if err != nil {
				return 0, err
			}
			if enc != nil && !bytes.EqualFold(enc, []byte("utf-8")) {
				return 0, Errorf("phần %s mã hóa %s, không phải UTF-8", x.part, enc)
			}
			if v := x.value("version"); v != "" && v != "1.0" {
				return 0, Errorf("phần %s là XML phiên bản %s, không phải 1.0 (unsupported XML)", x.part, v)
			}
			return tokEOF, nil
		}
		from = i + 1
	}
}

// attr returns the value of an attribute of the current start tag by
// local name, nil if absent. Attributes are parsed, and checked, when
// first asked for: those of the tags nobody asks about cost nothing.
func (x *xscan) attr(local string) ([]byte, error) {
	if err := x.attributes(); err != nil {
		return nil, err
	}
	for _, a := range x.attrs {
		if string(a.name) == local {
			return a.value, nil
		}
	}
	return nil, nil
}

// attributes parses the current start tag's attributes into attrs.
func (x *xscan) attributes() error {
	if x.parsed {
		return nil
	}
	x.parsed = true
	return x.parseAttrs(x.raw)
}

// is reports whether the current tag's local name is local.
func (x *xscan) is(local string) bool { return string(x.name) == local }

// value is the text of an attribute of the current start tag, whose
// attributes have been parsed; "" if absent.
func (x *xscan) value(local string) string {
	for _, a := range x.attrs {
		if string(a.name) == local {
			return string(a.value)
		}
	}
	return ""
}
