package ledger

import (
	"fmt"
	"sort"
	"strings"
)

// The year as a settlement period. A ledger kept by whole years records
// the year's entries under the year itself; one kept by half-years makes
// the year's statement from its halves. What the fold needs of the form is
// data: each input row says whether it is a balance brought forward at
// the opening of the period ("stock": "opening", naming with "from" the
// closing row of the previous period it is brought from) or a balance
// carried over at its closing ("stock": "closing"), and every other input
// row is a movement within the period.

// Stock says what kind of amount an input row holds.
type Stock string

const (
	StockMovement Stock = ""        // a movement within the period
	StockOpening  Stock = "opening" // a balance brought forward (rows 01–07)
	StockClosing  Stock = "closing" // a balance carried over (rows 29–35)
)

// carryPair is what the closing row of a period becomes at the opening of
// the next, for one nature: the kind of its carry-out and of its carry-in.
type carryPair struct {
	nature  Nature
	out, in EntryKind
}

// checkStocks reads the rows' stocks: only input rows of one kind have a
// stock, an opening row names the closing input row of its nature it is
// brought from, and a kind has one stock wherever it is summed.
func (f *Form) checkStocks() error {
	f.stocks = map[EntryKind]Stock{}
	seenKind := map[EntryKind]bool{}
	from := map[string]bool{}
	for _, r := range f.Rows {
		switch r.Stock {
		case StockMovement, StockOpening, StockClosing:
		default:
			return fmt.Errorf("mã số %s: \"stock\" %q không có: dùng \"opening\" hoặc \"closing\"", r.Code, r.Stock)
		}
		if r.Stock != StockMovement && (!r.IsInput() || len(r.Kinds) != 1) {
			return fmt.Errorf("mã số %s: chỉ dòng nhập số liệu của một loại nghiệp vụ mới là số dư đầu kỳ hay cuối kỳ", r.Code)
		}
		if (r.From != "") != (r.Stock == StockOpening) {
			return fmt.Errorf("mã số %s: dòng số dư đầu kỳ (và chỉ nó) ghi \"from\", dòng cuối kỳ trước chuyển sang", r.Code)
		}
		for _, k := range r.Kinds {
			if seenKind[k] && f.stocks[k] != r.Stock {
				return fmt.Errorf("nghiệp vụ %s vừa là số dư vừa là phát sinh (mã số %s)", k, r.Code)
			}
			seenKind[k], f.stocks[k] = true, r.Stock
		}
		if r.Stock != StockOpening {
			continue
		}
		c, ok := f.Row(r.From)
		if !ok || c.Stock != StockClosing || c.Nature != r.Nature || from[r.From] {
			return fmt.Errorf("mã số %s: \"from\" %q phải là một dòng số dư cuối kỳ cùng tính chất, chưa dòng nào khác dùng", r.Code, r.From)
		}
		from[r.From] = true
		f.carries = append(f.carries, carryPair{nature: r.Nature, out: c.Kinds[0], in: r.Kinds[0]})
	}
	return nil
}

// StockOf says whether entries of kind k are balances brought forward,
// balances carried over, or movements within the period.
func (f *Form) StockOf(k EntryKind) Stock { return f.stocks[k] }

// CarryInKind is the kind of the entry that brings forward, at the
// opening of the next period, what an entry of kind out carries over ("" if
// out carries nothing over).
func (f *Form) CarryInKind(out EntryKind) EntryKind {
	for _, c := range f.carries {
		if c.out == out {
			return c.in
		}
	}
	return ""
}

