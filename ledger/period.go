package ledger

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Period is a settlement period: a whole budget year (Half 0, "2026"),
// the legal settlement period, or one of its halves, kept as execution
// reports and by ledgers that close twice a year: 2026-H1 is January to
// June, 2026-H2 July to December. It is a small comparable value; the zero
// Period is no period.
type Period struct {
	Year int
	Half int // 0 for the whole year, 1 or 2 for a half
}

// YearPeriod is the whole budget year y.
func YearPeriod(y int) Period { return Period{Year: y} }

// ParsePeriod reads "2026" (the whole year), "2026-H1" or "2026-H2" (the h
// may be lower case).
func ParsePeriod(s string) (Period, error) {
	const op = "ParsePeriod"
	t := strings.ToUpper(strings.TrimSpace(s))
	half := 0
	switch {
	case len(t) == 4 && isDigits(t, 4):
	case len(t) == 7 && t[4] == '-' && t[5] == 'H' && (t[6] == '1' || t[6] == '2') && isDigits(t[:4], 4):
		half = int(t[6] - '0')
	default:
		return Period{}, FieldErrorf("period", op, "kỳ %q không hợp lệ: viết dạng 2026 (cả năm), 2026-H1 (6 tháng đầu năm) hoặc 2026-H2 (6 tháng cuối năm)", s)
	}
	y, _ := strconv.Atoi(t[:4])
	if y < 2000 || y > 2100 {
		return Period{}, FieldErrorf("period", op, "năm %d của kỳ %q nằm ngoài khoảng 2000–2100", y, s)
	}
	return Period{Year: y, Half: half}, nil
}

// MustPeriod is ParsePeriod for constants in tests and demo data.
func MustPeriod(s string) Period {
	p, err := ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

// PeriodOf returns the half-year containing d.
func PeriodOf(d Date) Period {
	if d.Month() <= 6 {
		return Period{Year: d.Year(), Half: 1}
	}
	return Period{Year: d.Year(), Half: 2}
}

// String is the period as stored and typed: "2026", "2026-H1".
func (p Period) String() string {
	y := strconv.Itoa(p.Year)
	if p.Year < 1000 || p.Year > 9999 { // only the zero Period, in practice
		y = fmt.Sprintf("%04d", p.Year)
	}
	if p.Half == 0 {
		return y
	}
	return y + "-H" + strconv.Itoa(p.Half)
}

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p.Year == 0 }

// IsYear reports whether p is a whole budget year.
func (p Period) IsYear() bool { return p.Year != 0 && p.Half == 0 }

// WholeYear is the budget year p belongs to (p itself for a year).
func (p Period) WholeYear() Period { return Period{Year: p.Year} }

// Halves are the two half-years of p's budget year, in order.
func (p Period) Halves() [2]Period {
	return [2]Period{{Year: p.Year, Half: 1}, {Year: p.Year, Half: 2}}
}

// Covers reports whether q is p or, p being a year, one of its halves:
// the periods whose entries p's statement is made of.
func (p Period) Covers(q Period) bool {
	return p == q || (p.IsYear() && q.Year == p.Year)
}

// Label is the Vietnamese name printed on reports: "Năm 2026", "6 tháng
// đầu năm 2026", "6 tháng cuối năm 2026".
func (p Period) Label() string {
	switch p.Half {
	case 0:
		return fmt.Sprintf("Năm %d", p.Year)
	case 1:
		return fmt.Sprintf("6 tháng đầu năm %d", p.Year)
	}
	return fmt.Sprintf("6 tháng cuối năm %d", p.Year)
}

// Name is the label within a sentence: "năm 2026", "6 tháng đầu năm 2026".
func (p Period) Name() string {
	if p.Half == 0 {
		return fmt.Sprintf("năm %d", p.Year)
	}
	return p.Label()
}

// Next is the period of the same length that follows p: the next year, or
// the next half-year (H2 is followed by next year's H1).
func (p Period) Next() Period {
	switch p.Half {
	case 0:
		return Period{Year: p.Year + 1}
	case 1:
		return Period{Year: p.Year, Half: 2}
	}
	return Period{Year: p.Year + 1, Half: 1}
}

