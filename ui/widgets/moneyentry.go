package widgets

import (
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"

	"wardledger/ledger"
)

// MoneyEntry takes an amount in đồng and groups the digits with dots as
// they are typed (1234567 → 1.234.567), keeping the cursor among the same
// digits, so a missing or extra zero shows at once. A comma is left as
// typed for ledger.ParseMoney to refuse with its reason: đồng are whole.
type MoneyEntry struct {
	TextEntry
	formatting bool
	OnEdited   func()
}

// NewMoneyEntry is an empty amount entry.
func NewMoneyEntry() *MoneyEntry {
	e := &MoneyEntry{}
	e.ExtendBaseWidget(e)
	e.PlaceHolder = "0"
	e.OnChanged = func(string) { e.reformat() }
	return e
}

// TypedRune ignores the dots and spaces an accountant may type by habit:
// the grouping is done for them.
func (e *MoneyEntry) TypedRune(r rune) {
	if r == '.' || r == ' ' {
		return
	}
	e.TextEntry.TypedRune(r)
}

func (e *MoneyEntry) reformat() {
	if e.formatting {
		return
	}
	defer func() {
		if e.OnEdited != nil {
			e.OnEdited()
		}
	}()
	out, ok := groupAmount(e.Text)
	if !ok || out == e.Text {
		return
	}
	runes := []rune(e.Text)
	col := min(e.CursorColumn, len(runes))
	right := countDigits(runes[col:])
	e.formatting = true
	e.SetText(out)
	e.formatting = false
	rr := []rune(out)
	pos := len(rr)
	for n := 0; pos > 0 && n < right; {
		pos--
		if unicode.IsDigit(rr[pos]) {
			n++
		}
	}
	e.CursorColumn = pos
	e.CursorRow = 0
	e.Refresh()
}

// Value is the amount typed.
func (e *MoneyEntry) Value() (ledger.Money, error) { return ledger.ParseMoney(e.Text) }

// groupAmount regroups the digits of s with dots, keeping a leading minus;
// ok is false when s holds something other than digits and separators.
func groupAmount(s string) (string, bool) {
	t := strings.TrimSpace(s)
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(t, "-")
	var digits strings.Builder
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '.' || r == ' ' || r == '\u00a0':
		default:
			return s, false
		}
	}
	d := strings.TrimLeft(digits.String(), "0")
	if d == "" {
		if digits.Len() > 0 {
			d = "0"
		} else if neg {
			return "-", true
		} else {
			return "", true
		}
	}
	n, err := strconv.ParseInt(d, 10, 64)
	if err != nil {
		return s, false // too large: ParseMoney will say so
	}
	out := ledger.Money(n).String()
	if neg {
		out = "-" + out
	}
	return out, true
}

func countDigits(rs []rune) int {
	n := 0
	for _, r := range rs {
		if unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

var _ fyne.Focusable = (*MoneyEntry)(nil)
