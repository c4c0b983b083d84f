package payload_test

import (
	"errors"
	"strings"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/payload"
)

// FuzzPayloadRows throws rows at the payload parser: lines of tab-separated
// cells, as a sheet's rows would come. It must refuse them as a damaged
// payload (a *ledger.Error of kind KindInvalid) or read a payload whose
// checksum (and, for format 2, signature) holds; never panic.
//
//	go test -run '^$' -fuzz FuzzPayloadRows -fuzztime 120s ./ledger/payload/
func FuzzPayloadRows(f *testing.F) {
	join := func(p *payload.Payload) string {
		var b strings.Builder
		p.Rows(func(r []string) { b.WriteString(strings.Join(r, "\t") + "\n") })
		return b.String()
	}
	f.Add(join(sample()))
	review := sample()
	review.Kind, review.ReviewState = ledger.WorkbookReview, ledger.ReviewFinished
	review.Approvals = []ledger.Approval{{Row: "18", Khoan: "341", Approved: 1, Reason: "x"}}
	review.Approved = []ledger.Approval{{Row: "18", Khoan: "341", Approved: 1}}
	f.Add(join(review))
	v1 := sample()
	v1.Format, v1.Signer = 1, nil
	f.Add(join(v1))
	f.Fuzz(func(t *testing.T, text string) {
		rd := payload.NewReader()
		var err error
		for i, line := range strings.Split(text, "\n") {
			var cols []string
			if line != "" {
				cols = strings.Split(line, "\t")
			}
			if err = rd.Row(i+1, cols); err != nil {
				break
			}
		}
		var p *payload.Payload
		if err == nil {
			p, err = rd.Finish()
		}
		if err != nil {
			var le *ledger.Error
			if !errors.As(err, &le) || le.Kind != ledger.KindInvalid {
				t.Fatalf("not a refusal of the payload: %#v", err)
			}
			return
		}
		if p.Sum() != p.Checksum {
			t.Fatalf("read a payload whose checksum does not hold")
		}
		if p.Format >= 2 && !p.Signed() {
			t.Fatalf("read a payload of format %d unsigned", p.Format)
		}
		if _, err := p.Incoming("fuzz.xlsx", nil); err != nil {
			t.Fatalf("incoming: %v", err)
		}
	})
}
