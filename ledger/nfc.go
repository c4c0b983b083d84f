package ledger

import (
	"slices"
	"unicode/utf8"
)

//go:generate go run wardledger/scripts/gennfc -o nfc_tables.go

// NFC returns s in Unicode Normalization Form C: what Unikey types as one
// precomposed letter ("ệ", U+1EC7) and what it types as a letter and
// combining marks ("e" U+0323 U+0302, the "tổ hợp" setting, or a PDF copy)
// become the same string, so they compare, sort and search as one text.
//
// It agrees with golang.org/x/text/unicode/norm.NFC, which the tables in
// nfc_tables.go are generated from, including its stream-safe rule: a run
// of more than 30 combining marks gets U+034F COMBINING GRAPHEME JOINER
// inserted, which also bounds the work on hostile text. Bytes that are not
// UTF-8 are kept as they are, as characters that combine with nothing, and
// the text around them is normalised (x/text differs on some of them; CheckText
// refuses them anyway). A string already in NFC, such as any ASCII string, is
// returned as it is, without allocating.
func NFC(s string) string {
	n, ok := nfcQuickSpan(s)
	if ok {
		return s
	}
	out := make([]byte, n, len(s)+len(s)/4)
	copy(out, s[:n])
	return string(nfcAppend(out, s[n:]))
}

const (
	qcYes   = 0
	qcMaybe = 1
	qcNo    = 2

	maxNonStarters = 30     // stream-safe limit (UAX #15 §13)
	graphemeJoiner = 0x034F // inserted after maxNonStarters marks

	hangulBase  = 0xAC00
	hangulEnd   = 0xD7A4
	jamoLBase   = 0x1100
	jamoLEnd    = 0x1113
	jamoVBase   = 0x1161
	jamoVEnd    = 0x1176
	jamoTBase   = 0x11A7 // one before the first T, which is 0x11A8
	jamoTEnd    = 0x11C3
	jamoVCount  = 21
	jamoTCount  = 28
	jamoVTCount = jamoVCount * jamoTCount
)

// nfcProp packs what NFC needs to know of a code point; see nfcProps.
type nfcProp uint16

func (p nfcProp) ccc() uint8   { return uint8(p) }
func (p nfcProp) qc() uint8    { return uint8(p>>8) & 3 }
func (p nfcProp) lead() uint8  { return uint8(p>>10) & 3 }
func (p nfcProp) trail() uint8 { return uint8(p>>12) & 3 }

// propOf returns the properties of r; bytes that are not UTF-8 are
// carried as negative runes and behave as starters that compose with
// nothing.
func propOf(r rune) nfcProp {
	if r < nfcFirstProp {
		return 0
	}
	if r < propDirectEnd {
		return propDirect[r]
	}
	return searchProp(r)
}

// propDirect holds the properties of the code points below propDirectEnd
// (Latin, Greek, Cyrillic, the combining marks, Vietnamese letters), where
// most text is, so that they cost no search.
const propDirectEnd = 0x2000

var propDirect = func() (t [propDirectEnd]nfcProp) {
	for r := range t {
		t[r] = searchProp(rune(r))
	}
	return t
}()

// searchProp looks r up in the generated ranges.
func searchProp(r rune) nfcProp {
	if r >= hangulBase && r < hangulEnd {
		// A syllable is a starter whose decomposition ends in one (LV) or
		// two (LVT) jamo that count as non-starters.
		if (r-hangulBase)%jamoTCount == 0 {
			return 1 << 12
		}
		return 2 << 12
	}
	lo, hi := 0, len(nfcRanges)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if rune(nfcRanges[m]>>11) <= r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 {
		return 0
	}
	e := nfcRanges[lo-1]
	if uint32(r)-e>>11 <= e&0x7FF {
		return nfcProp(nfcProps[lo-1])
	}
	return 0
}

// nfcQuickSpan reports whether s is certainly in NFC; when it may not be,
// n is the start of the first segment that needs work: the last rune
// before it that no later rune can combine with or move before.
func nfcQuickSpan(s string) (n int, ok bool) {
	var lastCCC uint8
	ss := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			n, lastCCC, ss = i, 0, 0
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			n, lastCCC, ss = i, 0, 0
			i++
			continue
		}
		p := propOf(r)
		if p.lead() == 0 {
			n, ss = i, int(p.trail())
		} else if ss += int(p.lead()); ss > maxNonStarters || lastCCC > p.ccc() {
			return n, false
		}
		if p.qc() != qcYes {
			return n, false
		}
		lastCCC = p.ccc()
		i += size
	}
	return len(s), true
}

