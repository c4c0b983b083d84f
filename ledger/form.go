package ledger

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
)

// Form is the definition of the settlement statement (B01/BCQT): its rows
// with code, label and formula, kept as data so that a new circular is a
// data change. Input rows sum entries of given kinds and nature; computed
// rows are sums and differences of other rows.
type Form struct {
	Name     string `json:"name"`     // "B01/BCQT"
	Circular string `json:"circular"` // the circular that issued it, when no version says otherwise
	// Versions say which circular the form is printed under, by the
	// budget year reported: TT 107/2017 up to 2024, TT 24/2024 from 2025.
	Versions []FormVersion `json:"versions,omitempty"`
	Title    string        `json:"title"`
	// Headings are the uncoded lines the form prints before some rows
	// ("A  NGÂN SÁCH NHÀ NƯỚC" before row 01).
	Headings []FormHeading `json:"headings,omitempty"`
	Rows     []FormRow     `json:"rows"`
	// Balances names, for each nature, the row that must not go below zero
	// when funds received are used ("received", rows 23/27) and when the
	// estimate at the Treasury is drawn ("estimate", rows 24/28).
	Balances map[string]map[Nature]string `json:"balances"`
	// Roles names the row that plays each part the program needs (the
	// sum usable in the period, the spending settled, what is carried
	// over…), so that no code names a row by its number (formroles.go).
	Roles map[Role]string `json:"roles"`
	// Identity is the identity the statement always satisfies, e.g.
	// "11=17+20+29".
	Identity string `json:"identity"`
	// PeriodWords are the words labels take for each way of keeping a
	// ledger: "{trong}" is "trong năm" in a year's statement, "trong kỳ"
	// in a half-year's (formyear.go).
	PeriodWords map[Periodicity]map[string]string `json:"period_words"`

	index    map[string]int
	stocks   map[EntryKind]Stock // formyear.go
	carries  []carryPair
	variants map[Periodicity]*Form // the form with each way's words (ForPeriod)
	terms    map[string][]term
	order    []int // rows in evaluation order

	volumeLimit Money // see VolumeLimit
	// weights is how many times an amount of each kind counts in each
	// balance row, per nature: CheckEntry needs it for every entry.
	weights map[balanceWeight]Money
}

type balanceWeight struct {
	code string
	n    Nature
	k    EntryKind
}

// FormRow is one row of the statement.
type FormRow struct {
	STT     string      `json:"stt,omitempty"`
	Code    string      `json:"code"`
	Label   string      `json:"label"`
	Level   int         `json:"level,omitempty"` // indentation, 0 = top
	Bold    bool        `json:"bold,omitempty"`
	Formula string      `json:"formula,omitempty"` // "03+15-18-22-31"
	Kinds   []EntryKind `json:"kinds,omitempty"`   // for input rows
	Nature  Nature      `json:"nature,omitempty"`  // for input rows
	// Stock says whether an input row is a balance brought forward or
	// carried over rather than a movement; an opening row names the
	// closing row of the previous period it is brought From (formyear.go).
	Stock Stock  `json:"stock,omitempty"`
	From  string `json:"from,omitempty"`
}

// FormVersion is the circular a form is printed under for the budget
// years From..Until (0: unbounded).
type FormVersion struct {
	From     int    `json:"from,omitempty"`
	Until    int    `json:"until,omitempty"`
	Circular string `json:"circular"`
}

// FormHeading is an uncoded line printed before row Before: a section of
// the form ("A", "NGÂN SÁCH NHÀ NƯỚC").
type FormHeading struct {
	Before string `json:"before"`
	STT    string `json:"stt"`
	Label  string `json:"label"`
}

// CircularFor is the circular the form is printed under for a budget year:
// the version whose years contain it, else the form's Circular.
func (f *Form) CircularFor(year int) string {
	for _, v := range f.Versions {
		if (v.From == 0 || year >= v.From) && (v.Until == 0 || year <= v.Until) {
			return v.Circular
		}
	}
	return f.Circular
}

// HeadingsBefore lists the headings printed before row code, in order.
func (f *Form) HeadingsBefore(code string) []FormHeading {
	var out []FormHeading
	for _, h := range f.Headings {
		if h.Before == code {
			out = append(out, h)
		}
	}
	return out
}

// FormLine is one printed line of the form: a heading, or a row.
type FormLine struct {
	Heading *FormHeading // nil for a row
	Row     FormRow
}

