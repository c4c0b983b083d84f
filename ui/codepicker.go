package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// codePicker is the entry for a Khoản or Tiểu mục. As the accountant
// types — a number ("6501"), words of the name or of its Mục ("điện",
// "dien", "hội nghị") — the codes valid in the year being keyed that match
// open in a list under the field, eight at a time. The keyboard never
// leaves the field: ↓ and ↑ move in the list, Enter takes the code
// highlighted, Esc closes the list, Tab takes it and moves on. A number the
// catalogue lacks is offered as "Thêm mã …" (onAdd), so a missing code
// never sends the accountant away from the voucher.
type codePicker struct {
	widgets.TextEntry
	level   ledger.CodeLevel
	cat     func() *ledger.Catalogue
	year    func() int // the budget year being keyed; nil or 0: any
	f       *widgets.Field
	list    *suggestions // where the matches show; nil: in the note only
	onAdd   func(code string)
	matches []ledger.Code
	addCode string // a well-formed code the catalogue lacks, offered last
	idx     int
	open    bool
	setting bool
}

// maxMatches bounds the list (a query of one digit matches a hundred
// codes); shownMatches is how many rows show at once.
const (
	maxMatches   = 200
	shownMatches = 8
)

func newCodePicker(level ledger.CodeLevel, cat func() *ledger.Catalogue, placeholder string) *codePicker {
	p := &codePicker{level: level, cat: cat}
	p.ExtendBaseWidget(p)
	p.PlaceHolder = placeholder
	p.OnChanged = func(string) { p.search() }
	return p
}

// bind attaches the field whose note describes the code.
func (p *codePicker) bind(f *widgets.Field) { p.f = f }

func (p *codePicker) budgetYear() int {
	if p.year == nil {
		return 0
	}
	return p.year()
}

func (p *codePicker) search() {
	if p.setting {
		return
	}
	if p.f != nil {
		p.f.ClearError()
	}
	q := strings.TrimSpace(p.Text)
	p.idx, p.matches, p.addCode = 0, nil, ""
	if q == "" {
		p.close()
		p.showNote()
		return
	}
	cat := p.cat()
	p.matches = cat.Search(p.level, q, p.budgetYear())
	if c, ok := cat.Lookup(p.level, q); ok && !c.ValidIn(p.budgetYear()) && c.Replacement != "" {
		// A retired code typed: its replacement first.
		if r, ok := cat.Lookup(p.level, c.Replacement); ok && r.ValidIn(p.budgetYear()) {
			p.matches = append([]ledger.Code{r}, p.matches...)
		}
	} else if !ok && len(q) == p.level.Digits() && strings.Trim(q, "0123456789") == "" {
		p.addCode = q
	}
	if len(p.matches) > maxMatches {
		p.matches = p.matches[:maxMatches]
	}
	if p.items() == 0 {
		p.close()
	} else {
		p.show()
	}
	p.showNote()
}

// items is the number of rows of the list: the matches and the offer to
// add the code typed.
func (p *codePicker) items() int {
	n := len(p.matches)
	if p.addCode != "" {
		n++
	}
	return n
}

// show opens the list under the field.
func (p *codePicker) show() {
	if p.list == nil {
		return
	}
	p.open = true
	p.list.showFor(p)
}

// close hides the list.
func (p *codePicker) close() {
	if p.open && p.list != nil {
		p.list.hide(p)
	}
	p.open = false
}

func (p *codePicker) showNote() {
	if p.f == nil {
		return
	}
	q := strings.TrimSpace(p.Text)
	cat := p.cat()
	c, known := cat.Lookup(p.level, q)
	switch {
	case q == "":
		p.f.SetHint("gõ số hoặc tên")
	case known && !c.ValidIn(p.budgetYear()):
		note := fmt.Sprintf("%s %s hết hiệu lực", c.Code, c.Name)
		if c.Replacement != "" {
			note += " — dùng " + c.Replacement
		}
		p.f.SetHint(note)
	case known:
		p.f.SetHint(c.Name)
	case p.addCode != "":
		p.f.SetHint(p.addCode + " chưa có trong danh mục — Enter để thêm")
	case len(p.matches) == 0:
		p.f.SetHint("không có mã nào khớp")
	case p.list == nil: // no list: the note names the match to be taken
		m := p.matches[p.idx]
		p.f.SetHint(fmt.Sprintf("→ %s %s (%d/%d, ↑↓)", m.Code, m.Name, p.idx+1, len(p.matches)))
	default:
		p.f.SetHint(fmt.Sprintf("%d mã khớp — ↓↑ chọn, Enter lấy", len(p.matches)))
	}
}

