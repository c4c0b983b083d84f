package ui

import (
	"context"
	"errors"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

var entryColumns = []widgets.Column{
	{Title: "Ngày", Width: 92, Align: fyne.TextAlignLeading},
	{Title: "Số CT", Width: 118, Align: fyne.TextAlignLeading},
	{Title: "Loại nghiệp vụ", Width: 176, Align: fyne.TextAlignLeading},
	{Title: "TC", Width: 44, Align: fyne.TextAlignCenter},
	{Title: "Khoản", Width: 56, Align: fyne.TextAlignCenter},
	{Title: "Tiểu mục", Width: 236, Align: fyne.TextAlignLeading},
	{Title: "Số tiền (đồng)", Width: 130, Align: fyne.TextAlignTrailing},
	{Title: "Diễn giải", Width: 318, Align: fyne.TextAlignLeading},
	{Title: "Ghi chú", Width: 118, Align: fyne.TextAlignLeading},
}

// bookTab is "Sổ chi tiết": the entry form above the entries of the unit
// and period, which are read page by page from the ledger so a half-year
// of 50,000 entries scrolls as smoothly as one of fifty.
type bookTab struct {
	sh   *shell
	form *entryForm

	kindSel    *widget.Select
	code       *widgets.TextEntry
	text       *widgets.TextEntry
	sortBtn    *widgets.Button
	count      *widget.Label
	reverseBtn *widgets.Button
	table      *widget.Table

	reversing *reverseDialog // the last one opened, for tests

	pages    *entryPages
	fit      *widgets.Fitter
	filter   ledger.EntryFilter
	total    int
	selected int
	typing   *debouncer
	box      fyne.CanvasObject
}

func newBookTab(sh *shell) *bookTab {
	b := &bookTab{sh: sh, pages: newEntryPages(), fit: widgets.NewFitter(), selected: -1}
	b.filter.Desc = true // the line just keyed shows on top
	b.typing = &debouncer{tasks: sh.u.tasks, delay: 250 * time.Millisecond}
	b.form = newEntryForm(sh)
	kinds := []string{"Tất cả loại nghiệp vụ"}
	for _, k := range ledger.EntryKinds {
		kinds = append(kinds, k.Label())
	}
	b.kindSel = widget.NewSelect(kinds, nil)
	b.kindSel.SetSelectedIndex(0)
	b.kindSel.OnChanged = func(string) { b.filterChanged() }
	b.code = widgets.NewTextEntry("Khoản / Tiểu mục")
	b.code.OnChanged = func(string) { b.typing.call(b.filterChanged) }
	b.text = widgets.NewTextEntry("tìm số chứng từ, diễn giải…")
	b.text.OnChanged = func(string) { b.typing.call(b.filterChanged) }
	b.sortBtn = widgets.NewButton("Mới nhất trước", theme.MenuDropDownIcon(), b.toggleSort)
	b.count = widget.NewLabel("")
	b.reverseBtn = widgets.NewButton("Đảo bút toán…", theme.ContentUndoIcon(), b.reverseSelected)
	b.reverseBtn.Disable()
	b.table = b.newTable()

	filters := container.New(widgets.Row(210, 140, 260, 150, 0, b.reverseBtn.MinSize().Width),
		b.kindSel, b.code, b.text, b.sortBtn, b.count, b.reverseBtn)
	top := container.NewVBox(b.form.object(), widget.NewSeparator(), filters)
	// The code pickers' list lies over the table.
	b.box = container.NewStack(widgets.Border(top, nil, nil, nil, b.table), b.form.suggest.object())
	return b
}

func (b *bookTab) object() fyne.CanvasObject { return b.box }

func (b *bookTab) newTable() *widget.Table {
	t := widget.NewTable(
		func() (int, int) { return b.total, len(entryColumns) },
		func() fyne.CanvasObject {
			bg := canvas.NewRectangle(color.Transparent)
			return container.NewStack(bg, widget.NewLabel(""))
		},
		b.updateCell)
	widgets.SetColumns(t, entryColumns)
	t.OnSelected = func(id widget.TableCellID) {
		b.selected = id.Row
		b.updateReverseButton()
		t.Refresh()
	}
	return t
}

func (b *bookTab) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	stack := o.(*fyne.Container)
	bg := stack.Objects[0].(*canvas.Rectangle)
	l := stack.Objects[1].(*widget.Label)
	e, reversed, need := b.pages.row(id.Row)
	if e == nil {
		if need >= 0 {
			b.loadPage(need)
		}
		bg.FillColor = color.Transparent
		bg.Refresh()
		b.fit.SetCell(l, "", entryColumns[id.Col].Align, widget.MediumImportance, fyne.TextStyle{})
		return
	}
	var fill color.Color = color.Transparent
	if id.Row == b.selected {
		fill = theme.Color(theme.ColorNameSelection)
	}
	if bg.FillColor != fill {
		bg.FillColor = fill
		bg.Refresh()
	}
	imp := widget.MediumImportance
	if reversed || e.IsReversal() {
		imp = widget.LowImportance // out of play: greyed, still listed
	}
	b.fit.SetCell(l, b.cellText(e, reversed, id.Col), entryColumns[id.Col].Align, imp, fyne.TextStyle{})
}

func (b *bookTab) cellText(e *ledger.Entry, reversed bool, col int) string {
	switch col {
	case 0:
		return e.Date.VN()
	case 1:
		return e.Doc
	case 2:
		return e.Kind.Label()
	case 3:
		return string(e.Nature)
	case 4:
		return e.Khoan
	case 5:
		if e.TieuMuc == "" {
			return ""
		}
		return e.TieuMuc + " – " + b.sh.s.catalogue().Name(ledger.LevelTieuMuc, e.TieuMuc)
	case 6:
		return e.Amount.Report()
	case 7:
		return e.Memo
	case 8:
		switch {
		case e.IsReversal():
			return "Bút toán đảo"
		case reversed:
			return "Đã bị đảo"
		case e.Via == ledger.ViaClosing:
			return "Khóa sổ"
		case e.Via == ledger.ViaAnnex:
			return "Cấp trên giao"
		}
	}
	return ""
}