// YearTotals folds the stored sums of one unit's budget year into the sums
// of the year's statement. parts holds the sums of each period the year's
// entries were recorded in: the year itself (a ledger kept by years), or
// its halves (one kept by half-years); the two are never mixed in one
// unit's year. The year is the sum of its parts, less the carry-over from
// the first half into the second, which is internal to the year: it shows
// in both halves, as what the first carries out (rows 31/32, 34/35) and
// what the second brings forward (rows 03/04, 06/07), and cancels. So the
// opening balances are the first half's, the movements the sums of both,
// the closing balances the second half's, and every computed row follows
// its formula (23 of the year = 23 of H1 + 23 of H2, and so on). The amount
// that cancels, line by line, is what the first half carried out and the
// second received — all of it once the first half is closed — so a half
// with its own opening (a unit that begins in July) or a carry-out not
// yet received (a first half still open) keeps it. A sum that does not fit
// in int64 is an error.
func (f *Form) YearTotals(year Period, parts map[Period][]Total) ([]Total, error) {
	const op = "Form.YearTotals"
	if !year.IsYear() {
		return nil, Errorf(KindInternal, op, "%s không phải một năm", year)
	}
	acc := newTotalsAcc()
	for p, ts := range parts {
		if !year.Covers(p) {
			return nil, Errorf(KindInternal, op, "kỳ %s không thuộc %s", p, year)
		}
		for _, t := range ts {
			acc.add(t, t.Amount)
		}
	}
	h1, h2 := year.Halves()[0], year.Halves()[1]
	if len(parts[h1]) > 0 && len(parts[h2]) > 0 {
		out := sumsByKind(parts[h1])
		in := sumsByKind(parts[h2])
		for _, c := range f.carries {
			for key, carried := range out {
				if key.kind != c.out || key.nature != c.nature {
					continue
				}
				inKey := key
				inKey.kind = c.in
				t := max(0, min(carried, in[inKey]))
				if t == 0 {
					continue
				}
				acc.add(Total{Khoan: key.khoan, Nature: key.nature, TieuMuc: key.tieuMuc, Kind: c.out}, -t)
				acc.add(Total{Khoan: key.khoan, Nature: key.nature, TieuMuc: key.tieuMuc, Kind: c.in}, -t)
				acc.cancelled[key], acc.cancelled[inKey] = true, true
			}
		}
	}
	return acc.totals(op)
}

// PeriodTotalsOf sums entries the way the store does for period p: a
// half-year's by line, Tiểu mục and kind (TotalsOf), a year's folded from
// the periods they were recorded in (YearTotals).
func (f *Form) PeriodTotalsOf(p Period, entries []*Entry) ([]Total, error) {
	if !p.IsYear() {
		return TotalsOf(entries)
	}
	byPeriod := map[Period][]*Entry{}
	for _, e := range entries {
		byPeriod[e.Period] = append(byPeriod[e.Period], e)
	}
	parts := make(map[Period][]Total, len(byPeriod))
	for q, es := range byPeriod {
		ts, err := TotalsOf(es)
		if err != nil {
			return nil, err
		}
		parts[q] = ts
	}
	return f.YearTotals(p, parts)
}

// MergeTotals adds up the sums of several units (each already a period's
// totals): the totals of AllUnits. A sum that does not fit in int64 is an
// error.
func MergeTotals(lists ...[]Total) ([]Total, error) {
	acc := newTotalsAcc()
	for _, ts := range lists {
		for _, t := range ts {
			acc.add(t, t.Amount)
		}
	}
	return acc.totals("MergeTotals")
}

type totalKey struct {
	khoan   string
	nature  Nature
	tieuMuc string
	kind    EntryKind
}

func keyOf(t Total) totalKey { return totalKey{t.Khoan, t.Nature, t.TieuMuc, t.Kind} }

func sumsByKind(ts []Total) map[totalKey]Money {
	out := map[totalKey]Money{}
	for _, t := range ts {
		v, _ := addMoney(out[keyOf(t)], t.Amount) // an overflow shows in the fold's own sums
		out[keyOf(t)] = v
	}
	return out
}

// totalsAcc sums totals by key with checked arithmetic.
type totalsAcc struct {
	sums      map[totalKey]*Sum
	cancelled map[totalKey]bool // keys the year's internal carry-over was taken from
}

func newTotalsAcc() *totalsAcc {
	return &totalsAcc{sums: map[totalKey]*Sum{}, cancelled: map[totalKey]bool{}}
}

