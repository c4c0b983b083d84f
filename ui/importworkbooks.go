package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

const prefImportDir = "importDir"

// importPicker gathers the workbooks to import. Fyne's file dialog opens
// one file at a time, so files are added one by one, or a whole folder
// (a USB stick, a mail download folder) is listed as a checklist — typed
// (Enter lists it, Enter again imports) or chosen with the mouse.
type importPicker struct {
	sh     *shell
	kind   ledger.WorkbookKind
	dir    *widgets.TextEntry
	listed string // the folder listed last
	files  []*importFile
	list   *fyne.Container
	count  *widget.Label
	d      *dialog.CustomDialog
	ok     *widgets.Button
}

type importFile struct {
	path  string
	check *widgets.Check
}

// importTitle names the import in the dialogs.
func importTitle(kind ledger.WorkbookKind) string {
	switch kind {
	case ledger.WorkbookAnnex:
		return "Nhập quyết định giao dự toán"
	case ledger.WorkbookReview:
		return "Nhập thông báo xét duyệt"
	}
	return "Nhập báo cáo quyết toán của phường"
}

// importWorkbooks opens the picker for workbooks of kind.
func (sh *shell) importWorkbooks(kind ledger.WorkbookKind) *importPicker {
	if sh.u.opts.Import == nil {
		widgets.ShowInfo(sh.u.win, importTitle(kind), "Bản chương trình này chưa có chức năng nhập tệp Excel.")
		return nil
	}
	p := &importPicker{sh: sh, kind: kind, list: container.NewVBox(), count: widget.NewLabel("")}
	intro := "Chọn các tệp báo cáo quyết toán (QT_….xlsx) các phường gửi lên. “Thêm tệp…” thêm từng tệp; " +
		"“Chọn cả thư mục…” liệt kê mọi tệp Excel của một thư mục (USB, thư mục tải thư về) để đánh dấu. " +
		"Mỗi tệp được nhập riêng: tệp bị từ chối không làm thay đổi sổ và không ảnh hưởng các tệp khác."
	switch kind {
	case ledger.WorkbookAnnex:
		intro = "Chọn tệp phụ lục giao dự toán (PLDT_….xlsx) nhận từ cấp trên. Dự toán được ghi vào sổ đúng như quyết định, " +
			"không phải gõ lại; nhập lại cùng một tệp không ghi thêm gì."
	case ledger.WorkbookReview:
		intro = "Chọn tệp xét duyệt quyết toán (XD_….xlsx) nhận từ cấp trên. Số xét duyệt được ghi vào sổ bên cạnh số đơn vị báo cáo " +
			"(tab Thông báo xét duyệt); bút toán của đơn vị không thay đổi."
	}
	il := widget.NewLabel(intro)
	il.Wrapping = fyne.TextWrapWord
	p.dir = widgets.NewTextEntry("thư mục có các tệp, vd: E:\\BaoCao")
	p.dir.SetText(p.sh.u.app.Preferences().String(prefImportDir))
	p.dir.OnSubmitted = func(string) { p.listTyped() }
	list := widgets.NewButton("Liệt kê (Enter)", theme.SearchIcon(), p.listTyped)
	folder := container.New(widgets.Row(70, 0, list.MinSize().Width), widget.NewLabel("Thư mục:"), p.dir, list)
	buttons := container.NewHBox(
		widgets.NewButton("Thêm tệp…", theme.FileIcon(), p.pickFile),
		widgets.NewButton("Chọn cả thư mục…", theme.FolderOpenIcon(), p.pickFolder),
		widgets.NewButton("Bỏ hết", theme.ContentClearIcon(), p.clear),
		p.count)
	keys := widget.NewLabel("Bàn phím: gõ thư mục rồi Enter để liệt kê, Enter lần nữa để nhập; Tab đến từng tệp, phím cách để đánh dấu hay bỏ.")
	keys.Wrapping = fyne.TextWrapWord
	keys.Importance = widget.LowImportance
	scroll := container.NewVScroll(p.list)
	scroll.SetMinSize(fyne.NewSize(0, 260))
	body := widgets.Border(container.NewVBox(il, folder, buttons, keys, widget.NewSeparator()), nil, nil, nil, scroll)
	p.d, p.ok = widgets.ActionDialog(sh.u.win, importTitle(kind), body, "Nhập các tệp đã chọn", widget.HighImportance, fyne.NewSize(820, 520), p.start)
	p.update()
	sh.u.win.Canvas().Focus(p.dir)
	sh.picker = p
	return p
}

