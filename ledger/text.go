package ledger

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of the text fields, in characters (runes), not bytes: a
// Vietnamese letter takes two or three bytes in UTF-8.
const (
	MaxDocRunes     = 100  // số chứng từ / số quyết định
	MaxMemoRunes    = 1000 // diễn giải
	MaxNameRunes    = 250  // names of units and codes
	MaxReasonRunes  = 500  // reasons (a reversal's memo is a prefix and its reason)
	MaxCommentRunes = 4000 // the reviewer's comments to a unit
	MaxSettingRunes = 250  // setting values: names, titles, places
)

// NormalizeText is how a one-line text field enters the domain: NFC, and
// trimmed of white space and invisible characters at both ends.
// Bidirectional controls are kept, so that CheckText can refuse them
// rather than have them silently vanish.
func NormalizeText(s string) string {
	return strings.TrimFunc(NFC(s), isTrimmed)
}

// NormalizeMultiline is NormalizeText for a field that may hold several
// lines (memo, reason, comment): line ends become "\n".
func NormalizeMultiline(s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	return NormalizeText(s)
}

// CheckText refuses, as a field error of field, a one-line text that is
// not UTF-8, holds a control character (tab and line breaks included) or a
// bidirectional control (which can make "100" display as "001"), or is
// longer than maxRunes characters; U+FFFD, the mark of text broken by a
// wrong conversion, is refused too. The message names the character and
// its position (in characters, from 1).
func CheckText(field, s string, maxRunes int) error {
	return checkText(field, s, maxRunes, false)
}

// CheckMultilineText is CheckText for a field that may hold tabs and line
// breaks ("\n"; NormalizeMultiline turns "\r\n" into it).
func CheckMultilineText(field, s string, maxRunes int) error {
	return checkText(field, s, maxRunes, true)
}

func checkText(field, s string, maxRunes int, multiline bool) error {
	const op = "CheckText"
	label := fieldLabel(field)
	n := 0
	for i, r := range s {
		n++
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return FieldErrorf(field, op, "%s có byte 0x%02X không phải chữ UTF-8 ở ký tự thứ %d: hãy lưu tệp dạng UTF-8", label, s[i], n)
		case r == utf8.RuneError:
			return FieldErrorf(field, op, "%s có ký tự thay thế U+FFFD (�) ở ký tự thứ %d: chữ đã bị hỏng khi chuyển bảng mã, hãy gõ lại", label, n)
		case isBidiControl(r):
			return FieldErrorf(field, op, "%s có ký tự ẩn đổi chiều chữ %U (%s) ở ký tự thứ %d: hãy xóa ký tự này (thường lẫn vào khi dán từ trang web hay tin nhắn)",
				label, r, bidiNames[r], n)
		case multiline && (r == '\n' || r == '\t'):
		case r == '\n' || r == '\r':
			return FieldErrorf(field, op, "%s không được xuống dòng (ký tự thứ %d)", label, n)
		case r == '\t':
			return FieldErrorf(field, op, "%s không được có dấu tab (ký tự thứ %d)", label, n)
		case unicode.IsControl(r):
			return FieldErrorf(field, op, "%s có ký tự điều khiển %U ở ký tự thứ %d: hãy xóa ký tự này", label, r, n)
		}
	}
	if n > maxRunes {
		return FieldErrorf(field, op, "%s dài %d ký tự, tối đa %d ký tự", label, n, maxRunes)
	}
	return nil
}

// IsBlank reports whether s shows nothing: it is empty or made only of
// white space and invisible characters (zero-width spaces and joiners,
// U+2060, U+FEFF, the soft hyphen, other format characters, fillers).
func IsBlank(s string) bool {
	for _, r := range s {
		if !isInvisible(r) {
			return false
		}
	}
	return true
}

