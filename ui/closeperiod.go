package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
)

// closeLine is one settlement line in the closing dialog: what is left on
// it and the carry-overs the accountant declares.
type closeLine struct {
	line          ledger.Line
	leftReceived  ledger.Money // funds received, unused (row 23/27 before closing)
	leftEstimate  ledger.Money // estimate at the Treasury (row 24/28 before closing)
	carryReceived *moneyEntry
	carryEstimate *moneyEntry
	toReturn      *widget.Label
	cancelled     *widget.Label
}

// closeDialog closes a half-year: it lists what is left per line, lets
// the accountant declare what carries over to the next half-year, and
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
	ok      *widget.Button
	d       *dialog.CustomDialog
	asked   *dialog.ConfirmDialog
}

func (sh *shell) closePeriod() {
	if sh.unit.Code == "" {
		return
	}
	if sh.periodStatus() == ledger.PeriodClosed {
		showInfo(sh.u.win, "Khóa sổ", sh.period.Label()+" đã khóa sổ.")
		return
	}
	unit, p := sh.unit.Code, sh.period
	background(sh.u.tasks, func(ctx context.Context) ([]ledger.Total, error) {
		return sh.s.l.Totals(ctx, unit, p)
	}, func(totals []ledger.Total, err error) {
		if err != nil {
			showError(sh.u.win, err)
			return
		}
		lines, err := closeLines(sh.s.l.Form(), totals)
		if err != nil {
			showError(sh.u.win, err)
			return
		}
		sh.closing = newCloseDialog(sh, unit, p, totals, lines)
	})
}

// closeLines lists the lines that have entries, Khoản by Khoản, TX first.
func closeLines(f *ledger.Form, totals []ledger.Total) ([]*closeLine, error) {
	seen := map[ledger.Line]bool{}
	var lines []ledger.Line
	for _, t := range totals {
		l := ledger.Line{Khoan: t.Khoan, Nature: t.Nature}
		if !seen[l] {
			seen[l] = true
			lines = append(lines, l)
		}
	}
	sort.Slice(lines, func(i, j int) bool {
		if lines[i].Khoan != lines[j].Khoan {
			return lines[i].Khoan < lines[j].Khoan
		}
		return lines[i].Nature == ledger.TX && lines[j].Nature != ledger.TX
	})
	out := make([]*closeLine, len(lines))
	for i, l := range lines {
		s, err := ledger.LineSums(totals, l)
		if err != nil {
			return nil, err
		}
		received, err := f.BalanceOf(ledger.BalanceReceived, l.Nature, s)
		if err != nil {
			return nil, err
		}
		estimate, err := f.BalanceOf(ledger.BalanceEstimate, l.Nature, s)
		if err != nil {
			return nil, err
		}
		out[i] = &closeLine{line: l, leftReceived: received, leftEstimate: estimate}
	}
	return out, nil
}

