package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// formKinds are the kinds an accountant keys in; carry-outs are recorded
// by closing, carry-ins are keyed only for balances brought from before
// the ledger started.
var formKinds = []ledger.EntryKind{
	ledger.EntryAllocation, ledger.EntryAdjustment, ledger.EntryWithdrawal, ledger.EntrySpending,
	ledger.EntryReturned, ledger.EntryCarryInReceived, ledger.EntryCarryInEstimate,
}

// entryForm keys vouchers into the ledger of the selected unit and period,
// built for speed: Tab order follows the voucher (date, number, kind,
// nature, Khoản, Tiểu mục, amount, memo), Enter saves from any field and
// keeps the date, number, kind, nature and Khoản for the next line of the
// same voucher, Escape clears. A refusal is shown under the field it is
// about, with the reason (and the shortfall in đồng) from the ledger.
type entryForm struct {
	sh *shell

	date    *widgets.TextEntry
	doc     *widgets.TextEntry
	kind    *widgets.KeySelect
	nature  *widgets.KeySelect
	khoan   *codePicker
	tieuMuc *codePicker
	amount  *widgets.MoneyEntry
	memo    *widgets.TextEntry
	suggest *suggestions // the list of the code pickers, over the tab
	save    *widgets.Button
	reset   *widgets.Button
	banner  *widget.Label
	fields  widgets.FieldSet
	inputs  []fyne.Disableable

	unit    string
	period  ledger.Period
	enabled bool
	saving  bool
	box     fyne.CanvasObject
}

