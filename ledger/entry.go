package ledger

import (
	"crypto/rand"
	"encoding/hex"
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
	// "import", "demo". Reopening a period reverses its closing's entries.
	Origin string

	// Set by the store.
	Seq       int64
	CreatedAt time.Time
	CreatedBy string
}

// Line is the settlement line the entry affects.
func (e *Entry) Line() Line { return Line{Khoan: e.Khoan, Nature: e.Nature} }

// IsReversal reports whether the entry reverses another.
func (e *Entry) IsReversal() bool { return e.Reverses != "" }

// Validate checks an entry on its own: shapes, signs, dates, and that its
// codes exist in cat (when cat is not nil). Rules that depend on the rest of
// the ledger are in CheckEntry.
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
		if _, ok := cat.Lookup(LevelKhoan, e.Khoan); !ok {
			return FieldErrorf("khoan", op, "Khoản %s chưa có trong danh mục", e.Khoan)
		}
	}
	switch {
	case e.TieuMuc == "" && e.Kind.NeedsTieuMuc():
		return FieldErrorf("tieu_muc", op, "%s phải ghi Tiểu mục", e.Kind.Label())
	case e.TieuMuc != "" && !isDigits(e.TieuMuc, 4):
		return FieldErrorf("tieu_muc", op, "mã Tiểu mục %q phải gồm đúng 4 chữ số", e.TieuMuc)
	case e.TieuMuc != "" && cat != nil:
		if _, ok := cat.Lookup(LevelTieuMuc, e.TieuMuc); !ok {
			return FieldErrorf("tieu_muc", op, "Tiểu mục %s chưa có trong danh mục", e.TieuMuc)
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
	if strings.TrimSpace(e.Doc) == "" {
		return FieldErrorf("doc", op, "chưa nhập số chứng từ / số quyết định")
	}
	if len(e.Doc) > 100 {
		return FieldErrorf("doc", op, "số chứng từ dài quá 100 ký tự")
	}
	if len(e.Memo) > 1000 {
		return FieldErrorf("memo", op, "diễn giải dài quá 1000 ký tự")
	}
	if e.Date.IsZero() {
		return FieldErrorf("date", op, "chưa nhập ngày chứng từ")
	}
	if e.Period.End().Before(e.Date) {
		return FieldErrorf("date", op, "ngày %s sau ngày cuối kỳ %s (%s)", e.Date.VN(), e.Period.Label(), e.Period.End().VN())
	}
	if e.Kind.IsVoucher() && !e.Period.Contains(e.Date) && !e.IsReversal() {
		return FieldErrorf("date", op, "chứng từ %s ngày %s không thuộc %s (%s – %s)",
			e.Kind.Label(), e.Date.VN(), e.Period.Label(), e.Period.Start().VN(), e.Period.End().VN())
	}
	return nil
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
