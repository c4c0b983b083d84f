package ledger_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// englishAside is an English gloss in parentheses, "(no entries in this
// period)": two or more lower-case ASCII words.
var englishAside = regexp.MustCompile(`\(([a-z][a-z'.]*(?:[ ,;:/-]+[a-z%'.]+)+)[^()]*\)`)

// TestMessagesOneLanguage: a message a person reads (any string of the
// domain, its adapters and the screens that has Vietnamese in it) carries
// no English aside in parentheses; a command to type (wardctl …) may be
// named.
func TestMessagesOneLanguage(t *testing.T) {
	vietnamese := func(r rune) bool { return r > unicode.MaxASCII && unicode.IsLetter(r) }
	checked := 0
	for _, root := range []string{".", "../ui"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil || !strings.ContainsFunc(s, vietnamese) {
					return true
				}
				checked++
				for _, m := range englishAside.FindAllStringSubmatch(s, -1) {
					if !strings.HasPrefix(m[1], "wardctl") && !strings.ContainsFunc(m[0], vietnamese) {
						t.Errorf("%s: English in a message: %q", fset.Position(lit.Pos()), m[0])
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 500 {
		t.Errorf("only %d Vietnamese strings found: is the walk reading the sources?", checked)
	}
}
