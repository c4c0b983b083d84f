package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ledger/demo"
	"wardledger/ui/widgets"
)

// wardRow is one subordinate unit typed on the first-run screen.
type wardRow struct {
	fields *unitFields
	box    fyne.CanvasObject
	remove *widgets.Button
}

// firstRun is the screen of a ledger file that has no data yet: where the
// file is (and choosing another), the superior unit and its wards, or a
// demo district to learn the program with.
type firstRun struct {
	u    *UI
	path string // where the new ledger goes; nothing is there yet

	sup      *unitFields
	role     *widget.RadioGroup            // whose ledger: the superior unit's, or one unit's own
	periods  *widget.RadioGroup            // how the ledger keeps its periods
	signers  map[string]*widgets.TextEntry // the settings printed under the reports, by key
	wards    []*wardRow
	wardBox  *fyne.Container
	wardHead *widget.Label
	addWard  *widgets.Button
	create   *widgets.Button
	demo     *widgets.Button
	progress *widget.ProgressBar
	note     *widget.Label
	busy     bool
}

func (u *UI) showFirstRun(path string) {
	f := &firstRun{u: u, path: path}
	u.first = f
	u.win.SetMainMenu(nil)
	u.win.SetTitle("Sổ mới " + filepath.Base(path) + " — WardLedger")
	u.win.SetContent(f.content())
	u.win.Canvas().Focus(f.sup.code)
	u.ready(ScreenFirstRun)
}

func (f *firstRun) content() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Chào mừng đến với WardLedger", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel("Sổ theo dõi dự toán, kinh phí và quyết toán năm (và 6 tháng) của đơn vị trực thuộc (phường). " +
		"Tệp sổ này chưa có dữ liệu: hãy nhập đơn vị, hoặc tạo dữ liệu mẫu để làm quen.")
	intro.Wrapping = fyne.TextWrapWord
	where := widget.NewLabel("Tệp sổ sẽ lưu tại: " + f.path)
	where.Wrapping = fyne.TextWrapBreak
	where.TextStyle = fyne.TextStyle{Bold: true}
	move := widgets.NewButton("Đổi nơi lưu…", theme.FolderIcon(), func() {
		f.u.chooseNewLedger(f.path, func(p string) { f.switchTo(p) })
	})
	openOld := widgets.NewButton("Mở sổ có sẵn…", theme.FolderOpenIcon(), func() { f.u.chooseLedger(f.path) })

	f.sup = newUnitFields(ledger.Unit{Chapter: ledger.DefaultChapter})
	f.sup.name.SetPlaceHolder("vd: UBND quận Hà Đông")
	supRow := container.New(widgets.Row(150, 0, 110), f.sup.fCode.Object(), f.sup.fName.Object(), f.sup.fChapter.Object())
	f.periods = widget.NewRadioGroup(firstRunPeriods, nil)
	f.periods.SetSelected(firstRunPeriods[0])
	f.periods.Required = true
	f.wardBox = container.NewVBox()
	f.addWardRow()
	f.addWard = widgets.NewButton("Thêm đơn vị trực thuộc", theme.ContentAddIcon(), func() {
		f.addWardRow()
		f.u.win.Canvas().Focus(f.wards[len(f.wards)-1].fields.code)
	})
	f.wardHead = widgets.Bold("Đơn vị trực thuộc")
	f.role = widget.NewRadioGroup([]string{roleSuperior, roleUnit}, func(string) { f.roleChosen() })
	f.role.SetSelected(roleSuperior)
	f.create = widgets.NewButton("Tạo sổ", theme.ConfirmIcon(), f.submit)
	f.create.Importance = widget.HighImportance
	newCard := widget.NewCard("Tạo sổ mới", "Sổ của ai? Đơn vị cấp trên xét duyệt quyết toán của các đơn vị trực thuộc; "+
		"mỗi phường giữ sổ riêng của mình và gửi báo cáo lên",
		container.NewVBox(f.role, widgets.Bold("Đơn vị cấp trên"), supRow, f.wardHead, f.wardBox,
			widgets.Border(nil, nil, f.addWard, nil), widgets.Bold("Ghi sổ và khóa sổ"), f.periods,
			widgets.Bold("Người ký báo cáo (in dưới mỗi biểu; sửa sau ở Thiết lập)"), f.signerGrid(),
			widgets.Border(nil, nil, nil, f.create)))

	f.demo = widgets.NewButton("Tạo dữ liệu mẫu", theme.MediaPlayIcon(), f.makeDemo)
	f.progress = widget.NewProgressBar()
	f.progress.Hide()
	demoText := widget.NewLabel(fmt.Sprintf("Tạo một sổ mẫu của %s với %d phường và số liệu 2 năm gần nhất "+
		"(giao dự toán, rút dự toán, chi, nộp trả, khóa sổ) để làm quen với chương trình. "+
		"Nên dùng một tệp sổ riêng cho dữ liệu mẫu.", demo.Superior.Name, len(demo.WardNames)))
	demoText.Wrapping = fyne.TextWrapWord
	demoCard := widget.NewCard("Dùng thử với dữ liệu mẫu", "", container.NewVBox(demoText, f.demo, f.progress))

	f.note = widget.NewLabel("")
	f.note.Wrapping = fyne.TextWrapWord
	f.note.Importance = widget.DangerImportance
	body := container.NewVBox(title, intro, where, container.NewHBox(move, openOld),
		container.New(widgets.Row(0, 380), newCard, demoCard), f.note)
	return container.NewPadded(container.NewVScroll(body))
}

