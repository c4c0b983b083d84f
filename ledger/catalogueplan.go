package ledger

import "fmt"

// CatalogueChange is what bringing codes into a catalogue does to it. A
// catalogue only grows: codes are added, renamed or given years of
// validity, never removed, because entries name them; a code no longer in
// force is retired (valid until a year), not deleted.
type CatalogueChange struct {
	Added []CodeLine
	// Renamed are codes whose name or group changes: an import applies
	// them only when the user confirms (a renamed code renames every
	// entry's report line).
	Renamed []CodeUpdate
	// Updated are codes whose years, replacement or source change.
	Updated []CodeUpdate
	Same    int // codes already there as given
}

// CodeUpdate is a code whose record changes: as it is, and as it will be.
type CodeUpdate struct {
	Old Code
	New CodeLine
}

// Changes is the number of codes the change writes.
func (ch *CatalogueChange) Changes() int { return len(ch.Added) + len(ch.Renamed) + len(ch.Updated) }

// PlanCatalogue compares codes read from a file (or keyed in) with the
// catalogue cur and says what bringing them in changes. A value the file
// does not give (no source, years or replacement column) stays as cur has
// it; source names the file for new codes that carry none. It refuses,
// naming each line, a code that is invalid, a Khoản whose Loại or a Tiểu
// mục whose Mục is neither in cur nor among the codes, and a replacement
// that is not a code of the same level.
func PlanCatalogue(cur *Catalogue, in []CodeLine, source string) (*CatalogueChange, error) {
	const op = "PlanCatalogue"
	ch := &CatalogueChange{}
	var problems []string
	first, field := 0, ""
	refuse := func(l CodeLine, f, msg string) {
		if len(problems) == 0 {
			first, field = l.Line, f
		}
		if w := l.Where(); w != "" {
			msg = w + ": " + msg
		}
		problems = append(problems, msg)
	}
	planned := make([]CodeLine, 0, len(in))
	for _, l := range in {
		old, known := cur.Lookup(l.Level, l.Code.Code)
		if known {
			if !l.HasSource {
				l.Source = old.Source
			}
			if !l.HasFrom {
				l.From = old.From
			}
			if !l.HasUntil {
				l.Until = old.Until
			}
			if !l.HasReplacement {
				l.Replacement = old.Replacement
			}
		} else if l.Source == "" {
			l.Source = source
		}
		if err := l.Code.Validate(); err != nil {
			refuse(l, ErrorField(err), errorMsg(err))
			continue
		}
		switch {
		case !known:
			ch.Added = append(ch.Added, l)
		case l.Name != old.Name || l.Parent != old.Parent:
			ch.Renamed = append(ch.Renamed, CodeUpdate{Old: old, New: l})
		case l.Code != old:
			ch.Updated = append(ch.Updated, CodeUpdate{Old: old, New: l})
		default:
			ch.Same++
		}
		planned = append(planned, l)
	}
	all := cur.All()
	for _, l := range planned {
		all = append(all, l.Code)
	}
	result := NewCatalogue(all) // the catalogue as it will be
	for _, l := range planned {
		if pl := l.Level.ParentLevel(); pl != "" {
			if _, ok := result.Lookup(pl, l.Parent); !ok {
				refuse(l, "parent", fmt.Sprintf("%s %s thuộc %s %s, nhưng %s %s chưa có trong danh mục và không có trong tệp",
					l.Level.Label(), l.Code.Code, pl.Label(), l.Parent, pl.Label(), l.Parent))
			}
		}
		if l.Replacement != "" {
			if _, ok := result.Lookup(l.Level, l.Replacement); !ok {
				refuse(l, "replacement", fmt.Sprintf("mã thay thế %s của %s %s chưa có trong danh mục", l.Replacement, l.Level.Label(), l.Code.Code))
			}
		}
	}
	if len(problems) > 0 {
		if len(problems) == 1 && first == 0 { // one code keyed in: the field it is about
			return nil, &Error{Kind: KindInvalid, Op: op, Field: field, Msg: problems[0]}
		}
		msg := fmt.Sprintf("%d mã không nhập được; không nhập mã nào", len(problems))
		return nil, &Error{Kind: KindInvalid, Op: op, Item: first, Msg: msg, Problems: problems}
	}
	return ch, nil
}

// RenameProblems lists the renames of ch for a person, one per code:
// "Tiểu mục 6105: “Phụ cấp làm đêm” → “Phụ cấp làm đêm, làm thêm giờ”
// (dòng 20)".
func (ch *CatalogueChange) RenameProblems() []string {
	out := make([]string, len(ch.Renamed))
	for i, u := range ch.Renamed {
		out[i] = u.Describe()
	}
	return out
}

// Describe says what changes in the code, for a person.
func (u CodeUpdate) Describe() string {
	s := fmt.Sprintf("%s %s: ", u.New.Level.Label(), u.New.Code.Code)
	sep := ""
	if u.New.Name != u.Old.Name {
		s += fmt.Sprintf("“%s” → “%s”", u.Old.Name, u.New.Name)
		sep = "; "
	}
	if u.New.Parent != u.Old.Parent {
		pl := u.New.Level.ParentLevel().Label()
		s += fmt.Sprintf("%sthuộc %s %s → %s %s", sep, pl, u.Old.Parent, pl, u.New.Parent)
		sep = "; "
	}
	if v, w := u.Old.Validity(), u.New.Validity(); v != w {
		if v == "" {
			v = "luôn có hiệu lực"
		}
		if w == "" {
			w = "luôn có hiệu lực"
		}
		s += fmt.Sprintf("%shiệu lực: %s → %s", sep, v, w)
		sep = "; "
	}
	if u.New.Source != u.Old.Source && sep == "" {
		s += fmt.Sprintf("nguồn: %q → %q", u.Old.Source, u.New.Source)
	}
	if w := u.New.Where(); w != "" {
		s += " (" + w + ")"
	}
	return s
}
