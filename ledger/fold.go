package ledger

import (
	"strings"
	"unicode"
)

// foldBase maps each Vietnamese letter to its base letter: a search for
// "dien" finds "điện", one for "hoi nghi" finds "Hội nghị".
var foldBase = func() map[rune]rune {
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

// Fold lowers s and strips its Vietnamese accents, whether they are
// precomposed or typed as combining marks (decomposed text, some input
// methods), and turns đ into d. Searches compare folded text.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if unicode.Is(unicode.Mn, r) { // a combining mark of decomposed text
			continue
		}
		if base, ok := foldBase[r]; ok {
			r = base
		}
		b.WriteRune(r)
	}
	return b.String()
}
