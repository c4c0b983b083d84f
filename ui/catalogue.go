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
	"wardledger/ui/widgets"
)

// catalogueTab is "Danh mục": browse and search the budget classification
// codes (Mục lục NSNN) by number or by name, add a code, import a whole
// annex from a file and export the catalogue.
type catalogueTab struct {
	sh     *shell
	level  *widget.Select
	search *widgets.TextEntry
	count  *widget.Label
	basis  *widget.Label
	table  *widget.Table
	list   []ledger.Code
	box    fyne.CanvasObject
	form   *widgets.FormDialog // the last one opened, for tests
	// renames is the dialog confirming the renames of an import, for tests.
	renames *renameDialog
}

var codeColumns = []widgets.Column{
	{Title: "Cấp", Width: 90, Align: fyne.TextAlignLeading},
	{Title: "Mã", Width: 80, Align: fyne.TextAlignCenter},
	{Title: "Tên", Width: 560, Align: fyne.TextAlignLeading},
	{Title: "Thuộc", Width: 260, Align: fyne.TextAlignLeading},
	{Title: "Hiệu lực", Width: 260, Align: fyne.TextAlignLeading},
}

func newCatalogueTab(sh *shell) *catalogueTab {
	t := &catalogueTab{sh: sh}
	labels := []string{"Tất cả các cấp"}
	for _, l := range ledger.CodeLevels {
		labels = append(labels, l.Label())
	}
	t.level = widget.NewSelect(labels, nil)
	t.level.SetSelectedIndex(0)
	t.level.OnChanged = func(string) { t.reload() }
	t.search = widgets.NewTextEntry("tìm theo số hoặc tên (có dấu hay không dấu đều được)")
	t.search.OnChanged = func(string) { t.reload() }
	t.count = widget.NewLabel("")
	t.basis = widget.NewLabel("")
	t.basis.SizeName = theme.SizeNameCaptionText
	t.basis.Importance = widget.LowImportance
	t.basis.Truncation = fyne.TextTruncateEllipsis
	t.table = widgets.NewListTable(codeColumns, func() int { return len(t.list) }, func(i int) ([]string, bool) {
		c := t.list[i]
		return []string{c.Level.Label(), c.Code, c.Name, t.parentText(c), c.Validity()}, c.Level == ledger.LevelLoai || c.Level == ledger.LevelMuc
	})
	add := widgets.NewButton("Thêm mã…", theme.ContentAddIcon(), func() { t.showAddDialog("", "", nil, nil) })
	imp := widgets.NewButton("Nhập từ tệp…", theme.FolderOpenIcon(), t.importFile)
	exp := widgets.NewButton("Xuất…", theme.DocumentSaveIcon(), t.exportFile)
	buttons := container.NewHBox(add, imp, exp)
	bar := container.New(widgets.Row(160, 420, 0, buttons.MinSize().Width), t.level, t.search, t.count, buttons)
	t.box = widgets.Border(container.NewVBox(bar, t.basis), nil, nil, nil, t.table)
	return t
}

func (t *catalogueTab) object() fyne.CanvasObject { return t.box }

func (t *catalogueTab) parentText(c ledger.Code) string {
	if pl := c.Level.ParentLevel(); pl != "" {
		return pl.Label() + " " + c.Parent + " " + t.sh.s.catalogue().Name(pl, c.Parent)
	}
	return ""
}

// reload lists, in the order of the circular's annexes, the codes of the
// chosen level that match the search.
func (t *catalogueTab) reload() {
	cat := t.sh.s.catalogue()
	levels := ledger.CodeLevels
	if i := t.level.SelectedIndex(); i > 0 {
		levels = levels[i-1 : i]
	}
	match := map[ledger.Code]bool{}
	for _, l := range levels {
		for _, c := range cat.Search(l, t.search.Text, 0) {
			match[c] = true
		}
	}
	t.list = t.list[:0]
	for _, c := range cat.Ordered() {
		if match[c] {
			t.list = append(t.list, c)
		}
	}
	t.count.SetText(ledger.Money(len(t.list)).String() + " mã")
	t.basis.SetText(cat.BasisText())
	// The list shrinks under a table scrolled down: back to the top, or
	// the table keeps an offset past its end and shows blank space.
	// (ScrollToTop resets the offset but not the scroller's content.)
	t.table.ScrollToOffset(fyne.Position{})
	t.table.Refresh()
}

