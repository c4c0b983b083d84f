package ledger

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// EntryKind is what a ledger entry records.
type EntryKind string

const (
	EntryAllocation       EntryKind = "allocation"         // giao dự toán
	EntryAdjustment       EntryKind = "adjustment"         // điều chỉnh / bổ sung dự toán (±)
	EntryWithdrawal       EntryKind = "withdrawal"         // rút dự toán qua Kho bạc
	EntrySpending         EntryKind = "spending"           // chi, đề nghị quyết toán
	EntryReturned         EntryKind = "returned"           // nộp trả NSNN
	EntryCarryInReceived  EntryKind = "carry_in_received"  // kinh phí đã nhận kỳ trước chuyển sang
	EntryCarryInEstimate  EntryKind = "carry_in_estimate"  // dự toán còn ở Kho bạc kỳ trước chuyển sang
	EntryCarryOutReceived EntryKind = "carry_out_received" // kinh phí đã nhận chuyển sang kỳ sau
	EntryCarryOutEstimate EntryKind = "carry_out_estimate" // dự toán còn ở Kho bạc chuyển sang kỳ sau
)

// EntryKinds lists every kind in the order a form offers them.
var EntryKinds = []EntryKind{
	EntryAllocation, EntryAdjustment, EntryWithdrawal, EntrySpending, EntryReturned,
	EntryCarryInReceived, EntryCarryInEstimate, EntryCarryOutReceived, EntryCarryOutEstimate,
}

var entryKindLabels = map[EntryKind]string{
	EntryAllocation:       "Giao dự toán",
	EntryAdjustment:       "Điều chỉnh dự toán",
	EntryWithdrawal:       "Rút dự toán qua Kho bạc",
	EntrySpending:         "Chi đề nghị quyết toán",
	EntryReturned:         "Nộp trả NSNN",
	EntryCarryInReceived:  "Kinh phí đã nhận kỳ trước chuyển sang",
	EntryCarryInEstimate:  "Dự toán kỳ trước chuyển sang",
	EntryCarryOutReceived: "Kinh phí đã nhận chuyển kỳ sau",
	EntryCarryOutEstimate: "Dự toán chuyển kỳ sau",
}

// ParseEntryKind reads a kind by its code name.
func ParseEntryKind(s string) (EntryKind, error) {
	k := EntryKind(strings.ToLower(strings.TrimSpace(s)))
	if _, ok := entryKindLabels[k]; ok {
		return k, nil
	}
	names := make([]string, len(EntryKinds))
	for i, k := range EntryKinds {
		names[i] = string(k)
	}
	return "", FieldErrorf("kind", "ParseEntryKind", "loại nghiệp vụ %q không hợp lệ; dùng một trong: %s", s, strings.Join(names, ", "))
}

// Label is the Vietnamese name of the kind.
func (k EntryKind) Label() string {
	if l, ok := entryKindLabels[k]; ok {
		return l
	}
	return string(k)
}

// NeedsTieuMuc reports whether entries of this kind must name a Tiểu mục.
func (k EntryKind) NeedsTieuMuc() bool { return k == EntrySpending }

// IsVoucher reports whether entries of this kind are treasury or spending
// vouchers, which must be dated within their period.
func (k EntryKind) IsVoucher() bool {
	return k == EntryWithdrawal || k == EntrySpending || k == EntryReturned
}

// Line is the key the settlement rules work on: a Khoản and a nature.
type Line struct {
	Khoan  string
	Nature Nature
}

func (l Line) String() string { return "Khoản " + l.Khoan + " " + string(l.Nature) }

// Entry is one append-only record of the ledger. Amounts are positive except
// for adjustments (±) and reversals (the negation of what they reverse).
type Entry struct {
	ID       string // unique across every ledger; kept when the entry travels
	Unit     string // Mã ĐVQHNS of the subordinate unit
	Period   Period
	Kind     EntryKind
	Nature   Nature
	Khoan    string
	TieuMuc  string // required for spending, optional otherwise
	Amount   Money
	Doc      string // số chứng từ / số quyết định
	Date     Date
	Memo     string
	Reverses string // the id of the entry this one reverses, if any

	// Origin says what recorded the entry when it was not keyed in:
	// "close:2026-H1" for the carry-overs of that period's closing,
	// "import", "demo". It travels with the entry from ledger to ledger, so
	// it is a description only: what this ledger's own actions select by
	// is Via, which no file sets.
	Origin string

	// Set by the store.
	Via       EntryVia
	Seq       int64
	CreatedAt time.Time
	CreatedBy string
}

