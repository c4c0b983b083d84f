package xlsx

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"wardledger/ledger"
)

// The hidden payload sheet holds the workbook's data as records, one a row:
// a record type in column A, then its fields as text. Free text (names,
// documents, memos) is Go-quoted so that line breaks and control characters
// survive XML. The last record is the SHA-256 of the canonical form of all
// the others, so an import can tell a workbook edited by hand.
const (
	// PayloadSheet is the name of the hidden sheet.
	PayloadSheet = "_WardLedger"
	// FormatVersion is the version of the payload layout this package
	// writes; readers refuse a newer one.
	FormatVersion = 1

	recMeta  = "meta"
	recEntry = "entry"
	recTotal = "total"
	// recApproval rows are written by review workbooks only.
	recApproval = "approval"
	recSum      = "sha256"
)

// Payload is the machine-readable content of an exported workbook.
type Payload struct {
	Format     int
	AppVersion string
	Kind       ledger.WorkbookKind
	Superior   ledger.Unit
	Unit       ledger.Unit // ledger.WorkbookSettlement, ledger.WorkbookReview, ledger.WorkbookAnnex: the subordinate unit
	Period     ledger.Period
	Status     ledger.PeriodStatus // ledger.WorkbookSettlement: the period's status at export
	ExportedAt time.Time
	// Entries: Settlement, every entry of the unit and period; Annex, the
	// allocations and adjustments of the unit and period.
	Entries []*ledger.Entry
	Totals  []UnitTotal // ledger.WorkbookDistrict, ledger.WorkbookAllocation, ledger.WorkbookReview: stored sums per unit
	// Review: the review's state, comment and approved figures.
	ReviewState   ledger.ReviewState
	ReviewComment string
	Approvals     []ledger.Approval
	// Checksum is the SHA-256 (hex) of the canonical payload as written;
	// ReadPayload has verified it against the records it read.
	Checksum string
}

// UnitTotal is a stored sum of one subordinate unit.
type UnitTotal struct {
	Unit string
	ledger.Total
}

var entryFields = []string{"id", "unit", "period", "kind", "nature", "khoan", "tieu_muc", "amount", "doc", "date", "memo", "reverses", "origin"}
var totalFields = []string{"unit", "khoan", "nature", "tieu_muc", "kind", "amount"}
var approvalFields = []string{"row", "khoan", "approved", "reason"}

// eachRecord hands the payload to fn as the rows of the sheet, one at a
// time, without the checksum row. The slice is reused between calls.
// Review workbooks add the review's meta keys and approval records; the
// other kinds write exactly the records of format 1 as first released.
func (p *Payload) eachRecord(fn func([]string)) {
	q := strconv.Quote
	meta := [][2]string{
		{"format", strconv.Itoa(p.Format)}, {"app_version", q(p.AppVersion)}, {"kind", string(p.Kind)},
		{"superior_code", p.Superior.Code}, {"superior_name", q(p.Superior.Name)}, {"superior_chapter", p.Superior.Chapter},
		{"unit_code", p.Unit.Code}, {"unit_name", q(p.Unit.Name)}, {"unit_chapter", p.Unit.Chapter},
		{"period", p.Period.String()}, {"status", string(p.Status)},
		{"exported_at", p.ExportedAt.Format(time.RFC3339)},
		{"entries", strconv.Itoa(len(p.Entries))}, {"totals", strconv.Itoa(len(p.Totals))},
	}
	review := p.Kind == ledger.WorkbookReview
	if review {
		meta = append(meta, [2]string{"review_state", string(p.ReviewState)}, [2]string{"review_comment", q(p.ReviewComment)},
			[2]string{"approvals", strconv.Itoa(len(p.Approvals))})
	}
	rec := make([]string, 0, 1+len(entryFields))
	for _, m := range meta {
		fn(append(rec[:0], recMeta, m[0], m[1]))
	}
	fn(append(append(rec[:0], "#"+recEntry), entryFields...))
	for _, e := range p.Entries {
		fn(append(rec[:0], recEntry, e.ID, e.Unit, e.Period.String(), string(e.Kind), string(e.Nature), e.Khoan,
			e.TieuMuc, strconv.FormatInt(int64(e.Amount), 10), q(e.Doc), e.Date.String(), q(e.Memo), e.Reverses, q(e.Origin)))
	}
	fn(append(append(rec[:0], "#"+recTotal), totalFields...))
	for _, t := range p.Totals {
		fn(append(rec[:0], recTotal, t.Unit, t.Khoan, string(t.Nature), t.TieuMuc, string(t.Kind),
			strconv.FormatInt(int64(t.Amount), 10)))
	}
	if review {
		fn(append(append(rec[:0], "#"+recApproval), approvalFields...))
		for _, a := range p.Approvals {
			fn(append(rec[:0], recApproval, a.Row, a.Khoan, strconv.FormatInt(int64(a.Approved), 10), q(a.Reason)))
		}
	}
}

