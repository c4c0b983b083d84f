package ledger

import (
	"strings"
	"unicode/utf8"
)

// Words writes an amount in Vietnamese words, as documents print it beside
// the figure ("Bằng chữ"): 1.250.000.000 → "Một tỷ hai trăm năm mươi triệu
// đồng". Groups of three digits are read with "không trăm" inside a number
// (1.005 → "một nghìn không trăm lẻ năm"), "lẻ" for a zero ten before a
// unit, "mười" for ten and "mươi" for twenty and more, "mốt" for a one
// and "tư" for a four after "mươi", "lăm" for a five after a ten. Groups
// of zeros are skipped; from a billion up the count of billions is read as
// a number of its own ("một nghìn tỷ"). A negative amount starts with
// "Âm".
func Words(m Money) string {
	if m == 0 {
		return "Không đồng"
	}
	var sb strings.Builder
	u := uint64(m)
	if m < 0 {
		sb.WriteString("âm ")
		u = uint64(-(m + 1)) + 1 // -MinInt64 does not fit in int64
	}
	writeWords(&sb, u, true)
	sb.WriteString(" đồng")
	s := sb.String()
	_, size := utf8.DecodeRuneInString(s)
	return strings.ToUpper(s[:size]) + s[size:]
}

// writeWords writes n (not 0). lead says n is the start of the number, so
// a short first group is read without "không trăm" or "lẻ".
func writeWords(sb *strings.Builder, n uint64, lead bool) {
	const billion = 1_000_000_000
	if n >= billion {
		writeWords(sb, n/billion, lead)
		sb.WriteString(" tỷ")
		if rest := n % billion; rest > 0 {
			sb.WriteByte(' ')
			writeWords(sb, rest, false)
		}
		return
	}
	groups := [3]uint64{n / 1_000_000, n / 1000 % 1000, n % 1000}
	names := [3]string{" triệu", " nghìn", ""}
	wrote := false
	for i, g := range groups {
		if g == 0 {
			continue
		}
		if wrote {
			sb.WriteByte(' ')
		}
		writeGroup(sb, int(g), lead && !wrote && isLeading(groups[:i]))
		sb.WriteString(names[i])
		wrote = true
	}
}

// isLeading reports whether every group before this one is zero.
func isLeading(before []uint64) bool {
	for _, g := range before {
		if g != 0 {
			return false
		}
	}
	return true
}

var digitWords = [10]string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

// writeGroup writes a group of three digits g (1..999); a leading group is
// read as short as it is.
func writeGroup(sb *strings.Builder, g int, lead bool) {
	h, t, u := g/100, g/10%10, g%10
	var words []string
	if h > 0 || !lead {
		words = append(words, digitWords[h], "trăm")
	}
	switch {
	case t == 0 && u > 0 && len(words) > 0:
		words = append(words, "lẻ")
	case t == 1:
		words = append(words, "mười")
	case t > 1:
		words = append(words, digitWords[t], "mươi")
	}
	switch {
	case u == 0:
	case u == 1 && t > 1:
		words = append(words, "mốt")
	case u == 4 && t > 1:
		words = append(words, "tư")
	case u == 5 && t > 0:
		words = append(words, "lăm")
	default:
		words = append(words, digitWords[u])
	}
	sb.WriteString(strings.Join(words, " "))
}
