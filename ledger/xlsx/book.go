package xlsx

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"wardledger/ledger"
)

// Layout constants shared by every sheet.
const (
	fontName = "Times New Roman"
	bodySize = 11.0
	// moneyFormat prints đồng with digit grouping (the viewer's separator),
	// negatives in parentheses and zero as a dash; "_)" leaves the room of
	// a parenthesis so that figures line up and clear the border.
	moneyFormat   = `#,##0_);(#,##0);"-"_)`
	dateFormat    = `dd/mm/yyyy`
	percentFormat = `0.0%`
	// defaultHeight is the height of a row of one line of body text.
	defaultHeight = 15.0
	// headRows is the height of the report header block (rows 1..7); the
	// column headers of a report start on the row after it.
	headRows = 7
)

// book is one workbook being built: the excelize file, its styles and the
// facts every sheet prints (superior unit, signers, date).
type book struct {
	f        *excelize.File
	req      Request
	superior ledger.Unit
	signers  signers
	date     time.Time
	signer   *ledger.Signer // signs the payload
	head     ledger.Hash    // the entries' chain head the payload carries
	records  int            // the rows of the payload written
	// circular is what the forms print under their name: the setting
	// SettingFormCircular, else the circular of the period's year.
	circular string
	styles   map[style]int
	// progress: steps done of total
	done, total int
}

// signers are the three signatures under a report, from the settings.
type signers struct {
	place  string
	titles [3]string
	names  [3]string
	notes  [3]string // under each title; "" for the form's "(Ký, họ tên)"
}

// newBook starts a workbook with the given sheets, in order. They are all
// created now, while empty: excelize reads every sheet back when a sheet is
// hidden, which would undo the streaming of those already written.
func newBook(r Request, superior ledger.Unit, sg signers, sheets ...string) (*book, error) {
	f := excelize.NewFile()
	f.SetZipWriter(newParallelZip)
	b := &book{f: f, req: r, superior: superior, signers: sg, date: r.now(), styles: map[style]int{}}
	if err := b.setup(sheets); err != nil {
		f.Close()
		return nil, internal(err)
	}
	return b, nil
}

func (b *book) setup(sheets []string) error {
	f := b.f
	if err := f.SetDefaultFont(fontName); err != nil {
		return err
	}
	// Excel recomputes on opening; the values cached beside the formulas
	// serve viewers that do not.
	full := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return err
	}
	err := f.SetDocProps(&excelize.DocProperties{
		Creator: "WardLedger " + b.req.appVersion(), Language: "vi-VN",
		Created: b.date.UTC().Format(time.RFC3339), Modified: b.date.UTC().Format(time.RFC3339),
	})
	if err != nil {
		return err
	}
	for i, name := range sheets {
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return err
		}
	}
	if slices.Contains(sheets, PayloadSheet) {
		return f.SetSheetVisible(PayloadSheet, false)
	}
	return nil
}

func (b *book) close() { b.f.Close() }

func internal(err error) error {
	return &ledger.Error{Kind: ledger.KindInternal, Op: "xlsx", Msg: "lỗi khi tạo tệp Excel", Err: err}
}

// style is a cell style by what it looks like; book.id turns it into an
// excelize style id once.
type style struct {
	bold, italic bool
	size         float64 // 0: body size
	h, v         string  // alignment; v "" means center
	wrap, border bool
	num          string // number format, "" for text
	indent       int
}

func (b *book) id(s style) int {
	if id, ok := b.styles[s]; ok {
		return id
	}
	size := s.size
	if size == 0 {
		size = bodySize
	}
	v := s.v
	if v == "" {
		v = "center"
	}
	st := &excelize.Style{
		Font:      &excelize.Font{Family: fontName, Size: size, Bold: s.bold, Italic: s.italic},
		Alignment: &excelize.Alignment{Horizontal: s.h, Vertical: v, WrapText: s.wrap, Indent: s.indent},
	}
	if s.border {
		for _, side := range []string{"left", "right", "top", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Color: "000000", Style: 1})
		}
	}
	if s.num != "" {
		num := s.num
		st.CustomNumFmt = &num
	}
	id, err := b.f.NewStyle(st)
	if err != nil {
		panic(fmt.Sprintf("xlsx: style %+v: %v", s, err)) // a bug in this package
	}
	b.styles[s] = id
	return id
}