func newCloseDialog(sh *shell, unit string, p ledger.Period, totals []ledger.Total, lines []*closeLine) *closeDialog {
	c := &closeDialog{sh: sh, unit: unit, period: p, totals: totals, lines: lines}
	cols := rowLayout{[]float32{250, 130, 140, 150, 140, 140, 0}}
	grid := container.NewVBox()
	var head []fyne.CanvasObject
	for _, h := range []string{"Khoản – tính chất", "KP đã nhận còn lại", "Chuyển kỳ sau", "→ Còn phải nộp NSNN",
		"Dự toán còn ở KB", "Chuyển kỳ sau", "→ Dự toán bị hủy"} {
		head = append(head, widget.NewLabelWithStyle(h, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
	}
	head[0].(*widget.Label).Alignment = fyne.TextAlignLeading
	grid.Add(container.New(cols, head...))
	cat := sh.s.catalogue()
	for _, l := range c.lines {
		l.carryReceived, l.carryEstimate = newMoneyEntry(), newMoneyEntry()
		l.carryReceived.onEdited, l.carryEstimate.onEdited = c.update, c.update
		l.carryReceived.OnSubmitted = func(string) { c.confirm() }
		l.carryEstimate.OnSubmitted = func(string) { c.confirm() }
		l.toReturn, l.cancelled = rightLabel(""), rightLabel("")
		name := widget.NewLabel(fmt.Sprintf("%s %s – %s", l.line.Khoan, l.line.Nature, cat.Name(ledger.LevelKhoan, l.line.Khoan)))
		name.Truncation = fyne.TextTruncateEllipsis
		grid.Add(container.New(cols, name, rightLabel(l.leftReceived.Report()), l.carryReceived, l.toReturn,
			rightLabel(l.leftEstimate.Report()), l.carryEstimate, l.cancelled))
	}
	intro := widget.NewLabel(fmt.Sprintf("Khóa sổ %s của %s. Phần còn lại trên mỗi dòng, nếu không khai chuyển sang %s, "+
		"sẽ thành “Còn phải nộp NSNN” (kinh phí đã nhận) hoặc “Dự toán bị hủy” (dự toán còn ở Kho bạc). "+
		"Số chuyển sang được ghi thành số dư đầu kỳ sau.", p.Label(), sh.unit.Name, p.Next().Label()))
	intro.Wrapping = fyne.TextWrapWord
	c.preview = container.NewGridWithColumns(3)
	c.note = widget.NewLabel("")
	c.note.Importance = widget.DangerImportance
	c.note.Wrapping = fyne.TextWrapWord
	if len(c.lines) == 0 {
		grid.Add(widget.NewLabel("Kỳ này chưa có bút toán nào."))
	}
	body := container.NewBorder(intro, container.NewVBox(widget.NewSeparator(),
		widget.NewLabelWithStyle("Báo cáo sau khi khóa sổ", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), c.preview, c.note),
		nil, nil, container.NewVScroll(grid))
	c.d, c.ok = actionDialog(sh.u.win, "Khóa sổ "+p.Label(), body, "Khóa sổ", widget.HighImportance, fyne.NewSize(1100, 680), c.confirm)
	c.update()
	if len(c.lines) > 0 {
		sh.u.win.Canvas().Focus(c.lines[0].carryReceived)
	}
	return c
}

func rightLabel(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignTrailing, fyne.TextStyle{})
}

// carries reads the declared carry-overs; the error names the first one
// that is unreadable or larger than what is left.
func (c *closeDialog) carries() ([]ledger.CarryOver, error) {
	var out []ledger.CarryOver
	read := func(e *moneyEntry, l *closeLine, b ledger.Balance, left ledger.Money, what string) error {
		if strings.TrimSpace(e.Text) == "" {
			e.SetValidationError(nil)
			return nil
		}
		m, err := e.Value()
		switch {
		case err == nil && m < 0:
			err = fmt.Errorf("số chuyển kỳ sau của %s không được âm", l.line)
		case err == nil && m > left:
			err = fmt.Errorf("%s: chuyển kỳ sau %s đồng vượt %s còn lại %s đồng (thừa %s đồng)",
				l.line, m.String(), what, left.String(), (m - left).String())
		}
		e.SetValidationError(err)
		if err != nil {
			return err
		}
		if m > 0 {
			out = append(out, ledger.CarryOver{Line: l.line, Balance: b, Amount: m})
		}
		return nil
	}
	var first error
	for _, l := range c.lines {
		for _, err := range []error{
			read(l.carryReceived, l, ledger.BalanceReceived, l.leftReceived, "kinh phí đã nhận"),
			read(l.carryEstimate, l, ledger.BalanceEstimate, l.leftEstimate, "dự toán"),
		} {
			if err != nil && first == nil {
				first = err
			}
		}
	}
	return out, first
}

// update recomputes each line and the statement rows after closing.
func (c *closeDialog) update() {
	carry, err := c.carries()
	got := map[ledger.Line]map[ledger.Balance]ledger.Money{}
	for _, co := range carry {
		if got[co.Line] == nil {
			got[co.Line] = map[ledger.Balance]ledger.Money{}
		}
		got[co.Line][co.Balance] += co.Amount
	}
	for _, l := range c.lines {
		l.toReturn.SetText((l.leftReceived - got[l.line][ledger.BalanceReceived]).Report())
		l.cancelled.SetText((l.leftEstimate - got[l.line][ledger.BalanceEstimate]).Report())
	}
	if err != nil {
		c.note.SetText(err.Error())
		c.ok.Disable()
	} else {
		c.note.SetText("")
		c.ok.Enable()
	}
	lines, err := closingPreview(c.sh.s.l.Form(), c.unit, c.period, c.totals, carry)
	if err != nil {
		c.note.SetText(errorText(err))
		return
	}
	c.showPreview(lines)
}

// previewLine is one line of the statement after closing: a row for TX
// beside its counterpart for KTX.
type previewLine struct {
	label   string
	tx, ktx ledger.Money
}

// closingPreview computes, as if the carry-overs were already recorded,
// the rows closing decides: what remains to return, what is cancelled and
// what is carried over, TX and KTX side by side.
func closingPreview(f *ledger.Form, unit string, p ledger.Period, totals []ledger.Total, carry []ledger.CarryOver) ([]previewLine, error) {
	after := append([]ledger.Total(nil), totals...)
	for _, co := range carry {
		kind := ledger.EntryCarryOutReceived
		if co.Balance == ledger.BalanceEstimate {
			kind = ledger.EntryCarryOutEstimate
		}
		after = append(after, ledger.Total{Khoan: co.Line.Khoan, Nature: co.Line.Nature, Kind: kind, Amount: co.Amount})
	}
	st, err := f.BuildStatement(unit, p, after)
	if err != nil {
		return nil, err
	}
	var tx, ktx []ledger.FormRow
	for _, r := range f.Rows {
		switch n, ok := previewRow(f, r); {
		case ok && n == ledger.TX:
			tx = append(tx, r)
		case ok && n == ledger.KTX:
			ktx = append(ktx, r)
		}
	}
	var out []previewLine
	for i := range min(len(tx), len(ktx)) {
		label := tx[i].Label
		if tx[i].Formula == "" {
			r, size := utf8.DecodeRuneInString(label)
			label = "Chuyển kỳ sau – " + string(unicode.ToLower(r)) + label[size:]
		}
		out = append(out, previewLine{label: fmt.Sprintf("%s (%s | %s)", label, tx[i].Code, ktx[i].Code),
			tx: st.Total[tx[i].Code], ktx: st.Total[ktx[i].Code]})
	}
	return out, nil
}

func (c *closeDialog) showPreview(lines []previewLine) {
	c.preview.RemoveAll()
	for _, h := range []string{"Chỉ tiêu (mã số TX | KTX)", "Thường xuyên (TX)", "Không thường xuyên (KTX)"} {
		c.preview.Add(widget.NewLabelWithStyle(h, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
	}
	c.preview.Objects[0].(*widget.Label).Alignment = fyne.TextAlignLeading
	for _, l := range lines {
		c.preview.Add(widget.NewLabel(l.label))
		c.preview.Add(rightLabel(l.tx.Report()))
		c.preview.Add(rightLabel(l.ktx.Report()))
	}
}

// previewRow picks the rows closing decides, with their nature: the
// balance rows and the carried-over rows.
func previewRow(f *ledger.Form, r ledger.FormRow) (ledger.Nature, bool) {
	for _, byNature := range f.Balances {
		for n, code := range byNature {
			if code == r.Code {
				return n, true
			}
		}
	}
	for _, k := range r.Kinds {
		if k == ledger.EntryCarryOutReceived || k == ledger.EntryCarryOutEstimate {
			return r.Nature, true
		}
	}
	return "", false
}

func (c *closeDialog) confirm() {
	carry, err := c.carries()
	if err != nil {
		c.note.SetText(err.Error())
		return
	}
	msg := fmt.Sprintf("Khóa sổ %s của %s?\nSau khi khóa, không ghi thêm bút toán vào kỳ này (muốn sửa phải mở lại sổ, có ghi lý do).", c.period.Label(), c.sh.unit.Name)
	c.asked = confirm(c.sh.u.win, "Xác nhận khóa sổ", msg, "Khóa sổ", c.close(carry))
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
				c.note.SetText(errorText(err))
				return
			}
			c.d.Hide()
			c.sh.setStatusBar(fmt.Sprintf("Đã khóa sổ %s; số dư chuyển sang %s.", p.Label(), p.Next().Label()))
			c.sh.changed()
		})
	}
}

// reopenPeriod unlocks the selected period after asking why.
func (sh *shell) reopenPeriod() {
	if sh.unit.Code == "" {
		return
	}
	if sh.periodStatus() != ledger.PeriodClosed {
		showInfo(sh.u.win, "Mở lại sổ", sh.period.Label()+" đang mở, không cần mở lại.")
		return
	}
	reason := newTextEntry("vd: bổ sung chứng từ chi tháng 6 bị sót")
	fReason := newField("reason", "Lý do mở lại sổ (bắt buộc)", reason)
	fReason.setHint("lý do được ghi vào nhật ký sổ")
	unit, p := sh.unit.Code, sh.period
	sh.reopening = showFormDialog(sh.u.win, "Mở lại sổ "+p.Label(), "Mở lại sổ", []*field{fReason}, func(done func(error)) {
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
				sh.setStatusBar("Đã mở lại sổ " + p.Label() + ".")
				sh.changed()
			}
		})
	}, func(string) *field { return fReason })
}
