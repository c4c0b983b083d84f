package xlsx

import (
	"math"
	"strconv"

	"wardledger/ledger"
)

// The print model: A4 landscape (or portrait) with the margins of
// pageSetup, in points.
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
	// The same page upright.
	portraitWidth  = (8.27 - 2*0.4) * 72
	portraitHeight = (11.69-0.5-0.6)*72 - 20
)

// pageSize is the printable width and height of an A4 page, in points.
func pageSize(portrait bool) (w, h float64) {
	if portrait {
		return portraitWidth, portraitHeight
	}
	return pageWidth, pageHeight
}

func colPoints(w float64) float64 { return w * 8 * 0.75 * 1.02 }

// colRange is columns from..to (0-based, inclusive).
type colRange struct{ from, to int }

// fitScale is the scale a sheet of these column widths prints at, fitted
// to one page width as every sheet is: the viewer shrinks it to the page,
// never enlarges it. (A reader who wants larger figures picks A3 in the
// print dialog and the sheet grows with the paper.)
func fitScale(widths []float64, portrait bool) float64 {
	pw, _ := pageSize(portrait)
	return math.Min(1, pw/widthPoints(widths))
}

// widthPoints is the printed width of columns of these widths at full
// scale.
func widthPoints(widths []float64) float64 {
	total := 0.0
	for _, w := range widths {
		total += colPoints(w)
	}
	return total
}

// onePageScale is the scale a sheet of these widths and height (points)
// prints at fitted to one page, and whether the page is upright: the
// orientation that prints it larger.
func onePageScale(widths []float64, height float64) (scale float64, portrait bool) {
	w := widthPoints(widths)
	at := func(portrait bool) float64 {
		pw, ph := pageSize(portrait)
		return math.Min(1, math.Min(pw/w, ph/height))
	}
	if p, l := at(true), at(false); p >= l {
		return p, true
	}
	return at(false), false
}

// moneyWidth is the width of a column showing each amount in moneyFormat,
// and at least floor (the room its header needs). Narrow amount columns
// let a table of seventeen wards print larger on the page.
func moneyWidth(floor float64, amounts ...ledger.Money) float64 {
	w := floor
	for _, a := range amounts {
		w = max(w, moneyChars(a))
	}
	return w
}

// columnsWidth is moneyWidth of every amount of the maps.
func columnsWidth[K comparable](floor float64, columns ...map[K]ledger.Money) float64 {
	w := floor
	for _, c := range columns {
		for _, a := range c {
			w = max(w, moneyChars(a))
		}
	}
	return w
}

// moneyChars is the width amount a takes in moneyFormat, in digits, to the
// half digit above: a Times New Roman separator is half a digit, the
// parentheses (or the room "_)" keeps for one) two thirds of one each, and
// the cell's padding about one; half a digit more keeps bold figures clear
// of the borders in Excel, whose digits are a little wider than
// LibreOffice's.
func moneyChars(a ledger.Money) float64 {
	digits := len(strconv.FormatInt(int64(a), 10))
	if a < 0 {
		digits-- // the sign is printed as the parentheses
	}
	w := float64(digits) + 0.5*float64((digits-1)/3) + 0.7 + 1.5
	if a < 0 {
		w += 0.7
	}
	return math.Ceil(w*2) / 2
}

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
func (s *sheet) capacity() float64 {
	_, h := pageSize(s.portrait)
	return h / s.scale
}

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
	if s.onePage {
		return 0 // the viewer shrinks the whole sheet onto its page
	}
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
