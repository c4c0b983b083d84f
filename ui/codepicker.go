package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// codePicker is the entry for a Khoản or Tiểu mục. It searches the
// catalogue as the accountant types, by number ("6501") or by name, with
// or without accents ("điện", "dien"); the match that will be taken shows
// in the field's note, ↑ and ↓ step through the others, and leaving the
// field (Tab) or Enter takes it. The matches live in the note rather than
// a pop-up so the keyboard never leaves the field.
type codePicker struct {
	widgets.TextEntry
	level   ledger.CodeLevel
	cat     func() *ledger.Catalogue
	f       *widgets.Field
	matches []ledger.Code
	idx     int
	setting bool
}

const maxMatches = 200

func newCodePicker(level ledger.CodeLevel, cat func() *ledger.Catalogue, placeholder string) *codePicker {
	p := &codePicker{level: level, cat: cat}
	p.ExtendBaseWidget(p)
	p.PlaceHolder = placeholder
	p.OnChanged = func(string) { p.search() }
	return p
}

// bind attaches the field whose note shows the matches.
func (p *codePicker) bind(f *widgets.Field) { p.f = f }

func (p *codePicker) search() {
	if p.setting {
		return
	}
	if p.f != nil {
		p.f.ClearError()
	}
	q := strings.TrimSpace(p.Text)
	p.idx = 0
	if q == "" {
		p.matches = nil
		p.showNote()
		return
	}
	p.matches = searchCodes(p.cat(), p.level, q)
	if len(p.matches) > maxMatches {
		p.matches = p.matches[:maxMatches]
	}
	p.showNote()
}

func (p *codePicker) showNote() {
	if p.f == nil {
		return
	}
	q := strings.TrimSpace(p.Text)
	switch {
	case q == "":
		p.f.SetHint("gõ số hoặc tên")
	case len(p.matches) == 0:
		p.f.SetHint("không có mã nào khớp")
	case len(p.matches) == 1 && p.matches[0].Code == q:
		p.f.SetHint(p.matches[0].Name)
	default:
		m := p.matches[p.idx]
		p.f.SetHint(fmt.Sprintf("→ %s %s (%d/%d, ↑↓)", m.Code, m.Name, p.idx+1, len(p.matches)))
	}
}

// TypedKey steps through the matches with ↑ and ↓.
func (p *codePicker) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown, fyne.KeyUp:
		if len(p.matches) > 1 {
			step := 1
			if k.Name == fyne.KeyUp {
				step = len(p.matches) - 1
			}
			p.idx = (p.idx + step) % len(p.matches)
			p.showNote()
		}
		return
	}
	p.TextEntry.TypedKey(k)
}

// FocusLost takes the match shown, so Tab moves on with a valid code.
func (p *codePicker) FocusLost() {
	p.commit()
	p.TextEntry.FocusLost()
}

// commit replaces what was typed by the code of the match shown.
func (p *codePicker) commit() {
	q := strings.TrimSpace(p.Text)
	if q == "" || len(p.matches) == 0 {
		return
	}
	p.set(p.matches[p.idx].Code)
}

// set shows a code without searching again.
func (p *codePicker) set(code string) {
	p.setting = true
	p.SetText(code)
	p.setting = false
	p.matches, p.idx = nil, 0
	if code == "" {
		p.showNote()
		return
	}
	if c, ok := p.cat().Lookup(p.level, code); ok {
		p.matches = []ledger.Code{c}
	}
	p.showNote()
}

// Code is the code in the field (after commit).
func (p *codePicker) Code() string { return strings.TrimSpace(p.Text) }
