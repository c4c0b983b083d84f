package ledger

import (
	"math"
	"strconv"
	"strings"
)

// Money is an amount in whole đồng. VND has no minor unit, so there is no
// fraction anywhere; arithmetic that could overflow is checked.
type Money int64

// MaxAmount is the largest amount one entry or one approved figure may
// have: 10^15 đồng, a thousand times a large district's yearly budget.
// Sums of amounts are checked separately: an overflow is an error, never a
// figure.
const MaxAmount Money = 1_000_000_000_000_000

// CheckAmount refuses an amount beyond MaxAmount either way, as an error of
// field.
func CheckAmount(field, op string, m Money) error {
	if m > MaxAmount || m < -MaxAmount {
		return FieldErrorf(field, op, "số tiền %s vượt giới hạn %s đồng cho một bút toán hay một số duyệt", m, MaxAmount)
	}
	return nil
}

// overflow is the error of a sum that does not fit in int64.
func overflow(op string) error {
	return Errorf(KindInvalid, op, "tổng số tiền vượt giới hạn tính toán (%s đồng): không lập được số liệu", Money(math.MaxInt64))
}

// addMoney returns a+b and whether it fits.
func addMoney(a, b Money) (Money, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}

// mulSign returns sign×m for a sign of −1, 0 or 1, and whether it fits.
func mulSign(sign int64, m Money) (Money, bool) {
	switch {
	case sign == 0:
		return 0, true
	case sign > 0:
		return m, true
	case m == math.MinInt64:
		return 0, false
	}
	return -m, true
}

// Sum adds amounts and remembers an overflow instead of wrapping.
type Sum struct {
	v    Money
	over bool
}

// Add adds m to the sum.
func (s *Sum) Add(m Money) {
	if !s.over {
		s.v, s.over = addOrOver(s.v, m)
	}
}

// Sub subtracts m from the sum.
func (s *Sum) Sub(m Money) {
	neg, ok := mulSign(-1, m)
	if !ok {
		s.over = true
		return
	}
	s.Add(neg)
}

// AddAbs adds |m|. A sum of magnitudes that fits bounds every signed sum
// of the same amounts, in any grouping and order: code that checks it once
// may then add those amounts without a check of its own.
func (s *Sum) AddAbs(m Money) {
	if m < 0 {
		s.Sub(m)
	} else {
		s.Add(m)
	}
}

// SumEntries is the sum of the entries' amounts, or an error of operation
// op if it overflows.
func SumEntries(op string, entries []*Entry) (Money, error) {
	var s Sum
	for _, e := range entries {
		s.Add(e.Amount)
	}
	return s.Value(op)
}

func addOrOver(a, b Money) (Money, bool) {
	v, ok := addMoney(a, b)
	return v, !ok
}

// Value is the sum, or an error of operation op if it overflowed.
func (s Sum) Value(op string) (Money, error) {
	if s.over {
		return 0, overflow(op)
	}
	return s.v, nil
}

// ParseMoney reads an amount as a Vietnamese accountant types it:
// "1.234.567", "1234567", "1 234 567", "-5.000" or "(5.000)". Dots and spaces
// are digit-group separators only; a comma or a decimal part is refused,
// since đồng are whole.
func ParseMoney(s string) (Money, error) {
	const op = "ParseMoney"
	orig := s
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, FieldErrorf("amount", op, "chưa nhập số tiền")
	}
	neg := false
	switch {
	case strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"):
		neg, s = true, strings.TrimSpace(s[1:len(s)-1])
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "\u2212"):
		neg = true
		s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "-"), "\u2212"))
	case strings.HasPrefix(s, "+"):
		s = strings.TrimSpace(s[1:])
	}
	if strings.ContainsRune(s, ',') {
		return 0, FieldErrorf("amount", op, "số tiền %q có dấu phẩy: tiền đồng không có phần lẻ, nhóm chữ số bằng dấu chấm (1.234.567)", orig)
	}
	var digits strings.Builder
	groupSep := rune(0)
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '.' || r == ' ' || r == '\u00a0':
			if groupSep != 0 && r != groupSep && !(isSpace(r) && isSpace(groupSep)) {
				return 0, FieldErrorf("amount", op, "số tiền %q trộn lẫn dấu chấm và dấu cách", orig)
			}
			groupSep = r
		default:
			return 0, FieldErrorf("amount", op, "số tiền %q có ký tự không hợp lệ %q ở vị trí %d", orig, r, i+1)
		}
	}
	if digits.Len() == 0 {
		return 0, FieldErrorf("amount", op, "số tiền %q không có chữ số", orig)
	}
	if groupSep != 0 && !validGrouping(s, groupSep) {
		return 0, FieldErrorf("amount", op, "số tiền %q nhóm chữ số sai: mỗi nhóm sau dấu phân cách phải đủ 3 chữ số (tiền đồng không có phần thập phân)", orig)
	}
	n, err := strconv.ParseInt(digits.String(), 10, 64)
	if err != nil || Money(n) > MaxAmount {
		return 0, FieldErrorf("amount", op, "số tiền %q vượt giới hạn %s đồng cho một bút toán", orig, MaxAmount)
	}
	if neg {
		n = -n
	}
	return Money(n), nil
}

func isSpace(r rune) bool { return r == ' ' || r == '\u00a0' }

// validGrouping reports whether s is groups of three digits after a first
// group of one to three, separated by sep (spaces count as one separator).
func validGrouping(s string, sep rune) bool {
	var groups []string
	if isSpace(sep) {
		groups = strings.FieldsFunc(s, isSpace)
	} else {
		groups = strings.Split(s, string(sep))
	}
	for i, g := range groups {
		if i == 0 && (len(g) < 1 || len(g) > 3) {
			return false
		}
		if i > 0 && len(g) != 3 {
			return false
		}
	}
	return len(groups) > 1
}

// String formats m with Vietnamese digit grouping and a leading minus:
// 1234567 → "1.234.567", -5000 → "-5.000".
func (m Money) String() string {
	if m < 0 {
		return "-" + groupDigits(uabs(m))
	}
	return groupDigits(uint64(m))
}

// Report formats m as printed in a report: negatives in parentheses.
func (m Money) Report() string {
	if m < 0 {
		return "(" + groupDigits(uabs(m)) + ")"
	}
	return groupDigits(uint64(m))
}

// Thousands rounds m to nghìn đồng, half away from zero, for a view in
// thousands. The caller labels the unit.
func (m Money) Thousands() Money { return m.roundTo(1000) }

// Millions rounds m to triệu đồng, half away from zero.
func (m Money) Millions() Money { return m.roundTo(1_000_000) }

func (m Money) roundTo(unit int64) Money {
	v := int64(m)
	if v >= 0 {
		return Money(v/unit + boolInt(v%unit*2 >= unit))
	}
	return -Money(-(v / unit) + boolInt(-(v%unit)*2 >= unit))
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func uabs(m Money) uint64 {
	if m < 0 {
		return uint64(-(m + 1)) + 1 // safe for MinInt64
	}
	return uint64(m)
}

func groupDigits(u uint64) string {
	s := strconv.FormatUint(u, 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	first := len(s) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(s[:first])
	for i := first; i < len(s); i += 3 {
		b.WriteByte('.')
		b.WriteString(s[i : i+3])
	}
	return b.String()
}
