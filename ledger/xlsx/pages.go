package xlsx

import "math"

// The print model: A4 landscape with the margins of pageSetup, in points.
// Column widths are in character units of the default font; a Times New
// Roman 11 digit is 8 pixels, 0.75 point a pixel (measured with
// LibreOffice; a little margin on top).
const (
	pageWidth = (11.69 - 2*0.4) * 72
	// LibreOffice sets the footer (the page number, 0.25" from the edge)
	// inside the bottom margin and keeps the body clear of it: the body is
	// about 20 points shorter than the margins alone say (measured on the
	// review minutes, seven pages long).
	pageHeight = (8.27-0.5-0.6)*72 - 20
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

// paginateFill is how full a sheet that paginates itself fills a page by
// the model.
const paginateFill = 0.96

// capacity is the height of a printed page in the sheet's points.
func (s *sheet) capacity() float64 { return pageHeight / s.plan.scale }

// pageState runs the print model over rows 1..n-1: it returns how far down
// its page row n would start and the row that page starts at. Pages start
// at manual breaks and wherever the model fills a page.
func (s *sheet) pageState(n int) (pos float64, pageStart int) {
	capacity := s.capacity()
	titles := 0.0
	for r := s.titleFrom; r > 0 && r <= s.titleTo; r++ {
		titles += s.heights[r]
	}
	pageStart = 1
	for r := 1; r < n && r < len(s.heights); r++ {
		h := s.heights[r]
		if s.breaks[r] || pos+h > capacity {
			pos, pageStart = titles, r
		}
		pos += h
	}
	return pos, pageStart
}

// keepTogether decides where to break the page so that a block of height
// need starting at row n is not cut: it returns 0 when the block fits on
// the current page, otherwise the row to start a new page at, taking the
// last few table rows (from row minRow on) along.
func (s *sheet) keepTogether(n int, need float64, minRow int) int {
	pos, pageStart := s.pageState(n)
	// A margin for the difference between this model and the printer's.
	if pos+need <= s.capacity()*0.98 {
		return 0
	}
	const carry = 3
	if k := n - carry; k > pageStart && k >= minRow {
		return k
	}
	return n
}

// keepWithNext starts a new page at row n when a sheet that paginates
// itself has no room left on the current one for need points from n on: a
// heading goes with what it heads.
func (s *sheet) keepWithNext(n int, need float64) error {
	if !s.paginate || s.breaks[n] {
		return nil
	}
	if pos, _ := s.pageState(n); pos+need > s.capacity()*paginateFill {
		return s.pageBreak(n)
	}
	return nil
}
