package ui

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// reviewTab is "Xét duyệt": the superior unit's review of the selected
// unit's settlement for the selected period. For one Khoản at a time (or
// the total) it lists the B01 rows with the reported figure, the approved
// one (editable on input rows; computed rows follow by formula), the
// difference and the reason; then what the imports of the unit's
// workbooks found, the comments to the unit and the draft → finished
// state. A finished review is read-only until reopened with a reason. On a
// unit's own ledger it is "Thông báo xét duyệt": the same grid, read-only,
// with the approved figures of the superior's notice the ledger received.
type reviewTab struct {
	sh *shell
	widgets.Lazy

	heading    *widget.Label
	state      *widget.Label
	khoanSel   *widget.Select
	balance    *widget.Label
	onlyDiff   *widgets.Check
	scroll     *container.Scroll
	grid       *fyne.Container
	comment    *widgets.TextEntry
	commentBtn *widgets.Button
	saveBtn    *widgets.Button
	finishBtn  *widgets.Button
	exportBtn  *widgets.Button
	infoBtn    *widgets.Button
	banner     *widget.Label
	found      *widget.Label // what the imports of the unit's workbooks found
	empty      *widget.Label
	importBtn  *widgets.Button
	main       fyne.CanvasObject // the review, or
	emptyBox   fyne.CanvasObject // what to do when there is nothing to review
	box        fyne.CanvasObject

	unit     ledger.Unit
	period   ledger.Period
	reported *ledger.Statement
	review   *ledger.Review
	notice   *ledger.Notice // on a unit's ledger: the superior's notice received, if any
	khoans   []string       // the selector's choices, reviewTotal last
	khoan    string         // the Khoản shown, or reviewTotal
	// wantKhoan is the Khoản to show once the review is read (View.Khoan).
	wantKhoan string
	cols      []float32 // reviewColumns
	pending   map[approvalKey]ledger.Approval
	rows      map[string]*reviewRow // by row code, for the Khoản shown
	filling   bool                  // entries being set by code
	gen       int                   // bumped by every reload

	// The dialogs last opened, kept so tests can drive them.
	asked     *widgets.ConfirmDialog
	reopening *widgets.FormDialog
	info      *reviewInfoForm
}

type approvalKey struct{ khoan, row string }

// reviewRow is one line of the grid.
type reviewRow struct {
	row      ledger.FormRow
	reported *widget.Label
	approved *widgets.MoneyEntry // input rows of a Khoản
	computed *widget.Label       // other rows
	diff     *widget.Label
	reason   *widgets.TextEntry // input rows of a Khoản
	reasonL  *widget.Label      // other rows
	note     *widget.Label      // a refusal, under the line
	line     fyne.CanvasObject
}

// reviewColumns are the widths of the review grid: STT, Chỉ tiêu (wide
// enough for every label of form f), Mã số, reported, approved,
// difference, reason.
func reviewColumns(f *ledger.Form) []float32 {
	return []float32{40, rowLabelWidth(f, "    ", 330), 52, 135, 145, 125, 0}
}

// reviewTotal is the choice of the total over every Khoản (read-only).
const reviewTotal = "*"

