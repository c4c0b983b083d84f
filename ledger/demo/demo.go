// Package demo fills an empty ledger with a realistic sample district: Hà
// Đông and its wards, half-year after half-year up to the current one, with
// allocations, Treasury withdrawals, spending vouchers, returns and closings
// that obey every settlement rule.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"

	"wardledger/ledger"
)

// WardNames are the 17 wards of Hà Đông in 2021.
var WardNames = []string{
	"Quang Trung", "Nguyễn Trãi", "Yết Kiêu", "Văn Quán", "Mộ Lao", "Phúc La", "Hà Cầu", "La Khê", "Phú La",
	"Kiến Hưng", "Vạn Phúc", "Dương Nội", "Yên Nghĩa", "Phú Lương", "Phú Lãm", "Biên Giang", "Đồng Mai",
}

// Superior is the demo district.
var Superior = ledger.Unit{Code: "1000001", Name: "UBND quận Hà Đông", Chapter: "599", Superior: true}

// WardCode is the Mã ĐVQHNS of the i-th demo ward (0-based): 1000002, …
func WardCode(i int) string { return fmt.Sprintf("%07d", 1000002+i) }

// Options say how much to generate.
type Options struct {
	Wards          int // how many wards (17 is the real district)
	Years          int // how many budget years, ending with Today's half-year
	EntriesPerHalf int // about how many entries per ward and half-year
	Today          ledger.Date
	Seed           uint64 // the same seed gives the same ledger
	// Progress, if set, is told after each ward-period is written.
	Progress func(done, total int)
}

// line is one settlement line of a ward with its budget and running
// balances, which the generator keeps so every entry obeys the rules.
type line struct {
	l          ledger.Line
	budget     int64 // allocation per half-year, before adjustment
	tieuMucs   []weighted
	estimate   int64 // estimate left at the Treasury (row 24/28 before close)
	received   int64 // funds received, unused (row 23/27 before close)
	carryRecv  int64 // carried in from the previous period
	carryEstim int64
}

type weighted struct {
	code   string
	weight int
}

// The lines a ward uses, with a typical half-year budget in đồng.
func wardLines(r *rand.Rand) []*line {
	salary := []weighted{{"6001", 40}, {"6003", 6}, {"6051", 6}, {"6101", 4}, {"6113", 3}, {"6115", 2}, {"6301", 9},
		{"6302", 2}, {"6303", 1}, {"6304", 1}, {"6501", 3}, {"6502", 1}, {"6551", 3}, {"6552", 2}, {"6601", 2},
		{"6606", 2}, {"6608", 1}, {"6699", 2}, {"6702", 2}, {"6704", 2}, {"6799", 1}, {"6949", 2}, {"7761", 1}, {"7899", 1}}
	project := []weighted{{"6606", 3}, {"6699", 3}, {"6799", 2}, {"6949", 4}, {"7049", 4}, {"9099", 2}, {"6552", 2}}
	jitter := func(base int64) int64 { return base / 100 * int64(80+r.IntN(41)) / 1_000_000 * 1_000_000 }
	return []*line{
		{l: ledger.Line{Khoan: "341", Nature: ledger.TX}, budget: jitter(4_800_000_000), tieuMucs: salary},
		{l: ledger.Line{Khoan: "341", Nature: ledger.KTX}, budget: jitter(900_000_000), tieuMucs: project},
		{l: ledger.Line{Khoan: "161", Nature: ledger.KTX}, budget: jitter(220_000_000), tieuMucs: []weighted{{"6606", 3}, {"6699", 2}, {"7049", 2}}},
		{l: ledger.Line{Khoan: "011", Nature: ledger.TX}, budget: jitter(180_000_000), tieuMucs: []weighted{{"6101", 2}, {"6702", 2}, {"7049", 3}}},
		{l: ledger.Line{Khoan: "041", Nature: ledger.TX}, budget: jitter(260_000_000), tieuMucs: []weighted{{"6101", 2}, {"6702", 2}, {"7049", 3}, {"6503", 1}}},
	}
}

func pick(r *rand.Rand, ws []weighted) string {
	total := 0
	for _, w := range ws {
		total += w.weight
	}
	n := r.IntN(total)
	for _, w := range ws {
		if n < w.weight {
			return w.code
		}
		n -= w.weight
	}
	return ws[0].code
}