// Lines lists the form's printed lines in order, each row after the
// headings printed before it: what the app shows and the workbooks print.
func (f *Form) Lines() []FormLine {
	out := make([]FormLine, 0, len(f.Rows)+len(f.Headings))
	for _, r := range f.Rows {
		for _, h := range f.HeadingsBefore(r.Code) {
			out = append(out, FormLine{Heading: &h})
		}
		out = append(out, FormLine{Row: r})
	}
	return out
}

// IsInput reports whether the row sums entries rather than other rows.
func (r FormRow) IsInput() bool { return r.Formula == "" }

type term struct {
	sign int64
	code string
}

// ParseForm reads a form definition (JSON) and checks it: unique codes,
// formulas over known rows, no cycles, input rows with valid kinds.
func ParseForm(data []byte) (*Form, error) {
	const op = "ParseForm"
	var f Form
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, Errorf(KindInvalid, op, "định nghĩa biểu mẫu không đọc được: %v", err)
	}
	f.index = map[string]int{}
	f.terms = map[string][]term{}
	for i, r := range f.Rows {
		if r.Code == "" {
			return nil, Errorf(KindInvalid, op, "biểu mẫu %s: dòng %d thiếu mã số", f.Name, i+1)
		}
		if _, dup := f.index[r.Code]; dup {
			return nil, Errorf(KindInvalid, op, "biểu mẫu %s: mã số %s lặp lại", f.Name, r.Code)
		}
		f.index[r.Code] = i
	}
	for _, r := range f.Rows {
		if r.IsInput() {
			if len(r.Kinds) == 0 {
				return nil, Errorf(KindInvalid, op, "biểu mẫu %s: mã số %s không có công thức cũng không có nghiệp vụ", f.Name, r.Code)
			}
			for _, k := range r.Kinds {
				if _, err := ParseEntryKind(string(k)); err != nil {
					return nil, Errorf(KindInvalid, op, "biểu mẫu %s, mã số %s: %v", f.Name, r.Code, err)
				}
			}
			if _, err := ParseNature(string(r.Nature)); err != nil {
				return nil, Errorf(KindInvalid, op, "biểu mẫu %s, mã số %s: %v", f.Name, r.Code, err)
			}
			continue
		}
		ts, err := parseFormula(r.Formula)
		if err != nil {
			return nil, Errorf(KindInvalid, op, "biểu mẫu %s, mã số %s: %v", f.Name, r.Code, err)
		}
		for _, t := range ts {
			if _, ok := f.index[t.code]; !ok {
				return nil, Errorf(KindInvalid, op, "biểu mẫu %s, mã số %s: công thức dùng mã số %s không có", f.Name, r.Code, t.code)
			}
		}
		f.terms[r.Code] = ts
	}
	for _, h := range f.Headings {
		if _, ok := f.index[h.Before]; !ok || strings.TrimSpace(h.Label) == "" {
			return nil, Errorf(KindInvalid, op, "biểu mẫu %s: tiêu đề %q đặt trước mã số %q không có", f.Name, h.Label, h.Before)
		}
	}
	for _, v := range f.Versions {
		if strings.TrimSpace(v.Circular) == "" || (v.Until != 0 && v.Until < v.From) {
			return nil, Errorf(KindInvalid, op, "biểu mẫu %s: phiên bản %d–%d không hợp lệ", f.Name, v.From, v.Until)
		}
	}
	if err := f.sortRows(); err != nil {
		return nil, Errorf(KindInvalid, op, "biểu mẫu %s: %v", f.Name, err)
	}
	f.volumeLimit = Money(math.MaxInt64 / f.maxWeight())
	for kind, byNature := range f.Balances {
		for n, code := range byNature {
			if _, ok := f.index[code]; !ok {
				return nil, Errorf(KindInvalid, op, "biểu mẫu %s: số dư %s/%s dùng mã số %s không có", f.Name, kind, n, code)
			}
		}
	}
	if err := f.checkRoles(); err != nil {
		return nil, Errorf(KindInvalid, op, "biểu mẫu %s: %v", f.Name, err)
	}
	f.weighBalances()
	if err := f.checkStocks(); err != nil {
		return nil, Errorf(KindInvalid, op, "biểu mẫu %s: %v", f.Name, err)
	}
	if err := f.checkWords(); err != nil {
		return nil, Errorf(KindInvalid, op, "biểu mẫu %s: %v", f.Name, err)
	}
	f.makeVariants()
	if f.Identity != "" {
		lhs, rhs, ok := strings.Cut(f.Identity, "=")
		if !ok {
			return nil, Errorf(KindInvalid, op, "biểu mẫu %s: đẳng thức %q thiếu dấu =", f.Name, f.Identity)
		}
		for _, side := range []string{lhs, rhs} {
			ts, err := parseFormula(side)
			if err != nil {
				return nil, Errorf(KindInvalid, op, "biểu mẫu %s, đẳng thức: %v", f.Name, err)
			}
			for _, t := range ts {
				if _, ok := f.index[t.code]; !ok {
					return nil, Errorf(KindInvalid, op, "biểu mẫu %s: đẳng thức dùng mã số %s không có", f.Name, t.code)
				}
			}
		}
	}
	return &f, nil
}

