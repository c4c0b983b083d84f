package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
)

// RowLayout lays children side by side with fixed widths, so the fields of
// a form line up the same way whatever is typed in them; a width of 0
// shares the space left over.
type RowLayout struct{ Widths []float32 }

// Row is a RowLayout of the given widths.
func Row(widths ...float32) RowLayout { return RowLayout{Widths: widths} }

func (r RowLayout) width(i int) float32 {
	if i < len(r.Widths) {
		return r.Widths[i]
	}
	return 0
}

func (r RowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding() * 2
	fixed, flex := float32(0), 0
	for i := range objs {
		if w := r.width(i); w > 0 {
			fixed += w
		} else {
			flex++
		}
	}
	fixed += pad * float32(len(objs)-1)
	share := float32(0)
	if flex > 0 {
		share = max(0, (size.Width-fixed)/float32(flex))
	}
	x := float32(0)
	for i, o := range objs {
		w := r.width(i)
		if w == 0 {
			w = share
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (r RowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		w := r.width(i)
		if w == 0 {
			w = m.Width
		}
		s.Width += w
		s.Height = max(s.Height, m.Height)
	}
	if len(objs) > 1 {
		s.Width += theme.Padding() * 2 * float32(len(objs)-1)
	}
	return s
}

// GridRow is a rowLayout of a fixed height, so that a row of labels and a
// row of entries line up as one grid.
type GridRow struct {
	RowLayout
	Height float32
}

// GridRowOf is a GridRow of the given height and widths.
func GridRowOf(height float32, widths ...float32) GridRow {
	return GridRow{RowLayout: Row(widths...), Height: height}
}

func (g GridRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := g.RowLayout.MinSize(objs)
	s.Height = g.Height
	return s
}

// EntryHeight is the height of a one-line entry: the height of a grid row.
func EntryHeight() float32 { return NewTextEntry("").MinSize().Height }

// Border is container.NewBorder with its parts in reading order — top,
// left, center, right, bottom — which is the order Tab visits them in
// (Fyne's puts the center first, so Tab went through a tab's table before
// the form above it).
func Border(top, bottom, left, right fyne.CanvasObject, center ...fyne.CanvasObject) *fyne.Container {
	var all []fyne.CanvasObject
	for _, o := range []fyne.CanvasObject{top, left} {
		if o != nil {
			all = append(all, o)
		}
	}
	for _, o := range center {
		if o != nil {
			all = append(all, o)
		}
	}
	for _, o := range []fyne.CanvasObject{right, bottom} {
		if o != nil {
			all = append(all, o)
		}
	}
	return container.New(layout.NewBorderLayout(top, bottom, left, right), all...)
}
