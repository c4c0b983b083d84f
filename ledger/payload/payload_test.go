package payload_test

import (
	"bytes"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"wardledger/ledger"
	"wardledger/ledger/payload"
)

var h1 = ledger.MustPeriod("2026-H1")

// testSigner signs the payloads of the tests.
var testSigner = mustSigner()

func mustSigner() *ledger.Signer {
	s, err := ledger.GenerateSigner()
	if err != nil {
		panic(err)
	}
	return s
}

// sample is a settlement's payload with entries whose texts are awkward
// (line breaks, tabs, quotes, spaces at the ends) and a reversal, the
// codes they use, signed. Other control characters are refused by
// Entry.Validate.
func sample() *payload.Payload {
	at := time.Date(2026, 8, 20, 17, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	mk := func(kind ledger.EntryKind, tm string, amount ledger.Money, doc string, d ledger.Date, memo string) *ledger.Entry {
		return &ledger.Entry{ID: ledger.NewID(at), Unit: "1000002", Period: h1, Kind: kind, Nature: ledger.TX, Khoan: "341",
			TieuMuc: tm, Amount: amount, Doc: doc, Date: d, Memo: memo}
	}
	spend := mk(ledger.EntrySpending, "6001", 12_345_678, "PC 01", ledger.NewDate(2026, 2, 10), "Lương tháng 2\r\ndòng hai\ttab \"ngoặc\" hết ")
	rev := spend.Reversal()
	rev.ID, rev.Doc, rev.Date, rev.Origin = ledger.NewID(at), spend.Doc, spend.Date, "import"
	return &payload.Payload{Format: payload.FormatVersion, AppVersion: "test \"1\"", Kind: ledger.WorkbookSettlement,
		Superior: ledger.Unit{Code: "1000001", Name: "UBND quận \"Thử\"", Chapter: "599", Superior: true},
		Unit:     ledger.Unit{Code: "1000002", Name: "UBND phường Một", Chapter: "599"},
		Period:   h1, Status: ledger.PeriodClosed, ExportedAt: at,
		Entries: []*ledger.Entry{
			mk(ledger.EntryAllocation, "", 500_000_000, "12/QĐ-UBND", ledger.NewDate(2025, 12, 20), "Giao dự toán"),
			spend, &rev,
		},
		Totals: []payload.UnitTotal{{Unit: "1000002", Total: ledger.Total{Khoan: "341", Nature: ledger.TX, Kind: ledger.EntryAllocation, Amount: 500_000_000}}},
		Codes: []ledger.Code{{Level: ledger.LevelLoai, Code: "340", Name: "Hoạt động \"quản lý\""},
			{Level: ledger.LevelKhoan, Code: "341", Name: "Quản lý nhà nước", Parent: "340", From: 2017, Until: 2025}},
		ChainHead: ledger.Hash{1, 2, 3},
		Signer:    testSigner,
	}
}

// rowsOf writes p as rows of strings, copied.
func rowsOf(p *payload.Payload) [][]string {
	var out [][]string
	p.Rows(func(r []string) { out = append(out, append([]string(nil), r...)) })
	return out
}

// read reads rows back.
func read(rows [][]string) (*payload.Payload, error) {
	rd := payload.NewReader()
	for i, r := range rows {
		if err := rd.Row(i+1, r); err != nil {
			return nil, err
		}
	}
	return rd.Finish()
}

func sameEntry(a, b *ledger.Entry) bool {
	return a.ID == b.ID && a.Unit == b.Unit && a.Period == b.Period && a.Kind == b.Kind && a.Nature == b.Nature &&
		a.Khoan == b.Khoan && a.TieuMuc == b.TieuMuc && a.Amount == b.Amount && a.Doc == b.Doc && a.Date == b.Date &&
		a.Memo == b.Memo && a.Reverses == b.Reverses && a.Origin == b.Origin
}

func TestRoundTrip(t *testing.T) {
	for _, kind := range []ledger.WorkbookKind{ledger.WorkbookSettlement, ledger.WorkbookReview} {
		p := sample()
		p.Kind = kind
		if kind == ledger.WorkbookReview {
			p.ReviewState, p.ReviewComment = ledger.ReviewFinished, "Nộp trả\ntrước 31/8"
			p.Approvals = []ledger.Approval{{Row: "18", Khoan: "341", Approved: 12_000_000, Reason: "xuất toán \"công tác phí\""}}
			p.Approved = []ledger.Approval{{Row: "09", Khoan: "341", Approved: 500_000_000}, {Row: "18", Khoan: "341", Approved: 12_000_000}}
			p.NoticeNumber, p.NoticeDate = "12/TB-TCKH", "20/03/2027"
		}
		rows := rowsOf(p)
		for _, r := range rows {
			if len(r) > payload.Columns {
				t.Fatalf("a row of %d columns, more than Columns (%d)", len(r), payload.Columns)
			}
		}
		got, err := read(rows)
		if err != nil {
			t.Fatal(err)
		}
		if got.Checksum != p.Checksum || len(p.Checksum) != 64 || got.Sum() != got.Checksum {
			t.Errorf("checksum %q, written %q", got.Checksum, p.Checksum)
		}
		if got.AppVersion != p.AppVersion || got.Kind != kind || got.Superior != p.Superior || got.Unit != p.Unit ||
			got.Period != h1 || got.Status != ledger.PeriodClosed || !got.ExportedAt.Equal(p.ExportedAt) || got.ExportedAt.Hour() != 17 {
			t.Errorf("header %+v", got)
		}
		for i := range p.Entries {
			if !sameEntry(got.Entries[i], p.Entries[i]) {
				t.Errorf("entry %d:\n got %+v\nwant %+v", i, got.Entries[i], p.Entries[i])
			}
		}
		if len(got.Totals) != 1 || got.Totals[0] != p.Totals[0] {
			t.Errorf("totals %+v", got.Totals)
		}
		if got.ReviewComment != p.ReviewComment || len(got.Approvals) != len(p.Approvals) || got.ReviewState != p.ReviewState {
			t.Errorf("review %q %+v", got.ReviewComment, got.Approvals)
		}
		if !got.Signed() || !bytes.Equal(got.SignerKey, testSigner.Public()) || got.ChainHead != p.ChainHead || !slices.Equal(got.Codes, p.Codes) {
			t.Errorf("signer %x, chain head %s, codes %+v", got.SignerKey, got.ChainHead, got.Codes)
		}
		in, err := got.Incoming("QT.xlsx", nil)
		if err != nil || in.File != "QT.xlsx" || in.Checksum != got.Checksum || in.Unit != got.Unit || len(in.Entries) != len(got.Entries) ||
			!bytes.Equal(in.Signer, testSigner.Public()) || len(in.Codes) != 2 {
			t.Errorf("incoming %+v %v", in, err)
		}
		if kind == ledger.WorkbookReview {
			n := in.Notice
			if n == nil || n.Draft || n.Number != "12/TB-TCKH" || len(n.Figures) != 2 || n.Figures[1].Reason != p.Approvals[0].Reason || n.Figures[0].Reason != "" {
				t.Errorf("notice %+v", n)
			}
		}
	}
}

// TestFormat1 reads a payload of the first format: unsigned, no codes.
func TestFormat1(t *testing.T) {
	p := sample()
	p.Format, p.Signer = 1, nil
	rows := rowsOf(p)
	for _, r := range rows {
		if r[0] == "code" || r[0] == "signature" || r[0] == "meta" && (r[1] == "signer_key" || r[1] == "chain_head") {
			t.Fatalf("format 1 writes %q", r)
		}
	}
	got, err := read(rows)
	if err != nil {
		t.Fatal(err)
	}
	if got.Signed() || got.SignerKey != nil || len(got.Codes) != 0 || len(got.Entries) != 3 {
		t.Errorf("format 1 read as %+v", got)
	}
}

// TestForgery: a payload edited after signing is refused, even with its
// checksum recomputed, unless it is signed again — and then by another
// key than the one its unit signs with, which the receiving ledger's
// pinned key refuses.
func TestForgery(t *testing.T) {
	p := sample()
	rows := rowsOf(p)
	at := func(rec string) int {
		for i, r := range rows {
			if r[0] == rec {
				return i
			}
		}
		t.Fatalf("no %s row", rec)
		return 0
	}
	// An amount edited, the checksum recomputed, the signature kept.
	p.Entries[0].Amount++
	forged := clone(rows)
	forged[at("entry")][8] = strconv.FormatInt(int64(p.Entries[0].Amount), 10)
	forged[at("sha256")][1] = p.Sum()
	if _, err := read(forged); err == nil || !strings.Contains(err.Error(), "chữ ký số không khớp") {
		t.Errorf("edited, checksum recomputed: %v", err)
	}
	// Signed again by another key in the name of the same signer.
	other := mustSigner()
	forged[len(forged)-1][1] = hex.EncodeToString(other.Sign(payload.SigningMessage(p.Sum())))
	if _, err := read(forged); err == nil || !strings.Contains(err.Error(), "chữ ký số không khớp") {
		t.Errorf("re-signed with another key: %v", err)
	}
	// Signed again by another key that names itself: the payload holds
	// together, and says who signed it.
	p.Signer = other
	got, err := read(rowsOf(p))
	if err != nil || !bytes.Equal(got.SignerKey, other.Public()) {
		t.Errorf("signed by another key: %v", err)
	}
	for _, c := range []struct {
		name string
		edit func(r [][]string) [][]string
		says string
	}{
		{"no signature", func(r [][]string) [][]string { return r[:len(r)-1] }, "thiếu chữ ký số"},
		{"a signature of the wrong size", func(r [][]string) [][]string { r[len(r)-1][1] = "abcd"; return r }, "chữ ký số sai dạng"},
		{"a signature twice", func(r [][]string) [][]string { return append(r, r[len(r)-1]) }, "sau chữ ký số"},
		{"the signer's key missing", func(r [][]string) [][]string {
			i := at("meta")
			for r[i][1] != "signer_key" {
				i++
			}
			return append(r[:i], r[i+1:]...)
		}, "thiếu"},
	} {
		if _, err := read(c.edit(clone(rows))); err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want %q", c.name, err, c.says)
		}
	}
}