// Common styles.
var (
	stHead     = style{bold: true, h: "center", wrap: true, border: true}
	stColNum   = style{italic: true, h: "center", border: true, size: 10}
	stText     = style{border: true, wrap: true}
	stCenter   = style{border: true, h: "center", wrap: true}
	stMoney    = style{border: true, num: moneyFormat}
	stDate     = style{border: true, h: "center", num: dateFormat}
	stPercent  = style{border: true, num: percentFormat}
	stTitle    = style{bold: true, size: 14, h: "center", wrap: true}
	stSubtitle = style{bold: true, italic: true, size: 12, h: "center", wrap: true}
)

func (s style) with(bold bool) style { s.bold = bold; return s }

// sheet writes one worksheet, row after row, through a StreamWriter.
type sheet struct {
	b      *book
	name   string
	sw     *excelize.StreamWriter
	widths []float64
	scale  float64 // the print scale, fitted to the page width
	// heights of the rows written, by row number, for the print model
	heights            []float64
	titleFrom, titleTo int
	autoHeights        bool
	// paginate: put breaks the pages itself (see sheetSetup.paginate);
	// breaks are the rows that start a page by a manual break.
	paginate bool
	breaks   map[int]bool
	// portrait and onePage are the sheet's page setup (sheetSetup).
	portrait, onePage bool
	// dry: a sheet only measured (book.measure), written nowhere.
	dry bool
}

// measure runs write on a sheet of these widths that is written nowhere
// and returns the height of what it wrote, in points: how a document
// chooses its page before its rows are streamed.
func (b *book) measure(widths []float64, write func(s *sheet) error) (float64, error) {
	s := &sheet{b: b, widths: widths, scale: 1, heights: []float64{0}, breaks: map[int]bool{}, dry: true, onePage: true}
	if err := write(s); err != nil {
		return 0, err
	}
	total := 0.0
	for _, h := range s.heights {
		total += h
	}
	return total, nil
}

// sheetSetup is what must be known of a sheet before its first row.
type sheetSetup struct {
	widths []float64
	// titles are the rows repeated on every printed page; 0 for none.
	titleFrom, titleTo int
	// freeze is the top-left cell of the scrolling pane, "" for none.
	freeze string
	// filter is the autofilter range, "" for none.
	filter string
	// printCols limits the print area to the first printCols columns.
	printCols int
	hidden    bool
	// autoHeights leaves one-line rows at the viewer's default height (the
	// register: a hundred thousand rows need no print model).
	autoHeights bool
	// chart, if set, is drawn with its top-left corner at chartAt.
	chart   *excelize.Chart
	chartAt string
	// paginate breaks the pages by the print model, a little short of
	// full, rather than leaving it to the viewer: the model's small error
	// then cannot add up over a long document and cut its signatures off.
	paginate bool
	// portrait prints the sheet upright (A4 portrait) rather than across.
	portrait bool
	// onePage fits the whole sheet on one page, the viewer choosing the
	// scale: a form a head of unit signs on one sheet of paper.
	onePage bool
}

// newSheet starts writing a worksheet of the book: it applies the page setup (A4 landscape, fit to
// width, repeated titles) and opens its stream. Everything excelize keeps
// in the worksheet itself must be set before the stream is opened.
func (b *book) newSheet(name string, su sheetSetup) (*sheet, error) {
	f := b.f
	if err := b.pageSetup(name, su); err != nil {
		return nil, internal(err)
	}
	// Widths go on the worksheet, where the stream finds them and a chart is
	// laid over them; excelize puts each new one first, so the last columns
	// go first to keep them in the order Excel requires. Columns of one
	// width go in one range: excelize's cost grows with the ranges it has.
	for to := len(su.widths) - 1; to >= 0; {
		from := to
		for from > 0 && su.widths[from-1] == su.widths[to] {
			from--
		}
		if err := f.SetColWidth(name, colName(from), colName(to), su.widths[to]); err != nil {
			return nil, internal(err)
		}
		to = from - 1
	}
	if su.chart != nil {
		if err := f.AddChart(name, su.chartAt, su.chart); err != nil {
			return nil, internal(err)
		}
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, internal(err)
	}
	if su.freeze != "" {
		col, row, _ := excelize.CellNameToCoordinates(su.freeze)
		pane := "bottomRight"
		if col == 1 {
			pane = "bottomLeft"
		}
		err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: col - 1, YSplit: row - 1, TopLeftCell: su.freeze,
			ActivePane: pane, Selection: []excelize.Selection{{SQRef: su.freeze, ActiveCell: su.freeze, Pane: pane}}})
		if err != nil {
			return nil, internal(err)
		}
	}
	return &sheet{b: b, name: name, sw: sw, widths: su.widths, scale: fitScale(su.widths, su.portrait), heights: []float64{0},
		titleFrom: su.titleFrom, titleTo: su.titleTo, autoHeights: su.autoHeights || su.hidden,
		paginate: su.paginate, breaks: map[int]bool{}, portrait: su.portrait, onePage: su.onePage}, nil
}

