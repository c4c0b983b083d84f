package ledger

import (
	"strings"
)

// Unit is a budget unit: the superior unit that keeps the ledger (a district)
// or one of its subordinate units (a ward).
type Unit struct {
	Code     string // Mã ĐVQHNS, 7 digits
	Name     string
	Chapter  string // Mã chương, 3 digits
	Superior bool
}

// DefaultChapter is used when a unit is created without a chapter code.
// District-level units use chapters 600–799 (verify); 599 is what the
// command line examples use.
const DefaultChapter = "599"

// Normalize trims the unit's codes and puts its name in NFC, trimmed.
func (u *Unit) Normalize() {
	u.Code = strings.TrimSpace(u.Code)
	u.Name = NormalizeText(u.Name)
	u.Chapter = strings.TrimSpace(u.Chapter)
}

// Validate checks the shape of a unit's codes and name.
func (u Unit) Validate() error {
	const op = "Unit.Validate"
	if !isDigits(u.Code, 7) {
		return FieldErrorf("code", op, "mã ĐVQHNS %q phải gồm đúng 7 chữ số", u.Code)
	}
	if IsBlank(u.Name) {
		return FieldErrorf("name", op, "chưa nhập tên đơn vị")
	}
	if err := CheckText("name", u.Name, MaxNameRunes); err != nil {
		return err
	}
	if !isDigits(u.Chapter, 3) {
		return FieldErrorf("chapter", op, "mã chương %q phải gồm đúng 3 chữ số", u.Chapter)
	}
	return nil
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
