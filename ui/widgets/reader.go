package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Reader shows long content in a scroll the keyboard moves: ↑ ↓ a line,
// Page Up / Page Down a screen, Home / End the ends; ← → call Side, when
// set (the help dialog turns to its other reader). A click or Tab gives
// it the keyboard; Enter and Escape go to the dialog it is in.
type Reader struct {
	widget.BaseWidget
	Scroll  *container.Scroll
	Side    func()
	focused bool
}

// NewReader shows content in a vertical scroll.
func NewReader(content fyne.CanvasObject) *Reader {
	r := &Reader{Scroll: container.NewVScroll(content)}
	r.ExtendBaseWidget(r)
	return r
}

func (r *Reader) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.Scroll)
}

// Tapped gives the reader the keyboard.
func (r *Reader) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(r); c != nil {
		c.Focus(r)
	}
}

func (r *Reader) FocusGained()   { r.focused = true }
func (r *Reader) FocusLost()     { r.focused = false }
func (r *Reader) TypedRune(rune) {}

// TypedKey scrolls.
func (r *Reader) TypedKey(ev *fyne.KeyEvent) {
	line := theme.TextSize() * 2
	page := max(r.Scroll.Size().Height-line, line)
	y := r.Scroll.Offset.Y
	switch ev.Name {
	case fyne.KeyDown:
		y += line
	case fyne.KeyUp:
		y -= line
	case fyne.KeyPageDown, fyne.KeySpace:
		y += page
	case fyne.KeyPageUp:
		y -= page
	case fyne.KeyHome:
		y = 0
	case fyne.KeyEnd:
		y = r.Scroll.Content.MinSize().Height
	case fyne.KeyLeft, fyne.KeyRight:
		if r.Side != nil {
			r.Side()
		}
		return
	default:
		PassKey(r, ev)
		return
	}
	limit := max(0, r.Scroll.Content.MinSize().Height-r.Scroll.Size().Height)
	r.Scroll.ScrollToOffset(fyne.NewPos(r.Scroll.Offset.X, min(max(y, 0), limit)))
}