func parseFormula(s string) ([]term, error) {
	s = strings.ReplaceAll(s, " ", "")
	if s == "" {
		return nil, fmt.Errorf("công thức rỗng")
	}
	var ts []term
	sign := int64(1)
	start := 0
	flush := func(end int) error {
		code := s[start:end]
		if code == "" {
			return fmt.Errorf("công thức %q sai cú pháp", s)
		}
		for i := 0; i < len(code); i++ {
			if code[i] < '0' || code[i] > '9' {
				return fmt.Errorf("công thức %q có ký tự lạ", s)
			}
		}
		ts = append(ts, term{sign, code})
		return nil
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '+' || s[i] == '-' {
			if err := flush(i); err != nil {
				return nil, err
			}
			sign = 1
			if s[i] == '-' {
				sign = -1
			}
			start = i + 1
		}
	}
	if err := flush(len(s)); err != nil {
		return nil, err
	}
	return ts, nil
}

func (f *Form) sortRows() error {
	const (
		unseen = iota
		visiting
		done
	)
	state := make([]int, len(f.Rows))
	var visit func(i int) error
	visit = func(i int) error {
		switch state[i] {
		case visiting:
			return fmt.Errorf("công thức vòng tròn ở mã số %s", f.Rows[i].Code)
		case done:
			return nil
		}
		state[i] = visiting
		for _, t := range f.terms[f.Rows[i].Code] {
			if err := visit(f.index[t.code]); err != nil {
				return err
			}
		}
		state[i] = done
		f.order = append(f.order, i)
		return nil
	}
	for i := range f.Rows {
		if err := visit(i); err != nil {
			return err
		}
	}
	return nil
}

// Row returns the definition of a row by code.
func (f *Form) Row(code string) (FormRow, bool) {
	i, ok := f.index[code]
	if !ok {
		return FormRow{}, false
	}
	return f.Rows[i], true
}

// Codes lists the row codes in print order.
func (f *Form) Codes() []string {
	out := make([]string, len(f.Rows))
	for i, r := range f.Rows {
		out[i] = r.Code
	}
	return out
}

// Terms returns the formula of a computed row as signed row codes; nil for
// an input row. Exports use it to write spreadsheet formulas.
func (f *Form) Terms(code string) (signs []int, codes []string) {
	for _, t := range f.terms[code] {
		signs = append(signs, int(t.sign))
		codes = append(codes, t.code)
	}
	return signs, codes
}

// Sums holds the sum of entry amounts per kind for one settlement line.
type Sums map[EntryKind]Money

// Rows holds the amount of every row of the statement, by row code.
type Rows map[string]Money

// Compute evaluates every row for one Khoản from the sums of its lines:
// input rows take the sums of their nature, computed rows their formula.
// A row that does not fit in int64 is an error, never a figure.
func (f *Form) Compute(byNature map[Nature]Sums) (Rows, error) {
	return f.evaluate(func(r FormRow) (Money, bool) {
		var v Sum
		s := byNature[r.Nature]
		for _, k := range r.Kinds {
			v.Add(s[k])
		}
		return v.v, !v.over
	})
}

// Recompute takes the input rows of rows as given and evaluates every
// computed row from them: the approved statement of a review, where the
// reviewer changes input figures and the rest follows by formula.
func (f *Form) Recompute(rows Rows) (Rows, error) {
	return f.evaluate(func(r FormRow) (Money, bool) { return rows[r.Code], true })
}

func (f *Form) evaluate(input func(FormRow) (Money, bool)) (Rows, error) {
	rows := make(Rows, len(f.Rows))
	for _, i := range f.order {
		r := f.Rows[i]
		var v Sum
		if r.IsInput() {
			in, ok := input(r)
			v.Add(in)
			v.over = v.over || !ok
		} else {
			for _, t := range f.terms[r.Code] {
				if t.sign < 0 {
					v.Sub(rows[t.code])
				} else {
					v.Add(rows[t.code])
				}
			}
		}
		val, err := v.Value("Form.evaluate")
		if err != nil {
			return nil, &Error{Kind: KindInvalid, Op: "Form.evaluate", Field: "amount",
				Msg: fmt.Sprintf("chỉ tiêu %s vượt giới hạn tính toán (%s đồng)", r.Code, Money(math.MaxInt64))}
		}
		rows[r.Code] = val
	}
	return rows, nil
}