// TypedKey moves in the list with ↓ and ↑, takes with Enter and closes it
// with Esc; otherwise the keys do what they do in any field of the form.
func (p *codePicker) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown, fyne.KeyUp:
		step := 1
		if k.Name == fyne.KeyUp {
			step = -1
		}
		switch {
		case p.list == nil && len(p.matches) > 1: // the note steps through them
			p.idx = (p.idx + step + len(p.matches)) % len(p.matches)
			p.showNote()
		case !p.open && strings.TrimSpace(p.Text) != "":
			p.search()
		case p.open:
			p.move(step)
		}
		return
	case fyne.KeyReturn, fyne.KeyEnter:
		if p.open && p.take() {
			return
		}
	case fyne.KeyEscape:
		if p.open {
			p.close()
			return
		}
	}
	p.TextEntry.TypedKey(k)
}

// move highlights another row of the list.
func (p *codePicker) move(step int) {
	p.idx = max(0, min(p.items()-1, p.idx+step))
	p.list.refresh(p)
}

// take acts on the row highlighted, and reports whether it did anything
// (else Enter goes on to save the voucher): the offer to add opens the
// dialog; a code other than the one typed replaces it.
func (p *codePicker) take() bool {
	if p.idx >= len(p.matches) {
		code := p.addCode
		p.close()
		if p.onAdd != nil {
			p.onAdd(code)
		}
		return true
	}
	code := p.matches[p.idx].Code
	if code == strings.TrimSpace(p.Text) {
		p.close()
		return false
	}
	p.set(code)
	return true
}

