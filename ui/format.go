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
