package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"wardledger/ledger"
)

// maxProblems is how many wrong lines of a file are reported at once.
const maxProblems = 50

// maxRecordBytes bounds one record (a line) of a CSV file, so that a file
// of one enormous line (50 MB of commas: millions of fields) is refused
// at that line instead of filling the memory. A real line is a few hundred
// bytes: a memo is at most 1000 characters.
const maxRecordBytes = 64 << 10

// stdinName is the --file that reads standard input.
const stdinName = "-"

// csvSource is what readCSV read: the file's name as messages give it,
// and the SHA-256 of its bytes, by which the store recognises a file
// imported before.
type csvSource struct {
	Name   string
	SHA256 string // hex, of every byte read, byte order mark included
}

var (
	errOverCap    = errors.New("input over the size cap")
	errLongRecord = errors.New("record over the size budget")
)

// readCSV reads a CSV file (path, or standard input for "-") with a header
// line (Excel's UTF-8 byte order mark allowed): every column of columns
// must be there but those in optional, and none twice. Each data line goes
// to fn with its line number and a getter by column name; every line fn
// refuses is reported, with refused (what was not done) in the message, so
// that the user fixes the file in one pass. Input over limit bytes, a
// line over maxRecordBytes and UTF-16 text are refused whole.
func readCSV(stdin io.Reader, path, op string, limit int64, columns, optional []string, refused string,
	fn func(line int, get func(string) string) error) (csvSource, error) {
	src := csvSource{Name: path}
	var in io.Reader
	if path == stdinName {
		src.Name = "dữ liệu vào (stdin)"
		in = stdin
		if in == nil {
			in = strings.NewReader("")
		}
	} else {
		fh, err := os.Open(path)
		if err != nil {
			return src, &ledger.Error{Kind: ledger.KindNotFound, Op: op, Msg: "không mở được tệp " + path, Err: err}
		}
		defer fh.Close()
		if st, err := fh.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > limit {
			return src, tooLarge(op, src.Name, limit)
		}
		in = fh
	}
	h := sha256.New()
	// Counted as read, whatever the source: a pipe has no size to check.
	sized := bufio.NewReader(io.TeeReader(&capReader{r: in, left: limit}, h))
	if err := checkUTF8(sized, op, src.Name, limit); err != nil {
		return src, err
	}
	budget := &budgetReader{r: sized}
	r := csv.NewReader(budget)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	read := func() ([]string, int, error) {
		budget.left = maxRecordBytes
		rec, err := r.Read()
		line := 0
		if len(rec) > 0 {
			line, _ = r.FieldPos(0)
		}
		return rec, line, err
	}

	header, _, err := read()
	if err == io.EOF {
		return src, ledger.Errorf(ledger.KindInvalid, op, "%s trống: không có dòng tiêu đề", src.Name)
	}
	if err != nil {
		if fatal := readFailure(op, src.Name, limit, 1, err); fatal != nil {
			return src, fatal
		}
		return src, ledger.Errorf(ledger.KindInvalid, op, "%s: không đọc được dòng tiêu đề: %v", src.Name, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	col := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if j, seen := col[name]; seen && contains(columns, name) {
			return src, ledger.Errorf(ledger.KindInvalid, op, "%s: cột %q có hai lần, ở cột %d và cột %d: hãy xóa một cột rồi nhập lại",
				src.Name, name, j+1, i+1)
		}
		if _, seen := col[name]; !seen && name != "" {
			col[name] = i
		}
	}
	for _, c := range columns {
		if _, ok := col[c]; !ok && !contains(optional, c) {
			return src, ledger.Errorf(ledger.KindInvalid, op, "%s: thiếu cột %q (cần: %s)", src.Name, c, strings.Join(columns, ","))
		}
	}
	var problems []string
	for len(problems) < maxProblems {
		rec, line, err := read()
		if err == io.EOF {
			break
		}
		if fatal := readFailure(op, src.Name, limit, line, err); fatal != nil {
			return src, fatal
		}
		if err == nil {
			err = fn(line, func(name string) string {
				if i, ok := col[name]; ok && i < len(rec) {
					return rec[i]
				}
				return ""
			})
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("dòng %d: %v", line, err))
		}
	}
	if len(problems) > 0 {
		return src, ledger.Errorf(ledger.KindInvalid, op, "%s có lỗi, %s:\n  %s", src.Name, refused, strings.Join(problems, "\n  "))
	}
	src.SHA256 = hex.EncodeToString(h.Sum(nil))
	return src, nil
}

// readFailure turns an error that ends the reading of a file into the
// refusal of the whole file; a line that does not parse (a stray quote)
// is a problem of its line only, and gives nil.
func readFailure(op, name string, limit int64, line int, err error) error {
	var parse *csv.ParseError
	switch {
	case err == nil || errors.As(err, &parse):
		return nil
	case errors.Is(err, errOverCap):
		return tooLarge(op, name, limit)
	case errors.Is(err, errLongRecord):
		return ledger.Errorf(ledger.KindInvalid, op, "%s, dòng %d dài quá %d KB: đây không phải tệp CSV đúng mẫu (một dòng chỉ dài vài trăm byte)",
			name, line, maxRecordBytes>>10)
	}
	return &ledger.Error{Kind: ledger.KindInvalid, Op: op, Msg: "không đọc được " + name, Err: err}
}

func tooLarge(op, name string, limit int64) error {
	return ledger.Errorf(ledger.KindInvalid, op, "%s quá lớn: hơn %d byte (tối đa %d byte); hãy chia thành nhiều tệp", name, limit, limit)
}

// checkUTF8 refuses UTF-16 text (Excel's "Unicode Text", Notepad's
// "Unicode"), known by its byte order mark or by NUL bytes, which UTF-8
// text never has.
func checkUTF8(r *bufio.Reader, op, name string, limit int64) error {
	head, err := r.Peek(1024)
	if errors.Is(err, errOverCap) {
		return tooLarge(op, name, limit)
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) || bytes.IndexByte(head, 0) >= 0 {
		return ledger.Errorf(ledger.KindInvalid, op, "tệp %s là UTF-16: hãy lưu lại dạng CSV UTF-8 (Excel: CSV UTF-8)", name)
	}
	return nil
}

// capReader fails once more than left bytes have come through it.
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, errOverCap
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	if c.left -= int64(n); c.left < 0 {
		return n, errOverCap
	}
	return n, err
}

// budgetReader fails once more than left bytes have come through it; left
// is set before reading each record.
type budgetReader struct {
	r    io.Reader
	left int
}

func (b *budgetReader) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, errLongRecord
	}
	if len(p) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= n
	return n, err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
