package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fitter shortens cell text to its column with an ellipsis. A label's own
// truncation reshapes the text from scratch on every refresh, which made
// redrawing a table after each voucher the slowest part of saving; here
// the widths come from Fyne's cached text metrics and the results are
// remembered, since the same names and labels recur row after row.
type Fitter struct {
	cache map[fitKey]string
}

type fitKey struct {
	s     string
	width float32
	bold  bool
}

// NewFitter is a Fitter with an empty cache.
func NewFitter() *Fitter { return &Fitter{cache: map[fitKey]string{}} }

// Fit returns s, or its longest prefix followed by "…" that fits width.
func (f *Fitter) Fit(s string, width float32, style fyne.TextStyle) string {
	if s == "" || width <= 0 {
		return s
	}
	k := fitKey{s, width, style.Bold}
	if out, ok := f.cache[k]; ok {
		return out
	}
	size := theme.TextSize()
	out := s
	if fyne.MeasureText(s, size, style).Width > width {
		runes := []rune(s)
		lo, hi := 0, len(runes) // the longest prefix that fits is in [lo, hi)
		for lo+1 < hi {
			mid := (lo + hi) / 2
			if fyne.MeasureText(string(runes[:mid])+"…", size, style).Width <= width {
				lo = mid
			} else {
				hi = mid
			}
		}
		out = string(runes[:lo]) + "…"
	}
	if len(f.cache) > 20_000 {
		f.cache = map[fitKey]string{}
	}
	f.cache[k] = out
	return out
}

// SetCell shows text in a table cell label, fitted to the cell, and
// skips the refresh when nothing changed.
func (f *Fitter) SetCell(l *widget.Label, text string, align fyne.TextAlign, imp widget.Importance, style fyne.TextStyle) {
	if w := l.Size().Width - 2*theme.InnerPadding(); w > 0 {
		text = f.Fit(text, w, style)
	}
	if l.Text == text && l.Alignment == align && l.Importance == imp && l.TextStyle == style {
		return
	}
	l.Text, l.Alignment, l.Importance, l.TextStyle = text, align, imp, style
	l.Refresh()
}
