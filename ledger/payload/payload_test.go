package payload_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"wardledger/ledger"
	"wardledger/ledger/payload"
)

var h1 = ledger.MustPeriod("2026-H1")

// sample is a settlement's payload with entries whose texts are awkward
// (line breaks, tabs, quotes, spaces at the ends) and a reversal. Other
// control characters are refused by Entry.Validate.
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
		in := got.Incoming("QT.xlsx")
		if in.File != "QT.xlsx" || in.Checksum != got.Checksum || in.Unit != got.Unit || len(in.Entries) != len(got.Entries) {
			t.Errorf("incoming %+v", in)
		}
	}
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
		{"newer format", edit(func(r [][]string) [][]string { r[0][2] = "2"; return r }), "WardLedger mới hơn (định dạng dữ liệu 2"},
		{"format not first", edit(func(r [][]string) [][]string { r[0], r[1] = r[1], r[0]; return r }), "thiếu dòng định dạng"},
		{"a key twice", edit(func(r [][]string) [][]string { return append(r[:2], r[1:]...) }), "lặp lại"},
		{"an entry missing", edit(func(r [][]string) [][]string { i := find(r, "entry"); return append(r[:i], r[i+1:]...) }), "thiếu dòng"},
		{"a bad kind", edit(func(r [][]string) [][]string { r[find(r, "entry")][4] = "gift"; return r }), "hỏng ở dòng"},
		{"a bad amount", edit(func(r [][]string) [][]string { r[find(r, "entry")][8] = "1,5"; return r }), "hỏng ở dòng"},
		{"an unquoted memo", edit(func(r [][]string) [][]string { r[find(r, "entry")][11] = "x"; return r }), "diễn giải"},
		{"rows after the checksum", edit(func(r [][]string) [][]string { return append(r, []string{"meta", "x", "y"}) }), "sau mã kiểm tra"},
		{"no checksum", edit(func(r [][]string) [][]string { return r[:len(r)-1] }), "thiếu mã kiểm tra"},
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
