package xlsx

import "math"

// The print model: A4 landscape with the margins of pageSetup, in points.
// Column widths are in character units of the default font; a Times New
// Roman 11 digit is 8 pixels, 0.75 point a pixel (measured with
// LibreOffice; a little margin on top).
const (
	pageWidth  = (11.69 - 2*0.4) * 72
	pageHeight = (8.27 - 0.5 - 0.6) * 72
	// fitScale is the smallest scale a sheet is printed at one page wide;
	// a wider sheet is printed in blocks of columns with its label columns
	// repeated, each at blockScale or more, so that figures stay legible.
	fitScale   = 0.62
	blockScale = 0.75
)

func colPoints(w float64) float64 { return w * 8 * 0.75 * 1.02 }

// colRange is columns from..to (0-based, inclusive).
type colRange struct{ from, to int }

// pagePlan says how a sheet is printed across.
type pagePlan struct {
	fit    bool    // one page wide: fit to width
	scale  float64 // the scale the row model assumes
	repeat int     // leading columns repeated on every page (blocks only)
	blocks []colRange
}

// planPages fits the columns to the page width when that keeps the scale at
// fitScale or more; otherwise it cuts the columns after the first repeat
// into balanced blocks, each printed with the repeated columns at a fixed
// scale.
func planPages(widths []float64, repeat int) pagePlan {
	total := 0.0
	for _, w := range widths {
		total += colPoints(w)
	}
	whole := pagePlan{fit: true, scale: math.Min(1, pageWidth/total), blocks: []colRange{{0, len(widths) - 1}}}
	if whole.scale >= fitScale || repeat <= 0 || repeat >= len(widths)-1 {
		return whole
	}
	fixed := 0.0
	for _, w := range widths[:repeat] {
		fixed += colPoints(w)
	}
	rest := widths[repeat:]
	// How many blocks are needed so that each fits at minScale or more.
	for n := 2; n <= len(rest); n++ {
		blocks := cutBalanced(repeat, len(rest), n)
		widest := 0.0
		for _, b := range blocks {
			w := fixed
			for c := b.from; c <= b.to; c++ {
				w += colPoints(widths[c])
			}
			widest = math.Max(widest, w)
		}
		if scale := math.Min(1, pageWidth/widest); scale >= blockScale || n == len(rest) {
			// Whole percents, as the file stores them.
			return pagePlan{scale: math.Floor(scale*100) / 100, repeat: repeat, blocks: blocks}
		}
	}
	return whole
}

// cutBalanced cuts n columns starting at first into k consecutive blocks
// whose sizes differ by one at most, larger blocks last (the signatures go
// under the last).
func cutBalanced(first, n, k int) []colRange {
	out := make([]colRange, 0, k)
	for i := 0; i < k; i++ {
		size := n / k
		if k-1-i < n%k {
			size++
		}
		out = append(out, colRange{first, first + size - 1})
		first += size
	}
	return out
}

// last is the region of the last page across.
func (p pagePlan) last() colRange { return p.blocks[len(p.blocks)-1] }

// rowHeight is the height a row takes when written with height h (0: the
// default height).
func rowHeight(h float64) float64 {
	if h == 0 {
		return defaultHeight
	}
	return h
}

// keepTogether decides where to break the page so that a block of height
// need starting at row n is not cut: it returns 0 when the block fits on
// the current page, otherwise the row to start a new page at, taking the
// last few table rows (from row minRow on) along.
func (s *sheet) keepTogether(n int, need float64, minRow int) int {
	capacity := pageHeight / s.plan.scale
	titles := 0.0
	for r := s.titleFrom; r > 0 && r <= s.titleTo; r++ {
		titles += s.heights[r]
	}
	pos, pageStart := 0.0, 1
	for r := 1; r < n; r++ {
		h := s.heights[r]
		if pos+h > capacity {
			pos, pageStart = titles, r
		}
		pos += h
	}
	// A margin for the difference between this model and the printer's.
	if pos+need <= capacity*0.98 {
		return 0
	}
	const carry = 3
	if k := n - carry; k > pageStart && k >= minRow {
		return k
	}
	return n
}
