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

// englishWords are words that mark an English gloss in a message; the
// names of programs, formats and flags (wardctl, Excel, CSV, --add-codes)
// are not among them.
var englishWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the no not of is are was be been for to in on at by this that with without
		and or but there has have does did cannot can must too own nothing another other given wrong unknown damaged
		file folder unit workbook data entries period payload signature checksum corrupt empty invalid missing mismatch
		large long changed forged open write read replace allocation estimate settlement review reviewed allocates`) {
		englishWords[w] = true
	}
}

// TestMessagesOneLanguage: a Vietnamese message of the ledger, the app
// or wardctl carries no English gloss in parentheses — "(unknown unit
// %s)", "(payload damaged)": the Vietnamese says it whole. wardctl's help
// lines, English naming the domain's terms, are not Vietnamese messages.
func TestMessagesOneLanguage(t *testing.T) {
	terms := strings.NewReplacer("Mã ĐVQHNS", "", "Khoản", "", "Tiểu mục", "", "Loại", "", "Mục", "", "đồng", "")
	vietnamese := func(s string) bool {
		return strings.ContainsFunc(terms.Replace(s), func(r rune) bool { return r > unicode.MaxASCII && unicode.IsLetter(r) })
	}
	paren := regexp.MustCompile(`\(([\x00-\x27\x2a-\x7f]*)\)`) // ASCII inside, no nested parentheses
	word := regexp.MustCompile(`[A-Za-z]+`)
	fset := token.NewFileSet()
	checked := 0
	for _, dir := range []string{".", "../ui", "../cmd"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
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
				if err != nil || !vietnamese(s) {
					return true
				}
				checked++
				for _, m := range paren.FindAllStringSubmatch(s, -1) {
					if strings.HasPrefix(m[1], "wardctl ") || strings.HasPrefix(m[1], "--") {
						continue // the command or flag to use, as typed
					}
					words := word.FindAllString(m[1], -1)
					english := 0
					for _, w := range words {
						if englishWords[strings.ToLower(w)] {
							english++
						}
					}
					if len(words) >= 2 && english > 0 {
						t.Errorf("%s: English in a Vietnamese message: (%s)", fset.Position(lit.Pos()), m[1])
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
		t.Fatalf("only %d Vietnamese strings found: the walk missed the sources", checked)
	}
}
