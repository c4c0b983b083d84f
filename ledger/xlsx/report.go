package xlsx

import (
	"context"
	"fmt"
	"strings"
	"time"

	"wardledger/ledger"
)

// reportHead is the header block of a report: who reports (top left), the
// form and the circular (top right), the title and the period.
type reportHead struct {
	unit     ledger.Unit
	form     string // "Mẫu số B01/BCQT"; "" for none
	circular string
	title    string
	period   ledger.Period
	// lines, when set, replace the three lines of the left block (the
	// second is bold): a document of the superior unit about a
	// subordinate one names both.
	lines []string
	// motto prints the right block as the national motto of an
	// administrative document (form holds the country's name, circular the
	// motto) rather than a form and its circular.
	motto bool
	// intro, when set, is a paragraph between the title block and the
	// table's column headers.
	intro string
	// subtitle, when set, replaces the period's label under the title
	// ("Xét duyệt quyết toán ngân sách năm 2026").
	subtitle string
	// dateLine, when set, is printed at the right under the motto (the
	// place and date of an administrative document).
	dateLine string
	// noUnit leaves out "Đơn vị: Đồng" (a letter that prints its figures
	// in its text).
	noUnit bool
}

// The national motto heading administrative documents.
const (
	mottoCountry = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	mottoLine    = "Độc lập – Tự do – Hạnh phúc"
)

// leftLines are the three lines of the header block's left side.
func (h reportHead) leftLines() []string {
	if len(h.lines) == 3 {
		return h.lines
	}
	return []string{"Mã chương: " + h.unit.Chapter, "Đơn vị báo cáo: " + h.unit.Name, "Mã ĐVQHNS: " + h.unit.Code}
}

// The spending detail, an annex of B01/BCQT under the same circular
// (Form.CircularFor).
const (
	formF01  = "F01-01/BCQT"
	titleF01 = "BÁO CÁO CHI TIẾT CHI TỪ NGUỒN NSNN VÀ NGUỒN PHÍ ĐƯỢC KHẤU TRỪ, ĐỂ LẠI"
)

// writeHead writes rows 1..headRows: the header block (the reporting
// unit on the left, the form on the right), the title, the period and
// "Đơn vị: Đồng" at the right.
func (s *sheet) writeHead(h reportHead) error {
	b := s.b
	split, last := s.headSplit(h), s.cols()-1
	left, right, all := colRange{0, split - 1}, colRange{split, last}, colRange{0, last}
	for i, text := range h.leftLines() {
		r := s.newRow()
		r.set(left.from, text, b.id(style{h: "left", wrap: true, size: 12, bold: i == 1}))
		ht := s.fitHeight(text, left.from, left.to, 12)
		if i == 0 && h.form != "" {
			r.set(right.from, h.form, b.id(style{bold: true, h: "center", size: 12}))
		}
		if i == 1 && h.circular != "" {
			st := style{italic: true, h: "center", v: "top", wrap: true, size: 10}
			if h.motto {
				st = style{bold: true, h: "center", v: "top", wrap: true, size: 12}
			}
			r.set(right.from, h.circular, b.id(st))
			// The circular spans rows 2-3; give row 2 what row 3 lacks.
			ht = max(ht, s.fitHeight(h.circular, right.from, right.to, 10)-15)
		}
		if err := s.put(i+1, r, ht); err != nil {
			return err
		}
	}
	gap, gapHeight := s.newRow(), 8.0
	if h.dateLine != "" {
		gap.set(right.from, h.dateLine, b.id(style{italic: true, h: "center", size: 12}))
		gapHeight = 20
	}
	if err := s.put(4, gap, gapHeight); err != nil {
		return err
	}
	title, period, unit := s.newRow(), s.newRow(), s.newRow()
	title.set(0, h.title, b.id(stTitle))
	sub := h.subtitle
	if sub == "" {
		sub = h.period.Label()
	}
	period.set(0, sub, b.id(stSubtitle))
	if !h.noUnit {
		unit.set(right.from, "Đơn vị: Đồng", b.id(style{italic: true, h: "right"}))
	}
	for i, r := range []row{title, period, unit} {
		if err := s.put(5+i, r, []float64{s.fit(h.title, 0, last, stTitle), 18, 0}[i]); err != nil {
			return err
		}
	}
	return s.mergeAll([]span{{1, 1, left}, {2, 2, left}, {3, 3, left}, {1, 1, right}, {2, 3, right}, {4, 4, right},
		{5, 5, all}, {6, 6, all}, {7, 7, right}})
}