func clone(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = append([]string(nil), r...)
	}
	return out
}

func TestChecksumCoversEveryField(t *testing.T) {
	p := sample()
	base := p.Sum()
	changes := map[string]func(e *ledger.Entry){
		"id":       func(e *ledger.Entry) { e.ID = ledger.NewID(time.Now()) },
		"unit":     func(e *ledger.Entry) { e.Unit = "1000003" },
		"period":   func(e *ledger.Entry) { e.Period = h1.Next() },
		"kind":     func(e *ledger.Entry) { e.Kind = ledger.EntryReturned },
		"nature":   func(e *ledger.Entry) { e.Nature = ledger.KTX },
		"khoan":    func(e *ledger.Entry) { e.Khoan = "161" },
		"tieu_muc": func(e *ledger.Entry) { e.TieuMuc = "6003" },
		"amount":   func(e *ledger.Entry) { e.Amount++ },
		"doc":      func(e *ledger.Entry) { e.Doc += " " },
		"date":     func(e *ledger.Entry) { e.Date = ledger.NewDate(2026, 6, 29) },
		"memo":     func(e *ledger.Entry) { e.Memo += "." },
		"reverses": func(e *ledger.Entry) { e.Reverses = ledger.NewID(time.Now()) },
		"origin":   func(e *ledger.Entry) { e.Origin = "demo" },
	}
	for i := range p.Entries {
		for field, change := range changes {
			saved := *p.Entries[i]
			change(p.Entries[i])
			if p.Sum() == base {
				t.Errorf("changing %s of entry %d keeps the checksum", field, i)
			}
			*p.Entries[i] = saved
		}
	}
	if p.Sum() != base {
		t.Fatal("restoring the entries did not restore the checksum")
	}
	p.Entries = p.Entries[1:]
	if p.Sum() == base {
		t.Error("dropping an entry keeps the checksum")
	}
}

