package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

var codeLevels = []ledger.CodeLevel{ledger.LevelLoai, ledger.LevelKhoan, ledger.LevelMuc, ledger.LevelTieuMuc}

// catalogueTab is "Danh mục": browse and search the budget classification
// codes (Mục lục NSNN) by number or by name, and add the codes a new
// circular brings.
type catalogueTab struct {
	sh     *shell
	level  *widget.Select
	search *widgets.TextEntry
	count  *widget.Label
	table  *widget.Table
	list   []ledger.Code
	box    fyne.CanvasObject
	form   *widgets.FormDialog // the last one opened, for tests
}

var codeColumns = []widgets.Column{
	{Title: "Cấp", Width: 90, Align: fyne.TextAlignLeading},
	{Title: "Mã", Width: 80, Align: fyne.TextAlignCenter},
	{Title: "Tên", Width: 640, Align: fyne.TextAlignLeading},
	{Title: "Thuộc", Width: 300, Align: fyne.TextAlignLeading},
}

func newCatalogueTab(sh *shell) *catalogueTab {
	t := &catalogueTab{sh: sh}
	labels := []string{"Tất cả các cấp"}
	for _, l := range codeLevels {
		labels = append(labels, l.Label())
	}
	t.level = widget.NewSelect(labels, nil)
	t.level.SetSelectedIndex(0)
	t.level.OnChanged = func(string) { t.reload() }
	t.search = widgets.NewTextEntry("tìm theo số hoặc tên (có dấu hay không dấu đều được)")
	t.search.OnChanged = func(string) { t.reload() }
	t.count = widget.NewLabel("")
	t.table = widgets.NewListTable(codeColumns, func() int { return len(t.list) }, func(i int) ([]string, bool) {
		c := t.list[i]
		return []string{c.Level.Label(), c.Code, c.Name, t.parentText(c)}, c.Level == ledger.LevelLoai || c.Level == ledger.LevelMuc
	})
	add := widgets.NewButton("Thêm mã…", theme.ContentAddIcon(), t.add)
	bar := container.New(widgets.Row(160, 420, 0, add.MinSize().Width), t.level, t.search, t.count, add)
	t.box = widgets.Border(bar, nil, nil, nil, t.table)
	return t
}

func (t *catalogueTab) object() fyne.CanvasObject { return t.box }

func (t *catalogueTab) parentText(c ledger.Code) string {
	cat := t.sh.s.catalogue()
	switch c.Level {
	case ledger.LevelKhoan:
		return "Loại " + c.Parent + " " + cat.Name(ledger.LevelLoai, c.Parent)
	case ledger.LevelTieuMuc:
		return "Mục " + c.Parent + " " + cat.Name(ledger.LevelMuc, c.Parent)
	}
	return ""
}

// reload lists the codes of the chosen level that match the search.
func (t *catalogueTab) reload() {
	cat := t.sh.s.catalogue()
	levels := codeLevels
	if i := t.level.SelectedIndex(); i > 0 {
		levels = codeLevels[i-1 : i]
	}
	t.list = t.list[:0]
	for _, l := range levels {
		t.list = append(t.list, searchCodes(cat, l, t.search.Text)...)
	}
	t.count.SetText(ledger.Money(len(t.list)).String() + " mã")
	t.table.Refresh()
}

// add opens the form for a new code (or a new name for an existing one).
func (t *catalogueTab) add() {
	labels := make([]string, len(codeLevels))
	for i, l := range codeLevels {
		labels[i] = l.Label()
	}
	level := widgets.NewKeySelect(labels, map[rune]int{'1': 0, '2': 1, '3': 2, '4': 3}, nil)
	level.SetSelectedIndex(3)
	code := widgets.NewTextEntry("Loại, Khoản: 3 chữ số; Mục, Tiểu mục: 4 chữ số")
	name := widgets.NewTextEntry("tên theo Mục lục ngân sách")
	parent := widgets.NewTextEntry("Khoản: mã Loại; Tiểu mục: mã Mục")
	fs := widgets.FieldSet{}
	items := []*widgets.Field{fs.Add("level", "Cấp", level, ""), fs.Add("code", "Mã", code, ""), fs.Add("name", "Tên", name, ""),
		fs.Add("parent", "Thuộc (mã cấp trên)", parent, "để trống với Loại và Mục")}
	t.form = widgets.ShowFormDialog(t.sh.u.win, "Thêm mã vào danh mục", "Thêm", items, func(done func(error)) {
		c := ledger.Code{Level: codeLevels[max(0, level.SelectedIndex())], Code: strings.TrimSpace(code.Text),
			Name: strings.TrimSpace(name.Text), Parent: strings.TrimSpace(parent.Text)}
		if err := c.Validate(); err != nil {
			done(err)
			return
		}
		t.sh.writeReference(func(ctx context.Context) error { return t.sh.s.l.AddCode(ctx, c) }, func(err error) {
			done(err)
			if err == nil {
				t.reload()
				t.sh.setStatusBar("Đã thêm " + c.Level.Label() + " " + c.Code + " " + c.Name + " vào danh mục.")
			}
		})
	}, fs.FieldFor)
}
