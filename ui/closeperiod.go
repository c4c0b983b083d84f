package ui

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// closeLine is one settlement line in the closing dialog: what is left on
// it and the carry-overs the accountant declares.
type closeLine struct {
	line          ledger.Line
	leftReceived  ledger.Money // funds received, unused (row 23/27 before closing)
	leftEstimate  ledger.Money // estimate at the Treasury (row 24/28 before closing)
	carryReceived *widgets.MoneyEntry
	carryEstimate *widgets.MoneyEntry
	toReturn      *widget.Label
	cancelled     *widget.Label
}

// closeDialog closes a period (a half-year, or a year kept whole): it
// lists what is left per line, lets the accountant declare what carries
// over to the next period, and
// shows the rows the statement will have (still to return, cancelled,
// carried over) before anything is written.
type closeDialog struct {
	sh      *shell
	unit    string
	period  ledger.Period
	totals  []ledger.Total
	lines   []*closeLine
	preview *fyne.Container
	note    *widget.Label
	early   *widget.Label // the half-year has not ended, if so
	ok      *widgets.Button
	d       *dialog.CustomDialog
	asked   *widgets.ConfirmDialog
}

func (sh *shell) closePeriod() {
	if sh.unit.Code == "" {
		return
	}
	if sh.periodStatus() == ledger.PeriodClosed {
		widgets.ShowInfo(sh.u.win, "Khóa sổ", sh.period.Label()+" đã khóa sổ.")
		return
	}
	if !sh.keptAsSelected() {
		widgets.ShowInfo(sh.u.win, "Khóa sổ", fmt.Sprintf("Đơn vị ghi sổ năm %d theo 6 tháng: khóa sổ từng kỳ — chọn 6 tháng đầu năm, "+
			"rồi 6 tháng cuối năm. Số liệu cả năm được tổng hợp từ hai kỳ, dù đã khóa sổ hay chưa.", sh.period.Year))
		return
	}
	unit, p := sh.unit.Code, sh.period
	background(sh.u.tasks, func(ctx context.Context) ([]ledger.Total, error) {
		return sh.s.l.Totals(ctx, unit, p)
	}, func(totals []ledger.Total, err error) {
		if err != nil {
			widgets.ShowError(sh.u.win, err)
			return
		}
		lines, err := closeLines(sh.s.l.Form(), totals)
		if err != nil {
			widgets.ShowError(sh.u.win, err)
			return
		}
		sh.closing = newCloseDialog(sh, unit, p, totals, lines)
	})
}

// closeLines lists the lines that have entries, Khoản by Khoản, TX first,
// with what is left on each.
func closeLines(f *ledger.Form, totals []ledger.Total) ([]*closeLine, error) {
	p, err := f.PreviewClose(totals, nil)
	if err != nil {
		return nil, err
	}
	out := make([]*closeLine, len(p.Lines))
	for i, l := range p.Lines {
		out[i] = &closeLine{line: l.Line, leftReceived: l.LeftReceived, leftEstimate: l.LeftEstimate}
	}
	return out, nil
}

