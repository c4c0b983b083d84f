package assets

import _ "embed"

//go:generate go run icon_gen.go

// Icon is the application icon (512×512 PNG), drawn by icon_gen.go.
//
//go:embed icon.png
var Icon []byte

// TranslationVI holds the Vietnamese strings for Fyne's own widgets and
// dialogs (Cancel, OK, Open, …), keyed as Fyne's lang package expects.
//
//go:embed lang/vi.json
var TranslationVI []byte