func newReviewTab(sh *shell) *reviewTab {
	t := &reviewTab{sh: sh, pending: map[approvalKey]ledger.Approval{}, rows: map[string]*reviewRow{},
		cols: reviewColumns(sh.s.l.Form())}
	t.Lazy.Load = t.reload
	t.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.state = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.khoanSel = widget.NewSelect(nil, func(string) { t.khoanChosen() })
	t.balance = widget.NewLabel("")
	t.onlyDiff = widgets.NewCheck("Chỉ dòng chênh lệch", func(bool) {
		if !t.filling && t.reported != nil {
			t.buildGrid()
		}
	})
	t.saveBtn = widgets.NewButton("Ghi dòng đã sửa", theme.DocumentSaveIcon(), func() { t.save(nil) })
	t.saveBtn.Importance = widget.HighImportance
	t.finishBtn = widgets.NewButton("Duyệt xong…", theme.ConfirmIcon(), t.finishOrReopen)
	t.exportBtn = widgets.NewButton("Xuất biên bản, thông báo…", theme.DocumentSaveIcon(), func() {
		sh.exportWorkbook(exportRequest{kind: ledger.WorkbookReview, unit: t.unit, period: t.period})
	})
	t.infoBtn = widgets.NewButton("Thành phần, số thông báo…", theme.DocumentCreateIcon(), t.editInfo)
	t.banner = widget.NewLabel("")
	t.banner.Wrapping = fyne.TextWrapWord
	t.banner.Hide()
	t.found = widget.NewLabel("")
	t.found.Wrapping = fyne.TextWrapWord
	t.found.Importance = widget.WarningImportance
	t.found.Hide()
	t.comment = widgets.NewTextArea("ý kiến, đề nghị gửi đơn vị (in trong biên bản và thông báo xét duyệt); Ctrl+Enter để ghi", 2)
	t.commentBtn = widgets.NewButton("Ghi ý kiến", theme.MailSendIcon(), t.saveComment)
	t.comment.OnSubmitted = func(string) { t.saveComment() }
	t.grid = container.NewVBox()
	t.scroll = container.NewVScroll(t.grid)
	t.empty = widget.NewLabel("")
	t.empty.Wrapping = fyne.TextWrapWord
	t.importBtn = widgets.NewButton("Nhập báo cáo phường…", theme.FolderOpenIcon(), func() { sh.importWorkbooks(ledger.WorkbookSettlement) })
	if t.ofUnit() {
		t.importBtn = widgets.NewButton("Nhập thông báo xét duyệt…", theme.FolderOpenIcon(), func() { sh.importWorkbooks(ledger.WorkbookReview) })
	}

	hint := widget.NewLabel("Sửa ở cột “Số xét duyệt” các dòng nhập liệu (Enter để ghi); dòng tính theo công thức tự tính lại. " +
		"Số xét duyệt khác số báo cáo thì phải ghi nguyên nhân.")
	hint.Truncation = fyne.TextTruncateEllipsis
	hint.Importance = widget.LowImportance
	buttons := container.NewHBox(t.saveBtn, t.finishBtn, t.infoBtn, t.exportBtn)
	top := container.NewVBox(
		widgets.Border(nil, nil, nil, t.state, t.heading),
		widgets.Border(nil, nil, container.New(widgets.Row(390), t.khoanSel), buttons, t.onlyDiff),
		widgets.Border(nil, nil, t.balance, nil, hint),
		t.header(),
	)
	caption := "Ý kiến gửi đơn vị"
	if t.ofUnit() {
		caption = "Ý kiến của cấp trên"
	}
	comments := widgets.NewField("comment", caption, t.comment)
	bottom := container.NewVBox(t.banner, t.found, widget.NewSeparator(),
		widgets.Border(nil, nil, nil, container.NewVBox(widgets.CaptionSpacer(), t.commentBtn), comments.Object()))
	if t.ofUnit() {
		hint.SetText("Số xét duyệt của cấp trên theo thông báo xét duyệt đã nhận (chỉ xem); bút toán của đơn vị không thay đổi.")
		t.saveBtn.Hide()
		t.finishBtn.Hide()
		t.exportBtn.Hide()
		t.commentBtn.Hide()
		// The minutes' people and the notice's number are the superior's
		// to write; an empty comment is the superior's silence.
		t.infoBtn.Hide()
		t.comment.SetPlaceHolder("cấp trên không ghi ý kiến")
	}
	t.main = widgets.Border(top, bottom, nil, nil, t.scroll)
	t.emptyBox = container.NewPadded(container.NewVBox(t.empty, container.NewHBox(t.importBtn)))
	t.emptyBox.Hide()
	t.box = container.NewStack(t.main, t.emptyBox)
	return t
}

// ofUnit: the tab shows the superior's notice on a unit's own ledger.
func (t *reviewTab) ofUnit() bool { return t.sh.s.ledgerRole().IsUnit() }

// say shows a message under the grid; an empty one takes no room.
func (t *reviewTab) say(msg string, imp widget.Importance) {
	t.banner.Importance = imp
	t.banner.SetText(msg)
	t.banner.Hidden = msg == ""
	t.banner.Refresh()
}

// scrollTo brings a row of the grid into view.
func (t *reviewTab) scrollTo(code string) {
	rr := t.rows[code]
	if rr == nil {
		return
	}
	// Rows just built are laid out now, and the grid given their height:
	// the scroll would otherwise clamp the offset to the old, smaller one.
	min := t.grid.MinSize()
	t.grid.Resize(fyne.NewSize(max(t.scroll.Size().Width, min.Width), max(t.grid.Size().Height, min.Height)))
	t.grid.Refresh()
	y := rr.line.Position().Y - 2*rr.line.Size().Height
	t.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y)))
}

// scrollToDifference brings the first row of the Khoản shown whose
// approved figure differs from the reported one into view.
func (t *reviewTab) scrollToDifference() {
	differs := t.differing()
	for _, r := range t.reported.Form.Rows {
		if differs[r.Code] {
			t.scrollTo(r.Code)
			return
		}
	}
}

func (t *reviewTab) object() fyne.CanvasObject { return t.box }

// focus puts the keyboard in the Khoản selector, or, with nothing to
// review, on the button that imports.
func (t *reviewTab) focus() {
	c := t.sh.u.win.Canvas()
	if t.main.Visible() {
		c.Focus(t.khoanSel)
	} else {
		c.Focus(t.importBtn)
	}
}

