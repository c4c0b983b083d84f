package ledger

import (
	"fmt"
	"sort"
)

// Role is a part a row of the form plays that the program relies on:
// the execution chart shows the usable, withdrawn, settled and carried
// rows; the review compares the settled and carried rows. The form data
// names the row of each role ("roles" in the JSON), so a new circular that
// renumbers its rows is a change of data only.
//
// The rows the settlement rules keep at or above zero, per nature, are the
// form's Balances: BalanceReceived (funds received, unused: still to return
// to the budget once the period is closed) and BalanceEstimate (estimate
// left at the Treasury: cancelled once the period is closed).
type Role string

const (
	RoleBroughtForward Role = "brought_forward" // balance brought forward from the previous period
	RoleAllocated      Role = "allocated"       // estimate allocated in the period
	RoleUsable         Role = "usable"          // total usable in the period
	RoleWithdrawn      Role = "withdrawn"       // funds actually received (withdrawn from the Treasury)
	RoleSettled        Role = "settled"         // spending proposed for settlement
	RoleReduced        Role = "reduced"         // funds reduced in the period (returned, to return, cancelled)
	RoleCarried        Role = "carried"         // balance carried over to the next period
)

// Roles lists every role, each of which a form must name.
var Roles = []Role{RoleBroughtForward, RoleAllocated, RoleUsable, RoleWithdrawn, RoleSettled, RoleReduced, RoleCarried}

// Role returns the code of the row that plays r; ParseForm has checked
// that every role names a row.
func (f *Form) Role(r Role) string { return f.Roles[r] }

// RoleRow returns the row that plays r.
func (f *Form) RoleRow(r Role) FormRow {
	row, _ := f.Row(f.Roles[r])
	return row
}

// checkRoles refuses a form that leaves a role unnamed, names one the
// program does not know, or names a row it does not have.
func (f *Form) checkRoles() error {
	known := map[Role]bool{}
	for _, r := range Roles {
		known[r] = true
		if f.Roles[r] == "" {
			return fmt.Errorf("thiếu vai trò %q trong \"roles\"", r)
		}
	}
	names := make([]string, 0, len(f.Roles))
	for r := range f.Roles {
		names = append(names, string(r))
	}
	sort.Strings(names)
	for _, name := range names {
		r := Role(name)
		if !known[r] {
			return fmt.Errorf("vai trò %q không có", r)
		}
		if _, ok := f.index[f.Roles[r]]; !ok {
			return fmt.Errorf("vai trò %s dùng mã số %s không có", r, f.Roles[r])
		}
	}
	for kind, byNature := range f.Balances {
		if Balance(kind) != BalanceReceived && Balance(kind) != BalanceEstimate {
			return fmt.Errorf("số dư %q không có", kind)
		}
		for _, n := range Natures {
			if byNature[n] == "" {
				return fmt.Errorf("số dư %s thiếu mã số của %s", kind, n)
			}
		}
	}
	for _, b := range []Balance{BalanceReceived, BalanceEstimate} {
		if f.Balances[string(b)] == nil {
			return fmt.Errorf("thiếu số dư %q trong \"balances\"", b)
		}
	}
	return nil
}

// BalanceRow returns the code of the row that holds balance b for nature
// n: rows 23/27 for BalanceReceived, 24/28 for BalanceEstimate.
func (f *Form) BalanceRow(b Balance, n Nature) string { return f.Balances[string(b)][n] }

// BalanceRows returns the rows of balance b, one per nature in the order of
// Natures: what a unit still has to return to the budget (BalanceReceived)
// or what is cancelled (BalanceEstimate) once the period is closed.
func (f *Form) BalanceRows(b Balance) []string {
	out := make([]string, 0, len(Natures))
	for _, n := range Natures {
		out = append(out, f.BalanceRow(b, n))
	}
	return out
}

// CarryRow returns the input row where the carry-over of balance b for
// nature n is recorded (rows 31/34 and 32/35), found by the entry kind it
// sums.
func (f *Form) CarryRow(b Balance, n Nature) string { return f.KindRow(b.CarryOutKind(), n) }

// KindRow returns the input row that sums entries of kind for nature n
// (spending TX: row 18), or "" when no row does.
func (f *Form) KindRow(kind EntryKind, n Nature) string {
	for _, r := range f.Rows {
		if r.IsInput() && r.Nature == n {
			for _, k := range r.Kinds {
				if k == kind {
					return r.Code
				}
			}
		}
	}
	return ""
}

// CarryOutKind is the kind of the entry that carries balance b over to the
// next period.
func (b Balance) CarryOutKind() EntryKind {
	if b == BalanceEstimate {
		return EntryCarryOutEstimate
	}
	return EntryCarryOutReceived
}

// CarriedRows are the rows of what is carried over to the next period
// (29–35): the row of RoleCarried and every row its formula is made of, in
// the form's order.
func (f *Form) CarriedRows() []string {
	in := map[string]bool{}
	var mark func(code string)
	mark = func(code string) {
		if in[code] {
			return
		}
		in[code] = true
		for _, t := range f.terms[code] {
			mark(t.code)
		}
	}
	mark(f.Role(RoleCarried))
	var out []string
	for _, r := range f.Rows {
		if in[r.Code] {
			out = append(out, r.Code)
		}
	}
	return out
}