func (a *totalsAcc) add(t Total, v Money) {
	k := keyOf(t)
	if a.sums[k] == nil {
		a.sums[k] = &Sum{}
	}
	a.sums[k].Add(v)
}

// totals lists the sums in a stable order; a key that only the internal
// carry-over made is left out once it cancels to zero.
func (a *totalsAcc) totals(op string) ([]Total, error) {
	out := make([]Total, 0, len(a.sums))
	for k, s := range a.sums {
		v, err := s.Value(op)
		if err != nil {
			return nil, err
		}
		if v == 0 && a.cancelled[k] {
			continue
		}
		out = append(out, Total{Khoan: k.khoan, Nature: k.nature, TieuMuc: k.tieuMuc, Kind: k.kind, Amount: v})
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
		switch {
		case x.Khoan != y.Khoan:
			return x.Khoan < y.Khoan
		case x.Nature != y.Nature:
			return x.Nature < y.Nature
		case x.TieuMuc != y.TieuMuc:
			return x.TieuMuc < y.TieuMuc
		}
		return x.Kind < y.Kind
	})
	return out, nil
}

// Words of the period in the form's labels: "{truoc}", "{trong}" and
// "{sau}" say "năm trước", "trong năm", "năm sau" for a year and "kỳ
// trước", "trong kỳ", "kỳ sau" for a half-year, as the form's
// "period_words" give them.

// checkWords refuses a form whose labels name a word it does not give for
// every way of keeping a ledger.
func (f *Form) checkWords() error {
	texts := []string{f.Title}
	for _, r := range f.Rows {
		texts = append(texts, r.Label)
	}
	for _, s := range texts {
		names, ok := placeholders(s)
		if !ok {
			return fmt.Errorf("nhãn %q có dấu { không đóng", s)
		}
		for _, name := range names {
			for _, w := range Periodicities {
				if _, ok := f.PeriodWords[w][name]; !ok {
					return fmt.Errorf("nhãn %q dùng {%s} nhưng \"period_words\" không có từ đó cho %q", s, name, w)
				}
			}
		}
	}
	return nil
}

// placeholders lists the names between braces in s; false when a brace
// is left open.
func placeholders(s string) ([]string, bool) {
	var out []string
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return out, !strings.Contains(s, "}")
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return out, false
		}
		out = append(out, s[i+1:i+j])
		s = s[i+j+1:]
	}
}

// Text fills the period words into a text of the form for period p (a
// zero period reads as a half-year, the word "kỳ").
func (f *Form) Text(s string, p Period) string {
	if !strings.Contains(s, "{") {
		return s
	}
	words := f.PeriodWords[p.Periodicity()]
	pairs := make([]string, 0, 2*len(words))
	for name, w := range words {
		pairs = append(pairs, "{"+name+"}", w)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// Label is the label of row code for period p, its period words filled in.
func (f *Form) Label(code string, p Period) string {
	r, _ := f.Row(code)
	return f.Text(r.Label, p)
}

// ForPeriod is the form as a statement of period p prints it: the same
// rows and rules, its labels with p's words. It is made once per way of
// keeping a ledger, when the form is read; a form for a period gives the
// same form for another.
func (f *Form) ForPeriod(p Period) *Form {
	if v := f.variants[p.Periodicity()]; v != nil {
		return v
	}
	return f
}

// makeVariants makes the form of each way of keeping a ledger.
func (f *Form) makeVariants() {
	f.variants = map[Periodicity]*Form{}
	for _, w := range Periodicities {
		p := Period{Year: 2000}
		if w == ByHalfYear {
			p.Half = 1
		}
		v := *f
		v.Title = f.Text(f.Title, p)
		v.Rows = make([]FormRow, len(f.Rows))
		for i, r := range f.Rows {
			r.Label = f.Text(r.Label, p)
			r.Kinds = append([]EntryKind(nil), r.Kinds...)
			v.Rows[i] = r
		}
		f.variants[w] = &v
	}
}
