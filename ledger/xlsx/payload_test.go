package xlsx_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"wardledger/ledger"
	"wardledger/ledger/xlsx"
)

// handLedger is one ward with a few entries whose texts are awkward for
// XML (line breaks, tabs, quotes, a control character) and a reversal.
func handLedger(t testing.TB) (ledger.Ledger, *ledger.Entry) {
	t.Helper()
	db := mustLedger(t, ledger.Unit{Code: "1000001", Name: "UBND quận \"Thử\"", Chapter: "599"},
		ledger.Unit{Code: "1000002", Name: "UBND phường Một", Chapter: "599"})
	ctx := t.Context()
	mk := func(kind ledger.EntryKind, tm string, amount ledger.Money, doc, date, memo string) *ledger.Entry {
		return &ledger.Entry{Unit: "1000002", Period: h1, Kind: kind, Nature: ledger.TX, Khoan: "341", TieuMuc: tm,
			Amount: amount, Doc: doc, Date: mustDate(t, date), Memo: memo}
	}
	spend := mk(ledger.EntrySpending, "6001", 12_345_678, "PC 01", "2026-02-10", "Lương tháng 2\r\ndòng hai\ttab \"ngoặc\" \x01 hết ")
	es := []*ledger.Entry{
		mk(ledger.EntryAllocation, "", 500_000_000, "12/QĐ-UBND", "2025-12-20", "Giao dự toán"),
		mk(ledger.EntryWithdrawal, "", 100_000_000, "C2-02a/1", "2026-01-05", ""),
		spend,
		mk(ledger.EntrySpending, "6501", 1_000_000, " PC 02", "2026-03-01", "  tiền điện  "),
	}
	if err := db.AddEntries(ctx, es, ledger.BatchSource{Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ReverseEntry(ctx, spend.ID, "ghi nhầm"); err != nil {
		t.Fatal(err)
	}
	return db, spend
}

func mustDate(t testing.TB, s string) ledger.Date {
	t.Helper()
	d, err := ledger.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestPayloadRoundTrip(t *testing.T) {
	db, spend := handLedger(t)
	f, path := mustExport(t, db, xlsx.Request{Kind: xlsx.Settlement, Unit: "1000002", Period: h1, AppVersion: "test-1.2"})
	p, err := xlsx.ReadPayloadFile(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Format != xlsx.FormatVersion || p.AppVersion != "test-1.2" || p.Kind != xlsx.Settlement || p.Period != h1 ||
		p.Unit.Code != "1000002" || p.Unit.Name != "UBND phường Một" || p.Superior.Name != "UBND quận \"Thử\"" ||
		p.Status != ledger.PeriodOpen || !p.ExportedAt.Equal(fixedNow()) {
		t.Errorf("payload header %+v", p)
	}
	want, err := db.Entries(t.Context(), ledger.EntryFilter{Unit: "1000002", Period: h1})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Entries) != len(want) {
		t.Fatalf("payload has %d entries, ledger %d", len(p.Entries), len(want))
	}
	for i, e := range want {
		if got := p.Entries[i]; !sameEntry(got, e) {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, got, e)
		}
	}
	if p.Checksum != p.Sum() || len(p.Checksum) != 64 {
		t.Errorf("checksum %q, recomputed %q", p.Checksum, p.Sum())
	}

	// The register links the reversal and what it reverses.
	g := readGrid(t, f, xlsx.SheetRegister)
	var links []string
	for _, r := range g {
		if len(r) > 9 && r[9] != "" && r[0] != "STT" {
			links = append(links, r[9])
		}
	}
	if len(links) != 2 || !strings.HasPrefix(links[0], "Đã bị đảo ngày") ||
		links[1] != "Đảo bút toán số "+spend.Doc+" ngày "+spend.Date.VN() {
		t.Errorf("reversal links %q", links)
	}
}

// sameEntry compares what an entry carries between ledgers.
func sameEntry(a, b *ledger.Entry) bool {
	return a.ID == b.ID && a.Unit == b.Unit && a.Period == b.Period && a.Kind == b.Kind && a.Nature == b.Nature &&
		a.Khoan == b.Khoan && a.TieuMuc == b.TieuMuc && a.Amount == b.Amount && a.Doc == b.Doc && a.Date == b.Date &&
		a.Memo == b.Memo && a.Reverses == b.Reverses && a.Origin == b.Origin
}

func TestChecksumCoversEveryField(t *testing.T) {
	db, _ := handLedger(t)
	_, path := mustExport(t, db, xlsx.Request{Kind: xlsx.Settlement, Unit: "1000002", Period: h1})
	p, err := xlsx.ReadPayloadFile(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	base := p.Sum()
	changes := map[string]func(e *ledger.Entry){
		"id":       func(e *ledger.Entry) { e.ID = ledger.NewID(fixedNow()) },
		"unit":     func(e *ledger.Entry) { e.Unit = "1000003" },
		"period":   func(e *ledger.Entry) { e.Period = h2 },
		"kind":     func(e *ledger.Entry) { e.Kind = ledger.EntryReturned },
		"nature":   func(e *ledger.Entry) { e.Nature = ledger.KTX },
		"khoan":    func(e *ledger.Entry) { e.Khoan = "161" },
		"tieu_muc": func(e *ledger.Entry) { e.TieuMuc = "6003" },
		"amount":   func(e *ledger.Entry) { e.Amount++ },
		"doc":      func(e *ledger.Entry) { e.Doc += " " },
		"date": func(e *ledger.Entry) {
			if d := mustDate(t, "2026-06-29"); e.Date != d {
				e.Date = d
			} else {
				e.Date = mustDate(t, "2026-06-28")
			}
		},
		"memo":     func(e *ledger.Entry) { e.Memo += "." },
		"reverses": func(e *ledger.Entry) { e.Reverses = ledger.NewID(fixedNow()) },
		"origin":   func(e *ledger.Entry) { e.Origin = "import" },
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

func TestTamperedWorkbookRefused(t *testing.T) {
	db, _ := handLedger(t)
	f, _ := mustExport(t, db, xlsx.Request{Kind: xlsx.Settlement, Unit: "1000002", Period: h1})
	rows, err := f.GetRows(xlsx.PayloadSheet, raw)
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		if row[0] == "entry" {
			cell, _ := excelize.CoordinatesToCellName(9, r+1) // the amount
			if err := f.SetCellValue(xlsx.PayloadSheet, cell, "1"); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, err = xlsx.ReadPayload(t.Context(), &buf)
	if ledger.ErrorKind(err) != ledger.KindInvalid || !strings.Contains(err.Error(), "SHA-256") {
		t.Fatalf("tampered payload: %v", err)
	}
}

func TestReadPayloadRefusesOtherFiles(t *testing.T) {
	plain := excelize.NewFile()
	var buf bytes.Buffer
	if err := plain.Write(&buf); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"not a zip":       []byte("hello, this is not a workbook"),
		"no payload":      buf.Bytes(),
		"empty":           nil,
		"truncated start": buf.Bytes()[:100],
	} {
		_, err := xlsx.ReadPayload(t.Context(), bytes.NewReader(data))
		if ledger.ErrorKind(err) != ledger.KindInvalid {
			t.Errorf("%s: %v, want an invalid-input error", name, err)
		}
	}
	_, err := xlsx.ReadPayloadFile(t.Context(), t.TempDir()+"/missing.xlsx")
	if ledger.ErrorKind(err) != ledger.KindNotFound {
		t.Errorf("missing file: %v", err)
	}
}

func TestPayloadRoundTripDemo(t *testing.T) {
	db := mustDemo(t, 2, 60)
	for _, p := range []ledger.Period{h1, h2} {
		_, path := mustExport(t, db, xlsx.Request{Kind: xlsx.Settlement, Unit: "1000003", Period: p, Now: func() time.Time {
			return time.Date(2026, 8, 20, 17, 0, 0, 0, time.FixedZone("ICT", 7*3600))
		}})
		got, err := xlsx.ReadPayloadFile(t.Context(), path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := db.Entries(t.Context(), ledger.EntryFilter{Unit: "1000003", Period: p})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Entries) != len(want) {
			t.Fatalf("%s: %d entries, want %d", p, len(got.Entries), len(want))
		}
		for i := range want {
			if !sameEntry(got.Entries[i], want[i]) {
				t.Fatalf("%s entry %d differs", p, i)
			}
		}
		wantStatus := map[ledger.Period]ledger.PeriodStatus{h1: ledger.PeriodClosed, h2: ledger.PeriodOpen}[p]
		if got.Status != wantStatus {
			t.Errorf("%s status %s, want %s", p, got.Status, wantStatus)
		}
		if got.ExportedAt.Hour() != 17 {
			t.Errorf("exported at %v: the time zone was lost", got.ExportedAt)
		}
	}
}

// FuzzReadPayload feeds damaged workbooks to the reader: it must refuse
// them or return a payload whose checksum holds, and never panic.
func FuzzReadPayload(f *testing.F) {
	db, _ := handLedger(f)
	var buf bytes.Buffer
	req := xlsx.Request{Kind: xlsx.Settlement, Unit: "1000002", Period: h1, Now: fixedNow}
	if err := xlsx.Write(f.Context(), db, req, &buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := xlsx.ReadPayload(t.Context(), bytes.NewReader(data))
		if err != nil {
			if ledger.ErrorKind(err) != ledger.KindInvalid {
				t.Fatalf("error of kind %v: %v", ledger.ErrorKind(err), err)
			}
			return
		}
		if p.Sum() != p.Checksum {
			t.Fatal("accepted a payload whose checksum does not hold")
		}
	})
}
