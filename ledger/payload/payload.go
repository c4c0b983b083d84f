// Package payload is the machine-readable content every workbook carries
// beside its visible sheets: records of text (the format version, the
// units, the period, the entries with their ids, the catalogue rows of
// the codes they use, stored totals, a review's approved figures), their
// canonical form, the SHA-256 over it and, from format 2, the Ed25519
// signature of the ledger that wrote it, so that a workbook can be
// imported back exactly and a hand-edited or forged one recognised. It
// serialises ledger types and knows nothing of Excel: it gives rows of
// strings to whoever writes the sheet (ledger/xlsx) and takes rows of
// strings from whoever reads it (ledger/xlsximport).
package payload

import (
	"crypto/ed25519"
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
// Go-quoted so that line breaks and control characters survive XML. After
// the records comes the SHA-256 of the canonical form of all of them, so
// an import can tell a workbook edited by hand; from format 2, then the
// Ed25519 signature of that checksum by the key the records name
// (signer_key), so an import can tell a forged one: recomputing the
// checksum of an edited payload is easy, signing it needs the private key
// of the ledger that wrote it.
const (
	// SheetName is the name of the hidden sheet that holds the payload.
	SheetName = "_WardLedger"
	// FormatVersion is the version of the payload layout this package
	// writes; a reader refuses a newer one and reads every older one.
	FormatVersion = 2
	// MaxCodes is the most catalogue rows a payload may carry.
	MaxCodes = 10_000
	// Columns is how many columns the widest record has: a reader may
	// ignore the cells beyond.
	Columns = 1 + 13
	// MaxRows is the most records a payload may have.
	MaxRows = 250_000

	recMeta  = "meta"
	recEntry = "entry"
	recTotal = "total"
	// recApproval and recApproved rows are written by review workbooks
	// only: the reviewer's changes, and (format 2) every approved figure.
	recApproval = "approval"
	recApproved = "approved"
	recCode     = "code" // format 2: the catalogue rows of the codes used
	recSum      = "sha256"
	recSig      = "signature" // format 2, after the checksum
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
	// A review's state, comment, the reviewer's changes (Approvals, with
	// their reasons) and, from format 2, every approved figure (Approved:
	// one per input row and Khoản) and the notice's number and date.
	ReviewState   ledger.ReviewState
	ReviewComment string
	Approvals     []ledger.Approval
	Approved      []ledger.Approval
	NoticeNumber  string
	NoticeDate    string
	// Codes are the catalogue rows (code, name, group, years) of the codes
	// the entries use, with their groups (format 2).
	Codes []ledger.Code
	// ChainHead is the writing ledger's entries chain head (format 2).
	ChainHead ledger.Hash
	// Signer signs the payload as it is written (format 2); SignerKey is
	// its public key as read, the signature verified.
	Signer    *ledger.Signer
	SignerKey ed25519.PublicKey
	// Checksum is the SHA-256 (hex) of the canonical payload as written;
	// Reader has verified it against the records it read.
	Checksum string
}

// Incoming is what the payload brings into another ledger, file being the
// name of the workbook it came in. A review's notice takes the approved
// figures the payload carries; approved, if not nil, makes them from the
// stored totals and the reviewer's changes for a payload of format 1.
func (p *Payload) Incoming(file string, approved func(*Payload) ([]ledger.Approval, error)) (*ledger.Incoming, error) {
	in := &ledger.Incoming{Kind: p.Kind, Superior: p.Superior, Unit: p.Unit, Period: p.Period, Status: p.Status,
		Entries: p.Entries, File: file, Checksum: p.Checksum, Signer: p.SignerKey, ChainHead: p.ChainHead, Codes: p.Codes}
	if p.Kind != ledger.WorkbookReview {
		return in, nil
	}
	figures := p.Approved
	if p.Format < 2 && approved != nil {
		var err error
		if figures, err = approved(p); err != nil {
			return nil, err
		}
	}
	reasons := map[[2]string]string{}
	for _, a := range p.Approvals {
		reasons[[2]string{a.Row, a.Khoan}] = a.Reason
	}
	n := &ledger.Notice{Unit: p.Unit.Code, Period: p.Period, Number: p.NoticeNumber, Date: p.NoticeDate,
		Comment: p.ReviewComment, Draft: p.ReviewState != ledger.ReviewFinished, File: file}
	for _, a := range figures {
		a.Reason = reasons[[2]string{a.Row, a.Khoan}]
		n.Figures = append(n.Figures, a)
	}
	in.Notice = n
	return in, nil
}

// UnitTotal is a stored sum of one subordinate unit.
type UnitTotal struct {
	Unit string
	ledger.Total
}

var entryFields = []string{"id", "unit", "period", "kind", "nature", "khoan", "tieu_muc", "amount", "doc", "date", "memo", "reverses", "origin"}
var totalFields = []string{"unit", "khoan", "nature", "tieu_muc", "kind", "amount"}
var approvalFields = []string{"row", "khoan", "approved", "reason"}
var approvedFields = []string{"row", "khoan", "amount"}
var codeFields = []string{"level", "code", "name", "parent", "valid_from", "valid_until"}

// eachRecord hands the payload to fn as rows, one at a time, without the
// checksum row. The slice is reused between calls.
// Review workbooks add the review's meta keys and approval records; the
// other kinds of format 1 write exactly the records of format 1 as first
// released; format 2 adds the signer's key, the chain head, the codes and
// a review's approved figures and notice.
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
	v2 := p.Format >= 2
	if review {
		meta = append(meta, [2]string{"review_state", string(p.ReviewState)}, [2]string{"review_comment", q(p.ReviewComment)},
			[2]string{"approvals", strconv.Itoa(len(p.Approvals))})
		if v2 {
			meta = append(meta, [2]string{"approved", strconv.Itoa(len(p.Approved))},
				[2]string{"notice_number", q(p.NoticeNumber)}, [2]string{"notice_date", q(p.NoticeDate)})
		}
	}
	if v2 {
		meta = append(meta, [2]string{"codes", strconv.Itoa(len(p.Codes))}, [2]string{"chain_head", p.ChainHead.String()},
			[2]string{"signer_key", hex.EncodeToString(p.signerKey())})
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
		if v2 {
			fn(append(append(rec[:0], "#"+recApproved), approvedFields...))
			for _, a := range p.Approved {
				fn(append(rec[:0], recApproved, a.Row, a.Khoan, strconv.FormatInt(int64(a.Approved), 10)))
			}
		}
	}
	if v2 {
		fn(append(append(rec[:0], "#"+recCode), codeFields...))
		for _, c := range p.Codes {
			fn(append(rec[:0], recCode, string(c.Level), c.Code, q(c.Name), c.Parent, strconv.Itoa(c.From), strconv.Itoa(c.Until)))
		}
	}
}