func (t *reviewTab) header() fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for i, h := range []string{"STT", "Chỉ tiêu", "Mã số", "Số báo cáo", "Số xét duyệt", "Chênh lệch", "Nguyên nhân chênh lệch"} {
		align := fyne.TextAlignTrailing
		if i == 1 || i == 6 {
			align = fyne.TextAlignLeading
		}
		if i == 0 || i == 2 {
			align = fyne.TextAlignCenter
		}
		cells = append(cells, widget.NewLabelWithStyle(h, align, fyne.TextStyle{Bold: true}))
	}
	return container.New(widgets.Row(t.cols...), cells...)
}

// reload reads the reported statement and the review of the selected unit
// and period; edits not yet recorded are dropped.
func (t *reviewTab) reload() {
	t.gen++
	gen, unit, p := t.gen, t.sh.unit, t.sh.period
	if n := len(t.pending); n > 0 && (unit.Code != t.unit.Code || p != t.period) {
		t.sh.setStatusBar(fmt.Sprintf("Đã bỏ %d dòng xét duyệt chưa ghi của %s.", n, t.unit.Name))
	}
	t.unit, t.period = unit, p
	if unit.Code == "" || p.IsZero() {
		t.reported, t.review = nil, nil
		t.show()
		return
	}
	type result struct {
		st     *ledger.Statement
		rv     *ledger.Review
		notice *ledger.Notice
		found  []string
	}
	l, ofUnit := t.sh.s.l, t.ofUnit()
	background(t.sh.u.tasks, func(ctx context.Context) (result, error) {
		var r result
		var err error
		if r.st, err = ledger.Settlement(ctx, l, unit.Code, p); err != nil {
			return r, err
		}
		if r.found, err = importFindings(ctx, l, unit.Code, p); err != nil {
			return r, err
		}
		if !ofUnit {
			r.rv, err = l.Review(ctx, unit.Code, p)
			return r, err
		}
		// A unit's ledger: the superior's notice, shown as a finished
		// review whose approved figures are the notice's.
		if r.notice, err = l.Notice(ctx, unit.Code, p); err != nil || r.notice == nil {
			return r, err
		}
		r.rv = &ledger.Review{Unit: unit.Code, Period: p, State: ledger.ReviewFinished, Comment: r.notice.Comment, Approvals: r.notice.Figures}
		return r, nil
	}, func(r result, err error) {
		if gen != t.gen {
			return // another unit or period was chosen meanwhile
		}
		if err != nil {
			widgets.ShowError(t.sh.u.win, err)
			return
		}
		t.reported, t.review, t.notice = r.st, r.rv, r.notice
		t.found.SetText("")
		if len(r.found) > 0 {
			t.found.SetText("Điều phát hiện khi nhập tệp của đơn vị (đã ghi vào nhật ký sổ):\n• " + strings.Join(r.found, "\n• "))
		}
		t.found.Hidden = len(r.found) == 0
		t.found.Refresh()
		t.show()
	})
}

// importFindings lists, oldest first, what the imports of unit's
// workbooks for p found: unsigned files, keys, allocations not issued by
// this ledger, codes, edited figures.
func importFindings(ctx context.Context, l ledger.Ledger, unit string, p ledger.Period) ([]string, error) {
	ims, err := l.Imports(ctx, p)
	if err != nil {
		return nil, err
	}
	var out []string
	for i := len(ims) - 1; i >= 0; i-- {
		im := ims[i]
		if im.Unit != unit {
			continue
		}
		for _, f := range im.Findings {
			out = append(out, fmt.Sprintf("%s — %s (tệp %s, %s)", f.Kind.Label(), f.Text, im.File, im.At.Local().Format("02/01/2006 15:04")))
		}
	}
	return out, nil
}

// show rebuilds the screen from what reload read.
func (t *reviewTab) show() {
	t.pending = map[approvalKey]ledger.Approval{}
	t.say("", widget.MediumImportance)
	if t.reported == nil || len(t.reported.Khoans) == 0 || t.review == nil {
		t.showEmpty()
		return
	}
	t.emptyBox.Hide()
	t.main.Show()
	if t.sh.u.win.Canvas().Focused() == t.importBtn {
		t.sh.u.win.Canvas().Focus(t.khoanSel)
	}
	t.heading.SetText(fmt.Sprintf("Xét duyệt quyết toán %s của %s (mã %s)", t.period.Name(), t.unit.Name, t.unit.Code))
	if t.notice != nil {
		t.heading.SetText(fmt.Sprintf("Thông báo xét duyệt quyết toán %s %s của cấp trên cho %s", t.notice.Reference(), t.period.Name(), t.unit.Name))
	}
	t.showState()
	t.filling = true
	t.comment.SetText(t.review.Comment)
	t.filling = false
	t.khoans = append(append([]string{}, t.reported.Khoans...), reviewTotal)
	want := t.wantKhoan
	if slices.Contains(t.khoans, want) {
		t.khoan, t.wantKhoan = want, ""
	}
	if !slices.Contains(t.khoans, t.khoan) {
		t.khoan = t.khoans[0]
	}
	t.setKhoanOptions()
	t.buildGrid()
	if want != "" && t.khoan == want {
		t.scrollToDifference()
	}
}