// listTyped lists the folder typed; typed again unchanged, it imports
// what is checked.
func (p *importPicker) listTyped() {
	dir := strings.TrimSpace(p.dir.Text)
	if dir != "" && dir == p.listed && len(p.selected()) > 0 {
		p.start()
		return
	}
	if dir == "" {
		return
	}
	if err := p.addFolder(dir); err != nil {
		widgets.ShowError(p.sh.u.win, err)
		return
	}
	p.sh.u.app.Preferences().SetString(prefImportDir, dir)
}

func (p *importPicker) pickFile() {
	widgets.ShowOpenFile(p.sh.u.win, "Thêm tệp Excel cần nhập", []string{".xlsx"}, func(path string) {
		p.sh.u.app.Preferences().SetString(prefImportDir, filepath.Dir(path))
		p.add(path, true)
		p.update()
	}, p.sh.u.app.Preferences().String(prefImportDir))
}

func (p *importPicker) pickFolder() {
	widgets.ShowOpenFolder(p.sh.u.win, "Chọn thư mục có các tệp cần nhập", "Liệt kê thư mục này", func(dir string) {
		p.sh.u.app.Preferences().SetString(prefImportDir, dir)
		p.dir.SetText(dir)
		if err := p.addFolder(dir); err != nil {
			widgets.ShowError(p.sh.u.win, err)
		}
	}, p.sh.u.app.Preferences().String(prefImportDir))
}

// addFolder lists the Excel files of dir; those named like the kind
// (QT_…, PLDT_…) come checked, or all of them if none is.
func (p *importPicker) addFolder(dir string) error {
	ents, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("không có thư mục %s", dir)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("không có quyền đọc thư mục %s", dir)
	case err != nil:
		return fmt.Errorf("không đọc được thư mục %s (%v)", dir, err)
	}
	p.listed = dir
	var names []string
	for _, e := range ents {
		n := e.Name()
		// "~$…" is the lock file Excel leaves beside an open workbook.
		if e.IsDir() || strings.HasPrefix(n, "~$") || strings.HasPrefix(n, ".") || !strings.EqualFold(filepath.Ext(n), ".xlsx") {
			continue
		}
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) == 0 {
		widgets.ShowInfo(p.sh.u.win, importTitle(p.kind), "Thư mục "+dir+" không có tệp Excel (.xlsx) nào.")
		return nil
	}
	prefix := p.kind.FilePrefix()
	some := false
	for _, n := range names {
		some = some || strings.HasPrefix(strings.ToUpper(n), prefix)
	}
	for _, n := range names {
		p.add(filepath.Join(dir, n), !some || strings.HasPrefix(strings.ToUpper(n), prefix))
	}
	p.update()
	return nil
}

// add lists a file (once) with its check box.
func (p *importPicker) add(path string, checked bool) {
	for _, f := range p.files {
		if f.path == path {
			f.check.SetChecked(checked || f.check.Checked)
			return
		}
	}
	f := &importFile{path: path}
	f.check = widgets.NewCheck("", func(bool) { p.update() })
	f.check.SetChecked(checked)
	name := widget.NewLabel(filepath.Base(path))
	dir := widget.NewLabel(filepath.Dir(path))
	dir.Importance = widget.LowImportance
	dir.Truncation = fyne.TextTruncateEllipsis
	p.files = append(p.files, f)
	p.list.Add(widgets.Border(nil, nil, container.NewHBox(f.check, name), nil, dir))
}

func (p *importPicker) clear() {
	p.files = nil
	p.list.RemoveAll()
	p.update()
}

func (p *importPicker) selected() []string {
	var out []string
	for _, f := range p.files {
		if f.check.Checked {
			out = append(out, f.path)
		}
	}
	return out
}

func (p *importPicker) update() {
	n := len(p.selected())
	p.count.SetText(fmt.Sprintf("đã chọn %d / %d tệp", n, len(p.files)))
	if n == 0 {
		p.ok.Disable()
	} else {
		p.ok.Enable()
	}
}

func (p *importPicker) start() {
	paths := p.selected()
	if len(paths) == 0 {
		return
	}
	p.d.Hide()
	p.sh.importFiles(p.kind, paths)
}

// importRun imports files one by one off the UI goroutine, then shows a
// summary per file.
type importRun struct {
	sh      *shell
	kind    ledger.WorkbookKind
	results []*importResult
	job     *widgets.Job
	summary *importSummary
	done    chan struct{} // closed when the summary is shown (tests)
}