// The choices of whose ledger it is.
const (
	roleSuperior = "Sổ của đơn vị cấp trên: xét duyệt, tổng hợp, giao dự toán cho các đơn vị trực thuộc"
	roleUnit     = "Sổ riêng của một đơn vị trực thuộc (phường): nhập phụ lục giao dự toán, gửi báo cáo lên cấp trên"
)

// unitLedger: the ledger being made is one unit's own.
func (f *firstRun) unitLedger() bool { return f.role != nil && f.role.Selected == roleUnit }

// roleChosen lays the units out for the role chosen: a unit's own ledger
// has one subordinate unit, its own.
func (f *firstRun) roleChosen() {
	if f.unitLedger() {
		for len(f.wards) > 1 {
			f.wardBox.Remove(f.wards[len(f.wards)-1].box)
			f.wards = f.wards[:len(f.wards)-1]
		}
		f.wardHead.SetText("Đơn vị của sổ này (đơn vị trực thuộc)")
		f.addWard.Hide()
		f.wards[0].remove.Hide() // its one unit stays
		return
	}
	f.wardHead.SetText("Đơn vị trực thuộc")
	f.addWard.Show()
	for _, w := range f.wards {
		w.remove.Show()
	}
}

// signerGrid is the signers' titles and names, the place on the date
// line and who keys in: the settings a new ledger starts with.
func (f *firstRun) signerGrid() fyne.CanvasObject {
	f.signers = map[string]*widgets.TextEntry{}
	grid := container.NewGridWithColumns(2)
	for _, k := range settingKeys {
		e := widgets.NewTextEntry(k.placeholder)
		f.signers[k.key] = e
		grid.Add(widgets.NewField("value", k.caption, e).Object())
	}
	return grid
}

// settings are the signers typed, for the new ledger's setup.
func (f *firstRun) settings() map[string]string {
	out := map[string]string{}
	for k, e := range f.signers {
		if v := strings.TrimSpace(e.Text); v != "" {
			out[k] = v
		}
	}
	return out
}

func (f *firstRun) addWardRow() {
	uf := newUnitFields(ledger.Unit{})
	uf.fChapter.SetHint("")
	uf.fCode.SetHint("")
	uf.chapter.SetPlaceHolder("như cấp trên")
	row := &wardRow{fields: uf}
	row.remove = widgets.NewButton("", theme.DeleteIcon(), func() {
		if len(f.wards) == 1 {
			return
		}
		for i, w := range f.wards {
			if w == row {
				f.wards = append(f.wards[:i], f.wards[i+1:]...)
				break
			}
		}
		f.wardBox.Remove(row.box)
	})
	row.box = container.New(widgets.Row(150, 0, 110, row.remove.MinSize().Width), uf.fCode.Object(), uf.fName.Object(),
		uf.fChapter.Object(), container.NewVBox(widgets.CaptionSpacer(), row.remove))
	uf.name.OnSubmitted = func(string) { f.submit() }
	uf.code.OnSubmitted = func(string) { f.submit() }
	f.wards = append(f.wards, row)
	f.wardBox.Add(row.box)
}

// firstRunPeriods are the ways a new ledger may keep its periods, in the
// order of ledger.Periodicities. By years comes first and is chosen: the
// settlement is annual in the law in force (Luật NSNN 2025; the half-year
// settlement was the 2021 pilot's), and a ledger by half-years must
// declare what it carries into July or see it cancelled at the mid-year
// closing. By half-years is kept for units that report the half-year.
var firstRunPeriods = []string{
	"Theo năm — khóa sổ một lần cuối năm; quyết toán năm (khuyên dùng)",
	"Theo 6 tháng — khóa sổ giữa năm và cuối năm; báo cáo năm tổng hợp từ hai kỳ",
}

// way is the way chosen for the new ledger.
func (f *firstRun) way() ledger.Periodicity {
	for i, c := range firstRunPeriods {
		if c == f.periods.Selected {
			return ledger.Periodicities[i]
		}
	}
	return ledger.ByYear
}

// switchTo points the screen at another (new) file.
func (f *firstRun) switchTo(path string) { f.u.showFirstRun(path) }