// Setup is the demo district as a new ledger starts: the superior unit,
// o.Wards wards and the signers' settings.
func Setup(o Options) (ledger.Setup, error) {
	if err := o.validate(); err != nil {
		return ledger.Setup{}, err
	}
	s := ledger.Setup{Superior: Superior, Settings: map[string]string{
		ledger.SettingPreparerTitle: "NGƯỜI LẬP BIỂU", ledger.SettingPreparerName: "Nguyễn Thị Lan",
		ledger.SettingAccountTitle: "PHỤ TRÁCH KẾ TOÁN", ledger.SettingAccountName: "Trần Văn Minh",
		ledger.SettingHeadTitle: "CHỦ TỊCH", ledger.SettingHeadName: "Lê Quang Hùng",
		ledger.SettingPlace: "Hà Đông", ledger.SettingOperator: "demo",
	}}
	for w := 0; w < o.Wards; w++ {
		name := fmt.Sprintf("Phường số %d", w+1)
		if w < len(WardNames) {
			name = WardNames[w]
		}
		s.Units = append(s.Units, ledger.Unit{Code: WardCode(w), Name: "UBND phường " + name, Chapter: Superior.Chapter})
	}
	return s, nil
}

func (o Options) validate() error {
	const op = "demo.Generate"
	if o.Wards <= 0 || o.Years <= 0 || o.EntriesPerHalf < 20 {
		return ledger.Errorf(ledger.KindInvalid, op, "dữ liệu mẫu cần ít nhất 1 phường, 1 năm và 20 bút toán mỗi kỳ")
	}
	if o.Wards > 999 || o.Years > 20 {
		return ledger.Errorf(ledger.KindInvalid, op, "dữ liệu mẫu tối đa 999 phường và 20 năm")
	}
	return nil
}

// Generate writes the demo district's entries into l, a new ledger made
// from Setup(o) with no entries yet.
func Generate(ctx context.Context, l ledger.Ledger, o Options) error {
	const op = "demo.Generate"
	if err := o.validate(); err != nil {
		return err
	}
	setup, _ := Setup(o)
	for _, u := range setup.Units {
		n, err := l.CountEntries(ctx, ledger.EntryFilter{Unit: u.Code, Period: ledger.PeriodOf(o.Today)})
		if err != nil {
			return err
		}
		if n > 0 {
			return ledger.Errorf(ledger.KindConflict, op, "sổ đã có dữ liệu: tạo dữ liệu mẫu trong một tệp sổ mới")
		}
	}
	periods := o.periods()
	last := periods[len(periods)-1]
	total, done := o.Wards*len(periods), 0
	for w, ward := range setup.Units {
		r := rand.New(rand.NewPCG(o.Seed, uint64(w)))
		lines := wardLines(r)
		for _, p := range periods {
			if err := ctx.Err(); err != nil {
				return err
			}
			g := &halfYear{r: r, ward: ward.Code, p: p, today: o.Today, lines: lines}
			if err := l.AddEntries(ctx, g.entries(o.EntriesPerHalf), ledger.BatchSource{Reason: "dữ liệu mẫu"}); err != nil {
				return fmt.Errorf("%s %s: %w", ward.Code, p, err)
			}
			if p != last {
				if err := l.ClosePeriod(ctx, ward.Code, p, g.carryOver()); err != nil {
					return fmt.Errorf("%s %s: %w", ward.Code, p, err)
				}
			}
			done++
			if o.Progress != nil {
				o.Progress(done, total)
			}
		}
	}
	return nil
}