// showAddDialog opens the form for a new code (or a new name for an
// existing one). With level set (a voucher's field), the level is fixed
// and the code filled in; its group (the Mục of a Tiểu mục, the Loại of a
// Khoản) is proposed from the number and, when the catalogue lacks it
// too, added with it under the name typed. Enter saves, Esc cancels;
// saved is told the code added, closed runs when the dialog goes away
// either way.
func (t *catalogueTab) showAddDialog(level ledger.CodeLevel, code string, saved func(ledger.Code), closed func()) *widgets.FormDialog {
	labels := make([]string, len(ledger.CodeLevels))
	for i, l := range ledger.CodeLevels {
		labels[i] = l.Label()
	}
	levelSel := widgets.NewKeySelect(labels, map[rune]int{'1': 0, '2': 1, '3': 2, '4': 3}, nil)
	levelSel.SetSelectedIndex(3)
	codeIn := widgets.NewTextEntry("Loại, Khoản: 3 chữ số; Mục, Tiểu mục: 4 chữ số")
	nameIn := widgets.NewTextEntry("tên theo Mục lục ngân sách")
	parentIn := widgets.NewTextEntry("Khoản: mã Loại; Tiểu mục: mã Mục")
	groupIn := widgets.NewTextEntry("")
	fs := widgets.FieldSet{}
	items := []*widgets.Field{fs.Add("level", "Cấp", levelSel, ""), fs.Add("code", "Mã", codeIn, ""), fs.Add("name", "Tên", nameIn, ""),
		fs.Add("parent", "Thuộc (mã cấp trên)", parentIn, "để trống với Loại và Mục"), fs.Add("parent_name", "Tên mã cấp trên", groupIn, "")}
	selected := func() ledger.CodeLevel { return ledger.CodeLevels[max(0, levelSel.SelectedIndex())] }
	cat := t.sh.s.catalogue
	parentEdited := false
	// The group follows the code typed until the accountant types one, and
	// its name is asked for only when the catalogue lacks it.
	describeGroup := func() {
		pl := selected().ParentLevel()
		p := strings.TrimSpace(parentIn.Text)
		if g, ok := cat().Lookup(pl, p); pl != "" && ok {
			groupIn.SetText(g.Name)
			groupIn.Disable()
			fs["parent_name"].SetHint("đã có trong danh mục")
			return
		}
		groupIn.Enable()
		switch {
		case pl == "":
			groupIn.SetText("")
			groupIn.Disable()
			fs["parent_name"].SetHint("")
		case p != "":
			fs["parent_name"].SetHint(pl.Label() + " " + p + " chưa có trong danh mục: nhập tên để thêm cùng")
		}
	}
	proposeGroup := func() {
		if !parentEdited {
			parentIn.SetText(ledger.ParentFor(cat(), selected(), strings.TrimSpace(codeIn.Text)))
		}
		describeGroup()
	}
	codeIn.OnChanged = func(string) { proposeGroup() }
	parentIn.OnChanged = func(string) { describeGroup() }
	parentIn.OnFocusLost = func() {
		parentEdited = parentEdited || parentIn.Text != ledger.ParentFor(cat(), selected(), strings.TrimSpace(codeIn.Text))
	}
	levelSel.OnChanged = func(string) { proposeGroup() }
	title := "Thêm mã vào danh mục"
	if level != "" {
		for i, l := range ledger.CodeLevels {
			if l == level {
				levelSel.SetSelectedIndex(i)
			}
		}
		levelSel.Disable()
		title = "Thêm " + level.Label() + " " + code + " vào danh mục"
		if b, ok := cat().Basis(t.sh.period.Year); ok {
			fs["name"].SetHint("tên theo " + b.Circular)
		}
	}
	codeIn.SetText(code)
	proposeGroup()
	t.form = widgets.ShowFormDialog(t.sh.u.win, title, "Thêm (Enter)", items, func(done func(error)) {
		c := ledger.Code{Level: selected(), Code: strings.TrimSpace(codeIn.Text),
			Name: strings.Join(strings.Fields(nameIn.Text), " "), Parent: strings.TrimSpace(parentIn.Text)}
		c.Normalize()
		if err := c.Validate(); err != nil {
			done(err)
			return
		}
		lines := []ledger.CodeLine{{Code: c}}
		if pl := c.Level.ParentLevel(); pl != "" && !groupIn.Disabled() {
			g := ledger.Code{Level: pl, Code: c.Parent, Name: strings.Join(strings.Fields(groupIn.Text), " ")}
			g.Normalize()
			if g.Name == "" {
				done(ledger.FieldErrorf("parent_name", "ui.addCode", "%s %s chưa có trong danh mục: nhập tên của %s để thêm cùng", pl.Label(), c.Parent, pl.Label()))
				return
			}
			lines = append([]ledger.CodeLine{{Code: g}}, lines...)
		}
		t.sh.writeReference(func(ctx context.Context) error {
			_, err := t.sh.s.l.ImportCatalogue(ctx, lines, ledger.CatalogueImport{Rename: true, Reason: "thêm mã"})
			return err
		}, func(err error) {
			done(err)
			if err != nil {
				return
			}
			t.reload()
			t.sh.setStatusBar("Đã thêm " + c.Level.Label() + " " + c.Code + " " + c.Name + " vào danh mục.")
			if saved != nil {
				saved(c)
			}
		})
	}, fs.FieldFor)
	for _, in := range []*widgets.TextEntry{codeIn, nameIn, parentIn, groupIn} {
		in.OnEscape = t.form.Dialog.Hide
	}
	if closed != nil {
		t.form.Dialog.SetOnClosed(closed)
	}
	if code != "" {
		t.sh.u.win.Canvas().Focus(nameIn)
	}
	return t.form
}

