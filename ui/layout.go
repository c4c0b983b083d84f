package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// rowLayout lays children side by side with fixed widths, so the fields of
// a form line up the same way whatever is typed in them; a width of 0
// shares the space left over.
type rowLayout struct{ widths []float32 }

func (r rowLayout) width(i int) float32 {
	if i < len(r.widths) {
		return r.widths[i]
	}
	return 0
}

func (r rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
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

func (r rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
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

// gridRow is a rowLayout of a fixed height, so that a row of labels and a
// row of entries line up as one grid.
type gridRow struct {
	rowLayout
	height float32
}

func (g gridRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := g.rowLayout.MinSize(objs)
	s.Height = g.height
	return s
}

// entryHeight is the height of a one-line entry: the height of a grid row.
func entryHeight() float32 { return newTextEntry("").MinSize().Height }