// pick takes row i of the list (a tap).
func (p *codePicker) pick(i int) {
	if i < 0 || i >= p.items() {
		return
	}
	p.idx = i
	if !p.take() {
		p.showNote()
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil {
		c.Focus(p)
	}
}

// FocusLost takes the match highlighted, so Tab moves on with a valid
// code; a number to be added stays as typed.
func (p *codePicker) FocusLost() {
	p.commit()
	p.close()
	p.TextEntry.FocusLost()
}

// commit replaces what was typed by the code of the match highlighted.
func (p *codePicker) commit() {
	if strings.TrimSpace(p.Text) == "" || p.idx >= len(p.matches) {
		return
	}
	p.set(p.matches[p.idx].Code)
}

// set shows a code without searching again.
func (p *codePicker) set(code string) {
	p.setting = true
	p.SetText(code)
	p.setting = false
	p.close()
	p.matches, p.idx, p.addCode = nil, 0, ""
	if c, ok := p.cat().Lookup(p.level, code); ok && code != "" {
		p.matches = []ledger.Code{c}
	}
	p.showNote()
}

// Code is the code in the field (after commit).
func (p *codePicker) Code() string { return strings.TrimSpace(p.Text) }

// unknown returns the code typed when it has the shape of a code of the
// picker's level but is not in the catalogue.
func (p *codePicker) unknown() (string, bool) {
	q := p.Code()
	if len(q) != p.level.Digits() || strings.Trim(q, "0123456789") != "" {
		return "", false
	}
	_, ok := p.cat().Lookup(p.level, q)
	return q, !ok
}

// suggestions is the list a code picker opens. It lies on a layer stacked
// over the whole tab, laid out under the field being typed into, so it
// covers what is below (the entries table) without taking the keyboard:
// a field keeps it because the list is part of the window, not a pop-up
// with a focus of its own.
type suggestions struct {
	layer  *fyne.Container
	panel  *fyne.Container
	rows   []*suggestRow
	footer *widget.Label
	owner  *codePicker // the picker whose list is shown, nil when none
	first  int         // the match shown in the first row
}

func newSuggestions() *suggestions {
	s := &suggestions{}
	list := container.NewVBox()
	for i := 0; i < shownMatches; i++ {
		r := newSuggestRow(s, i)
		s.rows = append(s.rows, r)
		list.Add(r)
	}
	s.footer = widget.NewLabel("")
	s.footer.SizeName = theme.SizeNameCaptionText
	s.footer.Importance = widget.LowImportance
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	s.panel = container.NewStack(bg, container.NewPadded(container.NewBorder(nil, s.footer, nil, nil, list)))
	s.panel.Hide()
	s.layer = container.New(&suggestLayout{s: s}, s.panel)
	return s
}

// object is the layer to stack over the tab.
func (s *suggestions) object() fyne.CanvasObject { return s.layer }

func (s *suggestions) showFor(p *codePicker) {
	s.owner, s.first = p, 0
	s.refresh(p)
	s.panel.Show()
	s.layer.Refresh()
}

func (s *suggestions) hide(p *codePicker) {
	if s.owner != p {
		return
	}
	s.owner = nil
	s.panel.Hide()
}

// refresh shows p's rows around the one highlighted.
func (s *suggestions) refresh(p *codePicker) {
	if s.owner != p {
		return
	}
	n := p.items()
	if p.idx < s.first {
		s.first = p.idx
	}
	if p.idx >= s.first+shownMatches {
		s.first = p.idx - shownMatches + 1
	}
	for i, r := range s.rows {
		k := s.first + i
		switch {
		case k >= n:
			r.Hide()
			continue
		case k < len(p.matches):
			r.set(p.matches[k].Code, p.matches[k].Name, k == p.idx)
		default:
			r.set("+", "Thêm mã "+p.addCode+" vào danh mục…", k == p.idx)
		}
		r.Show()
	}
	if n > shownMatches {
		s.footer.SetText(fmt.Sprintf("%d–%d / %d mã · ↓↑ chọn · Enter lấy · Esc đóng", s.first+1, min(n, s.first+shownMatches), n))
	} else {
		s.footer.SetText("↓↑ chọn · Enter lấy · Esc đóng")
	}
	s.panel.Refresh()
	s.layer.Refresh()
}

// shown lists what the list shows, row by row ("6651 In, mua tài liệu"),
// the row highlighted marked with "▶ " (tests and screenshots).
func (s *suggestions) shown() []string {
	if s.owner == nil || !s.panel.Visible() {
		return nil
	}
	var out []string
	for _, r := range s.rows {
		if r.Visible() {
			out = append(out, r.String())
		}
	}
	return out
}

// suggestLayout puts the panel under the field of its picker, as wide
// as it needs, inside the layer.
type suggestLayout struct{ s *suggestions }

func (l *suggestLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	p := l.s.owner
	if p == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(p).Subtract(d.AbsolutePositionForObject(l.s.layer))
	w := max(p.Size().Width, 560)
	pos := fyne.NewPos(max(0, min(at.X, size.Width-w)), at.Y+p.Size().Height)
	for _, o := range objs {
		o.Move(pos)
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
	}
}

// MinSize is nothing: the layer never widens the tab it lies over.
func (l *suggestLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

// suggestRow is one row of the list: the code and its name, highlighted
// when ↓↑ reached it. A tap takes it. It is Focusable only so that a
// click on it does not take the keyboard from the field (a window
// unfocuses on a click over nothing focusable); it never asks for focus.
type suggestRow struct {
	widget.BaseWidget
	s    *suggestions
	i    int
	bg   *canvas.Rectangle
	code *widget.Label
	name *widget.Label
}

func newSuggestRow(s *suggestions, i int) *suggestRow {
	r := &suggestRow{s: s, i: i, bg: canvas.NewRectangle(color.Transparent),
		code: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), name: widget.NewLabel("")}
	r.bg.CornerRadius = theme.SelectionRadiusSize()
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *suggestRow) set(code, name string, highlighted bool) {
	r.code.SetText(code)
	r.name.SetText(name)
	if highlighted {
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	} else {
		r.bg.FillColor = color.Transparent
	}
	r.bg.Refresh()
}

func (r *suggestRow) String() string {
	s := r.code.Text + " " + r.name.Text
	if r.bg.FillColor != color.Transparent {
		s = "▶ " + s
	}
	return s
}

func (r *suggestRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.bg,
		container.New(widgets.Row(56, 0), r.code, r.name)))
}

func (r *suggestRow) Tapped(*fyne.PointEvent) {
	if p := r.s.owner; p != nil {
		p.pick(r.s.first + r.i)
	}
}

func (r *suggestRow) FocusGained()            {}
func (r *suggestRow) FocusLost()              {}
func (r *suggestRow) TypedRune(rune)          {}
func (r *suggestRow) TypedKey(*fyne.KeyEvent) {}
