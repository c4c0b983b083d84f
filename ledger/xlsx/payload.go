package xlsx

import (
	"archive/zip"
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
	"strings"
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
	recSum   = "sha256"
)

// Payload is the machine-readable content of an exported workbook.
type Payload struct {
	Format     int
	AppVersion string
	Kind       Kind
	Superior   ledger.Unit
	Unit       ledger.Unit // Settlement: the reporting unit
	Period     ledger.Period
	Status     ledger.PeriodStatus // Settlement: the period's status at export
	ExportedAt time.Time
	Entries    []*ledger.Entry // Settlement: every entry of the unit and period
	Totals     []UnitTotal     // District, Allocation: stored sums per unit
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

// records returns the payload as the rows of the sheet, without the
// checksum row.
func (p *Payload) records() [][]string {
	q := strconv.Quote
	meta := [][2]string{
		{"format", strconv.Itoa(p.Format)}, {"app_version", q(p.AppVersion)}, {"kind", string(p.Kind)},
		{"superior_code", p.Superior.Code}, {"superior_name", q(p.Superior.Name)}, {"superior_chapter", p.Superior.Chapter},
		{"unit_code", p.Unit.Code}, {"unit_name", q(p.Unit.Name)}, {"unit_chapter", p.Unit.Chapter},
		{"period", p.Period.String()}, {"status", string(p.Status)},
		{"exported_at", p.ExportedAt.Format(time.RFC3339)},
		{"entries", strconv.Itoa(len(p.Entries))}, {"totals", strconv.Itoa(len(p.Totals))},
	}
	out := make([][]string, 0, len(meta)+2+len(p.Entries)+len(p.Totals))
	for _, m := range meta {
		out = append(out, []string{recMeta, m[0], m[1]})
	}
	out = append(out, append([]string{"#" + recEntry}, entryFields...))
	for _, e := range p.Entries {
		out = append(out, []string{recEntry, e.ID, e.Unit, e.Period.String(), string(e.Kind), string(e.Nature), e.Khoan,
			e.TieuMuc, strconv.FormatInt(int64(e.Amount), 10), q(e.Doc), e.Date.String(), q(e.Memo), e.Reverses, q(e.Origin)})
	}
	out = append(out, append([]string{"#" + recTotal}, totalFields...))
	for _, t := range p.Totals {
		out = append(out, []string{recTotal, t.Unit, t.Khoan, string(t.Nature), t.TieuMuc, string(t.Kind),
			strconv.FormatInt(int64(t.Amount), 10)})
	}
	return out
}

// Sum computes the checksum of the payload: SHA-256 over its records, one
// JSON array of strings per line.
func (p *Payload) Sum() string { return checksum(p.records()) }

func checksum(records [][]string) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, r := range records {
		enc.Encode(r) // a hash never fails to write
	}
	return hex.EncodeToString(h.Sum(nil))
}

// writePayload writes p to the hidden sheet and sets p.Checksum.
func (b *book) writePayload(ctx context.Context, p *Payload) error {
	s, err := b.newSheet(PayloadSheet, sheetSetup{widths: []float64{10, 40, 20}, hidden: true})
	if err != nil {
		return err
	}
	recs := p.records()
	p.Checksum = checksum(recs)
	recs = append(recs, []string{recSum, p.Checksum})
	cells := make([]any, 0, 16)
	for i, rec := range recs {
		if i%2048 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		cells = cells[:0]
		for _, v := range rec {
			cells = append(cells, v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := s.sw.SetRow(cell, cells); err != nil {
			return internal(err)
		}
	}
	return s.flush()
}

// Limits on a workbook being read: it comes from outside. A ward's
// half-year is far below them (100,000 entries: about 15 MB packed, 150 MB
// unpacked).
const (
	maxWorkbookBytes = 64 << 20
	maxUnzipBytes    = 512 << 20
	maxPartBytes     = 16 << 20 // any part but a worksheet
	maxXMLBytes      = 16 << 20 // larger worksheets are unpacked to a temporary file
	maxPayloadRows   = 2_000_000
)

// checkZip refuses a workbook whose parts claim more than the limits, before
// excelize allocates room for them.
func checkZip(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		sheet := strings.HasPrefix(strings.ToLower(f.Name), "xl/worksheets/")
		if total > maxUnzipBytes || (!sheet && f.UncompressedSize64 > maxPartBytes) {
			return fmt.Errorf("%s: %d bytes unpacked, over the limit", f.Name, f.UncompressedSize64)
		}
	}
	return nil
}

// ReadPayloadFile reads and verifies the payload of the workbook at path.
func ReadPayloadFile(ctx context.Context, path string) (*Payload, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, &ledger.Error{Kind: ledger.KindNotFound, Op: "xlsx.ReadPayload", Msg: "không mở được tệp " + path, Err: err}
	}
	defer fh.Close()
	p, err := ReadPayload(ctx, fh)
	if err != nil {
		var le *ledger.Error
		if errors.As(err, &le) {
			le.Msg = path + ": " + le.Msg
		}
		return nil, err
	}
	return p, nil
}