// Prev is the period of the same length before p.
func (p Period) Prev() Period {
	switch p.Half {
	case 0:
		return Period{Year: p.Year - 1}
	case 2:
		return Period{Year: p.Year, Half: 1}
	}
	return Period{Year: p.Year - 1, Half: 2}
}

// Before reports whether p sorts before q: by year, a year before its
// halves (the order of their names, "2026" < "2026-H1" < "2026-H2").
func (p Period) Before(q Period) bool {
	return p.Year < q.Year || (p.Year == q.Year && p.Half < q.Half)
}

// Start is the first day of p.
func (p Period) Start() Date {
	if p.Half == 2 {
		return NewDate(p.Year, 7, 1)
	}
	return NewDate(p.Year, 1, 1)
}

// End is the last day of p.
func (p Period) End() Date {
	if p.Half == 1 {
		return NewDate(p.Year, 6, 30)
	}
	return NewDate(p.Year, 12, 31)
}

// Contains reports whether d falls within p.
func (p Period) Contains(d Date) bool { return !d.Before(p.Start()) && !p.End().Before(d) }

// Periodicity is how a unit's ledger is kept: by half-years, closed twice
// a year (the year's statement is made from its halves), or by whole
// years, closed once. A year already begun keeps the way its entries were
// recorded in.
type Periodicity string

const (
	ByHalfYear Periodicity = "half"
	ByYear     Periodicity = "year"
)

// Periodicities lists the ways in the order a form offers them.
var Periodicities = []Periodicity{ByYear, ByHalfYear}

// ParsePeriodicity reads "year" or "half" ("" is half, the default).
func ParsePeriodicity(s string) (Periodicity, error) {
	switch w := Periodicity(strings.ToLower(strings.TrimSpace(s))); w {
	case "", ByHalfYear:
		return ByHalfYear, nil
	case ByYear:
		return w, nil
	}
	return "", FieldErrorf("periods", "ParsePeriodicity", "cách ghi sổ %q không hợp lệ: dùng year (theo năm) hoặc half (theo 6 tháng)", s)
}

// Label is the Vietnamese name of the way.
func (w Periodicity) Label() string {
	if w == ByYear {
		return "Theo năm (khóa sổ cuối năm)"
	}
	return "Theo 6 tháng (khóa sổ giữa năm và cuối năm)"
}

// Other is the other way.
func (w Periodicity) Other() Periodicity {
	if w == ByYear {
		return ByHalfYear
	}
	return ByYear
}

// Periodicity is the way p belongs to: a year to ByYear, a half to
// ByHalfYear.
func (p Period) Periodicity() Periodicity {
	if p.IsYear() {
		return ByYear
	}
	return ByHalfYear
}

// Fits reports whether entries may be recorded in p when kept this way.
func (w Periodicity) Fits(p Period) bool { return !p.IsZero() && p.Periodicity() == w }

// PeriodOf is the period of this way that contains d.
func (w Periodicity) PeriodOf(d Date) Period {
	if w == ByYear {
		return YearPeriod(d.Year())
	}
	return PeriodOf(d)
}

// Periods are the periods of year y kept this way.
func (w Periodicity) Periods(y int) []Period {
	if w == ByYear {
		return []Period{YearPeriod(y)}
	}
	h := YearPeriod(y).Halves()
	return h[:]
}

// NextAfter is the period a closing of p carries into when the next
// budget year is kept this way: a first half carries into the second, the
// end of a year into the next year, or into its first half.
func (w Periodicity) NextAfter(p Period) Period {
	if p.Half == 1 {
		return p.Next()
	}
	if w == ByYear {
		return YearPeriod(p.Year + 1)
	}
	return Period{Year: p.Year + 1, Half: 1}
}

// PrevBefore is the period whose closing carried into p when the budget
// year before p's is kept this way: the first half before a second half,
// else the last period of the year before (its second half, or the year).
// The carry-ins of p's opening are checked against its carry-outs.
func (w Periodicity) PrevBefore(p Period) Period {
	if p.Half == 2 {
		return p.Prev()
	}
	ps := w.Periods(p.Year - 1)
	return ps[len(ps)-1]
}

