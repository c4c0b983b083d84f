package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"wardledger/assets"
)

var translateOnce sync.Once

// registerTranslations gives Fyne's own buttons and dialogs (Cancel, OK,
// Open, …) Vietnamese text. Fyne ships no Vietnamese, and most office PCs
// run an English Windows, so the same strings are registered for "en" too.
func registerTranslations() {
	translateOnce.Do(func() {
		for _, loc := range []fyne.Locale{"vi", "en"} {
			if err := lang.AddTranslationsForLocale(assets.TranslationVI, loc); err != nil {
				fyne.LogError("cannot load the Vietnamese translation", err)
			}
		}
	})
}

var iconRes = fyne.NewStaticResource("wardledger.png", assets.Icon)

func iconResource() fyne.Resource { return iconRes }