func TestRefusals(t *testing.T) {
	good := rowsOf(sample())
	edit := func(fn func(rows [][]string) [][]string) [][]string {
		rows := make([][]string, len(good))
		for i, r := range good {
			rows[i] = append([]string(nil), r...)
		}
		return fn(rows)
	}
	find := func(rows [][]string, rec string) int {
		for i, r := range rows {
			if r[0] == rec {
				return i
			}
		}
		t.Fatalf("no %s row", rec)
		return 0
	}
	many := [][]string{good[0]}
	for range payload.MaxRows {
		many = append(many, []string{"#entry"})
	}
	for _, c := range []struct {
		name string
		rows [][]string
		says string
	}{
		{"amount changed", edit(func(r [][]string) [][]string { r[find(r, "entry")][8] = "1"; return r }), "SHA-256"},
		{"newer format", edit(func(r [][]string) [][]string { r[0][2] = "3"; return r }), "WardLedger mới hơn (định dạng dữ liệu 3"},
		{"format not first", edit(func(r [][]string) [][]string { r[0], r[1] = r[1], r[0]; return r }), "thiếu dòng định dạng"},
		{"a key twice", edit(func(r [][]string) [][]string { return append(r[:2], r[1:]...) }), "lặp lại"},
		{"an entry missing", edit(func(r [][]string) [][]string { i := find(r, "entry"); return append(r[:i], r[i+1:]...) }), "thiếu dòng"},
		{"a bad kind", edit(func(r [][]string) [][]string { r[find(r, "entry")][4] = "gift"; return r }), "hỏng ở dòng"},
		{"a bad amount", edit(func(r [][]string) [][]string { r[find(r, "entry")][8] = "1,5"; return r }), "hỏng ở dòng"},
		{"an unquoted memo", edit(func(r [][]string) [][]string { r[find(r, "entry")][11] = "x"; return r }), "diễn giải"},
		{"rows after the signature", edit(func(r [][]string) [][]string { return append(r, []string{"meta", "x", "y"}) }), "sau chữ ký số"},
		{"rows after the checksum", edit(func(r [][]string) [][]string { r[len(r)-1] = []string{"meta", "x", "y"}; return r }), "sau mã kiểm tra"},
		{"no checksum", edit(func(r [][]string) [][]string { return r[:len(r)-2] }), "thiếu mã kiểm tra"},
		{"a code twice", edit(func(r [][]string) [][]string { i := find(r, "code"); return append(r[:i+1], r[i:]...) }), "lặp lại"},
		{"a bad code", edit(func(r [][]string) [][]string { r[find(r, "code")][2] = "34"; return r }), "hỏng ở dòng"},
		{"an unknown record", edit(func(r [][]string) [][]string { r[find(r, "entry")][0] = "gift"; return r }), "lạ"},
		{"too many rows", many, "quá " + strconv.Itoa(payload.MaxRows) + " dòng"},
	} {
		_, err := read(c.rows)
		if ledger.ErrorKind(err) != ledger.KindInvalid || err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want a refusal saying %q", c.name, err, c.says)
		}
	}
	// Empty rows are skipped, wherever they are.
	rows := append([][]string{nil}, good...)
	if _, err := read(append(rows, nil)); err != nil {
		t.Errorf("blank rows: %v", err)
	}
}