// loadPage reads page n in the background and redraws the table.
func (b *bookTab) loadPage(n int) {
	if b.pages.loading[n] {
		return
	}
	b.pages.loading[n] = true
	gen, f := b.pages.gen, b.filter
	size := b.pages.size
	background(b.sh.u.tasks, func(ctx context.Context) (*entryPage, error) {
		return fetchPage(ctx, b.sh.s.l, f, n, size)
	}, func(pg *entryPage, err error) {
		if err != nil {
			delete(b.pages.loading, n)
			widgets.ShowError(b.sh.u.win, err)
			return
		}
		if b.pages.put(gen, n, pg) {
			b.table.Refresh()
		}
	})
}

// selectionChanged is called when the unit or period changes.
func (b *bookTab) selectionChanged() {
	b.filter.Unit, b.filter.Period = b.sh.unit.Code, b.sh.period
	b.selected = -1
	b.table.UnselectAll()
	b.table.ScrollToTop()
}

func (b *bookTab) filterChanged() {
	b.filter.Kinds = nil
	if i := b.kindSel.SelectedIndex(); i > 0 {
		b.filter.Kinds = []ledger.EntryKind{ledger.EntryKinds[i-1]}
	}
	b.filter.Code = strings.TrimSpace(b.code.Text)
	b.filter.Text = strings.TrimSpace(b.text.Text)
	if b.sh.unit.Code == "" {
		return
	}
	b.selected = -1
	b.table.UnselectAll()
	b.table.ScrollToTop()
	b.reload(nil)
}

func (b *bookTab) toggleSort() {
	b.filter.Desc = !b.filter.Desc
	if b.filter.Desc {
		b.sortBtn.SetText("Mới nhất trước")
		b.sortBtn.SetIcon(theme.MenuDropDownIcon())
	} else {
		b.sortBtn.SetText("Cũ nhất trước")
		b.sortBtn.SetIcon(theme.MenuDropUpIcon())
	}
	b.filterChanged()
}

// reload counts the entries the filter selects and reads the first page;
// done, if set, is called once they are on screen.
func (b *bookTab) reload(done func()) {
	b.pages.reset()
	b.updateReverseButton()
	if b.filter.Unit == "" || b.filter.Period.IsZero() {
		b.total = 0
		b.count.SetText("")
		b.table.Refresh()
		if done != nil {
			done()
		}
		return
	}
	gen, f := b.pages.gen, b.filter
	type result struct {
		n  int
		pg *entryPage
	}
	b.pages.loading[0] = true
	background(b.sh.u.tasks, func(ctx context.Context) (result, error) {
		n, err := b.sh.s.l.CountEntries(ctx, f)
		if err != nil {
			return result{}, err
		}
		pg, err := fetchPage(ctx, b.sh.s.l, f, 0, pageSize)
		return result{n, pg}, err
	}, func(r result, err error) {
		if done != nil {
			defer done()
		}
		if err != nil {
			widgets.ShowError(b.sh.u.win, err)
			return
		}
		if gen != b.pages.gen {
			return
		}
		b.total = r.n
		b.pages.put(gen, 0, r.pg)
		b.count.SetText(countText(r.n, f))
		b.table.Refresh()
		b.updateReverseButton()
	})
}

func countText(n int, f ledger.EntryFilter) string {
	s := ledger.Money(n).String() + " bút toán"
	if len(f.Kinds) > 0 || f.Code != "" || f.Text != "" {
		s += " khớp bộ lọc"
	}
	return s
}

// selectedEntry is the entry of the selected row, if its page is read.
func (b *bookTab) selectedEntry() (*ledger.Entry, bool) {
	if b.selected < 0 || b.selected >= b.total {
		return nil, false
	}
	e, reversed, _ := b.pages.row(b.selected)
	return e, reversed
}

func (b *bookTab) updateReverseButton() {
	e, reversed := b.selectedEntry()
	// What this ledger's closing or the superior's annex recorded is not
	// the accountant's to reverse (the store refuses it too).
	ok := e != nil && !reversed && !e.IsReversal() && e.Via != ledger.ViaClosing && e.Via != ledger.ViaAnnex &&
		b.sh.periodStatus() == ledger.PeriodOpen
	if ok {
		b.reverseBtn.Enable()
	} else {
		b.reverseBtn.Disable()
	}
}

func (b *bookTab) reverseSelected() {
	e, reversed := b.selectedEntry()
	var why string
	switch {
	case e == nil:
		b.sh.setStatusBar("Chọn bút toán cần đảo trong bảng (Tab đến bảng, ↑ ↓ rồi phím cách), rồi bấm “Đảo bút toán…” hoặc Ctrl+R.")
		return
	case reversed:
		why = "bút toán này đã được đảo"
	case e.IsReversal():
		why = "đây là bút toán đảo: không đảo lại được; hãy ghi lại bút toán đúng"
	case strings.HasPrefix(e.Origin, "close:"):
		why = "bút toán này do khóa sổ ghi: muốn sửa, mở lại sổ kỳ trước"
	case b.sh.periodStatus() != ledger.PeriodOpen:
		why = b.sh.period.Label() + " đã khóa sổ: mở lại sổ trước khi đảo bút toán"
	}
	if why != "" {
		widgets.ShowError(b.sh.u.win, errors.New(why))
		return
	}
	b.reversing = showReverseDialog(b.sh, e)
}