// EntryVia says how an entry came into this ledger. The store sets it
// when it records the entry and never takes it from a file, so that a
// value read from a workbook (such as Origin) cannot make this ledger's
// own actions — reopening a period, reversing an entry — touch it.
type EntryVia string

const (
	ViaKeyed   EntryVia = ""        // keyed in, a batch, an allocation decision, the demo
	ViaClosing EntryVia = "closing" // this ledger's closing of a period, or its reopening
	ViaImport  EntryVia = "import"  // a subordinate unit's settlement workbook
	ViaAnnex   EntryVia = "annex"   // the superior unit's annex: the superior's own entries
)

// SuperiorKind reports whether entries of the kind are the superior
// unit's to issue and send in an annex: allocations and adjustments (and
// their reversals).
func (k EntryKind) SuperiorKind() bool { return k == EntryAllocation || k == EntryAdjustment }

// Diff says how two entries with one id differ, field by field, or ""
// if they are the same entry. Who recorded them, when and how (Origin,
// Via) are the ledgers' own and not compared.
func (e *Entry) Diff(o *Entry) string {
	var d []string
	check := func(name string, x, y any) {
		if x != y {
			d = append(d, fmt.Sprintf("%s %v ≠ %v", name, x, y))
		}
	}
	check("đơn vị", e.Unit, o.Unit)
	check("kỳ", e.Period, o.Period)
	check("loại", e.Kind, o.Kind)
	check("tính chất", e.Nature, o.Nature)
	check("Khoản", e.Khoan, o.Khoan)
	check("Tiểu mục", e.TieuMuc, o.TieuMuc)
	check("số tiền", e.Amount, o.Amount)
	check("chứng từ", strings.TrimSpace(e.Doc), strings.TrimSpace(o.Doc))
	check("ngày", e.Date, o.Date)
	check("diễn giải", e.Memo, o.Memo)
	check("đảo bút toán", e.Reverses, o.Reverses)
	return strings.Join(d, "; ")
}

// Line is the settlement line the entry affects.
func (e *Entry) Line() Line { return Line{Khoan: e.Khoan, Nature: e.Nature} }

// IsReversal reports whether the entry reverses another.
func (e *Entry) IsReversal() bool { return e.Reverses != "" }

// Normalize is how an entry's text enters the domain: the document number
// and memo in NFC and trimmed (NormalizeText, NormalizeMultiline), the codes
// trimmed. Every path that records an entry calls it before Validate.
func (e *Entry) Normalize() {
	e.Unit = strings.TrimSpace(e.Unit)
	e.Khoan = strings.TrimSpace(e.Khoan)
	e.TieuMuc = strings.TrimSpace(e.TieuMuc)
	e.Doc = NormalizeText(e.Doc)
	e.Memo = NormalizeMultiline(e.Memo)
}

// Validate checks an entry on its own: shapes, signs, dates, text (CheckText)
// and that its codes exist in cat (when cat is not nil). Rules that depend on
// the rest of the ledger are in CheckEntry.
func (e *Entry) Validate(cat *Catalogue) error {
	const op = "Entry.Validate"
	if e.ID != "" && !ValidID(e.ID) {
		return FieldErrorf("id", op, "mã bút toán %q không hợp lệ", e.ID)
	}
	if !isDigits(e.Unit, 7) {
		return FieldErrorf("unit", op, "mã đơn vị %q phải gồm đúng 7 chữ số", e.Unit)
	}
	if e.Period.IsZero() {
		return FieldErrorf("period", op, "chưa chọn kỳ")
	}
	if _, err := ParseEntryKind(string(e.Kind)); err != nil {
		return err
	}
	if _, err := ParseNature(string(e.Nature)); err != nil {
		return err
	}
	if !isDigits(e.Khoan, 3) {
		return FieldErrorf("khoan", op, "mã Khoản %q phải gồm đúng 3 chữ số", e.Khoan)
	}
	if cat != nil {
		if err := cat.usable(op, "khoan", LevelKhoan, e.Khoan, e.codeYear()); err != nil {
			return err
		}
	}
	switch {
	case e.TieuMuc == "" && e.Kind.NeedsTieuMuc():
		return FieldErrorf("tieu_muc", op, "%s phải ghi Tiểu mục", e.Kind.Label())
	case e.TieuMuc != "" && !isDigits(e.TieuMuc, 4):
		return FieldErrorf("tieu_muc", op, "mã Tiểu mục %q phải gồm đúng 4 chữ số", e.TieuMuc)
	case e.TieuMuc != "" && cat != nil:
		if err := cat.usable(op, "tieu_muc", LevelTieuMuc, e.TieuMuc, e.codeYear()); err != nil {
			return err
		}
	}
	if err := CheckAmount("amount", op, e.Amount); err != nil {
		return err
	}
	switch {
	case e.Amount == 0:
		return FieldErrorf("amount", op, "số tiền phải khác 0")
	case e.Amount < 0 && e.Kind != EntryAdjustment && !e.IsReversal():
		return FieldErrorf("amount", op, "số tiền %s âm: chỉ bút toán điều chỉnh dự toán được ghi số âm; muốn sửa sai hãy dùng bút toán đảo", e.Amount)
	}
	if IsBlank(e.Doc) {
		return FieldErrorf("doc", op, "chưa nhập số chứng từ / số quyết định")
	}
	if err := CheckText("doc", e.Doc, MaxDocRunes); err != nil {
		return err
	}
	if err := CheckMultilineText("memo", e.Memo, MaxMemoRunes); err != nil {
		return err
	}
	if e.Date.IsZero() {
		return FieldErrorf("date", op, "chưa nhập ngày chứng từ")
	}
	if e.Period.End().Before(e.Date) {
		return FieldErrorf("date", op, "ngày %s sau ngày cuối kỳ %s (%s)", e.Date.VN(), e.Period.Name(), e.Period.End().VN())
	}
	if e.Kind.IsVoucher() && !e.Period.Contains(e.Date) && !e.IsReversal() {
		return FieldErrorf("date", op, "chứng từ %s ngày %s không thuộc %s (%s – %s)",
			e.Kind.Label(), e.Date.VN(), e.Period.Name(), e.Period.Start().VN(), e.Period.End().VN())
	}
	return nil
}

