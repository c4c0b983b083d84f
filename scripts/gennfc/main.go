// Command gennfc writes the Unicode tables of ledger.NFC (ledger imports
// only the standard library, so the normalisation data it needs is
// generated from golang.org/x/text/unicode/norm, which it must agree with).
//
//	go generate ./ledger    (runs: go run wardledger/scripts/gennfc -o nfc_tables.go)
//
// The tables are:
//   - properties, as ranges of code points sharing them: canonical
//     combining class, NFC quick-check value, and the leading and trailing
//     non-starter counts that x/text uses to insert U+034F in runs of more
//     than 30 combining marks (UAX #15 stream-safe format);
//   - full canonical decompositions (Hangul is done by arithmetic);
//   - primary compositions, as sorted (first, second, composite) triples.
//
// Single-level decompositions are not exported by x/text, so each
// composition pair is found from the composite's full decomposition and
// checked with norm.NFC; the generator fails on any ambiguity, and checks
// the non-starter counts against norm.NFC's own CGJ insertion.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const (
	maxRune     = 0x10FFFF
	hangulFirst = 0xAC00
	hangulLast  = 0xD7A3
	jamoVFirst  = 0x1161
	jamoVEnd    = 0x1176
	jamoTFirst  = 0x11A8
	jamoTEnd    = 0x11C3
	cgj         = 0x034F
)

// Quick-check values, as ledger stores them.
const (
	qcYes   = 0
	qcMaybe = 1
	qcNo    = 2
)

type props struct {
	ccc, qc, lead, trail uint8
}

func (p props) pack() uint16 {
	return uint16(p.ccc) | uint16(p.qc)<<8 | uint16(p.lead)<<10 | uint16(p.trail)<<12
}

