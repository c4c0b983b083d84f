package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// reverseDialog asks why an entry is reversed before recording the
// reversal: entries are never edited or deleted, a mistake is cancelled
// by an entry of the opposite sign that names it, and the reason goes
// into the audit trail.
type reverseDialog struct {
	sh      *shell
	entry   *ledger.Entry
	reason  *widgets.TextEntry
	explain *widget.Label // what is recorded, and on which date
	note    *widget.Label
	ok      *widgets.Button
	d       *dialog.CustomDialog
}

func showReverseDialog(sh *shell, e *ledger.Entry) *reverseDialog {
	r := &reverseDialog{sh: sh, entry: e}
	r.reason = widgets.NewTextEntry("vd: ghi nhầm Tiểu mục, ghi trùng chứng từ…")
	r.reason.OnSubmitted = func(string) { r.confirm() }
	r.note = widget.NewLabel("")
	r.note.Importance = widget.DangerImportance
	r.note.Wrapping = fyne.TextWrapWord
	what := fmt.Sprintf("%s ngày %s, số CT %s\n%s – Khoản %s%s\nSố tiền: %s đồng\n%s",
		e.Kind.Label(), e.Date.VN(), e.Doc, e.Nature.Label(), e.Khoan,
		tieuMucText(sh.s.catalogue(), e.TieuMuc), e.Amount.String(), e.Memo)
	info := widget.NewLabel(what)
	info.Wrapping = fyne.TextWrapWord
	r.explain = widget.NewLabel("Bút toán không bị xóa: sổ ghi thêm một bút toán đảo (số tiền ngược dấu) có ghi lý do, " +
		reversalDateText(e, sh.u.today()) + ". Quyết toán được tính lại ngay.")
	r.explain.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(info, widget.NewSeparator(), r.explain,
		widget.NewLabelWithStyle("Lý do đảo (bắt buộc)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), r.reason, r.note)
	r.d, r.ok = widgets.ActionDialog(sh.u.win, "Đảo bút toán", body, "Đảo bút toán", widget.DangerImportance, fyne.NewSize(560, 0), r.confirm)
	sh.u.win.Canvas().Focus(r.reason)
	return r
}

// reversalDateText says which date the reversal will take and why
// (ledger.ReversalDate, the rule the store applies).
func reversalDateText(e *ledger.Entry, today ledger.Date) string {
	d := ledger.ReversalDate(e, today)
	switch {
	case d == today:
		return "ghi ngày hôm nay " + d.VN()
	case e.Period.Contains(today):
		return "ghi ngày " + d.VN() + ", ngày của chính bút toán bị đảo (bút toán đảo không ghi trước bút toán bị đảo)"
	}
	return "ghi ngày " + d.VN() + ", ngày cuối " + e.Period.Name() + " (hôm nay " + today.VN() + " không thuộc kỳ của bút toán)"
}

func tieuMucText(cat *ledger.Catalogue, tm string) string {
	if tm == "" {
		return ""
	}
	return ", Tiểu mục " + tm + " " + cat.Name(ledger.LevelTieuMuc, tm)
}

func (r *reverseDialog) confirm() {
	reason := strings.TrimSpace(r.reason.Text)
	if reason == "" {
		r.note.SetText("Phải ghi lý do đảo bút toán.")
		r.sh.u.win.Canvas().Focus(r.reason)
		return
	}
	r.ok.Disable()
	id := r.entry.ID
	background(r.sh.u.tasks, func(ctx context.Context) (*ledger.Entry, error) {
		return r.sh.s.l.ReverseEntry(context.WithoutCancel(ctx), id, reason)
	}, func(rev *ledger.Entry, err error) {
		r.ok.Enable()
		if err != nil {
			r.note.SetText(widgets.ErrorText(err))
			return
		}
		r.d.Hide()
		r.sh.setStatusBar(fmt.Sprintf("Đã đảo bút toán %s ngày %s (%s đồng).", r.entry.Doc, r.entry.Date.VN(), r.entry.Amount.String()))
		r.sh.changed()
	})
}