// importResult is what became of one file.
type importResult struct {
	path     string
	opt      ledger.ImportOptions // what the person agreed to for this file
	im       *ledger.Import
	err      error
	unit     ledger.Unit // the unit the ledger does not know, if that was the refusal
	unknown  bool
	recorded []string // annex: the allocation now recorded for the unit
	box      *fyne.Container
	retry    *widgets.Button     // "add the unit and import again", if offered
	agree    *widgets.Button     // "add the codes" or "accept the new key", then import again, if offered
	adding   *widgets.FormDialog // the unit form last opened, for tests
	asking   *widgets.ConfirmDialog
	keyForm  *widgets.FormDialog
}

// importFiles imports paths (workbooks of kind) with a progress bar.
func (sh *shell) importFiles(kind ledger.WorkbookKind, paths []string) *importRun {
	r := &importRun{sh: sh, kind: kind, done: make(chan struct{})}
	for _, p := range paths {
		r.results = append(r.results, &importResult{path: p})
	}
	r.job = widgets.NewJob(sh.u.win, importTitle(kind), fmt.Sprintf("Đang nhập %d tệp …", len(paths)), sh.u.tasks.ui)
	sh.importing = r
	r.run(r.results, ledger.ImportOptions{}, func() {
		r.job.Finish()
		r.summary = r.showSummary()
		close(r.done)
	})
	return r
}

// run imports the files of rs in order, with what the person agreed to
// (opt), then calls then on the UI goroutine. A cancelled run leaves the
// files not reached unimported.
func (r *importRun) run(rs []*importResult, opt ledger.ImportOptions, then func()) {
	sh, kind := r.sh, r.kind
	l, imp := sh.s.l, sh.u.opts.Import
	j := r.job
	paths := make([]string, len(rs))
	for i, res := range rs {
		paths[i] = res.path
	}
	sh.u.tasks.run(func(ctx context.Context) error {
		ctx, cancel := j.Watch(ctx)
		defer cancel()
		say := func(i int) {
			if i < len(rs) {
				j.Say(fmt.Sprintf("Đang nhập tệp %d / %d: %s", i+1, len(rs), filepath.Base(rs[i].path)))
			}
		}
		say(0)
		imp(ctx, l, kind, paths, opt, func(got ledger.ImportResult) {
			res := rs[got.Index]
			res.im, res.err = got.Import, got.Err
			res.unit, res.unknown = got.UnknownUnit()
			if res.err == nil && kind == ledger.WorkbookAnnex {
				res.recorded = recordedAllocation(ctx, l, res.im)
			}
			j.Progress(got.Index+1, len(rs))
			say(got.Index + 1)
		})
		return nil
	}, func(error) {
		if r.added() > 0 {
			sh.changed()
		}
		if kind == ledger.WorkbookReview {
			sh.reviewChanged()
		}
		then()
	})
}

// recordedAllocation lists, line by line, what the unit now has allocated
// in the annex's period: what the accountant checks against the paper
// decision.
func recordedAllocation(ctx context.Context, l ledger.Ledger, im *ledger.Import) []string {
	u, err := l.FindUnit(ctx, im.Unit)
	if err != nil {
		return nil
	}
	totals, err := l.Totals(ctx, im.Unit, im.Period)
	if err != nil {
		return nil
	}
	tb, err := ledger.BuildAllocationTable(im.Period, []ledger.Unit{u}, map[string][]ledger.Total{u.Code: totals})
	if err != nil {
		return nil
	}
	cat, err := l.Catalogue(ctx)
	if err != nil {
		return nil
	}
	_, sum, err := tb.Allocated()
	if err != nil {
		return nil
	}
	var out []string
	for _, ln := range tb.Lines {
		m := tb.Cells[u.Code][ln]
		out = append(out, fmt.Sprintf("%s, %s: %s đồng", khoanLabel(cat, ln.Khoan), ln.Nature.Label(), m.String()))
	}
	if len(out) > 0 {
		out = append(out, "Tổng dự toán được giao "+im.Period.Name()+": "+sum.String()+" đồng")
	}
	return out
}

func (r *importRun) added() int {
	n := 0
	for _, res := range r.results {
		if res.err == nil && res.im != nil {
			n += res.im.Added
		}
	}
	return n
}

// importSummary lists what became of each file.
type importSummary struct {
	d    *dialog.CustomDialog
	head *widget.Label
	list *fyne.Container
}