func newCloseDialog(sh *shell, unit string, p ledger.Period, totals []ledger.Total, lines []*closeLine) *closeDialog {
	c := &closeDialog{sh: sh, unit: unit, period: p, totals: totals, lines: lines}
	cols := widgets.Row(250, 130, 140, 150, 140, 140, 0)
	grid := container.NewVBox()
	var head []fyne.CanvasObject
	form := sh.s.l.Form()
	carried := form.Text("Chuyển {sau}", p)
	for _, h := range []string{"Khoản – tính chất", "KP đã nhận còn lại", carried, "→ Còn phải nộp NSNN",
		"Dự toán còn ở KB", carried, "→ Dự toán bị hủy"} {
		head = append(head, widget.NewLabelWithStyle(h, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
	}
	head[0].(*widget.Label).Alignment = fyne.TextAlignLeading
	grid.Add(container.New(cols, head...))
	cat := sh.s.catalogue()
	for _, l := range c.lines {
		l.carryReceived, l.carryEstimate = widgets.NewMoneyEntry(), widgets.NewMoneyEntry()
		l.carryReceived.OnEdited, l.carryEstimate.OnEdited = c.update, c.update
		l.carryReceived.OnSubmitted = func(string) { c.confirm() }
		l.carryEstimate.OnSubmitted = func(string) { c.confirm() }
		l.toReturn, l.cancelled = widgets.RightLabel(""), widgets.RightLabel("")
		name := widget.NewLabel(fmt.Sprintf("%s %s – %s", l.line.Khoan, l.line.Nature, cat.Name(ledger.LevelKhoan, l.line.Khoan)))
		name.Truncation = fyne.TextTruncateEllipsis
		grid.Add(container.New(cols, name, widgets.RightLabel(l.leftReceived.Report()), l.carryReceived, l.toReturn,
			widgets.RightLabel(l.leftEstimate.Report()), l.carryEstimate, l.cancelled))
	}
	intro := widget.NewLabel(fmt.Sprintf("Khóa sổ %s của %s. Phần còn lại trên mỗi dòng, nếu không khai chuyển sang %s, "+
		"sẽ thành “Còn phải nộp NSNN” (kinh phí đã nhận) hoặc “Dự toán bị hủy” (dự toán còn ở Kho bạc). "+
		"Số chuyển sang được ghi thành số dư đầu %s.", p.Name(), sh.unit.Name, sh.nextPeriod(p).Name(), form.Text("{sau}", p)))
	intro.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(intro)
	if early := earlyClose(p, sh.u.today()); early != "" {
		c.early = widget.NewLabel(early)
		c.early.Wrapping = fyne.TextWrapWord
		c.early.Importance = widget.WarningImportance
		c.early.TextStyle = fyne.TextStyle{Bold: true}
		top.Add(c.early)
	}
	c.preview = container.NewGridWithColumns(3)
	c.note = widget.NewLabel("")
	c.note.Importance = widget.DangerImportance
	c.note.Wrapping = fyne.TextWrapWord
	if len(c.lines) == 0 {
		grid.Add(widget.NewLabel(fmt.Sprintf("%s chưa có bút toán nào.", p.Label())))
	}
	body := widgets.Border(top, container.NewVBox(widget.NewSeparator(),
		widget.NewLabelWithStyle("Báo cáo sau khi khóa sổ", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), c.preview, c.note),
		nil, nil, container.NewVScroll(grid))
	c.d, c.ok = widgets.ActionDialog(sh.u.win, "Khóa sổ "+p.Name(), body, "Khóa sổ", widget.HighImportance, fyne.NewSize(1100, 680), c.confirm)
	c.update()
	if len(c.lines) > 0 {
		sh.u.win.Canvas().Focus(c.lines[0].carryReceived)
	}
	return c
}

// carries reads the declared carry-overs and previews the closing with
// them; the error names the first one that is unreadable or that the
// ledger refuses (larger than what is left), each marked at its field.
func (c *closeDialog) carries() ([]ledger.CarryOver, *ledger.ClosePreview, error) {
	var out []ledger.CarryOver
	var first error
	type input struct {
		e *widgets.MoneyEntry
		l *closeLine
		b ledger.Balance
	}
	var inputs []input
	for _, l := range c.lines {
		inputs = append(inputs, input{l.carryReceived, l, ledger.BalanceReceived}, input{l.carryEstimate, l, ledger.BalanceEstimate})
	}
	for _, in := range inputs {
		in.e.SetValidationError(nil)
		if strings.TrimSpace(in.e.Text) == "" {
			continue
		}
		m, err := in.e.Value()
		if err != nil {
			in.e.SetValidationError(err)
			first = cmp.Or(first, err)
			continue
		}
		if m != 0 {
			out = append(out, ledger.CarryOver{Line: in.l.line, Balance: in.b, Amount: m})
		}
	}
	p, err := c.sh.s.l.Form().PreviewClose(c.totals, out)
	for _, pl := range p.Lines {
		for _, in := range inputs {
			if in.l.line == pl.Line {
				if err := pl.Err(in.b); err != nil {
					in.e.SetValidationError(err)
				}
			}
		}
	}
	if err != nil && first == nil {
		first = ledger.Cause(err)
	}
	return out, p, first
}

// update recomputes each line and the statement rows after closing.
func (c *closeDialog) update() {
	_, p, err := c.carries()
	for _, l := range c.lines {
		for _, pl := range p.Lines {
			if pl.Line == l.line {
				l.toReturn.SetText(pl.ToReturn.Report())
				l.cancelled.SetText(pl.Cancelled.Report())
			}
		}
	}
	if err != nil {
		c.note.SetText(err.Error())
		c.ok.Disable()
	} else {
		c.note.SetText("")
		c.ok.Enable()
	}
	c.showPreview(previewLines(c.sh.s.l.Form(), c.period, p))
}

// previewLine is one line of the statement after closing: a row for TX
// beside its counterpart for KTX.
type previewLine struct {
	label   string
	tx, ktx ledger.Money
}

// previewLines lays out the rows closing period decides — what remains
// to return, what is cancelled and what is carried over — TX and KTX side
// by side, as the preview gives them, in the words of the period.
func previewLines(f *ledger.Form, period ledger.Period, p *ledger.ClosePreview) []previewLine {
	var out []previewLine
	for _, r := range p.Rows {
		tx, ktx := r.Codes[ledger.TX], r.Codes[ledger.KTX]
		label := f.Label(tx, period)
		if r.Carried {
			first, size := utf8.DecodeRuneInString(label)
			label = f.Text("Chuyển {sau} – ", period) + string(unicode.ToLower(first)) + label[size:]
		}
		out = append(out, previewLine{label: fmt.Sprintf("%s (%s | %s)", label, tx, ktx), tx: r.Amounts[ledger.TX], ktx: r.Amounts[ledger.KTX]})
	}
	return out
}

func (c *closeDialog) showPreview(lines []previewLine) {
	c.preview.RemoveAll()
	for _, h := range []string{"Chỉ tiêu (mã số TX | KTX)", "Thường xuyên (TX)", "Không thường xuyên (KTX)"} {
		c.preview.Add(widget.NewLabelWithStyle(h, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
	}
	c.preview.Objects[0].(*widget.Label).Alignment = fyne.TextAlignLeading
	for _, l := range lines {
		c.preview.Add(widget.NewLabel(l.label))
		c.preview.Add(widgets.RightLabel(l.tx.Report()))
		c.preview.Add(widgets.RightLabel(l.ktx.Report()))
	}
}

func (c *closeDialog) confirm() {
	carry, _, err := c.carries()
	if err != nil {
		c.note.SetText(err.Error())
		return
	}
	msg := fmt.Sprintf("Khóa sổ %s của %s?\nSau khi khóa, không ghi thêm bút toán vào %s (muốn sửa phải mở lại sổ, có ghi lý do).", c.period.Name(), c.sh.unit.Name, c.period.Name())
	title, ok := "Xác nhận khóa sổ", "Khóa sổ"
	if early := earlyClose(c.period, c.sh.u.today()); early != "" {
		msg = early + "\n\n" + msg
		title, ok = "Khóa sổ trước khi hết kỳ?", "Vẫn khóa sổ"
	}
	c.asked = widgets.Confirm(c.sh.u.win, title, msg, ok, c.close(carry))
}

func (c *closeDialog) close(carry []ledger.CarryOver) func() {
	return func() {
		c.ok.Disable()
		unit, p := c.unit, c.period
		c.sh.u.tasks.run(func(ctx context.Context) error {
			return c.sh.s.l.ClosePeriod(context.WithoutCancel(ctx), unit, p, carry)
		}, func(err error) {
			c.ok.Enable()
			if err != nil {
				c.note.SetText(widgets.ErrorText(err))
				return
			}
			c.d.Hide()
			c.sh.setStatusBar(fmt.Sprintf("Đã khóa sổ %s; số dư chuyển sang %s, kỳ đang hiện.", p.Name(), c.sh.nextPeriod(p).Name()))
			c.sh.closed(p)
		})
	}
}

// nextPeriod is the period a closing of p carries into: the second half
// after the first, else the next year's first period as it will be kept.
func (sh *shell) nextPeriod(p ledger.Period) ledger.Period {
	if p.Half == 1 {
		return p.Next()
	}
	return sh.wayOf(p.Year + 1).NextAfter(p)
}

// earlyClose says, when p has not ended on today, that closing it now is
// early; "" once it has ended.
func earlyClose(p ledger.Period, today ledger.Date) string {
	if !today.Before(p.End()) {
		return ""
	}
	what := "kỳ"
	if p.IsYear() {
		what = "năm"
	}
	return fmt.Sprintf("%s chưa kết thúc: hôm nay là %s, %s kết thúc ngày %s. Chứng từ phát sinh từ nay đến hết %s chỉ ghi được sau khi mở lại sổ.",
		p.Label(), today.VN(), what, p.End().VN(), what)
}

// closed shows, after p was closed, the period that received its
// carry-over.
func (sh *shell) closed(p ledger.Period) {
	next := sh.nextPeriod(p)
	sh.loadPeriods(func([]ledger.PeriodInfo) {
		sh.setPeriods(sh.periodList())
		sh.setPeriodSelectors(next)
		sh.selectionChanged()
	})
}

// reopenPeriod unlocks the selected period after asking why.
func (sh *shell) reopenPeriod() {
	if sh.unit.Code == "" {
		return
	}
	if sh.periodStatus() != ledger.PeriodClosed {
		widgets.ShowInfo(sh.u.win, "Mở lại sổ", sh.period.Label()+" đang mở, không cần mở lại.")
		return
	}
	reason := widgets.NewTextEntry("vd: bổ sung chứng từ chi tháng 6 bị sót")
	fReason := widgets.NewField("reason", "Lý do mở lại sổ (bắt buộc)", reason)
	fReason.SetHint("lý do được ghi vào nhật ký sổ")
	unit, p := sh.unit.Code, sh.period
	sh.reopening = widgets.ShowFormDialog(sh.u.win, "Mở lại sổ "+p.Name(), "Mở lại sổ", []*widgets.Field{fReason}, func(done func(error)) {
		why := strings.TrimSpace(reason.Text)
		if why == "" {
			done(ledger.FieldErrorf("reason", "ui.reopen", "phải ghi lý do mở lại sổ"))
			return
		}
		sh.u.tasks.run(func(ctx context.Context) error {
			return sh.s.l.ReopenPeriod(context.WithoutCancel(ctx), unit, p, why)
		}, func(err error) {
			done(err)
			if err == nil {
				sh.setStatusBar("Đã mở lại sổ " + p.Name() + ".")
				sh.changed()
			}
		})
	}, func(string) *widgets.Field { return fReason })
}