func (t *reviewTab) showEmpty() {
	t.main.Hide()
	msg := "Chọn đơn vị và kỳ ở trên để xét duyệt quyết toán."
	if t.unit.Code != "" && !t.period.IsZero() {
		msg = fmt.Sprintf("Chưa có số liệu quyết toán %s của %s (mã %s) để xét duyệt.\n\n"+
			"Nhập báo cáo quyết toán (tệp Excel QT_%s_%s.xlsx) đơn vị gửi lên: menu Tệp → Nhập báo cáo phường…, hoặc bấm nút dưới đây.",
			t.period.Name(), t.unit.Name, t.unit.Code, t.unit.Code, t.period)
	}
	if t.ofUnit() && t.unit.Code != "" && !t.period.IsZero() {
		msg = fmt.Sprintf("Sổ chưa nhận thông báo xét duyệt quyết toán %s của %s.\n\n"+
			"Khi cấp trên gửi tệp xét duyệt (XD_%s_%s.xlsx), nhập tệp: menu Tệp → Nhập thông báo xét duyệt…, hoặc bấm nút dưới đây. "+
			"Số xét duyệt được ghi bên cạnh số báo cáo; bút toán không thay đổi.", t.period.Name(), t.unit.Name, t.unit.Code, t.period)
	}
	t.empty.SetText(msg)
	t.importBtn.Hidden = t.unit.Code == ""
	t.emptyBox.Show()
	t.emptyBox.Refresh()
	if c := t.sh.u.win.Canvas(); c.Focused() == t.khoanSel && !t.importBtn.Hidden {
		c.Focus(t.importBtn)
	}
}

// editable: the review is not finished.
func (t *reviewTab) editable() bool {
	return t.review != nil && t.review.State != ledger.ReviewFinished
}

func (t *reviewTab) showState() {
	st := t.review.State
	t.state.SetText("Trạng thái: " + st.Label())
	t.state.Importance = map[ledger.ReviewState]widget.Importance{
		ledger.ReviewFinished: widget.SuccessImportance, ledger.ReviewDraft: widget.WarningImportance,
	}[st]
	t.state.Refresh()
	if t.notice != nil {
		t.state.SetText("Đã nhận " + t.notice.ReceivedAt.Local().Format("02/01/2006") + " (tệp " + t.notice.File + ")")
		t.comment.Disable()
		t.say("Số xét duyệt của cấp trên: chỉ xem. In báo cáo lập lại theo thông báo: menu Tệp → Xuất Excel: quyết toán lập lại theo thông báo xét duyệt…", widget.MediumImportance)
		return
	}
	if st == ledger.ReviewFinished {
		t.finishBtn.SetText("Mở lại xét duyệt…")
		t.finishBtn.SetIcon(theme.MailReplyIcon())
		t.saveBtn.Disable()
		t.commentBtn.Disable()
		t.comment.Disable()
		t.say("Đã duyệt xong: chỉ xem. Muốn sửa, bấm “Mở lại xét duyệt…” (phải ghi lý do, được ghi vào nhật ký sổ).", widget.MediumImportance)
	} else {
		t.finishBtn.SetText("Duyệt xong…")
		t.finishBtn.SetIcon(theme.ConfirmIcon())
		t.saveBtn.Enable()
		t.commentBtn.Enable()
		t.comment.Enable()
	}
}

// setKhoanOptions fills the Khoản selector, marking the Khoản with
// changes.
func (t *reviewTab) setKhoanOptions() {
	changed := map[string]int{}
	for _, a := range t.approvals() {
		if a.Approved != t.reported.ByKhoan[a.Khoan][a.Row] {
			changed[a.Khoan]++
		}
	}
	cat := t.sh.s.catalogue()
	opts := make([]string, len(t.khoans))
	sel := 0
	for i, k := range t.khoans {
		label := "Tổng số (cộng các Khoản, chỉ xem)"
		if k != reviewTotal {
			label = khoanLabel(cat, k)
			if n := changed[k]; n > 0 {
				label += fmt.Sprintf(" · sửa %d dòng", n)
			}
		}
		opts[i] = label
		if k == t.khoan {
			sel = i
		}
	}
	t.filling = true
	t.khoanSel.SetOptions(opts)
	t.khoanSel.SetSelectedIndex(sel)
	t.filling = false
}

