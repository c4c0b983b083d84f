package xlsx

import (
	"context"
	"fmt"
	"sort"

	"wardledger/ledger"
)

// SheetReconciliation is the sheet of the Treasury reconciliation.
const SheetReconciliation = "Doi-chieu-KB"

// reconLine is one line of the reconciliation: a Khoản and a nature, with
// the estimate's movements at the Treasury.
type reconLine struct {
	loai, khoan string
	nature      ledger.Nature
	// brought forward, allocated at the start, adjusted, withdrawn,
	// cancelled (or still unused while the period is open), carried over
	figures [6]ledger.Money
	usable  ledger.Money // brought forward + allocated + adjusted
}

// Columns of the figures, after STT, Loại, Khoản and nature; column 4
// (usable) and the cancelled one are formulas.
const (
	rcBrought = iota
	rcInitial
	rcAdjusted
	rcWithdrawn
	rcCancelled
	rcCarried
)

// reconLines reads the estimate's movements from a unit's statement
// through the form: the carry-in of the estimate (rows 04/07), the
// allocation split by the kind of its entries (rows 09/10), the
// withdrawals (15/16), the estimate balance (24/28), the estimate carried
// over (32/35).
func reconLines(form *ledger.Form, cat *ledger.Catalogue, st *ledger.Statement, totals []ledger.Total) ([]reconLine, error) {
	type key struct {
		khoan  string
		nature ledger.Nature
	}
	initial := map[key]*ledger.Sum{}
	for _, t := range totals {
		if t.Kind == ledger.EntryAllocation {
			k := key{t.Khoan, t.Nature}
			if initial[k] == nil {
				initial[k] = &ledger.Sum{}
			}
			initial[k].Add(t.Amount)
		}
	}
	var out []reconLine
	for _, k := range st.Khoans {
		rows := st.ByKhoan[k]
		for _, n := range ledger.Natures {
			l := reconLine{loai: ledger.LoaiOf(cat, k), khoan: k, nature: n}
			var init ledger.Money
			if s := initial[key{k, n}]; s != nil {
				v, err := s.Value("xlsx.reconciliation")
				if err != nil {
					return nil, err
				}
				init = v
			}
			var adjusted, usable ledger.Sum
			adjusted.Add(rows[form.KindRow(ledger.EntryAllocation, n)])
			adjusted.Sub(init)
			adj, err := adjusted.Value("xlsx.reconciliation")
			if err != nil {
				return nil, err
			}
			l.figures = [6]ledger.Money{
				rows[form.KindRow(ledger.EntryCarryInEstimate, n)], init, adj,
				rows[form.KindRow(ledger.EntryWithdrawal, n)], rows[form.BalanceRow(ledger.BalanceEstimate, n)],
				rows[form.CarryRow(ledger.BalanceEstimate, n)],
			}
			for _, f := range []int{rcBrought, rcInitial, rcAdjusted} {
				usable.Add(l.figures[f])
			}
			if l.usable, err = usable.Value("xlsx.reconciliation"); err != nil {
				return nil, err
			}
			if l.figures != ([6]ledger.Money{}) {
				out = append(out, l)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].loai < out[j].loai })
	return out, nil
}

// buildReconciliation builds one unit's reconciliation of its estimates
// at the Treasury for one period.
func buildReconciliation(ctx context.Context, src Source, r Request) (*book, error) {
	const op = "xlsx.Reconciliation"
	unit, err := subordinateUnit(ctx, src, r, op, "đối chiếu dự toán với Kho bạc lập cho đơn vị dự toán trực thuộc")
	if err != nil {
		return nil, err
	}
	totals, err := src.Totals(ctx, unit.Code, r.Period)
	if err != nil {
		return nil, err
	}
	form := src.Form()
	st, err := form.BuildStatement(unit.Code, r.Period, totals)
	if err != nil {
		return nil, err
	}
	cat, err := src.Catalogue(ctx)
	if err != nil {
		return nil, err
	}
	lines, err := reconLines(form, cat, st, totals)
	if err != nil {
		return nil, err
	}
	if len(lines) == 0 {
		return nil, &ledger.Error{Kind: ledger.KindNotFound, Op: op, Field: "period", Msg: fmt.Sprintf(
			"%s không có dự toán nào trong %s (kỳ %s): không có gì để đối chiếu", unit.Name, r.Period.Name(), r.Period)}
	}
	status, err := src.PeriodStatus(ctx, unit.Code, r.Period)
	if err != nil {
		return nil, err
	}
	b, err := openBook(ctx, src, r, 2, SheetReconciliation, PayloadSheet)
	if err != nil {
		return nil, err
	}
	pl := b.payload(unit, r.Period)
	pl.Status = status
	pl.Totals = unitTotals([]unitData{{unit: unit, totals: totals}}, nil)
	err = b.alongsidePayload(ctx, pl, func() error {
		return b.writeReconciliation(unit, lines, status)
	})
	if err != nil {
		b.close()
		return nil, err
	}
	return b, nil
}