// Sum computes the checksum of the payload: SHA-256 over its records, one
// JSON array of strings per line.
func (p *Payload) Sum() string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	p.eachRecord(func(r []string) {
		enc.Encode(r) // a hash never fails to write
	})
	return hex.EncodeToString(h.Sum(nil))
}

// alongsidePayload writes p to the hidden sheet while fn writes the
// visible ones, and sets p.Checksum. The payload goes in a goroutine of
// its own: its stream is opened first, and from then on it touches
// nothing the visible sheets use, so a large ledger's entries are encoded
// on one core while its register is written on the other. It returns
// when both are done, with the first error.
func (b *book) alongsidePayload(ctx context.Context, p *Payload, fn func() error) error {
	s, err := b.newSheet(PayloadSheet, sheetSetup{widths: []float64{10, 40, 20}, hidden: true})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- s.writePayloadRows(ctx, p) }()
	err = fn()
	if err != nil {
		cancel()
	}
	if perr := <-done; err == nil {
		err = perr
	}
	if err != nil {
		return err
	}
	if err := s.flush(); err != nil {
		return err
	}
	b.step(1)
	return nil
}

// writePayloadRows writes the records of p and its checksum, setting
// p.Checksum.
func (s *sheet) writePayloadRows(ctx context.Context, p *Payload) error {
	p.Checksum = p.Sum()
	var err error
	cells := make([]any, 0, 16)
	n := 0
	put := func(rec []string) {
		if err != nil {
			return
		}
		if n++; n%2048 == 0 {
			if err = ctx.Err(); err != nil {
				return
			}
		}
		cells = cells[:0]
		for _, v := range rec {
			cells = append(cells, v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if e := s.sw.SetRow(cell, cells); e != nil {
			err = internal(e)
		}
	}
	p.eachRecord(put)
	put([]string{recSum, p.Checksum})
	return err
}

// ReadPayloadFile reads and verifies the payload of the workbook at path.
func ReadPayloadFile(ctx context.Context, path string) (*Payload, error) {
	b, closer, err := openBookFile(path)
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	p, err := b.payload(ctx)
	if err != nil {
		var le *ledger.Error
		if errors.As(err, &le) {
			le.Msg = path + ": " + le.Msg
		}
		return nil, err
	}
	return p, nil
}

// openBookFile opens the workbook at path for reading.
func openBookFile(path string) (*inBook, io.Closer, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, nil, &ledger.Error{Kind: ledger.KindNotFound, Op: readOp, Msg: "không mở được tệp " + path, Err: err}
	}
	st, err := fh.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = fmt.Errorf("not a regular file")
	}
	if err != nil {
		fh.Close()
		return nil, nil, &ledger.Error{Kind: ledger.KindInvalid, Op: readOp, Msg: "không đọc được tệp " + path, Err: err}
	}
	b, err := readBook(fh, st.Size())
	if err != nil {
		fh.Close()
		return nil, nil, err
	}
	return b, fh, nil
}

// ReadPayload reads the hidden payload of a workbook exported by WardLedger,
// checks its format and its checksum, and returns it. It never evaluates the
// workbook's formulas and caps what it unpacks.
func ReadPayload(ctx context.Context, r io.Reader) (*Payload, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxWorkbookBytes+1))
	if err != nil {
		return nil, &ledger.Error{Kind: ledger.KindInvalid, Op: readOp, Msg: "không đọc được tệp", Err: err}
	}
	b, err := readBook(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	return b.payload(ctx)
}