func (t *reviewTab) khoanChosen() {
	if t.filling {
		return
	}
	i := t.khoanSel.SelectedIndex()
	if i < 0 || i >= len(t.khoans) || t.khoans[i] == t.khoan {
		return
	}
	t.selectKhoan(t.khoans[i])
}

func (t *reviewTab) selectKhoan(k string) {
	t.khoan = k
	t.setKhoanOptions()
	t.buildGrid()
}

// approvals are the recorded approvals with the edits not yet recorded in
// their place.
func (t *reviewTab) approvals() []ledger.Approval {
	var out []ledger.Approval
	for _, a := range t.review.Approvals {
		if _, ok := t.pending[approvalKey{a.Khoan, a.Row}]; !ok {
			out = append(out, a)
		}
	}
	for _, a := range t.pendingList() {
		out = append(out, a)
	}
	return out
}

func (t *reviewTab) pendingList() []ledger.Approval {
	out := make([]ledger.Approval, 0, len(t.pending))
	for _, a := range t.pending {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Khoan != out[j].Khoan {
			return out[i].Khoan < out[j].Khoan
		}
		return out[i].Row < out[j].Row
	})
	return out
}

// buildGrid lays out the rows of the Khoản shown.
func (t *reviewTab) buildGrid() {
	form := t.reported.Form
	edit := t.editable()
	h := widgets.EntryHeight()
	t.rows = map[string]*reviewRow{}
	t.grid.RemoveAll()
	t.filling = true
	defer func() { t.filling = false }()
	reasons := map[approvalKey]string{}
	for _, a := range t.approvals() {
		reasons[approvalKey{a.Khoan, a.Row}] = a.Reason
	}
	differs := t.differing()
	for _, r := range form.Rows {
		r := r
		if t.onlyDiff.Checked && !differs[r.Code] {
			continue
		}
		rr := &reviewRow{row: r, reported: widgets.RightLabel(""), diff: widgets.RightLabel("")}
		rr.note = widget.NewLabel("")
		rr.note.Importance = widget.DangerImportance
		rr.note.Wrapping = fyne.TextWrapWord
		rr.note.Hide()
		label := widget.NewLabelWithStyle(strings.Repeat("    ", r.Level)+r.Label, fyne.TextAlignLeading, fyne.TextStyle{Bold: r.Bold})
		label.Truncation = fyne.TextTruncateEllipsis
		var approved, reason fyne.CanvasObject
		if t.khoan != reviewTotal && r.IsInput() {
			rr.approved = widgets.NewMoneyEntry()
			rr.approved.SelectOnFocus = true // what is typed replaces the figure
			rr.approved.OnEdited = func() { t.edited(r.Code) }
			rr.approved.OnSubmitted = func(string) { t.save(nil) }
			rr.reason = widgets.NewTextEntry("")
			rr.reason.OnChanged = func(string) { t.edited(r.Code) }
			rr.reason.OnSubmitted = func(string) { t.save(nil) }
			rr.reason.SetText(reasons[approvalKey{t.khoan, r.Code}])
			if !edit {
				rr.approved.Disable()
				rr.reason.Disable()
			}
			approved, reason = rr.approved, rr.reason
		} else {
			rr.computed = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: r.Bold})
			rr.reasonL = widget.NewLabel("")
			rr.reasonL.Truncation = fyne.TextTruncateEllipsis
			if r.Formula != "" {
				rr.reasonL.SetText("= " + spacedFormula(r.Formula))
				rr.reasonL.Importance = widget.LowImportance
			}
			approved, reason = rr.computed, rr.reasonL
		}
		line := container.New(widgets.GridRowOf(h, t.cols...),
			widget.NewLabelWithStyle(r.STT, fyne.TextAlignCenter, fyne.TextStyle{Bold: r.Bold}), label,
			widget.NewLabelWithStyle(r.Code, fyne.TextAlignCenter, fyne.TextStyle{}), rr.reported, approved, rr.diff, reason)
		rr.line = container.NewVBox(line, rr.note)
		t.rows[r.Code] = rr
		t.grid.Add(rr.line)
	}
	if len(t.rows) == 0 {
		t.grid.Add(widget.NewLabel("Khoản này không có dòng nào có chênh lệch giữa số xét duyệt và số báo cáo."))
	}
	t.refreshFigures(true)
}

// differing are the rows of the Khoản shown whose approved figure differs
// from the reported one, or that are being edited.
func (t *reviewTab) differing() map[string]bool {
	out := map[string]bool{}
	shown := t.khoan
	if shown == reviewTotal {
		shown = ""
	}
	grid, _ := t.reported.Form.ReviewGrid(t.reported, t.approvals()) // an overflow shows in refreshFigures
	for _, l := range grid {
		if l.Khoan == shown && l.Difference != 0 {
			out[l.Row.Code] = true
		}
	}
	for k := range t.pending {
		if k.khoan == shown {
			out[k.row] = true
		}
	}
	return out
}

