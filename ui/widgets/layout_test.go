package widgets_test

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ui/widgets"
)

// TestRow: fixed widths are kept whatever the content, and a width of 0
// shares what is left.
func TestRow(t *testing.T) {
	test.NewTempApp(t)
	a, b, c := canvas.NewRectangle(nil), canvas.NewRectangle(nil), canvas.NewRectangle(nil)
	pad := theme.Padding() * 2
	widgets.Row(100, 0, 50).Layout([]fyne.CanvasObject{a, b, c}, fyne.NewSize(400, 30))
	if a.Size().Width != 100 || c.Size().Width != 50 || b.Size().Width != 400-150-2*pad {
		t.Errorf("widths %v %v %v", a.Size().Width, b.Size().Width, c.Size().Width)
	}
	if c.Position().X != 400-50 {
		t.Errorf("last column at %v", c.Position().X)
	}
	g := widgets.GridRowOf(33, 100, 50)
	if h := g.MinSize([]fyne.CanvasObject{a, c}).Height; h != 33 {
		t.Errorf("grid row height %v", h)
	}
}

// TestFitter: text that fits is kept, longer text ends in "…" and fits.
func TestFitter(t *testing.T) {
	test.NewTempApp(t)
	f := widgets.NewFitter()
	style := fyne.TextStyle{}
	if got := f.Fit("Hà Đông", 400, style); got != "Hà Đông" {
		t.Errorf("short text changed: %q", got)
	}
	long := "UBND phường Phú La, quận Hà Đông, thành phố Hà Nội"
	got := f.Fit(long, 120, style)
	if !strings.HasSuffix(got, "…") || !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) {
		t.Fatalf("fitted %q", got)
	}
	if w := fyne.MeasureText(got, theme.TextSize(), style).Width; w > 120 {
		t.Errorf("%q is %v wide, more than 120", got, w)
	}
	l := widget.NewLabel("")
	l.Resize(fyne.NewSize(400, 30))
	f.SetCell(l, "1.234.567", fyne.TextAlignTrailing, widget.MediumImportance, style)
	if l.Text != "1.234.567" || l.Alignment != fyne.TextAlignTrailing {
		t.Errorf("cell %q %v", l.Text, l.Alignment)
	}
}

// TestLazy: a change while hidden waits until the tab is shown, and is
// loaded once.
func TestLazy(t *testing.T) {
	loads := 0
	z := widgets.Lazy{Load: func() { loads++ }}
	z.Invalidate()
	z.Invalidate()
	if loads != 0 {
		t.Fatalf("loaded %d times while hidden", loads)
	}
	z.SetVisible(true)
	z.SetVisible(false)
	z.SetVisible(true)
	if loads != 1 {
		t.Fatalf("loaded %d times when shown", loads)
	}
	z.Invalidate()
	if loads != 2 {
		t.Errorf("a change on screen was not loaded at once (%d)", loads)
	}
}

// TestListTable: the header names the columns and a row's cells are the
// function's.
func TestListTable(t *testing.T) {
	test.NewTempApp(t)
	rows := [][]string{{"1000002", "UBND phường Quang Trung"}, {"1000003", "UBND phường Nguyễn Trãi"}}
	tb := widgets.NewListTable([]widgets.Column{
		{Title: "Mã", Width: 90, Align: fyne.TextAlignCenter},
		{Title: "Tên đơn vị", Width: 300, Align: fyne.TextAlignLeading},
	}, func() int { return len(rows) }, func(i int) ([]string, bool) { return rows[i], i == 0 })
	w := test.NewWindow(tb)
	defer w.Close()
	w.Resize(fyne.NewSize(500, 200))
	all := test.RenderToMarkup(w.Canvas())
	for _, want := range []string{"Mã", "Tên đơn vị", "1000003", "UBND phường Nguyễn Trãi"} {
		if !strings.Contains(all, want) {
			t.Errorf("%q not drawn in %q", want, all)
		}
	}
}

// TestBarRow: a click on a bar does what it was given; its value is kept.
func TestBarRow(t *testing.T) {
	test.NewTempApp(t)
	tapped := 0
	r := widgets.NewBarRow(widgets.BarValue{Label: "Phường Một", Tenths: 129, OK: true, Text: "12,9%"}, func() { tapped++ })
	w := test.NewWindow(r)
	defer w.Close()
	test.Tap(r)
	if tapped != 1 || r.Value().Tenths != 129 {
		t.Errorf("tapped %d, value %+v", tapped, r.Value())
	}
}