// nfcAppend appends the NFC of s to out, one segment (a starter and the
// marks after it) at a time.
func nfcAppend(out []byte, s string) []byte {
	var buf [48]rune
	seg := buf[:0]
	ss := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			r = -1 - rune(s[i])
		}
		i += size
		p := propOf(r)
		if p.lead() == 0 {
			out = flushSegment(out, seg)
			seg, ss = seg[:0], int(p.trail())
		} else if ss += int(p.lead()); ss > maxNonStarters {
			out = flushSegment(out, append(seg, graphemeJoiner))
			seg, ss = seg[:0], int(p.lead())
		}
		seg = appendDecomposed(seg, r)
	}
	return flushSegment(out, seg)
}

// appendDecomposed appends the full canonical decomposition of r.
func appendDecomposed(seg []rune, r rune) []rune {
	if r >= hangulBase && r < hangulEnd {
		x := r - hangulBase
		seg = append(seg, jamoLBase+x/jamoVTCount, jamoVBase+x%jamoVTCount/jamoTCount)
		if t := x % jamoTCount; t != 0 {
			seg = append(seg, jamoTBase+t)
		}
		return seg
	}
	if d, ok := decomposition(r); ok {
		for _, x := range d {
			seg = append(seg, x)
		}
		return seg
	}
	return append(seg, r)
}

// decomposition returns the full canonical decomposition of r (not for
// Hangul syllables), in UTF-8.
func decomposition(r rune) (string, bool) {
	if r < nfcFirstProp {
		return "", false
	}
	i, ok := slices.BinarySearch(nfcDecompKeys[:], uint32(r))
	if !ok {
		return "", false
	}
	return nfcDecompData[nfcDecompOffsets[i]:nfcDecompOffsets[i+1]], true
}

// flushSegment puts the marks of seg in canonical order, composes it and
// appends it to out.
func flushSegment(out []byte, seg []rune) []byte {
	if len(seg) == 0 {
		return out
	}
	var cccBuf [48]uint8
	ccc := cccBuf[:0]
	for _, r := range seg {
		ccc = append(ccc, propOf(r).ccc())
	}
	// Canonical ordering: a stable insertion sort of each run of marks by
	// combining class (a run is at most about 30 marks long).
	for i := 1; i < len(seg); i++ {
		c := ccc[i]
		if c == 0 {
			continue
		}
		j := i
		for j > 0 && ccc[j-1] > c {
			j--
		}
		if j < i {
			r := seg[i]
			copy(seg[j+1:i+1], seg[j:i])
			copy(ccc[j+1:i+1], ccc[j:i])
			seg[j], ccc[j] = r, c
		}
	}
	// Canonical composition: a rune joins the last starter unless a
	// starter or a mark of the same or higher class stands between them.
	// A composite is a starter.
	starter := -1
	if ccc[0] == 0 {
		starter = 0
	}
	k := 1
	for i := 1; i < len(seg); i++ {
		r, c := seg[i], ccc[i]
		if starter >= 0 && (starter == k-1 || ccc[k-1] < c) {
			if p, ok := compose(seg[starter], r); ok {
				seg[starter] = p
				continue
			}
		}
		if c == 0 {
			starter = k
		}
		seg[k], ccc[k] = r, c
		k++
	}
	for _, r := range seg[:k] {
		if r < 0 {
			out = append(out, byte(-1-r))
		} else {
			out = utf8.AppendRune(out, r)
		}
	}
	return out
}

// compose returns the primary composite of a and b, if there is one.
func compose(a, b rune) (rune, bool) {
	switch {
	case a >= jamoLBase && a < jamoLEnd && b >= jamoVBase && b < jamoVEnd:
		return hangulBase + (a-jamoLBase)*jamoVTCount + (b-jamoVBase)*jamoTCount, true
	case a >= hangulBase && a < hangulEnd && (a-hangulBase)%jamoTCount == 0 && b > jamoTBase && b < jamoTEnd:
		return a + b - jamoTBase, true
	case a < 0 || b < 0:
		return 0, false
	}
	const low = 1<<21 - 1 // the composite's bits
	key := uint64(a)<<42 | uint64(b)<<21
	i, _ := slices.BinarySearch(nfcCompositions[:], key)
	if i < len(nfcCompositions) && nfcCompositions[i]&^low == key {
		return rune(nfcCompositions[i] & low), true
	}
	return 0, false
}
