package ledger_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// module is the module path of the repository.
const module = "wardledger"

// imports lists the packages the non-test Go files of package pkg (a path
// under module) import, read with go/parser from root.
func imports(t *testing.T, root, pkg string) []string {
	t.Helper()
	dir := filepath.Join(root, strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/"))
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files for %s in %s: %v", pkg, dir, err)
	}
	seen := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, is := range af.Imports {
			p, _ := strconv.Unquote(is.Path.Value)
			seen[p] = true
		}
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// deps is every package pkg depends on, itself excluded, following the
// module's own packages (the standard library's are not followed).
func deps(t *testing.T, root, pkg string) []string {
	t.Helper()
	seen := map[string]bool{}
	var visit func(p string)
	visit = func(p string) {
		for _, q := range imports(t, root, p) {
			if seen[q] {
				continue
			}
			seen[q] = true
			if q == module || strings.HasPrefix(q, module+"/") {
				visit(q)
			}
		}
	}
	visit(pkg)
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func standard(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".") && first != module
}

func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = up
	}
}

// TestArrows keeps the dependency arrows of the house: the domain imports
// only the standard library; the reader of untrusted workbooks, the
// payload and the import pipeline only the standard library and the
// module's own excelize-free packages, so that no file from outside is
// ever opened by excelize; the user interface never reaches the store,
// SQL or excelize, and its generic widgets need nothing of the module but
// the domain's values.
func TestArrows(t *testing.T) {
	root := moduleRoot(t)
	only := map[string][]string{
		module + "/ledger":            nil,
		module + "/ledger/xlsxread":   {module + "/ledger"},
		module + "/ledger/payload":    {module + "/ledger"},
		module + "/ledger/xlsximport": {module + "/ledger", module + "/ledger/payload", module + "/ledger/xlsxread"},
	}
	for pkg, allowed := range only {
		for _, d := range deps(t, root, pkg) {
			if !standard(d) && !slices.Contains(allowed, d) {
				t.Errorf("%s depends on %s", pkg, d)
			}
		}
	}
	never := []string{module + "/ledger/sqlite", "database/sql", "github.com/xuri/excelize/v2",
		module + "/ledger/xlsx", module + "/ledger/xlsximport", module + "/ledger/xlsxread"}
	for _, d := range deps(t, root, module+"/ui") {
		if slices.Contains(never, d) {
			t.Errorf("ui depends on %s", d)
		}
	}
	for _, d := range deps(t, root, module+"/ui/widgets") {
		if !standard(d) && d != module+"/ledger" && !strings.HasPrefix(d, "fyne.io/") {
			t.Errorf("ui/widgets depends on %s", d)
		}
	}
}