// importFile asks for a catalogue file (.xlsx laid out like the annex, or
// .csv) and imports it.
func (t *catalogueTab) importFile() {
	if t.sh.u.opts.ReadCatalogue == nil {
		widgets.ShowInfo(t.sh.u.win, "Nhập danh mục", "Bản chương trình này chưa có chức năng nhập danh mục từ tệp.")
		return
	}
	widgets.ShowOpenFile(t.sh.u.win, "Chọn tệp danh mục (Excel theo mẫu phụ lục của thông tư, hoặc CSV)", []string{".xlsx", ".csv"},
		func(path string) { t.importPath(path, false) }, t.sh.exportDir())
}

// importPath reads path and imports its codes in one transaction; the
// renames it brings are shown for confirmation first (rename false), and
// applied with the rest once confirmed.
func (t *catalogueTab) importPath(path string, rename bool) {
	read, l := t.sh.u.opts.ReadCatalogue, t.sh.s.l
	known := t.sh.s.catalogue()
	base := filepath.Base(path)
	j := widgets.NewJob(t.sh.u.win, "Nhập danh mục", "Đang đọc "+base+" …", t.sh.u.tasks.ui)
	background(t.sh.u.tasks, func(ctx context.Context) (*ledger.CatalogueChange, error) {
		ctx, cancel := j.Watch(ctx)
		defer cancel()
		lines, err := read(ctx, path, known)
		if err != nil {
			return nil, err
		}
		ch, err := l.ImportCatalogue(ctx, lines, ledger.CatalogueImport{Rename: rename, Source: base, Reason: "nhập từ tệp " + base})
		if err == nil {
			err = t.sh.s.reload(ctx)
		}
		return ch, err
	}, func(ch *ledger.CatalogueChange, err error) {
		j.Finish()
		switch {
		case ledger.ErrorKind(err) == ledger.KindConflict && ch != nil && !rename:
			t.confirmRenames(path, ch)
		case err != nil:
			widgets.ShowError(t.sh.u.win, err)
		default:
			t.reload()
			msg := fmt.Sprintf("Đã nhập %s: thêm %d mã, đổi tên %d mã, đổi hiệu lực hoặc nguồn %d mã; %d mã không đổi.",
				base, len(ch.Added), len(ch.Renamed), len(ch.Updated), ch.Same)
			t.sh.setStatusBar(msg)
			widgets.ShowInfo(t.sh.u.win, "Nhập danh mục", msg)
		}
	})
}