// units reads and checks everything typed before anything is written.
func (f *firstRun) units() (ledger.Unit, []ledger.Unit, error) {
	sup, err := f.sup.unit()
	if err != nil {
		f.markError(f.sup, err)
		return sup, nil, err
	}
	sup.Superior = true
	sup.Periods = "" // every unit takes the ledger's way (Setup.Periods)
	seen := map[string]bool{sup.Code: true}
	var wards []ledger.Unit
	for i, w := range f.wards {
		if strings.TrimSpace(w.fields.code.Text) == "" && strings.TrimSpace(w.fields.name.Text) == "" && len(f.wards) > 1 {
			continue // an empty row left over
		}
		inherit := strings.TrimSpace(w.fields.chapter.Text) == ""
		if inherit { // read as the superior's chapter, left blank to follow it
			w.fields.chapter.SetText(sup.Chapter)
		}
		u, err := w.fields.unit()
		if inherit {
			w.fields.chapter.SetText("")
		}
		if err == nil && seen[u.Code] {
			err = ledger.FieldErrorf("code", "ui.firstRun", "mã ĐVQHNS %s nhập trùng", u.Code)
		}
		if err != nil {
			f.markError(w.fields, err)
			return sup, nil, fmt.Errorf("đơn vị trực thuộc thứ %d: %w", i+1, err)
		}
		seen[u.Code] = true
		u.Periods = ""
		wards = append(wards, u)
	}
	return sup, wards, nil
}

func (f *firstRun) markError(uf *unitFields, err error) {
	if fl := uf.fieldFor(ledger.ErrorField(err)); fl != nil {
		fl.SetError(widgets.ErrorText(err))
		if e, ok := fl.Input.(fyne.Focusable); ok {
			f.u.win.Canvas().Focus(e)
		}
	}
}

func (f *firstRun) clearErrors() {
	f.note.SetText("")
	for _, uf := range append([]*unitFields{f.sup}, f.wardFields()...) {
		for _, fl := range uf.items() {
			fl.ClearError()
		}
	}
}

func (f *firstRun) wardFields() []*unitFields {
	out := make([]*unitFields, len(f.wards))
	for i, w := range f.wards {
		out[i] = w.fields
	}
	return out
}

func (f *firstRun) setBusy(b bool) {
	f.busy = b
	for _, btn := range []*widgets.Button{f.create, f.demo} {
		if b {
			btn.Disable()
		} else {
			btn.Enable()
		}
	}
}

// submit creates the ledger with the units typed, in one transaction.
func (f *firstRun) submit() {
	if f.busy {
		return
	}
	f.clearErrors()
	sup, wards, err := f.units()
	if err != nil {
		f.note.SetText(widgets.ErrorText(err))
		return
	}
	setup := ledger.Setup{Superior: sup, Units: wards, Role: ledger.SuperiorRole(), Periods: f.way(), Settings: f.settings()}
	if f.unitLedger() {
		if len(wards) != 1 {
			f.note.SetText("Sổ riêng của một đơn vị: nhập đúng một đơn vị trực thuộc, là đơn vị của sổ này.")
			return
		}
		setup.Role = ledger.UnitRole(wards[0].Code)
	}
	f.setBusy(true)
	background(f.u.tasks, func(ctx context.Context) (*session, error) {
		return f.createLedger(ctx, setup)
	}, func(s *session, err error) {
		f.setBusy(false)
		f.finish(s, err)
	})
}

// create makes the ledger file and opens its session.
func (f *firstRun) createLedger(ctx context.Context, setup ledger.Setup) (*session, error) {
	l, err := f.u.opts.Create(ctx, f.path, setup)
	if err != nil {
		return nil, err
	}
	return newSession(ctx, f.path, l)
}

// makeDemo creates a ledger of the demo district, showing progress.
func (f *firstRun) makeDemo() {
	if f.busy {
		return
	}
	f.clearErrors()
	f.setBusy(true)
	f.progress.SetValue(0)
	f.progress.Show()
	bar, t := f.progress, f.u.tasks
	opts := demo.Options{
		Wards: len(demo.WardNames), Years: 2, EntriesPerHalf: 300, Today: f.u.today(), Seed: 2021,
		Progress: func(done, total int) { t.ui(func() { bar.SetValue(float64(done) / float64(total)) }) },
	}
	background(f.u.tasks, func(ctx context.Context) (*session, error) {
		setup, err := demo.Setup(opts)
		if err != nil {
			return nil, err
		}
		s, err := f.createLedger(ctx, setup)
		if err != nil {
			return nil, err
		}
		if err := demo.Generate(ctx, s.l, opts); err != nil {
			return s, err
		}
		return s, s.reload(ctx)
	}, func(s *session, err error) {
		f.setBusy(false)
		f.progress.Hide()
		f.finish(s, err)
	})
}

// finish moves to the main screen of the new ledger.
func (f *firstRun) finish(s *session, err error) {
	if err != nil && s == nil {
		f.note.SetText(widgets.ErrorText(err))
		return
	}
	f.u.opened(s)
	if err != nil {
		widgets.ShowError(f.u.win, fmt.Errorf("sổ đã tạo nhưng dữ liệu mẫu chưa tạo xong: %w", err))
	}
}