// ReadPayload reads the hidden payload of a workbook exported by WardLedger,
// checks its format and its checksum, and returns it. It never evaluates the
// workbook's formulas and caps what it unpacks.
func ReadPayload(ctx context.Context, r io.Reader) (*Payload, error) {
	const op = "xlsx.ReadPayload"
	data, err := io.ReadAll(io.LimitReader(r, maxWorkbookBytes+1))
	if err != nil {
		return nil, &ledger.Error{Kind: ledger.KindInvalid, Op: op, Msg: "không đọc được tệp", Err: err}
	}
	if len(data) > maxWorkbookBytes {
		return nil, ledger.Errorf(ledger.KindInvalid, op, "tệp lớn quá %d MB (file too large)", maxWorkbookBytes>>20)
	}
	if err := checkZip(data); err != nil {
		return nil, &ledger.Error{Kind: ledger.KindInvalid, Op: op, Msg: "không phải tệp Excel (.xlsx) hợp lệ hoặc quá lớn khi giải nén (not a valid .xlsx file, or too large unpacked)", Err: err}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipBytes, UnzipXMLSizeLimit: maxXMLBytes})
	if err != nil {
		return nil, &ledger.Error{Kind: ledger.KindInvalid, Op: op, Msg: "không phải tệp Excel (.xlsx) hợp lệ (not a valid .xlsx file)", Err: err}
	}
	defer f.Close()
	if idx, _ := f.GetSheetIndex(PayloadSheet); idx < 0 {
		return nil, ledger.Errorf(ledger.KindInvalid, op, "tệp không do WardLedger xuất: không có trang dữ liệu %s (no WardLedger payload)", PayloadSheet)
	}
	rows, err := f.Rows(PayloadSheet)
	if err != nil {
		return nil, &ledger.Error{Kind: ledger.KindInvalid, Op: op, Msg: "trang dữ liệu không đọc được", Err: err}
	}
	defer rows.Close()
	rd := &payloadReader{p: &Payload{}}
	for n := 1; rows.Next(); n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if n > maxPayloadRows {
			return nil, ledger.Errorf(ledger.KindInvalid, op, "trang dữ liệu quá %d dòng", maxPayloadRows)
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, &ledger.Error{Kind: ledger.KindInvalid, Op: op, Msg: "trang dữ liệu không đọc được", Err: err}
		}
		if err := rd.record(cols); err != nil {
			return nil, ledger.Errorf(ledger.KindInvalid, op, "trang dữ liệu hỏng ở dòng %d: %v (payload damaged)", n, err)
		}
	}
	if err := rows.Error(); err != nil {
		return nil, &ledger.Error{Kind: ledger.KindInvalid, Op: op, Msg: "trang dữ liệu không đọc được", Err: err}
	}
	return rd.finish()
}

// payloadReader builds a Payload from records read in order.
type payloadReader struct {
	p                      *Payload
	stored                 string // the checksum row's value
	wantEntries, wantTotal int
	metaSeen               map[string]bool
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
	case "#" + recEntry, "#" + recTotal:
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
		p.Format, err = strconv.Atoi(v)
		if err == nil && (p.Format < 1 || p.Format > FormatVersion) {
			return fmt.Errorf("định dạng phiên bản %d: cần WardLedger mới hơn (format too new)", p.Format)
		}
	case "app_version":
		p.AppVersion, err = strconv.Unquote(v)
	case "kind":
		p.Kind, err = ParseKind(v)
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
	case len(p.Entries) != rd.wantEntries || len(p.Totals) != rd.wantTotal:
		return nil, ledger.Errorf(ledger.KindInvalid, op, "trang dữ liệu thiếu dòng: ghi %d bút toán, %d tổng nhưng đọc được %d, %d (rows missing)",
			rd.wantEntries, rd.wantTotal, len(p.Entries), len(p.Totals))
	}
	if sum := p.Sum(); sum != rd.stored {
		return nil, ledger.Errorf(ledger.KindInvalid, op, "mã kiểm tra SHA-256 không khớp: tệp đã bị sửa sau khi xuất từ WardLedger (checksum mismatch: the workbook was changed after export)")
	}
	p.Checksum = rd.stored
	return p, nil
}