func (b *book) pageSetup(name string, su sheetSetup) error {
	f := b.f
	if su.hidden {
		return nil
	}
	if su.filter != "" {
		// AutoFilter resets the sheet properties: it goes first.
		if err := f.AutoFilter(name, su.filter, nil); err != nil {
			return err
		}
	}
	a4, orientation, one, tall, yes, no := 9, "landscape", 1, 0, true, false
	if su.portrait {
		orientation = "portrait"
	}
	if su.onePage {
		tall = 1
	}
	err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation, FitToWidth: &one, FitToHeight: &tall})
	if err != nil {
		return err
	}
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	side, top, bottom, hf := 0.4, 0.5, 0.6, 0.25
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &top,
		Bottom: &bottom, Header: &hf, Footer: &hf, Horizontally: &yes}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddFooter: `&C&"Times New Roman,Italic"&9Trang &P/&N`}); err != nil {
		return err
	}
	if err := f.SetSheetView(name, 0, &excelize.ViewOptions{ShowGridLines: &no}); err != nil {
		return err
	}
	quoted := "'" + strings.ReplaceAll(name, "'", "''") + "'"
	if su.titleFrom > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
			RefersTo: fmt.Sprintf("%s!$%d:$%d", quoted, su.titleFrom, su.titleTo)}); err != nil {
			return err
		}
	}
	if su.printCols > 0 {
		last, _ := excelize.ColumnNumberToName(su.printCols)
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: name,
			RefersTo: fmt.Sprintf("%s!$A:$%s", quoted, last)}); err != nil {
			return err
		}
	}
	return nil
}

func (s *sheet) flush() error {
	if s.dry {
		return nil
	}
	if err := s.sw.Flush(); err != nil {
		return internal(err)
	}
	return nil
}

// cols is the number of columns of the sheet.
func (s *sheet) cols() int { return len(s.widths) }

// row is the cells of one row being assembled, 0-based by column. The
// values handed to the stream point into cells, so that a row reused from
// line to line costs no allocation per cell.
type row struct {
	vals  []any
	cells []excelize.Cell
}

func (s *sheet) newRow() row {
	return row{vals: make([]any, s.cols()), cells: make([]excelize.Cell, s.cols())}
}

// put a cell in column c (0-based).
func (r row) put(c int, cell excelize.Cell) {
	r.cells[c] = cell
	r.vals[c] = &r.cells[c]
}

// set puts a value with a style in column c.
func (r row) set(c int, v any, st int) { r.put(c, excelize.Cell{StyleID: st, Value: v}) }

// formula puts a formula with its computed value, so that viewers that do
// not recalculate still show the figure.
func (r row) formula(c int, f string, v ledger.Money, st int) {
	r.put(c, excelize.Cell{StyleID: st, Formula: f, Value: int64(v)})
}

// clear empties column c.
func (r row) clear(c int) { r.vals[c] = nil }

// fill gives columns from..to (0-based, inclusive) a style without a
// value, so that merged and empty cells keep their borders.
func (r row) fill(from, to, st int) {
	for c := from; c <= to; c++ {
		if r.vals[c] == nil {
			r.set(c, nil, st)
		}
	}
}

