package xlsxread

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"wardledger/ledger"
)

// ourTokens tokenizes data with xscan: start tags with their attributes,
// end tags and texts, one string each; the declaration is skipped.
func ourTokens(data []byte) ([]string, error) {
	x := newScan(bytes.NewReader(data), "fuzz")
	var out []string
	for {
		tok, err := x.next()
		if err != nil {
			return nil, err
		}
		switch tok {
		case tokEOF:
			return out, nil
		case tokStart:
			s := "<" + string(x.name)
			for _, a := range x.attrs {
				s += fmt.Sprintf(" %s=%q", a.name, a.value)
			}
			out = append(out, s+">")
		case tokEnd:
			out = append(out, "</"+string(x.name)+">")
		case tokText:
			out = append(out, "text "+string(x.text))
		}
	}
}

// stdTokens tokenizes data with encoding/xml, strict, as ourTokens does:
// local names; processing instructions (the declaration) left out.
func stdTokens(data []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			s := "<" + t.Name.Local
			for _, a := range t.Attr {
				s += fmt.Sprintf(" %s=%q", a.Name.Local, a.Value)
			}
			out = append(out, s+">")
		case xml.EndElement:
			out = append(out, "</"+t.Name.Local+">")
		case xml.CharData:
			text := string(t)
			if len(out) == 0 {
				text = strings.TrimPrefix(text, "\uFEFF") // a byte order mark
			}
			out = append(out, "text "+text)
		}
	}
}

// FuzzWellFormed holds the scanner to encoding/xml: whatever it accepts,
// encoding/xml (strict) accepts too and reads as the same tokens — names,
// attributes, text after entities and line ends. It refuses more than
// encoding/xml (comments, CDATA, DTDs, processing instructions, non-ASCII
// names, deep nesting, long tokens) and two things encoding/xml lets
// through: an attribute twice on one tag, and a character reference to an
// unpaired surrogate. Every refusal is a refusal of the file.
//
//	go test -run '^$' -fuzz FuzzWellFormed -fuzztime 120s ./ledger/xlsxread/
func FuzzWellFormed(f *testing.F) {
	for _, s := range []string{
		sheetSeed,
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<a:w xmlns:a="urn:x" b='1'><a:r>x&amp;y&#x41;&#10;` + "\r\n" + `z</a:r><c/></a:w>`,
		`<a x="1" x="2"/>`, `<a><b></a></b>`, `<a>]]></a>`, "<a>\x01</a>", `<a>&#1;</a>`, `<a>&#xD800;</a>`,
		`<a x="&lt;&#13;"/>`, "<a>\r</a>", `<?xml version="1.1"?><a/>`, `<a b="1"c="2"/>`, `<:a/>`, `<a:/>`, `<a:b:c/>`,
		"\uFEFF<a/>", `<a/><b/>text`, `<a xmlns="urn:d" xmlns:p="urn:p" p:x="1" x="2"/>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ours, err := ourTokens(data)
		if err != nil {
			var le *ledger.Error
			if !errors.As(err, &le) || le.Kind != ledger.KindInvalid {
				t.Fatalf("not a refusal of the file: %#v", err)
			}
			return
		}
		std, err := stdTokens(data)
		if err != nil {
			t.Fatalf("xscan accepts what encoding/xml refuses (%v):\n%q", err, data)
		}
		if !slices.Equal(ours, std) {
			t.Fatalf("tokens differ on %q:\nxscan        %q\nencoding/xml %q", data, ours, std)
		}
	})
}

const sheetSeed = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
	`<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2"/></row>` +
	`<row r="3"><c r="B3"><v>1250000000</v></c><c r="C3"><f>B3*2</f><v>2.5E9</v></c>` +
	`<c r="AA3" t="inlineStr"><is><r><t>dòng&#10;hai &amp; </t></r><r><t>ba</t></r></is></c></row></sheetData></worksheet>`

// TestWellFormedRefusals: what encoding/xml lets through but XML forbids is
// refused by the scanner.
func TestWellFormedRefusals(t *testing.T) {
	for _, s := range []string{`<a x="1" x="2"/>`, `<a>&#xD800;</a>`} {
		if _, err := stdTokens([]byte(s)); err != nil {
			t.Errorf("encoding/xml refuses %q now: %v", s, err)
		}
		if _, err := ourTokens([]byte(s)); err == nil {
			t.Errorf("xscan accepts %q", s)
		}
	}
}