// edited records an edit of a row of the Khoản shown as pending and
// recomputes the figures.
func (t *reviewTab) edited(code string) {
	if t.filling || t.reported == nil {
		return
	}
	rr := t.rows[code]
	if rr == nil || rr.approved == nil {
		return
	}
	t.clearRowError(rr)
	v, err := rr.approved.Value()
	if err != nil {
		t.rowError(rr, err, "amount")
		return
	}
	t.pending[approvalKey{t.khoan, code}] = ledger.Approval{Row: code, Khoan: t.khoan, Approved: v, Reason: strings.TrimSpace(rr.reason.Text)}
	t.refreshFigures(false)
}

// refreshFigures writes the reported, approved and difference columns of
// the Khoản shown; fill also sets the editable entries (after a reload).
func (t *reviewTab) refreshFigures(fill bool) {
	form := t.reported.Form
	grid, err := form.ReviewGrid(t.reported, t.approvals())
	if err != nil {
		widgets.ShowError(t.sh.u.win, err)
		return
	}
	shown := t.khoan
	if shown == reviewTotal {
		shown = "" // how ReviewGrid names the total
	}
	for _, l := range grid {
		if l.Khoan != shown {
			continue
		}
		rr := t.rows[l.Row.Code]
		if rr == nil {
			continue
		}
		rr.reported.SetText(l.Reported.Report())
		if rr.approved != nil {
			if fill {
				rr.approved.SetText(l.Approved.String())
			}
		} else {
			rr.computed.Importance = widget.MediumImportance
			if l.Difference != 0 {
				rr.computed.Importance = widget.WarningImportance
			}
			rr.computed.SetText(l.Approved.Report())
		}
		rr.diff.Importance = widget.MediumImportance
		text := ""
		if l.Difference != 0 {
			rr.diff.Importance = widget.WarningImportance
			text = l.Difference.Report()
		}
		rr.diff.SetText(text)
	}
	approved, err := form.ApprovedStatement(t.reported, t.approvals())
	if err != nil {
		widgets.ShowError(t.sh.u.win, err)
		return
	}
	if d, ok := form.CheckIdentity(approved.Total); ok {
		t.balance.Importance = widget.SuccessImportance
		t.balance.SetText("Cân đối số xét duyệt " + spacedFormula(form.Identity) + ": khớp")
	} else {
		t.balance.Importance = widget.DangerImportance
		t.balance.SetText(fmt.Sprintf("Cân đối số xét duyệt %s: LỆCH %s đồng", spacedFormula(form.Identity), d.String()))
	}
	if n := len(t.pending); n > 0 && t.editable() {
		t.saveBtn.SetText(fmt.Sprintf("Ghi %d dòng đã sửa", n))
	} else {
		t.saveBtn.SetText("Ghi dòng đã sửa")
	}
}

// rowError shows a refusal under its row, the input it names in red.
func (t *reviewTab) rowError(rr *reviewRow, err error, field string) {
	msg := widgets.ErrorText(err)
	rr.note.SetText("Mã số " + rr.row.Code + ": " + msg)
	rr.note.Show()
	var target fyne.Focusable = rr.approved
	if field == "reason" {
		rr.reason.SetValidationError(widgets.FieldError(msg))
		target = rr.reason
	} else {
		rr.approved.SetValidationError(widgets.FieldError(msg))
	}
	t.say(fmt.Sprintf("Khoản %s, mã số %s: %s", t.khoan, rr.row.Code, msg), widget.DangerImportance)
	t.scrollTo(rr.row.Code)
	t.sh.u.win.Canvas().Focus(target)
}

func (t *reviewTab) clearRowError(rr *reviewRow) {
	if !rr.note.Visible() {
		return
	}
	rr.note.Hide()
	rr.approved.SetValidationError(nil)
	rr.reason.SetValidationError(nil)
	t.say("", widget.MediumImportance)
}