// put writes row n (1-based); height 0 leaves the default height.
func (s *sheet) put(n int, r row, height float64) error {
	cell, _ := excelize.CoordinatesToCellName(1, n)
	if height == 0 && !s.autoHeights {
		// Every row of a report has its height, so that the print model
		// and every viewer agree on where pages end.
		height = defaultHeight
	}
	if s.paginate && n > max(s.titleTo, 1) && !s.breaks[n] {
		if pos, _ := s.pageState(n); pos+rowHeight(height) > s.capacity()*paginateFill {
			if err := s.pageBreak(n); err != nil {
				return err
			}
		}
	}
	if !s.dry {
		if err := s.sw.SetRow(cell, r.vals, excelize.RowOpts{Height: height}); err != nil {
			return internal(err)
		}
	}
	for len(s.heights) <= n {
		s.heights = append(s.heights, defaultHeight)
	}
	s.heights[n] = rowHeight(height)
	return nil
}

// headRow writes row n as a one-row table header, one title a column,
// as tall as the longest wrapped title needs.
func (s *sheet) headRow(n int, heads []string) error {
	head := s.newRow()
	ht := 15.0
	for i, h := range heads {
		head.set(i, h, s.b.id(stHead))
		ht = max(ht, s.fitHeight(h, i, i, bodySize))
	}
	return s.put(n, head, ht)
}

// pageBreak starts a new printed page at row n.
func (s *sheet) pageBreak(n int) error {
	if s.dry {
		return nil
	}
	if err := s.sw.InsertPageBreak(cellName(0, n)); err != nil {
		return internal(err)
	}
	s.breaks[n] = true
	return nil
}

// merge merges the cells of rows r1..r2 and columns c1..c2 (0-based).
func (s *sheet) merge(r1, c1, r2, c2 int) error {
	if (r1 == r2 && c1 == c2) || s.dry {
		return nil
	}
	if err := s.sw.MergeCell(cellName(c1, r1), cellName(c2, r2)); err != nil {
		return internal(err)
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }

// cellName names the cell of 0-based column c and 1-based row n.
func cellName(c, n int) string {
	name, _ := excelize.CoordinatesToCellName(c+1, n)
	return name
}

// colName is the letter of 0-based column c.
func colName(c int) string {
	name, _ := excelize.ColumnNumberToName(c + 1)
	return name
}

// width is the total width of columns from..to (0-based, inclusive).
func (s *sheet) width(from, to int) float64 {
	var w float64
	for _, x := range s.widths[from : to+1] {
		w += x
	}
	return w
}

// lines estimates how many lines text takes when wrapped in a cell of the
// given width (Excel character units) at font size pt.
func lines(text string, width, pt float64) int {
	if text == "" {
		return 1
	}
	// A Times New Roman letter is a little narrower than the digit that
	// defines the column unit (Vietnamese text, with its marks, by less);
	// capitals are wider.
	perLine := width * bodySize / pt * 1.1
	if !hasLower(text) {
		perLine *= 0.8
	}
	perLine = math.Max(perLine-1, 4)
	if float64(utf8.RuneCountInString(text)) <= perLine && !strings.Contains(text, "\n") {
		return 1
	}
	// Greedy word wrap, counting runes; it runs for every register row, so
	// it allocates nothing.
	n, used, word := 1, 0, 0
	place := func() {
		switch {
		case word == 0:
			return
		case used == 0:
			used = word
		case float64(used+1+word) <= perLine:
			used += 1 + word
		default:
			n++
			used = word
		}
		for float64(used) > perLine { // a word longer than the line
			n++
			used -= int(perLine)
		}
		word = 0
	}
	for _, r := range text {
		switch {
		case r == '\n':
			place()
			n++
			used = 0
		case unicode.IsSpace(r):
			place()
		default:
			word++
		}
	}
	place()
	return n
}

func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// height is the row height (points) for that many lines at font size pt.
func height(n int, pt float64) float64 {
	if pt == 0 {
		pt = bodySize
	}
	return math.Ceil(float64(n)*pt*1.2 + 3)
}

// fitHeight is the height a row needs so that text wrapped in columns
// from..to at size pt shows in full; 0 (the default height) for one line
// of body text.
func (s *sheet) fitHeight(text string, from, to int, pt float64) float64 {
	return s.fit(text, from, to, style{size: pt})
}

// fit is fitHeight for text in style st (bold text is wider).
func (s *sheet) fit(text string, from, to int, st style) float64 {
	pt := st.size
	if pt == 0 {
		pt = bodySize
	}
	width := s.width(from, to) - float64(st.indent)*1.5
	if st.bold {
		width *= 0.9
	}
	n := lines(text, width, pt)
	if n == 1 && pt <= bodySize {
		return 0
	}
	return height(n, pt)
}