// payload reads and verifies the hidden sheet.
func (b *inBook) payload(ctx context.Context) (*Payload, error) {
	sh, ok := b.sheet(PayloadSheet)
	if !ok {
		return nil, readErr("tệp không do WardLedger xuất hoặc đã mất trang dữ liệu ẩn %s: không nhập được (no WardLedger payload)", PayloadSheet)
	}
	rd := &payloadReader{p: &Payload{}}
	rows := 0
	err := b.eachRow(ctx, sh, func(n int, cells []inCell) error {
		cols := columns(cells)
		if len(cols) == 0 {
			return nil
		}
		if rows++; rows > maxPayloadRows {
			return readErr("trang dữ liệu quá %d dòng (payload too large)", maxPayloadRows)
		}
		if err := rd.record(cols); err != nil {
			var ff futureFormat
			if errors.As(err, &ff) {
				return readErr("tệp được xuất từ WardLedger mới hơn (định dạng dữ liệu %d, bản này đọc đến %d): cập nhật WardLedger rồi nhập lại (made by a newer WardLedger)",
					int(ff), FormatVersion)
			}
			return readErr("trang dữ liệu ẩn hỏng ở dòng %d: %v (payload damaged)", n, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rd.finish()
}

// columns lays a payload row's cells out by column; cells beyond the
// payload's widest record are ignored.
func columns(cells []inCell) []string {
	const widest = 1 + 13
	last := -1
	for _, c := range cells {
		if c.col < widest && c.col > last {
			last = c.col
		}
	}
	if last < 0 {
		return nil
	}
	out := make([]string, last+1)
	for _, c := range cells {
		if c.col <= last {
			out[c.col] = c.text
		}
	}
	return out
}

// futureFormat is the format version of a payload newer than this package.
type futureFormat int

func (f futureFormat) Error() string { return fmt.Sprintf("format %d", int(f)) }

// payloadReader builds a Payload from records read in order.
type payloadReader struct {
	p                                   *Payload
	stored                              string // the checksum row's value
	wantEntries, wantTotal, wantApprove int
	metaSeen                            map[string]bool
}

func (rd *payloadReader) record(cols []string) error {
	if rd.stored != "" {
		if len(cols) == 0 {
			return nil
		}
		return fmt.Errorf("có dữ liệu sau mã kiểm tra")
	}
	if len(cols) == 0 {
		return fmt.Errorf("dòng trống")
	}
	// The format comes first, so that a newer layout is recognised as
	// such before anything else of it is read.
	if rd.p.Format == 0 && (len(cols) < 2 || cols[0] != recMeta || cols[1] != "format") {
		return fmt.Errorf("thiếu dòng định dạng ở đầu trang")
	}
	pad := func(n int) []string {
		for len(cols) < n {
			cols = append(cols, "")
		}
		return cols
	}
	switch cols[0] {
	case recMeta:
		return rd.meta(pad(3))
	case recEntry:
		e, err := parseEntryRecord(pad(1 + len(entryFields)))
		if err != nil {
			return err
		}
		rd.p.Entries = append(rd.p.Entries, e)
	case recTotal:
		t, err := parseTotalRecord(pad(1 + len(totalFields)))
		if err != nil {
			return err
		}
		rd.p.Totals = append(rd.p.Totals, t)
	case recApproval:
		a, err := parseApprovalRecord(pad(1 + len(approvalFields)))
		if err != nil {
			return err
		}
		rd.p.Approvals = append(rd.p.Approvals, a)
	case "#" + recEntry, "#" + recTotal, "#" + recApproval:
		// column names, for a person who unhides the sheet
	case recSum:
		if len(cols) < 2 || len(cols[1]) != 64 {
			return fmt.Errorf("mã kiểm tra sai dạng")
		}
		rd.stored = cols[1]
	default:
		return fmt.Errorf("loại dòng %q lạ", cols[0])
	}
	return nil
}

func (rd *payloadReader) meta(cols []string) error {
	p := rd.p
	if rd.metaSeen == nil {
		rd.metaSeen = map[string]bool{}
	}
	key, v := cols[1], cols[2]
	if rd.metaSeen[key] {
		return fmt.Errorf("khóa %s lặp lại", key)
	}
	rd.metaSeen[key] = true
	var err error
	switch key {
	case "format":
		var n int
		n, err = strconv.Atoi(v)
		switch {
		case err == nil && n > FormatVersion:
			return futureFormat(n)
		case err == nil && n < 1:
			return fmt.Errorf("định dạng %d không có", n)
		}
		p.Format = n
	case "app_version":
		p.AppVersion, err = strconv.Unquote(v)
	case "kind":
		p.Kind, err = ledger.ParseWorkbookKind(v)
	case "superior_code":
		p.Superior.Code, p.Superior.Superior = v, true
	case "superior_name":
		p.Superior.Name, err = strconv.Unquote(v)
	case "superior_chapter":
		p.Superior.Chapter = v
	case "unit_code":
		p.Unit.Code = v
	case "unit_name":
		p.Unit.Name, err = strconv.Unquote(v)
	case "unit_chapter":
		p.Unit.Chapter = v
	case "period":
		p.Period, err = ledger.ParsePeriod(v)
	case "status":
		p.Status = ledger.PeriodStatus(v)
	case "exported_at":
		p.ExportedAt, err = time.Parse(time.RFC3339, v)
	case "entries":
		rd.wantEntries, err = strconv.Atoi(v)
	case "totals":
		rd.wantTotal, err = strconv.Atoi(v)
	case "review_state":
		p.ReviewState = ledger.ReviewState(v)
	case "review_comment":
		p.ReviewComment, err = strconv.Unquote(v)
	case "approvals":
		rd.wantApprove, err = strconv.Atoi(v)
	default:
		return fmt.Errorf("khóa %q lạ", key)
	}
	if err != nil {
		return fmt.Errorf("%s: %v", key, err)
	}
	return nil
}

func parseEntryRecord(c []string) (*ledger.Entry, error) {
	e := &ledger.Entry{ID: c[1], Unit: c[2], Kind: ledger.EntryKind(c[4]), Nature: ledger.Nature(c[5]),
		Khoan: c[6], TieuMuc: c[7], Reverses: c[12]}
	var err error
	if e.Period, err = ledger.ParsePeriod(c[3]); err != nil {
		return nil, err
	}
	if e.Amount, err = parseAmount(c[8]); err != nil {
		return nil, err
	}
	if e.Doc, err = strconv.Unquote(c[9]); err != nil {
		return nil, fmt.Errorf("số chứng từ: %v", err)
	}
	if e.Date, err = ledger.ParseDate(c[10]); err != nil {
		return nil, err
	}
	if e.Memo, err = strconv.Unquote(c[11]); err != nil {
		return nil, fmt.Errorf("diễn giải: %v", err)
	}
	if e.Origin, err = strconv.Unquote(c[13]); err != nil {
		return nil, fmt.Errorf("nguồn: %v", err)
	}
	if err := e.Validate(nil); err != nil {
		return nil, err
	}
	return e, nil
}

func parseTotalRecord(c []string) (UnitTotal, error) {
	t := UnitTotal{Unit: c[1], Total: ledger.Total{Khoan: c[2], Nature: ledger.Nature(c[3]), TieuMuc: c[4], Kind: ledger.EntryKind(c[5])}}
	if _, err := ledger.ParseNature(c[3]); err != nil {
		return t, err
	}
	if _, err := ledger.ParseEntryKind(c[5]); err != nil {
		return t, err
	}
	var err error
	t.Amount, err = parseAmount(c[6])
	return t, err
}

func parseApprovalRecord(c []string) (ledger.Approval, error) {
	a := ledger.Approval{Row: c[1], Khoan: c[2]}
	var err error
	if a.Approved, err = parseAmount(c[3]); err != nil {
		return a, err
	}
	if a.Reason, err = strconv.Unquote(c[4]); err != nil {
		return a, fmt.Errorf("nguyên nhân: %v", err)
	}
	return a, nil
}

func parseAmount(s string) (ledger.Money, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("số tiền %q không hợp lệ", s)
	}
	return ledger.Money(n), nil
}

func (rd *payloadReader) finish() (*Payload, error) {
	const op = "xlsx.ReadPayload"
	p := rd.p
	switch {
	case rd.stored == "":
		return nil, ledger.Errorf(ledger.KindInvalid, op, "trang dữ liệu thiếu mã kiểm tra (payload has no checksum)")
	case p.Format == 0 || p.Kind == "" || p.Period.IsZero():
		return nil, ledger.Errorf(ledger.KindInvalid, op, "trang dữ liệu thiếu thông tin định dạng, loại báo cáo hoặc kỳ")
	case len(p.Entries) != rd.wantEntries || len(p.Totals) != rd.wantTotal || len(p.Approvals) != rd.wantApprove:
		return nil, ledger.Errorf(ledger.KindInvalid, op, "trang dữ liệu thiếu dòng: ghi %d bút toán, %d tổng, %d số duyệt nhưng đọc được %d, %d, %d (rows missing)",
			rd.wantEntries, rd.wantTotal, rd.wantApprove, len(p.Entries), len(p.Totals), len(p.Approvals))
	}
	if sum := p.Sum(); sum != rd.stored {
		return nil, ledger.Errorf(ledger.KindInvalid, op, "mã kiểm tra SHA-256 không khớp: tệp đã bị sửa sau khi xuất từ WardLedger (checksum mismatch: the workbook was changed after export)")
	}
	p.Checksum = rd.stored
	return p, nil
}