// CheckPeriod refuses recording in p for unit when p's budget year is
// kept the other way, saying which periods to use.
func (w Periodicity) CheckPeriod(op, unit string, p Period) error {
	switch {
	case w.Fits(p):
		return nil
	case w == ByYear:
		return FieldErrorf("period", op, "đơn vị %s ghi sổ năm %d theo cả năm, không chia kỳ 6 tháng: dùng kỳ %d", unit, p.Year, p.Year)
	}
	return FieldErrorf("period", op, "đơn vị %s ghi sổ năm %d theo 6 tháng: dùng kỳ %d-H1 (6 tháng đầu năm) hoặc %d-H2 (6 tháng cuối năm); số liệu cả năm %d được tổng hợp từ hai kỳ này",
		unit, p.Year, p.Year, p.Year, p.Year)
}

// YearStatus is the status of a budget year kept by half-years: closed
// once its second half is closed, and its first too unless it has no
// entries.
func YearStatus(h1, h2 PeriodStatus, h1HasEntries bool) PeriodStatus {
	if h2 == PeriodClosed && (h1 == PeriodClosed || !h1HasEntries) {
		return PeriodClosed
	}
	return PeriodOpen
}

// PeriodStatus says whether entries may still be recorded in a period.
type PeriodStatus string

const (
	PeriodOpen   PeriodStatus = "open"
	PeriodClosed PeriodStatus = "closed"
)

// Label is the Vietnamese name of the status.
func (s PeriodStatus) Label() string {
	if s == PeriodClosed {
		return "Đã khóa sổ"
	}
	return "Đang mở"
}

// Date is a calendar day without time zone, as written on a voucher.
type Date struct{ t time.Time }

// NewDate builds a Date; it panics on an impossible day, so use ParseDate
// for input.
func NewDate(year, month, day int) Date {
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || int(t.Month()) != month {
		panic(fmt.Sprintf("ledger: impossible date %04d-%02d-%02d", year, month, day))
	}
	return Date{t}
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date { return NewDate(t.Year(), int(t.Month()), t.Day()) }

// ParseDate reads "2026-01-05" (ISO) or "05/01/2026" (day/month/year, as
// Vietnamese documents write it).
func ParseDate(s string) (Date, error) {
	const op = "ParseDate"
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, FieldErrorf("date", op, "chưa nhập ngày")
	}
	var y, m, d int
	var err error
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, m, d, err = atoi3(s[0:4], s[5:7], s[8:10])
	case strings.Count(s, "/") == 2:
		parts := strings.Split(s, "/")
		if len(parts[2]) != 4 || len(parts[0]) < 1 || len(parts[0]) > 2 || len(parts[1]) < 1 || len(parts[1]) > 2 {
			err = fmt.Errorf("shape")
			break
		}
		d, m, y, err = atoi3(parts[0], parts[1], parts[2])
	default:
		err = fmt.Errorf("shape")
	}
	if err != nil {
		return Date{}, FieldErrorf("date", op, "ngày %q không hợp lệ: viết dạng dd/mm/yyyy (05/01/2026) hoặc yyyy-mm-dd (2026-01-05)", s)
	}
	if y < 2000 || y > 2100 {
		return Date{}, FieldErrorf("date", op, "ngày %q: năm %d nằm ngoài khoảng 2000–2100", s, y)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || t.Day() != d || int(t.Month()) != m {
		return Date{}, FieldErrorf("date", op, "ngày %q không có trên lịch", s)
	}
	return Date{t}, nil
}

func atoi3(a, b, c string) (int, int, int, error) {
	var out [3]int
	for i, s := range []string{a, b, c} {
		for j := 0; j < len(s); j++ {
			if s[j] < '0' || s[j] > '9' {
				return 0, 0, 0, fmt.Errorf("digit")
			}
		}
		out[i], _ = strconv.Atoi(s)
	}
	return out[0], out[1], out[2], nil
}

func (d Date) Year() int          { return d.t.Year() }
func (d Date) Month() int         { return int(d.t.Month()) }
func (d Date) Day() int           { return d.t.Day() }
func (d Date) IsZero() bool       { return d.t.IsZero() }
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// String is the ISO form stored in the database: 2026-01-05.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2006-01-02")
}

// VN is the Vietnamese form: 05/01/2026.
func (d Date) VN() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("02/01/2006")
}

// Long is the date line of a report: "ngày 05 tháng 01 năm 2026".
func (d Date) Long() string {
	return fmt.Sprintf("ngày %02d tháng %02d năm %d", d.Day(), d.Month(), d.Year())
}