// Bulk is the demo district's history as one file of entries would bring
// it from another system: every ward-period's entries, and the closings'
// carry-overs as carry-out entries of the period and carry-in entries of
// the next; no entry reverses another. A ledger made from Setup(o) takes
// them in one AddEntries. The bulk-import benchmarks use it.
func Bulk(o Options) ([]*ledger.Entry, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	setup, _ := Setup(o)
	periods := o.periods()
	var out []*ledger.Entry
	for w, ward := range setup.Units {
		r := rand.New(rand.NewPCG(o.Seed, uint64(w)))
		lines := wardLines(r)
		for _, p := range periods {
			g := &halfYear{r: r, ward: ward.Code, p: p, today: o.Today, lines: lines}
			out = append(out, g.entries(o.EntriesPerHalf)...)
			if p == periods[len(periods)-1] {
				continue
			}
			for _, c := range g.carryOver() {
				kindOut, kindIn := ledger.EntryCarryOutReceived, ledger.EntryCarryInReceived
				if c.Balance == ledger.BalanceEstimate {
					kindOut, kindIn = ledger.EntryCarryOutEstimate, ledger.EntryCarryInEstimate
				}
				doc := "KS-" + p.String()
				out = append(out,
					&ledger.Entry{Unit: ward.Code, Period: p, Kind: kindOut, Nature: c.Line.Nature, Khoan: c.Line.Khoan,
						Amount: c.Amount, Doc: doc, Date: p.End(), Memo: "Số dư chuyển sang " + p.Next().Name()},
					&ledger.Entry{Unit: ward.Code, Period: p.Next(), Kind: kindIn, Nature: c.Line.Nature, Khoan: c.Line.Khoan,
						Amount: c.Amount, Doc: doc, Date: p.Next().Start(), Memo: "Số dư " + p.Name() + " chuyển sang"})
			}
		}
	}
	for _, e := range out {
		e.Origin = ""
	}
	return out, nil
}

// periods are the half-years the demo covers, ending with Today's.
func (o Options) periods() []ledger.Period {
	last := ledger.PeriodOf(o.Today)
	var out []ledger.Period
	for p := (ledger.Period{Year: last.Year - o.Years + 1, Half: 1}); !last.Before(p); p = p.Next() {
		out = append(out, p)
	}
	return out
}

// halfYear generates one ward's entries for one period.
type halfYear struct {
	r     *rand.Rand
	ward  string
	p     ledger.Period
	today ledger.Date
	lines []*line
	out   []*ledger.Entry
	docNo int
}

func (g *halfYear) add(kind ledger.EntryKind, ln *line, tm string, amount int64, d ledger.Date, doc, memo string) {
	g.out = append(g.out, &ledger.Entry{Unit: g.ward, Period: g.p, Kind: kind, Nature: ln.l.Nature, Khoan: ln.l.Khoan,
		TieuMuc: tm, Amount: ledger.Money(amount), Doc: doc, Date: d, Memo: memo, Origin: "demo"})
}

// day returns a date in the given month of the period (0-based) between
// day from and day to, never after today.
func (g *halfYear) day(month, from, to int) ledger.Date {
	start := g.p.Start()
	m := start.Month() + month
	d := ledger.NewDate(start.Year(), m, from+g.r.IntN(to-from+1))
	if g.today.Before(d) {
		return g.today
	}
	return d
}

// months returns how many months of the period have begun by today.
func (g *halfYear) months() int {
	if g.p.End().Before(g.today) {
		return 6
	}
	n := g.today.Month() - g.p.Start().Month() + 1
	return max(1, min(n, 6))
}

