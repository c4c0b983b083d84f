package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"wardledger/ledger"
)

// displayUnit is how the statement shows amounts. The value is stored in
// the ledger setting ledger.SettingDisplayUnit, so exports can follow it.
type displayUnit string

const (
	unitDong     displayUnit = "dong"
	unitThousand displayUnit = "nghin"
	unitMillion  displayUnit = "trieu"
)

var displayUnits = []displayUnit{unitDong, unitThousand, unitMillion}

func parseDisplayUnit(s string) displayUnit {
	for _, u := range displayUnits {
		if string(u) == s {
			return u
		}
	}
	return unitDong
}

// Label is the unit as a report header prints it.
func (u displayUnit) Label() string {
	switch u {
	case unitThousand:
		return "Nghìn đồng"
	case unitMillion:
		return "Triệu đồng"
	}
	return "Đồng"
}

// report formats m for a report cell in this unit: dots, negatives in
// parentheses, rounded half away from zero per cell.
func (u displayUnit) report(m ledger.Money) string {
	switch u {
	case unitThousand:
		m = m.Thousands()
	case unitMillion:
		m = m.Millions()
	}
	if m == 0 {
		return "-"
	}
	return m.Report()
}

func displayUnitLabels() []string {
	out := make([]string, len(displayUnits))
	for i, u := range displayUnits {
		out[i] = u.Label()
	}
	return out
}

func displayUnitByLabel(label string) displayUnit {
	for _, u := range displayUnits {
		if u.Label() == label {
			return u
		}
	}
	return unitDong
}

// vnFold maps Vietnamese letters to their base letter, so a search for
// "dien" finds "điện" and one typed with decomposed accents still matches.
var vnFold = func() map[rune]rune {
	m := map[rune]rune{}
	groups := map[rune]string{
		'a': "àáảãạăằắẳẵặâầấẩẫậ", 'e': "èéẻẽẹêềếểễệ", 'i': "ìíỉĩị",
		'o': "òóỏõọôồốổỗộơờớởỡợ", 'u': "ùúủũụưừứửữự", 'y': "ỳýỷỹỵ", 'd': "đ",
	}
	for base, letters := range groups {
		for _, r := range letters {
			m[r] = base
		}
	}
	return m
}()

// fold lowers s and strips Vietnamese accents (precomposed or combining).
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 0x300 && r <= 0x36f { // combining marks of decomposed text
			continue
		}
		if base, ok := vnFold[r]; ok {
			r = base
		}
		b.WriteRune(r)
	}
	return b.String()
}

// searchCodes returns the codes of a level whose number starts with q or
// whose name contains q, accents and case ignored; exact code first.
func searchCodes(cat *ledger.Catalogue, level ledger.CodeLevel, q string) []ledger.Code {
	q = strings.TrimSpace(q)
	fq := fold(q)
	var exact, out []ledger.Code
	for _, c := range cat.Level(level) {
		switch {
		case c.Code == q:
			exact = append(exact, c)
		case q == "" || strings.HasPrefix(c.Code, q) || strings.Contains(fold(c.Name), fq):
			out = append(out, c)
		}
	}
	return append(exact, out...)
}

// khoanLabel names a Khoản as the forms head its column: "Loại 340 –
// Khoản 341 Quản lý nhà nước".
func khoanLabel(cat *ledger.Catalogue, k string) string {
	s := "Loại " + ledger.LoaiOf(cat, k) + " – Khoản " + k
	if name := cat.Name(ledger.LevelKhoan, k); name != "" {
		s += " " + name
	}
	return s
}

// rowLabelWidth is the width that shows each row label of form f whole,
// indented by indent per level, and at least least: the label of row 29
// is long and matters.
func rowLabelWidth(f *ledger.Form, indent string, least float32) float32 {
	w := least
	for _, r := range f.Rows {
		text := strings.Repeat(indent, r.Level) + r.Label
		w = max(w, fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{Bold: r.Bold}).Width+2*theme.InnerPadding()+4)
	}
	return w
}