// CheckIdentity verifies the form's identity (11 = 17 + 20 + 29) on rows
// and returns the difference left − right when it does not hold.
func (f *Form) CheckIdentity(rows Rows) (Money, bool) {
	if f.Identity == "" {
		return 0, true
	}
	lhs, rhs, _ := strings.Cut(f.Identity, "=")
	l, _ := parseFormula(lhs)
	r, _ := parseFormula(rhs)
	var d Sum
	for _, t := range l {
		if t.sign < 0 {
			d.Sub(rows[t.code])
		} else {
			d.Add(rows[t.code])
		}
	}
	for _, t := range r {
		if t.sign < 0 {
			d.Add(rows[t.code])
		} else {
			d.Sub(rows[t.code])
		}
	}
	if d.over {
		return 0, false
	}
	return d.v, d.v == 0
}

// Total is a stored sum: the amount of every entry of one kind on one line
// and Tiểu mục (empty when the entries name none).
type Total struct {
	Khoan   string
	Nature  Nature
	TieuMuc string
	Kind    EntryKind
	Amount  Money
}

// Statement is the settlement statement of one unit (or "*" for the sum of
// all subordinate units) for one period.
type Statement struct {
	Form    *Form // the form for Period: its labels say "năm" or "kỳ"
	Unit    string
	Period  Period
	Khoans  []string // Khoản codes used, sorted
	Total   Rows
	ByKhoan map[string]Rows
}

// BuildStatement computes the statement from stored totals. A sum that
// does not fit in int64 is an error.
func (f *Form) BuildStatement(unit string, p Period, totals []Total) (*Statement, error) {
	const op = "Form.BuildStatement"
	byKhoan := map[string]map[Nature]Sums{}
	all := map[Nature]Sums{}
	over := false
	add := func(m map[Nature]Sums, t Total) {
		if m[t.Nature] == nil {
			m[t.Nature] = Sums{}
		}
		v, ok := addMoney(m[t.Nature][t.Kind], t.Amount)
		over = over || !ok
		m[t.Nature][t.Kind] = v
	}
	for _, t := range totals {
		if byKhoan[t.Khoan] == nil {
			byKhoan[t.Khoan] = map[Nature]Sums{}
		}
		add(byKhoan[t.Khoan], t)
		add(all, t)
	}
	if over {
		return nil, overflow(op)
	}
	st := &Statement{Form: f.ForPeriod(p), Unit: unit, Period: p, ByKhoan: map[string]Rows{}}
	for k, sums := range byKhoan {
		rows, err := f.Compute(sums)
		if err != nil {
			return nil, err
		}
		st.Khoans = append(st.Khoans, k)
		st.ByKhoan[k] = rows
	}
	sort.Strings(st.Khoans)
	var err error
	if st.Total, err = f.Compute(all); err != nil {
		return nil, err
	}
	return st, nil
}

// LineSums reduces totals to the sums of one line.
func LineSums(totals []Total, l Line) (Sums, error) {
	s := Sums{}
	for _, t := range totals {
		if t.Khoan == l.Khoan && t.Nature == l.Nature {
			v, ok := addMoney(s[t.Kind], t.Amount)
			if !ok {
				return nil, overflow("LineSums")
			}
			s[t.Kind] = v
		}
	}
	return s, nil
}

// Balance names a row that the rules keep at or above zero.
type Balance string

const (
	// BalanceReceived: funds received and not yet used (rows 23/27).
	BalanceReceived Balance = "received"
	// BalanceEstimate: estimate still at the Treasury (rows 24/28).
	BalanceEstimate Balance = "estimate"
)

var balanceRules = map[Balance]string{
	BalanceReceived: "chi và nộp trả không được vượt kinh phí đã nhận còn lại",
	BalanceEstimate: "rút dự toán không được vượt dự toán còn lại ở Kho bạc",
}

// BalanceOf returns the amount of a balance row for one line's sums.
func (f *Form) BalanceOf(b Balance, n Nature, s Sums) (Money, error) {
	code := f.BalanceRow(b, n)
	v, ok := f.rowValue(code, n, s)
	if !ok {
		return 0, overflow("Form.BalanceOf")
	}
	return v, nil
}

