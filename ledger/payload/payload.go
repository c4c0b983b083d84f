// Package payload is the machine-readable content every workbook carries
// beside its visible sheets: records of text (the format version, the
// units, the period, the entries with their ids, stored totals, a
// review's approvals), their canonical form and the SHA-256 over it, so
// that a workbook can be imported back exactly and a hand-edited one
// recognised. It serialises ledger types and knows nothing of Excel: it
// gives rows of strings to whoever writes the sheet (ledger/xlsx) and
// takes rows of strings from whoever reads it (ledger/xlsximport).
package payload

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"wardledger/ledger"
)

// The payload is records, one a row: a record type in the first column,
// then its fields as text. Free text (names, documents, memos) is
// Go-quoted so that line breaks and control characters survive XML. The
// last record is the SHA-256 of the canonical form of all the others, so
// an import can tell a workbook edited by hand.
const (
	// SheetName is the name of the hidden sheet that holds the payload.
	SheetName = "_WardLedger"
	// FormatVersion is the version of the payload layout this package
	// writes; a reader refuses a newer one.
	FormatVersion = 1
	// Columns is how many columns the widest record has: a reader may
	// ignore the cells beyond.
	Columns = 1 + 13
	// MaxRows is the most records a payload may have.
	MaxRows = 250_000

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
	Unit       ledger.Unit // a settlement, review or annex: the subordinate unit
	Period     ledger.Period
	Status     ledger.PeriodStatus // a settlement: the period's status at export
	ExportedAt time.Time
	// Entries: a settlement's, every entry of the unit and period; an
	// annex's, the allocations and adjustments of the unit and period.
	Entries []*ledger.Entry
	Totals  []UnitTotal // a consolidation, allocation table or review: stored sums per unit
	// A review's state, comment and approved figures.
	ReviewState   ledger.ReviewState
	ReviewComment string
	Approvals     []ledger.Approval
	// Checksum is the SHA-256 (hex) of the canonical payload as written;
	// Reader has verified it against the records it read.
	Checksum string
}

// Incoming is what the payload brings into another ledger, file being the
// name of the workbook it came in.
func (p *Payload) Incoming(file string) *ledger.Incoming {
	return &ledger.Incoming{Kind: p.Kind, Superior: p.Superior, Unit: p.Unit, Period: p.Period, Status: p.Status,
		Entries: p.Entries, File: file, Checksum: p.Checksum}
}

// UnitTotal is a stored sum of one subordinate unit.
type UnitTotal struct {
	Unit string
	ledger.Total
}

var entryFields = []string{"id", "unit", "period", "kind", "nature", "khoan", "tieu_muc", "amount", "doc", "date", "memo", "reverses", "origin"}
var totalFields = []string{"unit", "khoan", "nature", "tieu_muc", "kind", "amount"}
var approvalFields = []string{"row", "khoan", "approved", "reason"}

// eachRecord hands the payload to fn as rows, one at a time, without the
// checksum row. The slice is reused between calls.
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

// Rows hands the payload to fn as the rows of its sheet, one at a time,
// the checksum row last, and sets p.Checksum. The slice is reused between
// calls.
func (p *Payload) Rows(fn func(row []string)) {
	p.Checksum = p.Sum()
	p.eachRecord(fn)
	fn([]string{recSum, p.Checksum})
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

// Reader builds a Payload from its rows, read in order.
type Reader struct {
	p                                   *Payload
	rows                                int
	stored                              string // the checksum row's value
	wantEntries, wantTotal, wantApprove int
	metaSeen                            map[string]bool
}

// NewReader starts reading a payload.
func NewReader() *Reader { return &Reader{p: &Payload{}} }

const op = "payload"

// Row reads the row numbered n (for messages) of the payload's sheet,
// its cells by column; a row without cells is skipped. A row that makes
// no sense, one past MaxRows and a payload of a newer format are refused
// with an error of kind KindInvalid.
func (rd *Reader) Row(n int, cols []string) error {
	if len(cols) == 0 {
		return nil
	}
	if rd.rows++; rd.rows > MaxRows {
		return ledger.Errorf(ledger.KindInvalid, op, "trang dữ liệu quá %d dòng", MaxRows)
	}
	// The format comes first, so that a newer layout is recognised as
	// such before anything else of it is read.
	if len(cols) > 2 && cols[0] == recMeta && cols[1] == "format" {
		if v, err := strconv.Atoi(cols[2]); err == nil && v > FormatVersion {
			return ledger.Errorf(ledger.KindInvalid, op, "tệp được xuất từ WardLedger mới hơn (định dạng dữ liệu %d, bản này đọc đến %d): cập nhật WardLedger rồi nhập lại",
				v, FormatVersion)
		}
	}
	if err := rd.record(cols); err != nil {
		return ledger.Errorf(ledger.KindInvalid, op, "trang dữ liệu ẩn hỏng ở dòng %d: %v", n, err)
	}
	return nil
}

func (rd *Reader) record(cols []string) error {
	if rd.stored != "" {
		if len(cols) == 0 {
			return nil
		}
		return fmt.Errorf("có dữ liệu sau mã kiểm tra")
	}
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

func (rd *Reader) meta(cols []string) error {
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
		if err == nil && (n < 1 || n > FormatVersion) {
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

// Finish checks that every record announced was read and that the
// checksum holds, and returns the payload.
func (rd *Reader) Finish() (*Payload, error) {
	p := rd.p
	switch {
	case rd.stored == "":
		return nil, ledger.Errorf(ledger.KindInvalid, op, "trang dữ liệu thiếu mã kiểm tra")
	case p.Format == 0 || p.Kind == "" || p.Period.IsZero():
		return nil, ledger.Errorf(ledger.KindInvalid, op, "trang dữ liệu thiếu thông tin định dạng, loại báo cáo hoặc kỳ")
	case len(p.Entries) != rd.wantEntries || len(p.Totals) != rd.wantTotal || len(p.Approvals) != rd.wantApprove:
		return nil, ledger.Errorf(ledger.KindInvalid, op, "trang dữ liệu thiếu dòng: ghi %d bút toán, %d tổng, %d số duyệt nhưng đọc được %d, %d, %d",
			rd.wantEntries, rd.wantTotal, rd.wantApprove, len(p.Entries), len(p.Totals), len(p.Approvals))
	}
	if sum := p.Sum(); sum != rd.stored {
		return nil, ledger.Errorf(ledger.KindInvalid, op, "mã kiểm tra SHA-256 không khớp: tệp đã bị sửa sau khi xuất từ WardLedger (checksum mismatch: the workbook was changed after export)")
	}
	p.Checksum = rd.stored
	return p, nil
}
