package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// wardTheme is Fyne's theme in its light variant with tighter spacing: an
// accounting screen is read like paper and needs rows, not air.
type wardTheme struct{ fyne.Theme }

func newTheme() fyne.Theme { return wardTheme{theme.DefaultTheme()} }

// colours overrides Fyne's light theme: darker text and status colours,
// since figures must read clearly on an office monitor and the stock
// success green is unreadable on white; white inputs with a visible edge.
var colours = map[fyne.ThemeColorName]color.Color{
	theme.ColorNamePrimary:          color.NRGBA{R: 0x1d, G: 0x5f, B: 0xa8, A: 0xff},
	theme.ColorNameForeground:       color.NRGBA{R: 0x21, G: 0x21, B: 0x21, A: 0xff},
	theme.ColorNameDisabled:         color.NRGBA{R: 0x96, G: 0x96, B: 0x96, A: 0xff},
	theme.ColorNameInputBackground:  color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff},
	theme.ColorNameInputBorder:      color.NRGBA{R: 0xb8, G: 0xc0, B: 0xcc, A: 0xff},
	theme.ColorNameSuccess:          color.NRGBA{R: 0x1e, G: 0x7b, B: 0x34, A: 0xff},
	theme.ColorNameWarning:          color.NRGBA{R: 0xb3, G: 0x5c, B: 0x00, A: 0xff},
	theme.ColorNameError:            color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
	theme.ColorNameHeaderBackground: color.NRGBA{R: 0xe4, G: 0xeb, B: 0xf4, A: 0xff},
	theme.ColorNameSelection:        color.NRGBA{R: 0xcf, G: 0xe0, B: 0xf7, A: 0xff},
}

func (t wardTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if c, ok := colours[n]; ok {
		return c
	}
	return t.Theme.Color(n, theme.VariantLight)
}

func (t wardTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNamePadding:
		return 3
	case theme.SizeNameInnerPadding:
		return 6
	case theme.SizeNameText:
		return 13
	case theme.SizeNameCaptionText:
		return 11
	}
	return t.Theme.Size(n)
}
