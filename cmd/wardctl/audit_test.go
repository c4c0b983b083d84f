package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"unicode"
)

// TestAudit reads the audit trail filtered by unit, period and action, in
// each format; a bad period or format is bad input.
func TestAudit(t *testing.T) {
	db := newLedger(t)
	ok(t, db, entryArgs("1000002", "allocation", "TX", "", "1.000.000", "05/01/2026")...)
	ok(t, db, entryArgs("1000002", "withdrawal", "TX", "", "500.000", "06/01/2026")...)
	id := strings.TrimSpace(ok(t, db, entryArgs("1000002", "spending", "TX", "6001", "100.000", "07/01/2026")...))
	ok(t, db, "entry", "reverse", id, "--reason", "ghi nhầm tiểu mục")
	ok(t, db, entryArgs("1000003", "allocation", "TX", "", "2.000.000", "05/01/2026")...)

	var rows []auditJSON
	must(t, json.Unmarshal([]byte(ok(t, db, "audit", "--format", "json")), &rows))
	// init, the ledger's role and way of keeping periods, two units, five entries.
	if len(rows) != 10 || rows[0].Action != "entry.add" || rows[len(rows)-1].Action != "init" {
		t.Fatalf("%d rows, newest %q, oldest %q", len(rows), rows[0].Action, rows[len(rows)-1].Action)
	}
	rows = nil
	must(t, json.Unmarshal([]byte(ok(t, db, "audit", "--unit", "1000002", "--period", "2026-H1", "--action", "entry", "--format", "json")), &rows))
	if len(rows) != 4 || rows[0].Action != "entry.reverse" || rows[0].Reason != "ghi nhầm tiểu mục" {
		t.Fatalf("the ward's entries: %+v", rows)
	}
	recs, err := csv.NewReader(strings.NewReader(ok(t, db, "audit", "--action", "entry.reverse", "--format", "csv"))).ReadAll()
	must(t, err)
	if len(recs) != 2 || recs[0][3] != "action" || recs[1][3] != "entry.reverse" || recs[1][7] != "ghi nhầm tiểu mục" {
		t.Fatalf("csv: %v", recs)
	}
	if out := ok(t, db, "audit", "--unit", "1000003"); !strings.Contains(out, "unit.add") || strings.Contains(out, "1000002") {
		t.Errorf("table of 1000003:\n%s", out)
	}
	for _, args := range [][]string{{"audit", "--period", "2026-H3"}, {"audit", "--format", "xml"}, {"audit", "extra"}} {
		if _, _, code := wardctl(t, db, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// TestHelpOneLanguage: each line of the help is in one language — English,
// naming the domain's own terms (Mã ĐVQHNS, Loại, Khoản, Mục, Tiểu mục,
// đồng) and quoting
// Vietnamese defaults — or Vietnamese.
func TestHelpOneLanguage(t *testing.T) {
	db := newLedger(t)
	texts := []string{ok(t, db, "help")}
	for _, c := range commands {
		_, errOut, _ := wardctl(t, db, append(splitPath(c.path), "-h")...)
		texts = append(texts, errOut)
	}
	terms := strings.NewReplacer("Mã ĐVQHNS", "", "Khoản", "", "Tiểu mục", "", "Loại", "", "Mục", "", "đồng", "")
	vietnamese := func(r rune) bool { return r > unicode.MaxASCII && unicode.IsLetter(r) }
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			rest := terms.Replace(line)
			for {
				i := strings.IndexByte(rest, '"')
				j := strings.IndexByte(rest[i+1:], '"')
				if i < 0 || j < 0 {
					break
				}
				rest = rest[:i] + rest[i+1+j+1:]
			}
			if !strings.ContainsFunc(rest, vietnamese) {
				continue // English
			}
			for _, w := range strings.Fields(rest) {
				if !strings.ContainsFunc(w, vietnamese) && strings.ContainsFunc(w, unicode.IsLetter) {
					t.Errorf("line mixes languages (%q): %s", w, line)
					break
				}
			}
		}
	}
}