func (r *importRun) showSummary() *importSummary {
	s := &importSummary{head: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), list: container.NewVBox()}
	s.head.Wrapping = fyne.TextWrapWord
	// What needs the reviewer comes first: refusals, then warnings.
	order := append([]*importResult(nil), r.results...)
	sort.SliceStable(order, func(i, j int) bool { return attention(order[i]) < attention(order[j]) })
	for _, res := range order {
		res.box = container.NewVBox()
		r.fill(res)
		s.list.Add(res.box)
		s.list.Add(widget.NewSeparator())
	}
	r.summary = s
	r.updateHead()
	scroll := container.NewVScroll(s.list)
	closeBtn := widgets.NewButton("Đóng", nil, func() { s.d.Hide() })
	closeBtn.Importance = widget.HighImportance
	s.d = widgets.ShowDialog(r.sh.u.win, "Kết quả – "+importTitle(r.kind), widgets.Border(s.head, nil, nil, nil, scroll),
		[]fyne.CanvasObject{closeBtn}, func() { s.d.Hide() }, nil, fyne.NewSize(900, 560))
	return s
}

// attention ranks a result for the summary: refused, imported with
// warnings, imported, already there, not reached.
func attention(res *importResult) int {
	switch {
	case errors.Is(res.err, context.Canceled):
		return 4
	case res.err != nil:
		return 0
	case len(res.im.Warnings) > 0:
		return 1
	case res.im.Added > 0:
		return 2
	}
	return 3
}

func (r *importRun) updateHead() {
	ok, dup, fail, added := 0, 0, 0, 0
	for _, res := range r.results {
		switch {
		case res.err != nil:
			fail++
		case res.im.Added == 0 && res.im.Notice == nil:
			dup++
		default:
			ok++
			added += res.im.Added
		}
	}
	var parts []string
	if ok > 0 {
		parts = append(parts, fmt.Sprintf("%d nhập được (thêm %d bút toán)", ok, added))
	}
	if dup > 0 {
		parts = append(parts, fmt.Sprintf("%d đã có trong sổ từ trước", dup))
	}
	if fail > 0 {
		parts = append(parts, fmt.Sprintf("%d không nhập được", fail))
	}
	text := fmt.Sprintf("%d tệp: %s.", len(r.results), strings.Join(parts, ", "))
	if fail > 0 {
		text += " Tệp không nhập được không làm thay đổi sổ: xem lý do ở từng tệp."
	}
	r.summary.head.SetText(text)
}