// writeReconciliation writes the table: per Loại–Khoản and nature, the
// estimate brought forward at the Treasury, allocated at the start and by
// adjustments, usable (4=1+2+3), withdrawn, cancelled (6=4-5-7: still at
// the Treasury while the period is open) and carried over; the total of
// every column first; the header, the signers and the print setup of
// every form.
func (b *book) writeReconciliation(unit ledger.Unit, lines []reconLine, status ledger.PeriodStatus) error {
	p := b.req.Period
	word := periodWord(p)
	cancelled := "Dự toán bị hủy"
	if status != ledger.PeriodClosed {
		cancelled = "Dự toán còn lại ở Kho bạc (chưa khóa sổ)"
	}
	const labelCols = 4
	heads := []colHeader{{label: "STT", number: "A"}, {label: "Loại", number: "B"}, {label: "Khoản", number: "C"}, {label: "Tính chất nguồn", number: "D"},
		{label: "Số dư dự toán " + word + " trước chuyển sang", number: "1"},
		{label: "Giao đầu " + word, number: "2", group: "Dự toán giao trong " + word},
		{label: "Điều chỉnh, bổ sung", number: "3", group: "Dự toán giao trong " + word},
		{label: "Tổng dự toán được sử dụng", number: "4=1+2+3"},
		{label: "Dự toán đã rút", number: "5"},
		{label: cancelled, number: "6=4-5-7"},
		{label: "Dự toán còn dư chuyển sang " + word + " sau", number: "7"}}
	var sums [7]ledger.Sum // the figures, then the usable estimate
	for _, l := range lines {
		for f, v := range l.figures {
			sums[f].Add(v)
			if f <= rcAdjusted {
				sums[6].Add(v)
			}
		}
	}
	var totals [7]ledger.Money
	w := 13.0
	for i := range sums {
		v, err := sums[i].Value("xlsx.reconciliation")
		if err != nil {
			return err
		}
		totals[i], w = v, max(w, moneyChars(v))
	}
	for _, l := range lines {
		for _, v := range l.figures {
			w = max(w, moneyChars(v))
		}
	}
	widths := []float64{5, 7, 7, 16, w, w, w, w, w, w, w}
	h := reportHead{unit: unit, form: "Đối chiếu mẫu 01a-SDKP/ĐVDT", circular: "(Số liệu của đơn vị để đối chiếu với Kho bạc Nhà nước)",
		title: "BẢNG ĐỐI CHIẾU DỰ TOÁN KINH PHÍ NGÂN SÁCH TẠI KHO BẠC NHÀ NƯỚC", period: p}
	return b.writeFitted(SheetReconciliation, h, widths, heads, labelCols, annexScale, func(s *sheet, dataRow int) error {
		return s.reconRows(dataRow, lines, totals)
	})
}

// reconRows writes the total and the lines of the reconciliation from
// dataRow on, and the signers.
func (s *sheet) reconRows(dataRow int, lines []reconLine, totals [7]ledger.Money) error {
	b := s.b
	const labelCols = 4
	money, bold := b.id(stMoney), b.id(stMoney.with(true))
	center := b.id(stCenter)
	// col is the 0-based column of figure f: usable sits between the
	// adjustments and the withdrawals.
	col := func(f int) int {
		if f <= rcAdjusted {
			return labelCols + f
		}
		return labelCols + f + 1
	}
	usable := labelCols + 3
	total := s.newRow()
	total.set(0, "", b.id(stCenter.with(true)))
	total.set(1, "TỔNG CỘNG", b.id(stCenter.with(true)))
	total.fill(2, labelCols-1, b.id(stCenter.with(true)))
	first, last := dataRow+1, dataRow+len(lines)
	for f := range 6 {
		c := col(f)
		total.formula(c, "SUM("+cellName(c, first)+":"+cellName(c, last)+")", totals[f], bold)
	}
	total.formula(usable, "SUM("+cellName(usable, first)+":"+cellName(usable, last)+")", totals[6], bold)
	if err := s.put(dataRow, total, 0); err != nil {
		return err
	}
	if err := s.merge(dataRow, 1, dataRow, labelCols-1); err != nil {
		return err
	}
	for i, l := range lines {
		n := first + i
		r := s.newRow()
		r.set(0, i+1, center)
		r.set(1, l.loai, center)
		r.set(2, l.khoan, center)
		r.set(3, natureLabel(l.nature), b.id(stText))
		for _, f := range []int{rcBrought, rcInitial, rcAdjusted, rcWithdrawn, rcCarried} {
			r.set(col(f), int64(l.figures[f]), money)
		}
		r.formula(usable, "SUM("+cellName(col(rcBrought), n)+":"+cellName(col(rcAdjusted), n)+")", l.usable, money)
		r.formula(col(rcCancelled), cellName(usable, n)+"-"+cellName(col(rcWithdrawn), n)+"-"+cellName(col(rcCarried), n), l.figures[rcCancelled], money)
		if err := s.put(n, r, s.fitHeight(natureLabel(l.nature), 3, 3, bodySize)); err != nil {
			return err
		}
	}
	return s.writeSigners(last+1, last-2)
}
