package ledger

import (
	"fmt"
	"sort"
)

// ClosePreview is what closing a period with the declared carry-overs
// would record, computed before anything is written: per line what is
// left and what becomes of it, and the statement after closing.
type ClosePreview struct {
	Lines []ClosingLine // the lines with entries, Khoản then TX before KTX
	Rows  []ClosingRow  // the rows closing decides, each for every nature
	After *Statement    // the statement as the carry-overs leave it
}

// ClosingLine is one settlement line at closing: what is left on it,
// what the accountant carries over to the next period and what becomes
// of the rest.
type ClosingLine struct {
	Line          Line
	LeftReceived  Money // funds received, unused: the BalanceReceived row (23/27) before closing
	LeftEstimate  Money // estimate at the Treasury: the BalanceEstimate row (24/28) before closing
	CarryReceived Money // declared carry-overs, summed
	CarryEstimate Money
	ToReturn      Money // still to return to the budget: LeftReceived − CarryReceived
	Cancelled     Money // estimate cancelled: LeftEstimate − CarryEstimate
	// ReceivedErr and EstimateErr refuse the carry-over declared of each
	// balance on this line, nil when it is acceptable.
	ReceivedErr, EstimateErr error
}

// Left is what is left on the line of balance b before closing.
func (l *ClosingLine) Left(b Balance) Money {
	if b == BalanceEstimate {
		return l.LeftEstimate
	}
	return l.LeftReceived
}

// Err is the refusal of the carry-over of balance b on the line, or nil.
func (l *ClosingLine) Err(b Balance) error {
	if b == BalanceEstimate {
		return l.EstimateErr
	}
	return l.ReceivedErr
}

// ClosingRow is a row of the statement that closing decides, for every
// nature: what is left of a balance (still to return, rows 23/27;
// cancelled, rows 24/28) or what is carried over of it (rows 31/34,
// 32/35).
type ClosingRow struct {
	Balance Balance
	Carried bool              // the carry-over of Balance rather than what is left of it
	Codes   map[Nature]string // the row of each nature
	Amounts map[Nature]Money  // after closing
}

// PreviewClose computes what closing a period whose stored sums are
// totals would record with the carry-overs carry: lines are matched by
// Khoản and nature, never by position. A carry-over must be positive and,
// summed per line and balance, may not exceed what is left there: the
// refusals are on the lines (ClosingLine.ReceivedErr, EstimateErr) and
// the first one is returned as the error, marked with the 1-based
// position in carry of the carry-over it refuses. The preview is returned
// either way, as declared, so that a form can show it beside the
// refusals; it is empty when a sum does not fit in int64.
func (f *Form) PreviewClose(totals []Total, carry []CarryOver) (*ClosePreview, error) {
	const op = "PreviewClose"
	byLine := map[Line]*ClosingLine{}
	var lines []Line
	for _, t := range totals {
		l := Line{Khoan: t.Khoan, Nature: t.Nature}
		if byLine[l] == nil {
			byLine[l] = &ClosingLine{Line: l}
			lines = append(lines, l)
		}
	}
	SortLines(lines)
	p := &ClosePreview{Lines: make([]ClosingLine, len(lines))}
	for i, l := range lines {
		s, err := LineSums(totals, l)
		if err != nil {
			return &ClosePreview{}, err
		}
		cl := ClosingLine{Line: l}
		if cl.LeftReceived, err = f.BalanceOf(BalanceReceived, l.Nature, s); err != nil {
			return &ClosePreview{}, err
		}
		if cl.LeftEstimate, err = f.BalanceOf(BalanceEstimate, l.Nature, s); err != nil {
			return &ClosePreview{}, err
		}
		p.Lines[i] = cl
		byLine[l] = &p.Lines[i]
	}
	var first error
	refuse := func(cl *ClosingLine, b Balance, item int, err *Error) {
		switch {
		case cl == nil: // a line without entries: nothing to mark
		case b == BalanceEstimate && cl.EstimateErr == nil:
			cl.EstimateErr = err
		case b != BalanceEstimate && cl.ReceivedErr == nil:
			cl.ReceivedErr = err
		default:
			return // the line already says what is wrong with it
		}
		if first == nil {
			first = AtItem(item, "số chuyển kỳ sau", err)
		}
	}
	after := append([]Total(nil), totals...)
	for i, co := range carry {
		cl := byLine[co.Line]
		if co.Balance != BalanceReceived && co.Balance != BalanceEstimate {
			refuse(cl, co.Balance, i+1, FieldErrorf("carry", op, "%s: số dư %q không có", co.Line, co.Balance))
			continue
		}
		if co.Amount <= 0 {
			refuse(cl, co.Balance, i+1, FieldErrorf("carry", op, "%s: số chuyển kỳ sau phải lớn hơn 0", co.Line))
			continue
		}
		after = append(after, Total{Khoan: co.Line.Khoan, Nature: co.Line.Nature, Kind: co.Balance.CarryOutKind(), Amount: co.Amount})
		if cl == nil {
			cl = &ClosingLine{Line: co.Line} // nothing is left on a line without entries
		}
		declared := &cl.CarryReceived
		if co.Balance == BalanceEstimate {
			declared = &cl.CarryEstimate
		}
		sum, ok := addMoney(*declared, co.Amount)
		if !ok {
			return &ClosePreview{}, overflow(op)
		}
		*declared = sum
		if left := cl.Left(co.Balance); *declared > left {
			code := f.BalanceRow(co.Balance, co.Line.Nature)
			row, _ := f.Row(code)
			what := "kinh phí đã nhận"
			if co.Balance == BalanceEstimate {
				what = "dự toán"
			}
			refuse(byLine[co.Line], co.Balance, i+1, &Error{Kind: KindConflict, Op: op, Field: "carry",
				Msg: fmt.Sprintf("%s: chuyển kỳ sau %s đồng vượt %s còn lại %s đồng (chỉ tiêu %s – %s), thừa %s đồng",
					co.Line, declared.String(), what, maxMoney(left, 0).String(), code, row.Label, (*declared - left).String())})
		}
	}
	for i := range p.Lines {
		l := &p.Lines[i]
		l.ToReturn, l.Cancelled = l.LeftReceived-l.CarryReceived, l.LeftEstimate-l.CarryEstimate
	}
	var err error
	if p.After, err = f.BuildStatement("", Period{}, after); err != nil {
		return &ClosePreview{}, err
	}
	for _, carried := range []bool{false, true} {
		for _, b := range []Balance{BalanceReceived, BalanceEstimate} {
			r := ClosingRow{Balance: b, Carried: carried, Codes: map[Nature]string{}, Amounts: map[Nature]Money{}}
			for _, n := range Natures {
				code := f.BalanceRow(b, n)
				if carried {
					code = f.CarryRow(b, n)
				}
				r.Codes[n], r.Amounts[n] = code, p.After.Total[code]
			}
			p.Rows = append(p.Rows, r)
		}
	}
	return p, first
}

// SortLines orders lines by Khoản, TX before KTX, as every list of lines
// is shown.
func SortLines(lines []Line) {
	rank := func(n Nature) int {
		for i, m := range Natures {
			if m == n {
				return i
			}
		}
		return len(Natures)
	}
	sort.Slice(lines, func(i, j int) bool {
		if lines[i].Khoan != lines[j].Khoan {
			return lines[i].Khoan < lines[j].Khoan
		}
		return rank(lines[i].Nature) < rank(lines[j].Nature)
	})
}