// fill writes one file's block: name, outcome, warnings, and the offer to
// add an unknown unit.
func (r *importRun) fill(res *importResult) {
	res.box.RemoveAll()
	res.retry = nil
	name := widget.NewLabelWithStyle(filepath.Base(res.path), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	res.box.Add(name)
	status := widget.NewLabel(r.statusText(res))
	status.Wrapping = fyne.TextWrapWord
	status.Importance = r.statusImportance(res)
	res.box.Add(status)
	if res.err == nil && res.im != nil && len(res.im.Warnings) > 0 {
		w := widget.NewLabel("Cảnh báo (đã nhập theo dữ liệu gốc trong tệp, hãy kiểm tra):\n• " + strings.Join(res.im.Warnings, "\n• "))
		w.Wrapping = fyne.TextWrapWord
		w.Importance = widget.WarningImportance
		res.box.Add(w)
	}
	if len(res.recorded) > 0 {
		w := widget.NewLabel("Dự toán đã ghi trong sổ:\n• " + strings.Join(res.recorded, "\n• "))
		w.Wrapping = fyne.TextWrapWord
		res.box.Add(w)
	}
	if res.unknown {
		res.retry = widgets.NewButton(fmt.Sprintf("Thêm đơn vị %s · %s vào sổ rồi nhập lại…", res.unit.Code, res.unit.Name),
			theme.ContentAddIcon(), func() { r.addUnit(res) })
		res.retry.Importance = widget.HighImportance
		res.box.Add(container.NewHBox(res.retry))
	}
	res.agree = nil
	switch ledger.ErrorField(res.err) {
	case "codes":
		n := len(ledger.ErrorProblems(res.err))
		res.agree = widgets.NewButton(fmt.Sprintf("Thêm %d mã vào danh mục rồi nhập lại…", n), theme.ContentAddIcon(), func() { r.askCodes(res) })
	case "key":
		res.agree = widgets.NewButton("Chấp nhận khóa ký mới rồi nhập lại…", theme.WarningIcon(), func() { r.askKey(res) })
	}
	if res.agree != nil {
		res.agree.Importance = widget.HighImportance
		res.box.Add(container.NewHBox(res.agree))
	}
	res.box.Refresh()
}

// askCodes lists, in one dialog, the codes the file uses that the
// catalogue lacks, and imports the file again adding them if the person
// agrees.
func (r *importRun) askCodes(res *importResult) {
	codes := ledger.ErrorProblems(res.err)
	res.asking = widgets.Confirm(r.sh.u.win, "Thêm mã vào danh mục",
		fmt.Sprintf("Tệp %s dùng %d mã chưa có trong danh mục của sổ:\n• %s\n\nThêm các mã này vào danh mục (ghi nhật ký) và nhập tệp?",
			filepath.Base(res.path), len(codes), strings.Join(codes, "\n• ")),
		"Thêm mã và nhập", func() {
			res.opt.AddCodes = true
			r.retry(res)
		})
}

// askKey asks why a file signed with another key than the one recorded
// for its unit (or not signed) should be trusted, and imports it again
// accepting the key, the reason audited.
func (r *importRun) askKey(res *importResult) {
	reason := widgets.NewTextEntry("vd: đã gọi điện cho kế toán phường, phường cài lại máy")
	fReason := widgets.NewField("reason", "Lý do chấp nhận (bắt buộc, ghi vào nhật ký)", reason)
	fReason.SetHint("chỉ chấp nhận khi đã hỏi lại đơn vị gửi tệp")
	res.keyForm = widgets.ShowFormDialog(r.sh.u.win, "Chấp nhận khóa ký mới – "+filepath.Base(res.path), "Chấp nhận và nhập",
		[]*widgets.Field{fReason}, func(done func(error)) {
			why := strings.TrimSpace(reason.Text)
			if why == "" {
				done(ledger.FieldErrorf("reason", "ui.acceptKey", "phải ghi lý do chấp nhận khóa ký mới"))
				return
			}
			done(nil)
			res.opt.AcceptKey, res.opt.Reason = true, why
			r.retry(res)
		}, func(string) *widgets.Field { return fReason })
}

func (r *importRun) unitLabel(code string) string {
	for _, u := range r.sh.s.unitList() {
		if u.Code == code {
			return u.Name + " (" + u.Code + ")"
		}
	}
	return code
}

func (r *importRun) statusText(res *importResult) string {
	switch {
	case errors.Is(res.err, context.Canceled):
		return "Chưa nhập: đã hủy trước khi đến tệp này."
	case res.unknown:
		return fmt.Sprintf("KHÔNG NHẬP ĐƯỢC: sổ chưa có đơn vị %s (mã ĐVQHNS %s). Sổ không thay đổi.", res.unit.Name, res.unit.Code)
	case res.err != nil:
		return "KHÔNG NHẬP ĐƯỢC (sổ không thay đổi): " + widgets.ErrorText(res.err)
	case res.im.Notice != nil:
		return fmt.Sprintf("Đã ghi thông báo xét duyệt %s: %s, %s — %d số xét duyệt, xem tab Thông báo xét duyệt.",
			res.im.Notice.Reference(), r.unitLabel(res.im.Unit), res.im.Period.Name(), len(res.im.Notice.Figures))
	case res.im.Added == 0:
		return fmt.Sprintf("Đã có trong sổ: %s, %s — tệp này đã được nhập trước đây, không thêm gì (%d bút toán đã có).",
			r.unitLabel(res.im.Unit), res.im.Period.Name(), res.im.Skipped)
	}
	text := fmt.Sprintf("Đã nhập: %s, %s — thêm %d bút toán", r.unitLabel(res.im.Unit), res.im.Period.Name(), res.im.Added)
	if res.im.Skipped > 0 {
		text += fmt.Sprintf(", %d bút toán đã có từ trước", res.im.Skipped)
	}
	return text + "."
}

func (r *importRun) statusImportance(res *importResult) widget.Importance {
	switch {
	case errors.Is(res.err, context.Canceled):
		return widget.LowImportance
	case res.err != nil:
		return widget.DangerImportance
	case res.im.Added == 0 && res.im.Notice == nil:
		return widget.MediumImportance
	}
	return widget.SuccessImportance
}

// addUnit offers the unit as the workbook names it, adds it, then imports
// the file again.
func (r *importRun) addUnit(res *importResult) {
	sh := r.sh
	u := res.unit
	if u.Chapter == "" {
		u.Chapter = sh.s.superiorUnit().Chapter
	}
	// The code is the workbook's: another would not match it.
	res.adding = sh.unitForm("Thêm đơn vị trực thuộc từ tệp "+filepath.Base(res.path), "Thêm và nhập lại", u, true, true,
		func(ledger.Unit) { r.retry(res) })
}

// retry imports one file again and rewrites its block.
func (r *importRun) retry(res *importResult) {
	r.job = widgets.NewJob(r.sh.u.win, importTitle(r.kind), "Đang nhập lại "+filepath.Base(res.path)+" …", r.sh.u.tasks.ui)
	r.run([]*importResult{res}, res.opt, func() {
		r.job.Finish()
		r.fill(res)
		r.updateHead()
	})
}