// save records the pending edits, each line checked first so a wrong line
// writes nothing; then runs then, if set.
func (t *reviewTab) save(then func()) {
	if !t.editable() {
		return
	}
	list := t.pendingList()
	for _, a := range list {
		if err := t.reported.Form.CheckApproval(t.reported, a); err != nil {
			t.refuse(a, err)
			return
		}
	}
	if len(list) == 0 {
		if then != nil {
			then()
		}
		return
	}
	unit, p, l, gen := t.unit.Code, t.period, t.sh.s.l, t.gen
	t.saveBtn.Disable()
	type failure struct {
		a   ledger.Approval
		err error
	}
	background(t.sh.u.tasks, func(ctx context.Context) (*failure, error) {
		// All the edited lines in one transaction: all saved or none.
		err := l.SetApprovals(context.WithoutCancel(ctx), unit, p, list)
		switch n := ledger.ErrorItem(err); {
		case n > 0 && n <= len(list):
			return &failure{list[n-1], ledger.Cause(err)}, nil
		case err != nil && len(list) > 0:
			return &failure{list[0], err}, nil
		}
		return nil, nil
	}, func(f *failure, _ error) {
		t.saveBtn.Enable()
		if gen != t.gen {
			return
		}
		if f != nil {
			t.refuse(f.a, f.err)
			return
		}
		t.sh.setStatusBar(fmt.Sprintf("Đã ghi %d dòng xét duyệt của %s.", len(list), t.unit.Name))
		t.sh.reviewChanged()
		if then != nil {
			then()
		}
	})
}

// refuse shows why an approval was refused at its row, switching to its
// Khoản if another is shown.
func (t *reviewTab) refuse(a ledger.Approval, err error) {
	if a.Khoan != t.khoan {
		t.selectKhoan(a.Khoan) // the grid shows the pending edits
	}
	rr := t.rows[a.Row]
	if rr == nil || rr.approved == nil {
		t.say(widgets.ErrorText(err), widget.DangerImportance)
		return
	}
	field := ledger.ErrorField(err)
	if field != "reason" {
		field = "amount"
	}
	t.rowError(rr, err, field)
}

func (t *reviewTab) finishOrReopen() {
	if t.review == nil {
		return
	}
	if t.review.State == ledger.ReviewFinished {
		t.reopen()
		return
	}
	t.save(t.confirmFinish)
}

func (t *reviewTab) confirmFinish() {
	grid, err := t.reported.Form.ReviewGrid(t.reported, t.approvals())
	if err != nil {
		widgets.ShowError(t.sh.u.win, err)
		return
	}
	n := 0
	for _, l := range ledger.Differences(grid) {
		if l.Editable {
			n++
		}
	}
	msg := fmt.Sprintf("Duyệt xong quyết toán %s của %s?\n%d dòng có số xét duyệt khác số báo cáo.\n"+
		"Sau khi duyệt xong, số xét duyệt bị khóa (muốn sửa phải mở lại, có ghi lý do).", t.period.Name(), t.unit.Name, n)
	unit, p, l := t.unit.Code, t.period, t.sh.s.l
	t.asked = widgets.Confirm(t.sh.u.win, "Duyệt xong quyết toán", msg, "Duyệt xong", func() {
		t.sh.u.tasks.run(func(ctx context.Context) error {
			return l.FinishReview(context.WithoutCancel(ctx), unit, p)
		}, func(err error) {
			if err != nil {
				widgets.ShowError(t.sh.u.win, err)
				return
			}
			t.sh.setStatusBar("Đã duyệt xong quyết toán " + p.Name() + " của " + t.unit.Name + ".")
			t.sh.reviewChanged()
		})
	})
}

// reopen unlocks a finished review after asking why.
func (t *reviewTab) reopen() {
	reason := widgets.NewTextEntry("vd: đơn vị gửi bổ sung chứng từ chi tháng 6")
	fReason := widgets.NewField("reason", "Lý do mở lại xét duyệt (bắt buộc)", reason)
	fReason.SetHint("lý do được ghi vào nhật ký sổ")
	unit, p, l := t.unit.Code, t.period, t.sh.s.l
	t.reopening = widgets.ShowFormDialog(t.sh.u.win, "Mở lại xét duyệt "+p.Name()+" – "+t.unit.Name, "Mở lại", []*widgets.Field{fReason}, func(done func(error)) {
		why := strings.TrimSpace(reason.Text)
		if why == "" {
			done(ledger.FieldErrorf("reason", "ui.reopenReview", "phải ghi lý do mở lại xét duyệt"))
			return
		}
		t.sh.u.tasks.run(func(ctx context.Context) error {
			return l.ReopenReview(context.WithoutCancel(ctx), unit, p, why)
		}, func(err error) {
			done(err)
			if err == nil {
				t.sh.setStatusBar("Đã mở lại xét duyệt " + p.Name() + " của " + t.unit.Name + ".")
				t.sh.reviewChanged()
			}
		})
	}, func(string) *widgets.Field { return fReason })
}

// reviewInfoForm is the dialog of what the review documents print
// besides the figures.
type reviewInfoForm struct {
	dialog                     *widgets.FormDialog
	participants, recipients   *widget.Entry
	number, date, place, audit *widget.Entry
}