// span is a block of cells: rows r1..r2 of the columns c.
type span struct {
	r1, r2 int
	c      colRange
}

func (s *sheet) mergeAll(spans []span) error {
	for _, m := range spans {
		if err := s.merge(m.r1, m.c.from, m.r2, m.c.to); err != nil {
			return err
		}
	}
	return nil
}

// headSplit chooses the first column of the right-hand block so that the
// unit's name and the circular both have room.
func (s *sheet) headSplit(h reportHead) int {
	needLeft := 0.0
	for _, l := range h.leftLines() {
		needLeft = max(needLeft, float64(len([]rune(l)))*0.9)
	}
	// The circular wraps over two rows; a form's name or the national
	// motto, in bold capitals, does not.
	needRight := 34.0
	if !hasLower(h.form) {
		needRight = max(needRight, float64(len([]rune(h.form)))*1.3)
	}
	best, bestScore := s.cols()/2, -1.0
	for k := 1; k < s.cols(); k++ {
		score := min(s.width(0, k-1)/needLeft, s.width(k, s.cols()-1)/needRight)
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	return best
}

// tableRow is the first data row of a report table with these headers.
func tableRow(heads []colHeader) int { return headRows + 1 + headerRows(heads) }

// startReport opens a report sheet and writes its header block and column
// headers; su gives what is particular to the sheet (a chart, page
// breaks of its own). The panes freeze above the data and left of column freezeCol.
func (b *book) startReport(name string, h reportHead, widths []float64, heads []colHeader, freezeCol int, su sheetSetup) (*sheet, int, error) {
	top := headRows + 1
	if h.intro != "" {
		top++
	}
	dataRow := top + headerRows(heads)
	su.widths, su.titleFrom, su.titleTo = widths, top, dataRow-1
	su.freeze = cellName(freezeCol, dataRow)
	s, err := b.newSheet(name, su)
	if err != nil {
		return nil, 0, err
	}
	if err := s.writeHead(h); err != nil {
		return nil, 0, err
	}
	if h.intro != "" {
		if err := s.paragraph(top-1, h.intro, style{wrap: true, h: "left"}); err != nil {
			return nil, 0, err
		}
	}
	if _, err := s.writeColumnHeads(top, heads); err != nil {
		return nil, 0, err
	}
	return s, dataRow, nil
}

// writeFitted writes a report sheet whose page is chosen by measuring it:
// fill writes its rows from dataRow on, first on a sheet written nowhere,
// then on the real one (annexFit); the sheet is flushed.
func (b *book) writeFitted(name string, h reportHead, widths []float64, heads []colHeader, freezeCol int, minScale float64,
	fill func(s *sheet, dataRow int) error) error {
	height, err := b.measure(widths, func(s *sheet) error {
		if err := s.writeHead(h); err != nil {
			return err
		}
		top := headRows + 1
		if h.intro != "" {
			if err := s.paragraph(top, h.intro, style{wrap: true, h: "left"}); err != nil {
				return err
			}
			top++
		}
		dataRow, err := s.writeColumnHeads(top, heads)
		if err != nil {
			return err
		}
		return fill(s, dataRow)
	})
	if err != nil {
		return err
	}
	s, dataRow, err := b.startReport(name, h, widths, heads, freezeCol, annexFit(widths, height, minScale))
	if err != nil {
		return err
	}
	if err := fill(s, dataRow); err != nil {
		return err
	}
	return s.flush()
}

// annexFit chooses the page of a table of this width and height (points):
// one page, the way up that prints it larger, while that keeps it at
// minScale or more; else across, one page wide, as many pages as it takes.
func annexFit(widths []float64, height, minScale float64) sheetSetup {
	if scale, portrait := onePageScale(widths, height); scale >= minScale {
		return sheetSetup{onePage: true, portrait: portrait}
	}
	return sheetSetup{paginate: true}
}

// paragraph writes text in row n across every column of the sheet, as
// tall as the wrapped text needs.
func (s *sheet) paragraph(n int, text string, st style) error {
	r := s.newRow()
	r.set(0, text, s.b.id(st))
	if err := s.put(n, r, s.fit(text, 0, s.cols()-1, st)); err != nil {
		return err
	}
	return s.merge(n, 0, n, s.cols()-1)
}

// withNote adds the "Ghi chú" column, numbered with the next letter after
// the labelCols label columns.
func withNote(widths []float64, heads []colHeader, labelCols int) ([]float64, []colHeader) {
	return append(widths, 14), append(heads, colHeader{label: "Ghi chú", number: colName(labelCols)})
}

// colHeader is one column of a table header: its label, the label of the
// column-number row ("A", "1", "1=2+3") and, for a grouped column, the
// label of the group above it.
type colHeader struct {
	label, number, group string
}

// writeColumnHeads writes the table header from row n: a group row when
// any column has a group (ungrouped labels merge down into it), the labels,
// then the column-number row. It returns the first row after the header.
func (s *sheet) writeColumnHeads(n int, cols []colHeader) (int, error) {
	b := s.b
	head, num := b.id(stHead), b.id(stColNum)
	grouped := headerRows(cols) == 3
	labelRow := n
	if grouped {
		labelRow = n + 1
		top := s.newRow()
		for i := 0; i < len(cols); {
			if cols[i] == (colHeader{}) {
				i++
				continue
			}
			j := i
			for j+1 < len(cols) && cols[j+1].group == cols[i].group && cols[i].group != "" {
				j++
			}
			text := cols[i].group
			if text == "" {
				text = cols[i].label
			}
			top.set(i, text, head)
			top.fill(i, j, head)
			var err error
			if cols[i].group == "" {
				err = s.merge(n, i, n+1, i)
			} else {
				err = s.merge(n, i, n, j)
			}
			if err != nil {
				return 0, err
			}
			i = j + 1
		}
		if err := s.put(n, top, s.headHeight(cols, true)); err != nil {
			return 0, err
		}
	}
	labels, numbers := s.newRow(), s.newRow()
	for i, c := range cols {
		if c == (colHeader{}) {
			continue // a column of the sheet this table does not use
		}
		labels.set(i, c.label, head)
		numbers.set(i, c.number, num)
	}
	if grouped { // the merged cells keep their text in the group row
		for i, c := range cols {
			if c.group == "" && c != (colHeader{}) {
				labels.clear(i)
				labels.set(i, nil, head)
			}
		}
	}
	if err := s.put(labelRow, labels, s.headHeight(cols, false)); err != nil {
		return 0, err
	}
	if err := s.put(labelRow+1, numbers, 0); err != nil {
		return 0, err
	}
	return labelRow + 2, nil
}

// headHeight is the height of a header row: enough for the longest
// wrapped label (of the group row when group is set).
func (s *sheet) headHeight(cols []colHeader, group bool) float64 {
	h := 15.0
	for i := 0; i < len(cols); i++ {
		text, from, to := cols[i].label, i, i
		if group {
			if cols[i].group == "" {
				continue
			}
			text = cols[i].group
			for to+1 < len(cols) && cols[to+1].group == text {
				to++
			}
			i = to
		} else if cols[i].group == "" && headerRows(cols) == 3 {
			continue // merged into the group row
		}
		h = max(h, s.fit(text, from, to, stHead))
	}
	return h
}

// headerRows is how many rows writeColumnHeads takes: labels and numbers,
// and a group row when any column has a group.
func headerRows(cols []colHeader) int {
	for _, c := range cols {
		if c.group != "" {
			return 3
		}
	}
	return 2
}

// numbering returns the column-number labels: letters for the label
// columns, then 1, 2, … for the amount columns; with a total column first,
// its label shows the sum ("1=2+3+4").
func numbering(labelCols, amountCols int, withTotal bool) []string {
	var out []string
	for i := 0; i < labelCols; i++ {
		out = append(out, colName(i))
	}
	for i := 1; i <= amountCols; i++ {
		out = append(out, fmt.Sprint(i))
	}
	if withTotal && amountCols > 1 {
		parts := []string{}
		if amountCols <= 6 {
			for i := 2; i <= amountCols; i++ {
				parts = append(parts, fmt.Sprint(i))
			}
		} else {
			parts = []string{"2", "…", fmt.Sprint(amountCols)}
		}
		out[labelCols] = "1=" + strings.Join(parts, "+")
	}
	return out
}

// loadSigners reads the date line and signers from the settings; unset
// titles take the form's defaults.
func loadSigners(ctx context.Context, src Source) (signers, error) {
	keys := []string{ledger.SettingPlace,
		ledger.SettingPreparerTitle, ledger.SettingAccountTitle, ledger.SettingHeadTitle,
		ledger.SettingPreparerName, ledger.SettingAccountName, ledger.SettingHeadName}
	vals := make([]string, len(keys))
	for i, k := range keys {
		v, err := src.Setting(ctx, k)
		if err != nil {
			return signers{}, err
		}
		vals[i] = strings.TrimSpace(v)
	}
	sg := signers{place: vals[0], titles: [3]string{vals[1], vals[2], vals[3]}, names: [3]string{vals[4], vals[5], vals[6]}}
	for i, def := range []string{"NGƯỜI LẬP BIỂU", "KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ"} {
		if sg.titles[i] == "" {
			sg.titles[i] = def
		}
		sg.titles[i] = strings.ToUpper(sg.titles[i])
	}
	return sg, nil
}

// thirds cuts the columns of r (three or more) into three consecutive
// groups as close to equal width as the columns allow.
func (s *sheet) thirds(r colRange) [3]colRange {
	third := s.width(r.from, r.to) / 3
	best, bestDev := [3]colRange{}, -1.0
	for i := r.from; i < r.to-1; i++ {
		for j := i + 1; j < r.to; j++ {
			g := [3]colRange{{r.from, i}, {i + 1, j}, {j + 1, r.to}}
			dev := 0.0
			for _, x := range g {
				dev = max(dev, abs(s.width(x.from, x.to)-third))
			}
			if bestDev < 0 || dev < bestDev {
				best, bestDev = g, dev
			}
		}
	}
	return best
}

// halves cuts the columns of r (two or more) into two consecutive groups
// as close to equal width as the columns allow.
func (s *sheet) halves(r colRange) [2]colRange {
	half := s.width(r.from, r.to) / 2
	best, bestDev := [2]colRange{}, -1.0
	for i := r.from; i < r.to; i++ {
		if dev := abs(s.width(r.from, i) - half); bestDev < 0 || dev < bestDev {
			best, bestDev = [2]colRange{{r.from, i}, {i + 1, r.to}}, dev
		}
	}
	return best
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// signerCell is one text of the signature block and where it goes.
type signerCell struct {
	text string
	at   colRange
}

// writeSigners writes, from row n, the date line and the three signers
// ("Ký, họ tên"; the head of the unit also stamps) across the sheet,
// moving the last rows of the table (from row minRow) to a new page with
// them when the block would be cut.
func (s *sheet) writeSigners(n, minRow int) error {
	return s.writeSignersAs(n, minRow, s.b.signers, threeSigners)
}

// signerLayout says how a signature block is laid out: three signers
// under a date line, or two (the first and third of the signers) without
// one.
type signerLayout int

const (
	threeSigners signerLayout = iota
	twoSigners
)

// writeSignersAs is writeSigners with other signers than the settings',
// laid out as layout says.
func (s *sheet) writeSignersAs(n, minRow int, sg signers, layout signerLayout) error {
	b := s.b
	rows, heights, need := s.signerBlock(sg, layout)
	if k := s.keepTogether(n, need, minRow); k > 0 {
		if err := s.pageBreak(k); err != nil {
			return err
		}
	}
	var merges []span
	for i, spec := range rows {
		r := s.newRow()
		for _, c := range spec.cells {
			if c.text != "" {
				r.set(c.at.from, c.text, b.id(spec.st))
			}
			merges = append(merges, span{n + i, n + i, c.at})
		}
		if err := s.put(n+i, r, heights[i]); err != nil {
			return err
		}
	}
	return s.mergeAll(merges)
}

// signerRow is one row of the signature block.
type signerRow struct {
	cells  []signerCell
	st     style
	height float64
}

// signerBlock lays out the date line and the three signers across the
// sheet's columns, in thirds: the rows, the height of each and their sum.
func (s *sheet) signerBlock(sg signers, layout signerLayout) ([]signerRow, []float64, float64) {
	g := s.thirds(colRange{0, s.cols() - 1})
	if layout == twoSigners {
		h := s.halves(colRange{0, s.cols() - 1})
		g = [3]colRange{h[0], {}, h[1]}
	}
	place := sg.place
	if place == "" {
		place = "…………"
	}
	date := signerCell{place + ", " + dateLine(s.date()), g[2]}
	if lines(date.text, s.width(g[2].from, g[2].to), 12) > 1 {
		date.at = colRange{g[1].from, g[2].to} // too long over the head's column
	}
	three := func(texts [3]string) []signerCell {
		if layout == twoSigners {
			return []signerCell{{texts[0], g[0]}, {texts[2], g[2]}}
		}
		return []signerCell{{texts[0], g[0]}, {texts[1], g[1]}, {texts[2], g[2]}}
	}
	dateCells := []signerCell{date}
	if layout == twoSigners {
		dateCells = nil
	}
	rows := []signerRow{
		{nil, style{}, 8},
		{dateCells, style{italic: true, h: "center", size: 12}, 0},
		{three(sg.titles), style{bold: true, h: "center", wrap: true, size: 12}, 0},
		{three(sg.signNotes()), style{italic: true, h: "center", wrap: true}, 0},
		{nil, style{}, 0}, {nil, style{}, 0}, {nil, style{}, 0}, {nil, style{}, 0},
		{three(sg.names), style{bold: true, h: "center", size: 12}, 0},
	}
	heights := make([]float64, len(rows))
	need := 0.0
	for i, spec := range rows {
		heights[i] = spec.height
		for _, c := range spec.cells {
			heights[i] = max(heights[i], s.fit(c.text, c.at.from, c.at.to, spec.st))
		}
		need += rowHeight(heights[i])
	}
	return rows, heights, need
}

// signersHeight is the height the signature block takes.
func (s *sheet) signersHeight(sg signers) float64 {
	_, _, need := s.signerBlock(sg, threeSigners)
	return need
}

// date is the date the report is made, for its date line; a sheet only
// measured, without a book, takes any day.
func (s *sheet) date() time.Time {
	if s.b == nil {
		return time.Date(2000, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return s.b.date
}

// dateLine is "ngày 03 tháng 12 năm 2026".
func dateLine(d time.Time) string {
	return fmt.Sprintf("ngày %02d tháng %02d năm %d", d.Day(), int(d.Month()), d.Year())
}

// signNotes are the notes under the signers' titles.
func (sg signers) signNotes() [3]string {
	out := [3]string{"(Ký, họ tên)", "(Ký, họ tên)", "(Ký, họ tên, đóng dấu)"}
	for i, n := range sg.notes {
		if n != "" {
			out[i] = n
		}
	}
	return out
}