// signerKey is the public key the payload is signed with: the signer's
// when writing, the one read otherwise.
func (p *Payload) signerKey() ed25519.PublicKey {
	if p.Signer != nil {
		return p.Signer.Public()
	}
	return p.SignerKey
}

// SigningMessage is what a payload's signature signs: its checksum, under
// a label that no other message of WardLedger's bears.
func SigningMessage(checksum string) []byte {
	return []byte("WardLedger payload signature v2\n" + checksum)
}

// Rows hands the payload to fn as the rows of its sheet, one at a time,
// the checksum row and (format 2) the signature row last, and sets
// p.Checksum. The slice is reused between calls. A payload of format 2
// must have a Signer.
func (p *Payload) Rows(fn func(row []string)) {
	if p.Format >= 2 && p.Signer == nil {
		panic("payload: a payload of format 2 without its signer")
	}
	p.Checksum = p.Sum()
	p.eachRecord(fn)
	fn([]string{recSum, p.Checksum})
	if p.Format >= 2 {
		fn([]string{recSig, hex.EncodeToString(p.Signer.Sign(SigningMessage(p.Checksum)))})
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

// Reader builds a Payload from its rows, read in order.
type Reader struct {
	p                                   *Payload
	rows                                int
	stored                              string // the checksum row's value
	signature                           []byte // the signature row's value
	wantEntries, wantTotal, wantApprove int
	wantApproved, wantCodes             int
	metaSeen                            map[string]bool
	codes                               map[[2]string]bool
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
		switch {
		case len(cols) == 0:
			return nil
		case cols[0] == recSig && rd.p.Format >= 2 && rd.signature == nil:
			if len(cols) < 2 {
				return fmt.Errorf("chữ ký số sai dạng")
			}
			sig, err := hex.DecodeString(cols[1])
			if err != nil || len(sig) != ed25519.SignatureSize {
				return fmt.Errorf("chữ ký số sai dạng")
			}
			rd.signature = sig
			return nil
		case rd.signature != nil:
			return fmt.Errorf("có dữ liệu sau chữ ký số")
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
	case recApproved:
		if rd.p.Format < 2 {
			return fmt.Errorf("loại dòng %q lạ", cols[0])
		}
		a, err := parseApprovedRecord(pad(1 + len(approvedFields)))
		if err != nil {
			return err
		}
		rd.p.Approved = append(rd.p.Approved, a)
	case recCode:
		if rd.p.Format < 2 {
			return fmt.Errorf("loại dòng %q lạ", cols[0])
		}
		return rd.code(pad(1 + len(codeFields)))
	case "#" + recEntry, "#" + recTotal, "#" + recApproval, "#" + recApproved, "#" + recCode:
		// column names, for a person who unhides the sheet
	case recSum:
		if len(cols) < 2 || len(cols[1]) != 64 {
			return fmt.Errorf("mã kiểm tra sai dạng")
		}
		rd.stored = cols[1]
	case recSig:
		return fmt.Errorf("chữ ký số trước mã kiểm tra")
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
	case "approved":
		rd.wantApproved, err = strconv.Atoi(v)
	case "notice_number":
		p.NoticeNumber, err = strconv.Unquote(v)
	case "notice_date":
		p.NoticeDate, err = strconv.Unquote(v)
	case "codes":
		rd.wantCodes, err = strconv.Atoi(v)
		if err == nil && (rd.wantCodes < 0 || rd.wantCodes > MaxCodes) {
			return fmt.Errorf("số mã %d quá giới hạn %d", rd.wantCodes, MaxCodes)
		}
	case "chain_head":
		p.ChainHead, err = ledger.ParseHash(v)
	case "signer_key":
		var k []byte
		k, err = hex.DecodeString(v)
		if err == nil && len(k) != ed25519.PublicKeySize {
			err = fmt.Errorf("độ dài %d", len(k))
		}
		p.SignerKey = k
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
	// Checked as the store will record it (normalised); the payload keeps
	// the text as written, which its checksum covers.
	n := *e
	n.Normalize()
	if err := n.Validate(nil); err != nil {
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

func parseApprovedRecord(c []string) (ledger.Approval, error) {
	a := ledger.Approval{Row: c[1], Khoan: c[2]}
	if len(a.Row) < 1 || len(a.Row) > 4 || !digits(a.Row) || len(a.Khoan) != 3 || !digits(a.Khoan) {
		return a, fmt.Errorf("số duyệt của mã số %q Khoản %q sai dạng", a.Row, a.Khoan)
	}
	var err error
	a.Approved, err = parseAmount(c[3])
	return a, err
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// code reads a catalogue row: its level, code, name, group and years, as
// the catalogue checks them; the same code twice is refused.
func (rd *Reader) code(c []string) error {
	if len(rd.p.Codes) >= MaxCodes {
		return fmt.Errorf("quá %d mã", MaxCodes)
	}
	level, err := ledger.ParseCodeLevel(c[1])
	if err != nil || string(level) != c[1] {
		return fmt.Errorf("cấp mã %q lạ", c[1])
	}
	code := ledger.Code{Level: level, Code: c[2], Parent: c[4]}
	if code.Name, err = strconv.Unquote(c[3]); err != nil {
		return fmt.Errorf("tên mã: %v", err)
	}
	if code.From, err = strconv.Atoi(c[5]); err != nil {
		return fmt.Errorf("năm hiệu lực %q", c[5])
	}
	if code.Until, err = strconv.Atoi(c[6]); err != nil {
		return fmt.Errorf("năm hiệu lực %q", c[6])
	}
	n := code // checked as the catalogue will record it; the payload keeps it as written
	n.Normalize()
	if err := n.Validate(); err != nil {
		return err
	}
	if rd.codes == nil {
		rd.codes = map[[2]string]bool{}
	}
	k := [2]string{c[1], c[2]}
	if rd.codes[k] {
		return fmt.Errorf("mã %s %s lặp lại", level.Label(), code.Code)
	}
	rd.codes[k] = true
	rd.p.Codes = append(rd.p.Codes, code)
	return nil
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
	case len(p.Entries) != rd.wantEntries || len(p.Totals) != rd.wantTotal || len(p.Approvals) != rd.wantApprove ||
		len(p.Approved) != rd.wantApproved || len(p.Codes) != rd.wantCodes:
		return nil, ledger.Errorf(ledger.KindInvalid, op, "trang dữ liệu thiếu dòng: ghi %d bút toán, %d tổng, %d số duyệt, %d mã nhưng đọc được %d, %d, %d, %d",
			rd.wantEntries, rd.wantTotal, rd.wantApprove+rd.wantApproved, rd.wantCodes, len(p.Entries), len(p.Totals), len(p.Approvals)+len(p.Approved), len(p.Codes))
	case p.Format >= 2 && (!rd.metaSeen["signer_key"] || !rd.metaSeen["chain_head"] || !rd.metaSeen["codes"] ||
		p.Kind == ledger.WorkbookReview && !rd.metaSeen["approved"]):
		return nil, ledger.Errorf(ledger.KindInvalid, op, "trang dữ liệu định dạng %d thiếu khóa ký, đầu chuỗi băm hoặc số mã", p.Format)
	}
	if sum := p.Sum(); sum != rd.stored {
		return nil, ledger.Errorf(ledger.KindInvalid, op, "mã kiểm tra SHA-256 không khớp: tệp đã bị sửa sau khi xuất từ WardLedger")
	}
	if p.Format >= 2 {
		if rd.signature == nil {
			return nil, ledger.Errorf(ledger.KindInvalid, op, "trang dữ liệu thiếu chữ ký số")
		}
		if !ed25519.Verify(p.SignerKey, SigningMessage(rd.stored), rd.signature) {
			return nil, ledger.Errorf(ledger.KindInvalid, op, "chữ ký số không khớp: tệp đã bị sửa sau khi xuất, hoặc bị ký giả")
		}
	}
	p.Checksum = rd.stored
	return p, nil
}

// Signed reports whether the payload was signed (format 2 and later).
func (p *Payload) Signed() bool { return p.Format >= 2 && len(p.SignerKey) == ed25519.PublicKeySize }