// editInfo asks for the participants of both sides, the notice's number,
// date and recipients, the place and the audit recommendations, and
// records them (they change no figure: a finished review takes them too).
func (t *reviewTab) editInfo() {
	if t.review == nil || t.unit.Code == "" {
		return
	}
	info := t.review.Info
	multi := func(lines []string, rows int, hint string) *widget.Entry {
		e := widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord // the dialog is narrow: a long line (or hint) wraps, never hides past a scroll bar
		e.SetText(strings.Join(lines, "\n"))
		e.SetMinRowsVisible(rows)
		e.SetPlaceHolder(hint)
		return e
	}
	var people []string
	for _, p := range info.Participants {
		side := "xét duyệt"
		if p.Side == ledger.SideReviewed {
			side = "được xét duyệt"
		}
		people = append(people, p.Name+" | "+p.Title+" | "+side)
	}
	f := &reviewInfoForm{
		participants: multi(people, 4, "mỗi dòng một người: Ông Trần Văn Hùng | Trưởng phòng Tài chính – Kế hoạch | xét duyệt\n"+
			"Bà Nguyễn Thị Lan | Kế toán | được xét duyệt"),
		recipients: multi(info.Recipients, 2, "mỗi dòng một nơi nhận (ngoài đơn vị và lưu văn thư), vd: Kho bạc Nhà nước khu vực I"),
		audit:      multi([]string{info.Audit}, 2, "kiến nghị của Kiểm toán nhà nước, thanh tra, tài chính và việc thực hiện (để trống: không có)"),
		number:     widget.NewEntry(), date: widget.NewEntry(), place: widget.NewEntry(),
	}
	f.number.SetText(info.NoticeNumber)
	f.number.SetPlaceHolder("vd: 125/TB-TCKH")
	f.date.SetText(info.NoticeDate.VN())
	f.date.SetPlaceHolder("dd/mm/yyyy")
	f.place.SetText(info.Place)
	f.place.SetPlaceHolder("để trống: địa danh trong thiết lập")
	fields := []*widgets.Field{
		widgets.NewField("participant", "Thành phần (họ tên | chức vụ | bên xét duyệt hoặc được xét duyệt)", f.participants),
		widgets.NewField("notice-number", "Số thông báo xét duyệt", f.number),
		widgets.NewField("date", "Ngày thông báo", f.date),
		widgets.NewField("place", "Địa danh", f.place),
		widgets.NewField("recipient", "Nơi nhận", f.recipients),
		widgets.NewField("audit", "Kiến nghị của kiểm toán, thanh tra", f.audit),
	}
	fieldFor := func(name string) *widgets.Field {
		for _, fl := range fields {
			if fl.Name == name {
				return fl
			}
		}
		return nil
	}
	unit, p, l := t.unit.Code, t.period, t.sh.s.l
	f.dialog = widgets.ShowFormDialog(t.sh.u.win, "Biên bản, thông báo xét duyệt "+p.Name()+" – "+t.unit.Name, "Ghi", fields, func(done func(error)) {
		ri, err := f.read()
		if err != nil {
			done(err)
			return
		}
		t.sh.u.tasks.run(func(ctx context.Context) error {
			return l.SetReviewInfo(context.WithoutCancel(ctx), unit, p, ri)
		}, func(err error) {
			done(err)
			if err == nil {
				t.sh.setStatusBar("Đã ghi thành phần và số thông báo xét duyệt " + p.Name() + " của " + t.unit.Name + ".")
				t.sh.reviewChanged()
			}
		})
	}, fieldFor)
	t.info = f
}

// read turns what was typed into the review information.
func (f *reviewInfoForm) read() (ledger.ReviewInfo, error) {
	ri := ledger.ReviewInfo{NoticeNumber: f.number.Text, Place: f.place.Text, Audit: f.audit.Text}
	for i, line := range strings.Split(f.participants.Text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		p, err := ledger.ParseParticipant(line)
		if err != nil {
			return ri, ledger.AtItem(i+1, "dòng", err)
		}
		ri.Participants = append(ri.Participants, p)
	}
	ri.Recipients = strings.Split(f.recipients.Text, "\n")
	if strings.TrimSpace(f.date.Text) != "" {
		d, err := ledger.ParseDate(f.date.Text)
		if err != nil {
			return ri, err
		}
		ri.NoticeDate = d
	}
	return ri, ri.Validate()
}

func (t *reviewTab) saveComment() {
	if !t.editable() {
		return
	}
	text := strings.TrimSpace(t.comment.Text)
	unit, p, l := t.unit.Code, t.period, t.sh.s.l
	t.commentBtn.Disable()
	t.sh.u.tasks.run(func(ctx context.Context) error {
		return l.SetReviewComment(context.WithoutCancel(ctx), unit, p, text)
	}, func(err error) {
		t.commentBtn.Enable()
		if err != nil {
			widgets.ShowError(t.sh.u.win, err)
			return
		}
		t.sh.setStatusBar("Đã ghi ý kiến gửi " + t.unit.Name + ".")
		t.sh.reviewChanged()
	})
}