func main() {
	out := flag.String("o", "nfc_tables.go", "output file")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("gennfc: ")

	valid := func(r rune) bool { return utf8.ValidRune(r) }
	ccc := make([]uint8, maxRune+1)
	decomp := map[rune][]rune{}
	for r := rune(0); r <= maxRune; r++ {
		if !valid(r) {
			continue
		}
		s := string(r)
		ccc[r] = norm.NFD.PropertiesString(s).CCC()
		if r >= hangulFirst && r <= hangulLast {
			continue
		}
		if d := norm.NFD.String(s); d != s {
			decomp[r] = []rune(d)
		}
	}

	// Primary composites: they decompose and NFC keeps them. Each is the
	// composition of a starter A and one more rune C of its decomposition.
	type pair struct{ a, c, p rune }
	var pairs []pair
	for r, d := range decomp {
		if norm.NFC.String(string(r)) != string(r) {
			continue // excluded, singleton or non-starter decomposition
		}
		var found []pair
		for i, c := range d {
			rest := slices.Concat(d[:i], d[i+1:])
			a := []rune(norm.NFC.String(string(rest)))
			if len(a) != 1 || ccc[a[0]] != 0 || norm.NFD.String(string(a)) != string(rest) {
				continue
			}
			if norm.NFC.String(string(a)+string(c)) == string(r) {
				found = append(found, pair{a[0], c, r})
			}
		}
		if len(found) > 1 {
			// Prefer the pair whose decomposition needs no reordering:
			// U+1E1C is U+0228 U+0306, though U+0114 U+0327 gives it too.
			found = slices.DeleteFunc(found, func(p pair) bool {
				return norm.NFD.String(string(p.a))+string(p.c) != string(d)
			})
		}
		if len(found) != 1 {
			log.Fatalf("%U: %d candidate composition pairs %v", r, len(found), found)
		}
		pairs = append(pairs, found[0])
	}
	slices.SortFunc(pairs, func(x, y pair) int {
		if x.a != y.a {
			return int(x.a - y.a)
		}
		return int(x.c - y.c)
	})
	combinesBackward := map[rune]bool{}
	for _, p := range pairs {
		combinesBackward[p.c] = true
	}
	for r := rune(jamoVFirst); r < jamoVEnd; r++ {
		combinesBackward[r] = true
	}
	for r := rune(jamoTFirst); r < jamoTEnd; r++ {
		combinesBackward[r] = true
	}
	nonStarter := func(r rune) bool { return ccc[r] != 0 || combinesBackward[r] }

	// Properties of every code point but the Hangul syllables. The
	// non-starter counts follow x/text: they are taken on the compatibility
	// decomposition so that every form inserts U+034F at the same places.
	prop := make([]props, maxRune+1)
	for r := rune(0); r <= maxRune; r++ {
		if !valid(r) || r >= hangulFirst && r <= hangulLast {
			continue
		}
		p := props{ccc: ccc[r]}
		switch {
		case norm.NFC.String(string(r)) != string(r):
			p.qc = qcNo
		case combinesBackward[r]:
			p.qc = qcMaybe
		}
		k := []rune(norm.NFKD.String(string(r)))
		for _, x := range k {
			if !nonStarter(x) {
				break
			}
			p.lead++
		}
		for i := len(k) - 1; i >= 0 && nonStarter(k[i]); i-- {
			p.trail++
		}
		if p.lead > 3 || p.trail > 3 || p.lead > 0 && p.lead != p.trail || p.ccc != 0 && p.lead == 0 {
			log.Fatalf("%U: non-starter counts %d, %d", r, p.lead, p.trail)
		}
		prop[r] = p
	}
	checkStreamSafe(prop)

	// Ranges of equal, non-zero properties.
	type span struct {
		lo, hi rune
		p      props
	}
	var spans []span
	for r := rune(0); r <= maxRune; r++ {
		p := prop[r]
		if p == (props{}) {
			continue
		}
		if n := len(spans); n > 0 && spans[n-1].hi == r-1 && spans[n-1].p == p && r-spans[n-1].lo < 1<<11 {
			spans[n-1].hi = r
			continue
		}
		spans = append(spans, span{r, r, p})
	}
	first := spans[0].lo

	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by scripts/gennfc from golang.org/x/text/unicode/norm (Unicode %s). DO NOT EDIT.\n\n", norm.Version)
	b.WriteString("package ledger\n\n")
	fmt.Fprintf(&b, "// nfcUnicodeVersion is the Unicode version of the tables.\nconst nfcUnicodeVersion = %q\n\n", norm.Version)
	fmt.Fprintf(&b, "// nfcFirstProp is the first code point with a property other than\n// a starter's that is always in NFC.\nconst nfcFirstProp = 0x%04X\n\n", first)

	b.WriteString("// nfcRanges holds ranges of code points with equal properties, sorted:\n// first<<11 | (last-first). nfcProps holds their properties:\n// ccc | quickCheck<<8 | leadingNonStarters<<10 | trailingNonStarters<<12.\n")
	ranges := make([]uint64, len(spans))
	propv := make([]uint64, len(spans))
	for i, s := range spans {
		ranges[i] = uint64(s.lo)<<11 | uint64(s.hi-s.lo)
		propv[i] = uint64(s.p.pack())
	}
	writeArray(&b, "nfcRanges", "uint32", ranges, 8)
	writeArray(&b, "nfcProps", "uint16", propv, 10)

	var keys []rune
	for r := range decomp {
		keys = append(keys, r)
	}
	slices.Sort(keys)
	var data strings.Builder
	k64 := make([]uint64, len(keys))
	offs := make([]uint64, 0, len(keys)+1)
	for i, r := range keys {
		k64[i] = uint64(r)
		offs = append(offs, uint64(data.Len()))
		data.WriteString(string(decomp[r]))
	}
	offs = append(offs, uint64(data.Len()))
	b.WriteString("\n// nfcDecompKeys are the code points with a canonical decomposition\n// (Hangul syllables aside), sorted; the full decomposition of the i-th is\n// nfcDecompData[nfcDecompOffsets[i]:nfcDecompOffsets[i+1]], in UTF-8.\n")
	writeArray(&b, "nfcDecompKeys", "uint32", k64, 8)
	writeArray(&b, "nfcDecompOffsets", "uint16", offs, 10)
	fmt.Fprintf(&b, "\nconst nfcDecompData = %+q\n", data.String())

	b.WriteString("\n// nfcCompositions are the primary compositions, sorted:\n// first<<42 | second<<21 | composite.\n")
	comps := make([]uint64, len(pairs))
	for i, p := range pairs {
		comps[i] = uint64(p.a)<<42 | uint64(p.c)<<21 | uint64(p.p)
	}
	writeArray(&b, "nfcCompositions", "uint64", comps, 4)

	src, err := format.Source(b.Bytes())
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d property ranges, %d decompositions (%d bytes), %d compositions", len(spans), len(keys), data.Len(), len(pairs))
}

// checkStreamSafe checks the non-starter counts against where norm.NFC
// inserts U+034F: after a rune r with n trailing non-starters, 31-n more
// marks overflow; before a rune with n leading ones, 31-n marks do.
func checkStreamSafe(prop []props) {
	const mark = "\u0316" // ccc 220, composes with nothing
	for r := rune(0); r <= maxRune; r++ {
		if !utf8.ValidRune(r) || r == cgj {
			continue
		}
		want := prop[r]
		if r >= hangulFirst && r <= hangulLast {
			want.trail = 2
			if (r-hangulFirst)%28 == 0 {
				want.trail = 1
			}
		}
		var lead, trail uint8
		for k := 30; k >= 28; k-- {
			marks := strings.Repeat(mark, k)
			if strings.Count(norm.NFC.String("a"+marks+string(r)), "\u034F") > 0 {
				lead++
			}
			if strings.Count(norm.NFC.String(string(r)+marks), "\u034F") > 0 {
				trail++
			}
		}
		if lead != want.lead || trail != want.trail {
			log.Fatalf("%U: non-starters (%d, %d), norm.NFC behaves as (%d, %d)", r, want.lead, want.trail, lead, trail)
		}
	}
}

func writeArray(b *bytes.Buffer, name, typ string, v []uint64, perLine int) {
	fmt.Fprintf(b, "var %s = [...]%s{", name, typ)
	for i, x := range v {
		if i%perLine == 0 {
			b.WriteString("\n\t")
		} else {
			b.WriteByte(' ')
		}
		fmt.Fprintf(b, "0x%X,", x)
	}
	b.WriteString("\n}\n")
}