func newEntryForm(sh *shell) *entryForm {
	f := &entryForm{sh: sh, fields: widgets.FieldSet{}}
	cat := sh.s.catalogue
	f.date = widgets.NewTextEntry("dd/mm/yyyy")
	f.date.OnFocusLost = f.normaliseDate
	f.doc = widgets.NewTextEntry("số chứng từ")
	kindNames := make([]string, len(formKinds))
	keys := map[rune]int{}
	for i, k := range formKinds {
		kindNames[i] = fmt.Sprintf("%d. %s", i+1, k.Label())
		keys[rune('1'+i)] = i
	}
	f.kind = widgets.NewKeySelect(kindNames, keys, func(string) { f.kindChanged() })
	f.kind.SetSelectedIndex(3) // spending: most lines of a half-year
	f.nature = widgets.NewKeySelect([]string{"TX", "KTX"}, map[rune]int{'t': 0, 'k': 1, '1': 0, '2': 1}, nil)
	f.nature.SetSelectedIndex(0)
	f.suggest = newSuggestions()
	f.khoan = newCodePicker(ledger.LevelKhoan, cat, "số/tên")
	f.tieuMuc = newCodePicker(ledger.LevelTieuMuc, cat, "số/tên")
	for _, p := range []*codePicker{f.khoan, f.tieuMuc} {
		p.list, p.year = f.suggest, func() int { return f.period.Year }
		p.onAdd = func(code string) { f.addCode(p, code) }
	}
	f.amount = widgets.NewMoneyEntry()
	f.memo = widgets.NewTextEntry("nội dung chi, số quyết định…")
	f.save = widgets.NewButton("Ghi (Enter)", theme.DocumentSaveIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.reset = widgets.NewButton("Nhập lại (Esc)", theme.ContentClearIcon(), f.clear)
	f.banner = widget.NewLabel("")
	f.banner.Wrapping = fyne.TextWrapWord

	for _, e := range []*widgets.TextEntry{f.date, f.doc, &f.khoan.TextEntry, &f.tieuMuc.TextEntry, &f.amount.TextEntry, f.memo} {
		e.OnSubmitted = func(string) { f.submit() }
		e.OnEscape = f.clear
		e.SelectOnFocus = e != f.memo
	}
	f.kind.OnSubmit, f.kind.OnEscape = f.submit, f.clear
	f.nature.OnSubmit, f.nature.OnEscape = f.submit, f.clear
	f.amount.OnEdited = func() { f.fields["amount"].ClearError() }

	add := f.fields.Add
	fDate := add("date", "Ngày chứng từ", f.date, "gõ gọn: 0503")
	fDoc := add("doc", "Số chứng từ / QĐ", f.doc, "")
	fKind := add("kind", "Loại nghiệp vụ", f.kind, "phím 1–7 để chọn")
	fNature := add("nature", "Tính chất", f.nature, "phím T / K")
	fKhoan := add("khoan", "Khoản", f.khoan, "gõ số hoặc tên")
	fTM := add("tieu_muc", "Tiểu mục", f.tieuMuc, "gõ số hoặc tên")
	fAmount := add("amount", "Số tiền (đồng)", f.amount, "")
	fMemo := add("memo", "Diễn giải", f.memo, "")
	f.khoan.bind(fKhoan)
	f.tieuMuc.bind(fTM)
	f.date.OnChanged = func(string) { fDate.ClearError() }
	f.doc.OnChanged = func(string) { fDoc.ClearError() }
	f.memo.OnChanged = func(string) { fMemo.ClearError() }

	row1 := container.New(widgets.Row(112, 150, 250, 78, 190, 250, 0),
		fDate.Object(), fDoc.Object(), fKind.Object(), fNature.Object(), fKhoan.Object(), fTM.Object(), fAmount.Object())
	buttons := container.NewHBox(f.save, f.reset)
	row2 := container.New(widgets.Row(0, buttons.MinSize().Width), fMemo.Object(), container.NewVBox(widgets.CaptionSpacer(), buttons))
	f.inputs = []fyne.Disableable{f.date, f.doc, f.kind, f.nature, f.khoan, f.tieuMuc, f.amount, f.memo, f.save, f.reset}
	title := widget.NewLabelWithStyle("Nhập chứng từ", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.box = container.NewVBox(title, row1, row2, f.banner)
	f.banner.Hide()
	f.kindChanged()
	return f
}

func (f *entryForm) object() fyne.CanvasObject { return f.box }

// prepare points the form at a unit and period; a closed period (or none)
// disables it with the reason in the banner.
func (f *entryForm) prepare(unit string, p ledger.Period, status ledger.PeriodStatus) {
	if p != f.period {
		d := p.Start()
		if t := f.sh.u.today(); p.Contains(t) {
			d = t
		}
		f.date.SetText(d.VN())
	}
	f.unit, f.period = unit, p
	kept := f.sh.keptAsSelected()
	f.enabled = unit != "" && status != ledger.PeriodClosed && kept
	for _, in := range f.inputs {
		if f.enabled {
			in.Enable()
		} else {
			in.Disable()
		}
	}
	switch {
	case unit == "":
		f.say("Chọn đơn vị để nhập chứng từ.", widget.MediumImportance)
	case !kept:
		f.say(fmt.Sprintf("Đơn vị ghi sổ năm %d theo 6 tháng: số liệu cả năm ở đây là tổng hợp của hai kỳ. "+
			"Chọn kỳ 6 tháng đầu năm hoặc 6 tháng cuối năm để nhập chứng từ hay khóa sổ.", p.Year), widget.MediumImportance)
	case !f.enabled:
		f.say(fmt.Sprintf("%s đã khóa sổ: không ghi thêm bút toán. Muốn sửa, mở lại sổ (nút “Mở lại sổ…” ở trên, phải ghi lý do).", p.Label()), widget.WarningImportance)
	default:
		f.say("", widget.MediumImportance)
	}
}

func (f *entryForm) kindChanged() {
	k := f.selectedKind()
	if fl := f.fields["tieu_muc"]; fl != nil && strings.TrimSpace(f.tieuMuc.Text) == "" {
		if k.NeedsTieuMuc() {
			fl.SetHint("bắt buộc – gõ số hoặc tên")
		} else {
			fl.SetHint("không bắt buộc")
		}
	}
	if fl := f.fields["amount"]; fl != nil {
		if k == ledger.EntryAdjustment {
			fl.SetHint("giảm dự toán: gõ dấu – trước số")
		} else {
			fl.SetHint("")
		}
	}
}

func (f *entryForm) selectedKind() ledger.EntryKind {
	i := f.kind.SelectedIndex()
	if i < 0 || i >= len(formKinds) {
		return ledger.EntrySpending
	}
	return formKinds[i]
}

func (f *entryForm) selectedNature() ledger.Nature {
	if f.nature.SelectedIndex() == 1 {
		return ledger.KTX
	}
	return ledger.TX
}

// normaliseDate rewrites a short date (0503, 5/3) as 05/03/2026 when the
// field is left, so what is saved is what is seen.
func (f *entryForm) normaliseDate() {
	if d, err := parseFormDate(f.date.Text, f.period); err == nil && d.VN() != f.date.Text {
		f.date.SetText(d.VN())
	}
}

// entry builds the entry from the fields, checking it on its own.
func (f *entryForm) entry() (*ledger.Entry, error) {
	date, err := parseFormDate(f.date.Text, f.period)
	if err != nil {
		return nil, err
	}
	amount, err := f.amount.Value()
	if err != nil {
		return nil, err
	}
	e := &ledger.Entry{
		Unit: f.unit, Period: f.period, Kind: f.selectedKind(), Nature: f.selectedNature(),
		Khoan: f.khoan.Code(), TieuMuc: f.tieuMuc.Code(), Amount: amount,
		Doc: f.doc.Text, Date: date, Memo: f.memo.Text,
	}
	e.Normalize()
	if err := e.Validate(f.sh.s.catalogue()); err != nil {
		return nil, err
	}
	return e, nil
}

// submit saves the voucher line: checked here first for an instant answer,
// then by the ledger, which commits it before the form is cleared.
func (f *entryForm) submit() {
	if f.saving || !f.enabled {
		return
	}
	f.khoan.commit()
	f.tieuMuc.commit()
	f.normaliseDate()
	f.clearErrors()
	for _, p := range []*codePicker{f.khoan, f.tieuMuc} {
		if code, ok := p.unknown(); ok { // add it in place, then save again
			f.addCode(p, code)
			return
		}
	}
	e, err := f.entry()
	if err != nil {
		f.refuse(err)
		return
	}
	f.saving = true
	f.save.Disable()
	f.sh.u.tasks.run(func(ctx context.Context) error {
		// A confirmed entry is written even if the window is closing.
		return f.sh.s.l.AddEntry(context.WithoutCancel(ctx), e)
	}, func(err error) {
		f.saving = false
		f.save.Enable()
		if err != nil {
			f.refuse(err)
			return
		}
		f.saved(e)
	})
}

// addCode offers to add a code the catalogue lacks without leaving the
// voucher: a small dialog with the code and its group filled in; saving
// it (Enter) or cancelling (Esc) returns to the field with every value of
// the voucher as it was.
func (f *entryForm) addCode(p *codePicker, code string) {
	p.close()
	f.sh.codes.showAddDialog(p.level, code, func(c ledger.Code) { p.set(c.Code) }, func() {
		f.sh.u.win.Canvas().Focus(p)
	})
}

// refuse shows why the ledger refused, under the field it is about.
func (f *entryForm) refuse(err error) {
	msg := widgets.ErrorText(err)
	f.say(msg, widget.DangerImportance)
	fl, ok := f.fields[ledger.ErrorField(err)]
	if !ok {
		return
	}
	fl.SetError(msg)
	if obj, ok := fl.Input.(fyne.Focusable); ok {
		f.sh.u.win.Canvas().Focus(obj)
	}
}

func (f *entryForm) saved(e *ledger.Entry) {
	where := "Khoản " + e.Khoan + " " + string(e.Nature)
	if e.TieuMuc != "" {
		where += ", TM " + e.TieuMuc
	}
	f.say(fmt.Sprintf("Đã ghi: %s %s đồng – %s – CT %s ngày %s.", e.Kind.Label(), e.Amount.String(), where, e.Doc, e.Date.VN()),
		widget.SuccessImportance)
	f.tieuMuc.set("")
	f.amount.SetText("")
	f.memo.SetText("")
	f.kindChanged()
	next := fyne.Focusable(f.khoan)
	if e.Kind.NeedsTieuMuc() {
		next = f.tieuMuc
	}
	f.sh.u.win.Canvas().Focus(next)
	f.sh.changed()
}

// clear empties the line being keyed (Escape), keeping the voucher's date
// and number.
func (f *entryForm) clear() {
	f.clearErrors()
	f.tieuMuc.set("")
	f.amount.SetText("")
	f.memo.SetText("")
	f.say("", widget.MediumImportance)
	f.kindChanged()
}

func (f *entryForm) clearErrors() {
	for _, fl := range f.fields {
		fl.ClearError()
	}
}

// say shows a message under the form; the line is hidden when empty so
// the table keeps the room.
func (f *entryForm) say(msg string, imp widget.Importance) {
	f.banner.Importance = imp
	f.banner.SetText(msg)
	if msg == "" {
		f.banner.Hide()
	} else {
		f.banner.Show()
	}
}

// newVoucher empties the form for the next voucher — its number and the
// line — keeping the date, and puts the keyboard in the date.
func (f *entryForm) newVoucher() {
	f.clear()
	f.doc.SetText("")
	f.focus()
}

// dirty reports whether a line is half keyed in.
func (f *entryForm) dirty() bool {
	return strings.TrimSpace(f.amount.Text) != "" || strings.TrimSpace(f.memo.Text) != "" || f.tieuMuc.Code() != ""
}

// focus puts the keyboard in the first field.
func (f *entryForm) focus() {
	if f.enabled {
		f.sh.u.win.Canvas().Focus(f.date)
	}
}

// parseFormDate reads a date as typed in the form: dd/mm/yyyy, d/m (the
// year of the period), d/m/yy, ddmm or ddmmyyyy.
func parseFormDate(s string, p ledger.Period) (ledger.Date, error) {
	t := strings.TrimSpace(s)
	year := strconv.Itoa(p.Year)
	allDigits := t != "" && strings.Trim(t, "0123456789") == ""
	switch {
	case allDigits && len(t) == 4:
		t = t[:2] + "/" + t[2:] + "/" + year
	case allDigits && len(t) == 8:
		t = t[:2] + "/" + t[2:4] + "/" + t[4:]
	case strings.Count(t, "/") == 1:
		t += "/" + year
	case strings.Count(t, "/") == 2 && len(t)-strings.LastIndex(t, "/") == 3:
		t = t[:strings.LastIndex(t, "/")+1] + "20" + t[strings.LastIndex(t, "/")+1:]
	}
	d, err := ledger.ParseDate(t)
	if err != nil && t != strings.TrimSpace(s) && strings.TrimSpace(s) != "" {
		return d, ledger.FieldErrorf("date", "ui.parseFormDate", "ngày %q không hợp lệ: viết dạng dd/mm/yyyy (05/03/%d), hoặc gọn 05/03, 0503", s, p.Year)
	}
	return d, err
}