// codeYear is the budget year whose catalogue the entry's codes must be
// in force for: its period's, except for a reversal (it undoes what was
// recorded on the codes of its day) and for balances carried between
// periods (they move what exists), which any code of the catalogue may
// carry (0).
func (e *Entry) codeYear() int {
	switch e.Kind {
	case EntryCarryInReceived, EntryCarryInEstimate, EntryCarryOutReceived, EntryCarryOutEstimate:
		return 0
	}
	if e.IsReversal() {
		return 0
	}
	return e.Period.Year
}

// usable refuses a code the catalogue lacks, or one not in force in year
// (0: any year), naming the code that replaces it when one is recorded.
func (c *Catalogue) usable(op, field string, level CodeLevel, code string, year int) error {
	v, ok := c.Lookup(level, code)
	if !ok {
		return FieldErrorf(field, op, "%s %s chưa có trong danh mục", level.Label(), code)
	}
	if v.ValidIn(year) {
		return nil
	}
	msg := fmt.Sprintf("%s %s “%s” chỉ có hiệu lực từ năm %d, không dùng cho năm %d", level.Label(), code, v.Name, v.From, year)
	if v.Until != 0 && year > v.Until {
		msg = fmt.Sprintf("%s %s “%s” đã hết hiệu lực sau năm %d, không dùng cho năm %d", level.Label(), code, v.Name, v.Until, year)
	}
	if v.Replacement != "" {
		msg += fmt.Sprintf(": dùng %s %s", level.Label(), v.Replacement)
		if name := c.Name(level, v.Replacement); name != "" {
			msg += " “" + name + "”"
		}
	}
	return FieldErrorf(field, op, "%s", msg)
}

// ReversalDate is the date of e's reversal recorded on today: today when
// today falls in e's period, else the period's last day — and never
// before e itself, so a reversal dated ahead of a voucher keyed for later
// in the period takes the voucher's date.
func ReversalDate(e *Entry, today Date) Date {
	d := e.Period.End()
	if e.Period.Contains(today) {
		d = today
	}
	if d.Before(e.Date) {
		d = e.Date
	}
	return d
}

// Reversal returns the entry that cancels e: same line, negated amount,
// naming e. The caller sets its date (ReversalDate), document and memo.
func (e *Entry) Reversal() Entry {
	return Entry{
		Unit: e.Unit, Period: e.Period, Kind: e.Kind, Nature: e.Nature,
		Khoan: e.Khoan, TieuMuc: e.TieuMuc, Amount: -e.Amount, Reverses: e.ID,
	}
}

// NewID returns a new entry id: a UUID version 7, time-ordered so ids
// written together sit together in an index, and unique across ledgers.
func NewID(now time.Time) string {
	var b [16]byte
	if _, err := rand.Read(b[6:]); err != nil {
		panic("ledger: no randomness: " + err.Error())
	}
	ms := uint64(now.UnixMilli())
	for i := 0; i < 6; i++ {
		b[i] = byte(ms >> (40 - 8*i))
	}
	b[6] = b[6]&0x0f | 0x70
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// ValidID reports whether s has the shape of an entry id (a UUID).
func ValidID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
				return false
			}
		}
	}
	return true
}