// CheckEntry applies the settlement rules to e given the sums already
// recorded on its line: no entry may push the estimate left at the Treasury
// (row 24/28) or the funds received and unused (row 23/27) below zero. The
// refusal names the rule, the line and the shortfall in đồng.
func (f *Form) CheckEntry(before Sums, e *Entry) error {
	const op = "CheckEntry"
	for _, b := range []Balance{BalanceEstimate, BalanceReceived} {
		code := f.BalanceRow(b, e.Nature)
		if code == "" {
			continue
		}
		// Only the balance row is evaluated (formeval.go).
		was, ok1 := f.rowValue(code, e.Nature, before)
		coef, known := f.weights[balanceWeight{code, e.Nature, e.Kind}]
		if !known {
			coef, _ = f.rowValue(code, e.Nature, Sums{e.Kind: 1})
		}
		delta, ok2 := mulSign(int64(coef), e.Amount)
		if coef < -1 || coef > 1 {
			ok2 = false // a form counting one kind twice in a balance row
		}
		now, ok3 := addMoney(was, delta)
		if !ok1 || !ok2 || !ok3 {
			return &Error{Kind: KindInvalid, Op: op, Field: "amount", Msg: fmt.Sprintf("không ghi được %s %s đồng vào %s: số dư %s vượt giới hạn tính toán",
				strings.ToLower(e.Kind.Label()), e.Amount.String(), e.Line(), code)}
		}
		if now < 0 && now < was {
			// The shortfall, −now + min(was, 0), is at most the entry's
			// amount (now − was is ± its amount): no overflow.
			row, _ := f.Row(code)
			return &Error{
				Kind: KindConflict, Op: op, Field: "amount",
				Msg: fmt.Sprintf("không ghi được %s %s đồng vào %s: %s (chỉ tiêu %s – %s) — còn %s đồng, thiếu %s đồng",
					strings.ToLower(e.Kind.Label()), e.Amount.String(), e.Line(), balanceRules[b],
					code, f.Text(row.Label, e.Period), maxMoney(was, 0).String(), (-now + minMoney(was, 0)).String()),
			}
		}
	}
	return nil
}

// weighBalances counts, once, how many times an amount of each kind
// counts in each balance row (rowValue of one đồng of it).
func (f *Form) weighBalances() {
	f.weights = map[balanceWeight]Money{}
	for _, byNature := range f.Balances {
		for n, code := range byNature {
			for _, k := range EntryKinds {
				if w, ok := f.rowValue(code, n, Sums{k: 1}); ok {
					f.weights[balanceWeight{code, n, k}] = w
				}
			}
		}
	}
}

// VolumeLimit is the most the amounts of one unit's period may add up to
// (the sum of their absolute values) so that no row of its statement can
// overflow: int64's limit divided by the largest number of times a row
// counts one amount.
func (f *Form) VolumeLimit() Money { return f.volumeLimit }

// CheckVolume refuses an entry that would take its unit's period beyond
// VolumeLimit.
func (f *Form) CheckVolume(volume Money, e *Entry) error {
	if volume <= f.volumeLimit {
		return nil
	}
	return &Error{Kind: KindInvalid, Op: "CheckVolume", Field: "amount",
		Msg: fmt.Sprintf("không ghi được %s đồng: tổng số tiền các bút toán của đơn vị %s %s sẽ vượt giới hạn %s đồng để mọi chỉ tiêu tính được",
			e.Amount, e.Unit, e.Period.Name(), f.volumeLimit)}
}

func maxMoney(a, b Money) Money {
	if a > b {
		return a
	}
	return b
}

func minMoney(a, b Money) Money {
	if a < b {
		return a
	}
	return b
}

// maxWeight bounds how many times a row, or any partial sum met while
// evaluating it, can count the amounts it is made of: 1 for an input row
// (its kinds are distinct), the sum of its terms' weights for a computed
// row, with no credit for cancellation. Every value met while computing a
// statement is then at most maxWeight times the sum of the absolute
// values of its totals.
func (f *Form) maxWeight() int64 {
	weight := map[string]int64{}
	most := int64(1)
	for _, i := range f.order {
		r := f.Rows[i]
		w := int64(1)
		if !r.IsInput() {
			w = 0
			for _, t := range f.terms[r.Code] {
				w += weight[t.code]
			}
		}
		weight[r.Code] = w
		most = max(most, w)
	}
	return most
}
