package widgets

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A horizontal bar chart drawn with canvas primitives: one row per unit,
// its name on the left (full Vietnamese names read better beside a bar
// than under a column), the bar on a 0–100 % scale with grid lines, the
// value at the end. A row is a widget of its own so a click on it can
// open that unit.

// barTicks are the grid lines, in tenths of a percent.
var barTicks = []int64{0, 250, 500, 750, 1000}

const (
	barNameWidth  = 190
	barValueWidth = 56
	barRowHeight  = 24
)

// BarValue is one row: its label, its value in tenths of a percent (OK
// false: nothing to draw), the text shown after the bar and its colour.
type BarValue struct {
	// NameWidth is the room for the label (0: 190); rows of one chart
	// share it, the axis too (BarNameWidth).
	NameWidth float32
	Label     string
	Tenths    int64
	OK        bool
	Text      string
	Fill      color.Color
}

// BarRow draws one bar; with axis set it draws the scale's labels instead.
type BarRow struct {
	widget.BaseWidget
	v       BarValue
	axis    bool
	hovered bool
	onTap   func()
}

// NewBarRow is a bar showing v; onTap, if set, is what a click on it does.
func NewBarRow(v BarValue, onTap func()) *BarRow {
	r := &BarRow{v: v, onTap: onTap}
	r.ExtendBaseWidget(r)
	return r
}

// Value is what the row shows.
func (r *BarRow) Value() BarValue { return r.v }

// NewBarAxis is the row of the scale's labels, above bars whose labels
// take nameWidth.
func NewBarAxis(nameWidth float32) *BarRow {
	r := &BarRow{axis: true, v: BarValue{NameWidth: nameWidth}}
	r.ExtendBaseWidget(r)
	return r
}

func (r *BarRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

// Cursor shows a hand over a row that opens something.
func (r *BarRow) Cursor() desktop.Cursor {
	if r.onTap != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

func (r *BarRow) MouseIn(*desktop.MouseEvent)    { r.hovered = true; r.Refresh() }
func (r *BarRow) MouseMoved(*desktop.MouseEvent) {}
func (r *BarRow) MouseOut()                      { r.hovered = false; r.Refresh() }

func (r *BarRow) CreateRenderer() fyne.WidgetRenderer {
	rr := &barRenderer{r: r, fit: NewFitter()}
	rr.hover = canvas.NewRectangle(color.Transparent)
	rr.track = canvas.NewRectangle(color.Transparent)
	rr.bar = canvas.NewRectangle(color.Transparent)
	rr.name = canvas.NewText("", color.Black)
	rr.value = canvas.NewText("", color.Black)
	for range barTicks {
		rr.ticks = append(rr.ticks, canvas.NewRectangle(color.Transparent))
		rr.labels = append(rr.labels, canvas.NewText("", color.Black))
	}
	rr.refreshColours()
	return rr
}

type barRenderer struct {
	r      *BarRow
	fit    *Fitter
	hover  *canvas.Rectangle
	track  *canvas.Rectangle
	bar    *canvas.Rectangle
	name   *canvas.Text
	value  *canvas.Text
	ticks  []*canvas.Rectangle
	labels []*canvas.Text
}

func (b *barRenderer) Destroy() {}

func (b *barRenderer) nameWidth() float32 {
	if w := b.r.v.NameWidth; w > 0 {
		return w
	}
	return barNameWidth
}

// BarNameWidth is the room that shows each of labels whole, at least the
// default and at most a third of a wide window.
func BarNameWidth(labels []string) float32 {
	w := float32(barNameWidth)
	for _, l := range labels {
		w = max(w, fyne.MeasureText(l, theme.TextSize(), fyne.TextStyle{}).Width+2*theme.InnerPadding()+4)
	}
	return min(w, 420)
}

func (b *barRenderer) MinSize() fyne.Size {
	return fyne.NewSize(b.nameWidth()+barValueWidth+120, barRowHeight)
}

func (b *barRenderer) Objects() []fyne.CanvasObject {
	out := []fyne.CanvasObject{b.hover}
	if b.r.axis {
		for _, l := range b.labels {
			out = append(out, l)
		}
		return out
	}
	out = append(out, b.track)
	for _, t := range b.ticks {
		out = append(out, t)
	}
	return append(out, b.bar, b.name, b.value)
}

// area is where the 0–100 % scale runs: between the names and the values.
func (b *barRenderer) area(size fyne.Size) (x0, width float32) {
	x0 = b.nameWidth()
	return x0, max(20, size.Width-x0-barValueWidth)
}

func (b *barRenderer) Layout(size fyne.Size) {
	x0, w := b.area(size)
	ts := theme.TextSize()
	b.hover.Move(fyne.NewPos(0, 0))
	b.hover.Resize(size)
	for i, t := range barTicks {
		x := x0 + w*float32(t)/1000
		b.ticks[i].Move(fyne.NewPos(x, 2))
		b.ticks[i].Resize(fyne.NewSize(1, size.Height-4))
		l := b.labels[i]
		l.TextSize = ts - 2
		lw := l.MinSize().Width
		l.Move(fyne.NewPos(x-lw/2, (size.Height-l.MinSize().Height)/2))
	}
	if b.r.axis {
		return
	}
	b.track.Move(fyne.NewPos(x0, 5))
	b.track.Resize(fyne.NewSize(w, size.Height-10))
	v := b.r.v
	length := float32(0)
	if v.OK {
		length = w * float32(min(max(v.Tenths, 0), 1000)) / 1000
	}
	b.bar.Move(fyne.NewPos(x0, 5))
	b.bar.Resize(fyne.NewSize(length, size.Height-10))
	b.name.TextSize = ts
	b.name.Text = b.fit.Fit(v.Label, b.nameWidth()-theme.InnerPadding()*2, fyne.TextStyle{})
	b.name.Move(fyne.NewPos(theme.InnerPadding(), (size.Height-b.name.MinSize().Height)/2))
	b.value.TextSize = ts
	b.value.TextStyle = fyne.TextStyle{Bold: true}
	b.value.Text = v.Text
	b.value.Move(fyne.NewPos(x0+w+theme.InnerPadding(), (size.Height-b.value.MinSize().Height)/2))
}

func (b *barRenderer) refreshColours() {
	fg := theme.Color(theme.ColorNameForeground)
	grid := theme.Color(theme.ColorNameInputBorder)
	b.name.Color, b.value.Color = fg, fg
	for i, t := range b.ticks {
		t.FillColor = grid
		b.labels[i].Color = fg
		b.labels[i].Text = fmt.Sprintf("%d%%", barTicks[i]/10)
	}
	b.track.FillColor = color.NRGBA{R: 0xf1, G: 0xf3, B: 0xf6, A: 0xff}
	b.bar.FillColor = b.r.v.Fill
	b.hover.FillColor = color.Transparent
	if b.r.hovered && b.r.onTap != nil {
		b.hover.FillColor = theme.Color(theme.ColorNameHover)
	}
}

func (b *barRenderer) Refresh() {
	b.refreshColours()
	b.Layout(b.r.Size())
	canvas.Refresh(b.r)
}

// LegendItem is a colour swatch with its meaning.
func LegendItem(c color.Color, label string) fyne.CanvasObject {
	sw := canvas.NewRectangle(c)
	sw.SetMinSize(fyne.NewSize(14, 14))
	l := widget.NewLabel(label)
	l.SizeName = theme.SizeNameCaptionText
	return container.NewHBox(container.NewCenter(sw), l)
}