func (g *halfYear) entries(perHalf int) []*ledger.Entry {
	months := g.months()
	start := g.p.Start()
	decision := fmt.Sprintf("%d/QĐ-UBND", 100+g.r.IntN(800))
	// The allocation decision is issued in the month before the period.
	before := g.p.Prev().End()
	decisionDay := ledger.NewDate(before.Year(), before.Month(), 10+g.r.IntN(18))
	var totalBudget int64
	for _, ln := range g.lines {
		ln.estimate, ln.received = ln.carryEstim, ln.carryRecv
		g.add(ledger.EntryAllocation, ln, "", ln.budget, decisionDay, decision, "Giao dự toán "+g.p.Name())
		ln.estimate += ln.budget
		totalBudget += ln.budget // the demo's own budgets, billions at most: no overflow
	}
	// An adjustment in the third month on the project line.
	if months >= 3 {
		ln := g.lines[1]
		adj := (int64(g.r.IntN(21)) - 10) * 10_000_000
		if adj != 0 && ln.estimate+adj > 0 {
			g.add(ledger.EntryAdjustment, ln, "", adj, g.day(2, 1, 5), fmt.Sprintf("%d/QĐ-UBND", 100+g.r.IntN(800)), "Điều chỉnh dự toán")
			ln.estimate += adj
		}
	}
	vouchers := perHalf - len(g.out) - months*len(g.lines) - 2
	vouchers = vouchers * months / 6
	for m := 0; m < months; m++ {
		for _, ln := range g.lines {
			share := int64(vouchers) * ln.budget / totalBudget / int64(months)
			if share < 1 {
				share = 1
			}
			// Withdraw about a sixth of the budget (or what is left).
			w := min(ln.estimate, ln.budget/6*int64(84+g.r.IntN(15))/100/1000*1000)
			if m == months-1 && g.p.End().Before(g.today) {
				w = min(ln.estimate, w+ln.estimate/3/1000*1000)
			}
			if w > 0 {
				g.docNo++
				g.add(ledger.EntryWithdrawal, ln, "", w, g.day(m, 1, 5), fmt.Sprintf("C2-02a/%04d", g.docNo), "Rút dự toán tháng "+fmt.Sprint(start.Month()+m))
				ln.estimate -= w
				ln.received += w
			}
			// Spend most of what is on hand in share vouchers.
			budget := ln.received * int64(80+g.r.IntN(15)) / 100
			for i := int64(0); i < share && budget > 1000; i++ {
				a := budget / (share - i) * int64(50+g.r.IntN(101)) / 100 / 1000 * 1000
				a = max(1000, min(a, budget, ln.received))
				tm := pick(g.r, ln.tieuMucs)
				g.docNo++
				g.add(ledger.EntrySpending, ln, tm, a, g.day(m, 6, 28), fmt.Sprintf("PC%05d", g.docNo), "Chi "+tieuMucMemo(tm))
				ln.received -= a
				budget -= a
			}
		}
	}
	// A small return to the budget on the recurrent line, now and then.
	if ln := g.lines[0]; months == 6 && ln.received > 10_000_000 && g.r.IntN(3) == 0 {
		a := ln.received / 10 / 1000 * 1000
		g.add(ledger.EntryReturned, ln, "", a, g.day(5, 28, 28), fmt.Sprintf("NT%04d", g.r.IntN(9999)), "Nộp trả kinh phí thừa")
		ln.received -= a
	}
	sort.SliceStable(g.out, func(i, j int) bool { return g.out[i].Date.Before(g.out[j].Date) })
	return g.out
}

// carryOver declares what the ward carries into the next period: all
// earmarked (KTX) funds received and half their estimate; a third of the
// recurrent funds on hand. The rest is returned or cancelled at close.
func (g *halfYear) carryOver() []ledger.CarryOver {
	var out []ledger.CarryOver
	for _, ln := range g.lines {
		recv, est := ln.received/3/1000*1000, int64(0)
		if ln.l.Nature == ledger.KTX {
			recv, est = ln.received, ln.estimate/2/1000*1000
		}
		if recv > 0 {
			out = append(out, ledger.CarryOver{Line: ln.l, Balance: ledger.BalanceReceived, Amount: ledger.Money(recv)})
		}
		if est > 0 {
			out = append(out, ledger.CarryOver{Line: ln.l, Balance: ledger.BalanceEstimate, Amount: ledger.Money(est)})
		}
		ln.carryRecv, ln.carryEstim = recv, est
	}
	return out
}

var memos = map[string]string{
	"6001": "lương cán bộ, công chức", "6003": "lương hợp đồng", "6051": "tiền công hợp đồng", "6101": "phụ cấp chức vụ",
	"6113": "phụ cấp trách nhiệm", "6115": "phụ cấp thâm niên", "6301": "bảo hiểm xã hội", "6302": "bảo hiểm y tế",
	"6303": "kinh phí công đoàn", "6304": "bảo hiểm thất nghiệp", "6501": "tiền điện trụ sở", "6502": "tiền nước",
	"6503": "nhiên liệu", "6551": "văn phòng phẩm", "6552": "mua công cụ văn phòng", "6601": "cước điện thoại",
	"6606": "tuyên truyền", "6608": "sách báo", "6699": "hội nghị", "6702": "công tác phí", "6704": "khoán công tác phí",
	"6799": "thuê mướn", "6949": "sửa chữa trụ sở", "7049": "nghiệp vụ chuyên môn", "7761": "tiếp khách",
	"7899": "công tác Đảng", "9099": "mua sắm tài sản",
}

func tieuMucMemo(tm string) string {
	if m, ok := memos[tm]; ok {
		return m
	}
	return "tiểu mục " + tm
}