// renameDialog lists the renames an import brings and imports with them
// when confirmed.
type renameDialog struct {
	text    *widget.Label
	confirm func()
}

func (t *catalogueTab) confirmRenames(path string, ch *ledger.CatalogueChange) {
	var b strings.Builder
	fmt.Fprintf(&b, "Tệp %s đổi tên %d mã đã có trong danh mục (và thêm %d mã mới):\n", filepath.Base(path), len(ch.Renamed), len(ch.Added))
	for i, r := range ch.RenameProblems() {
		if i == 30 {
			fmt.Fprintf(&b, "\n… và %d mã khác", len(ch.Renamed)-30)
			break
		}
		b.WriteString("\n• " + r)
	}
	b.WriteString("\n\nCác bút toán đã ghi trên những mã này sẽ mang tên mới trong báo cáo. Chưa nhập gì cho tới khi bạn xác nhận.")
	rd := &renameDialog{text: widget.NewLabel(b.String())}
	rd.text.Wrapping = fyne.TextWrapWord
	rd.confirm = func() { t.importPath(path, true) }
	scroll := container.NewVScroll(rd.text)
	scroll.SetMinSize(fyne.NewSize(0, 320))
	d, ok := widgets.ActionDialog(t.sh.u.win, "Xác nhận đổi tên mã", scroll, "Đổi tên và nhập", widget.WarningImportance, fyne.NewSize(760, 0), nil)
	ok.OnTapped = func() {
		d.Hide()
		rd.confirm()
	}
	t.renames = rd
}

// exportFile asks where to save the catalogue (.xlsx, or .csv when the
// name typed ends so) and writes it.
func (t *catalogueTab) exportFile() {
	export := t.sh.u.opts.ExportCatalogue
	if export == nil {
		widgets.ShowInfo(t.sh.u.win, "Xuất danh mục", "Bản chương trình này chưa có chức năng xuất danh mục.")
		return
	}
	t.sh.saving = widgets.ShowSaveAs(t.sh.u.win, "Lưu danh mục mã (Excel, hoặc CSV khi tên tệp có đuôi .csv)", "Lưu", t.sh.exportDir(),
		"DanhMuc_MLNS.xlsx", ".xlsx .csv", widgets.AskToReplace, func(path string) {
			t.sh.u.app.Preferences().SetString(prefExportDir, filepath.Dir(path))
			t.exportTo(path)
		})
}

func (t *catalogueTab) exportTo(path string) *widgets.Job {
	export, cat := t.sh.u.opts.ExportCatalogue, t.sh.s.catalogue()
	return t.sh.runExport("Đang xuất danh mục mã …", func(ctx context.Context, _ func(int, int)) ([]string, error) {
		p, err := export(ctx, cat, path)
		return []string{p}, err
	}, func(paths []string, err error) string {
		return fmt.Sprintf("Đã xuất danh mục (%d mã):", cat.Len())
	}, "Tệp này nhập lại được bằng Danh mục → Nhập từ tệp… (ở sổ này hoặc sổ khác).")
}