// Fold is the search key of a text: lower case, without accents (every
// combining mark dropped, so "ệ" is "e"), "đ" and "Đ" as "d", invisible
// characters dropped and runs of white space as one space, trimmed. It is
// taken on the canonical decomposition, so every spelling of a text folds
// alike: "Chi tiền Điện", "CHI TIỀN ĐIỆN", "chi tien dien" and the
// decomposed "Chi tie\u0302\u0300n" all fold to "chi tien dien", and
// Fold(s) == Fold(NFC(s)). Search compares folded texts.
func Fold(s string) string {
	if isFoldedASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	emit := func(r rune) {
		switch {
		case r == foldSpace:
			space = true
		case r >= 0:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	var dec [4]rune
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			emit(foldASCII(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if f := foldLatin(r); f != 0 {
			emit(f)
			continue
		}
		for _, x := range appendDecomposed(dec[:0], r) {
			emit(foldRune(x))
		}
	}
	return b.String()
}

const (
	foldDrop  = -1 // a mark or an invisible character
	foldSpace = -2 // white space
)

func foldASCII(c byte) rune {
	switch {
	case c == ' ' || c >= '\t' && c <= '\r':
		return foldSpace
	case c < ' ' || c == 0x7f:
		return foldDrop
	case c >= 'A' && c <= 'Z':
		return rune(c + 'a' - 'A')
	}
	return rune(c)
}

// foldRune folds one rune of a canonical decomposition. Marks are the
// nonspacing ones and all that have a combining class, so that their
// order, which NFC may change, never shows in a key.
func foldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		return foldASCII(byte(r))
	case unicode.IsSpace(r):
		return foldSpace
	case isInvisible(r) || unicode.Is(unicode.Mn, r) || propOf(r).ccc() != 0:
		return foldDrop
	}
	switch r = unicode.ToLower(r); r {
	case 'đ', 'ð': // ð: Đ typed as the look-alike Icelandic eth
		return 'd'
	}
	return r
}

// foldLatin returns the fold of a rune of U+0080–U+036F (Latin letters,
// combining marks) or U+1E00–U+1EFF (Vietnamese letters) when that is one
// rune or nothing (foldDrop), 0 otherwise: a table built once, since
// folding in general searches several Unicode tables per rune.
func foldLatin(r rune) rune {
	switch {
	case r < latinFoldsLow:
		return latinFolds[r]
	case r >= 0x1E00 && r < 0x1F00:
		return latinFolds[r-0x1E00+latinFoldsLow]
	}
	return 0
}

const latinFoldsLow = 0x370 // up to the end of the combining diacritical marks

var latinFolds = func() (t [latinFoldsLow + 0x100]rune) {
	var dec [4]rune
	for i := range t {
		r := rune(i)
		if i >= latinFoldsLow {
			r = rune(i - latinFoldsLow + 0x1E00)
		}
		if r < utf8.RuneSelf {
			continue
		}
		f := rune(foldDrop)
		for _, x := range appendDecomposed(dec[:0], r) {
			switch x = foldRune(x); {
			case x == foldSpace || x >= 0 && f != foldDrop:
				f = 0 // not one letter: the general path
			case x >= 0 && f == foldDrop:
				f = x
			}
			if f == 0 {
				break
			}
		}
		t[i] = f
	}
	return t
}()

// isFoldedASCII reports whether s is its own fold: ASCII without capitals,
// controls or runs of spaces, not starting or ending with a space.
func isFoldedASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf || c < ' ' || c == 0x7f || c >= 'A' && c <= 'Z':
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		}
	}
	return true
}

// isInvisible reports whether r shows nothing on its own.
func isInvisible(r rune) bool {
	switch r {
	case 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x2800, 0x3164, 0xFFA0:
		// grapheme joiner, Hangul and Khmer fillers, braille blank
		return true
	}
	if r < utf8.RuneSelf {
		return r <= ' ' || r == 0x7f
	}
	return unicode.IsSpace(r) || unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zs, unicode.Zl, unicode.Zp,
		unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
}

// isTrimmed reports whether r is cut from the ends of a text field.
func isTrimmed(r rune) bool { return isInvisible(r) && !isBidiControl(r) }

// bidiNames are the bidirectional controls (Unicode Bidi_Control).
var bidiNames = map[rune]string{
	0x061C: "ARABIC LETTER MARK",
	0x200E: "LEFT-TO-RIGHT MARK",
	0x200F: "RIGHT-TO-LEFT MARK",
	0x202A: "LEFT-TO-RIGHT EMBEDDING",
	0x202B: "RIGHT-TO-LEFT EMBEDDING",
	0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE",
	0x202E: "RIGHT-TO-LEFT OVERRIDE",
	0x2066: "LEFT-TO-RIGHT ISOLATE",
	0x2067: "RIGHT-TO-LEFT ISOLATE",
	0x2068: "FIRST STRONG ISOLATE",
	0x2069: "POP DIRECTIONAL ISOLATE",
}

func isBidiControl(r rune) bool {
	if r != 0x061C && (r < 0x200E || r > 0x2069) { // every letter of Vietnamese: no map lookup per character
		return false
	}
	_, ok := bidiNames[r]
	return ok
}

// fieldLabels name text fields in messages.
var fieldLabels = map[string]string{
	"doc":     "Số chứng từ",
	"memo":    "Diễn giải",
	"name":    "Tên",
	"reason":  "Lý do",
	"comment": "Ý kiến xét duyệt",
	"value":   "Giá trị thiết lập",
	// what the review documents print (ReviewInfo)
	"participant":   "Thành phần xét duyệt",
	"recipient":     "Nơi nhận",
	"notice-number": "Số thông báo",
	"place":         "Địa điểm",
	"audit":         "Kiến nghị của kiểm toán, thanh tra",
}

func fieldLabel(field string) string {
	if l, ok := fieldLabels[field]; ok {
		return l
	}
	return fmt.Sprintf("Trường %q", field)
}

// CheckReason checks the reason given for a reversal, a reopening or an
// approval that differs from the reported figure: it must say something.
func CheckReason(reason string) error {
	if IsBlank(reason) {
		return FieldErrorf("reason", "CheckReason", "chưa ghi lý do")
	}
	return CheckMultilineText("reason", reason, MaxReasonRunes)
}

// CheckComment checks the reviewer's comments to a unit (may be empty).
func CheckComment(comment string) error {
	return CheckMultilineText("comment", comment, MaxCommentRunes)
}

// CheckSetting checks a setting's key and value (one line).
func CheckSetting(key, value string) error {
	if key == "" || len(key) > 64 {
		return FieldErrorf("key", "CheckSetting", "tên thiết lập %q không hợp lệ", key)
	}
	return CheckText("value", value, MaxSettingRunes)
}
