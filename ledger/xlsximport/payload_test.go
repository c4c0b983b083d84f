package xlsximport_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"wardledger/ledger"
	"wardledger/ledger/payload"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsx/xlsxtest"
	"wardledger/ledger/xlsximport"
)

func TestPayloadRoundTrip(t *testing.T) {
	db, _ := xlsxtest.HandLedger(t)
	path := xlsxtest.ExportTo(t, db, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: "1000002", Period: h1, AppVersion: "test-1.2"}, t.TempDir())
	p, err := xlsximport.ReadPayloadFile(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Format != payload.FormatVersion || p.AppVersion != "test-1.2" || p.Kind != ledger.WorkbookSettlement || p.Period != h1 ||
		p.Unit.Code != "1000002" || p.Unit.Name != "UBND phường Một" || p.Superior.Name != "UBND quận \"Thử\"" ||
		p.Status != ledger.PeriodOpen || !p.ExportedAt.Equal(xlsxtest.FixedNow()) {
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
}

// sameEntry compares what an entry carries between ledgers.
func sameEntry(a, b *ledger.Entry) bool {
	return a.ID == b.ID && a.Unit == b.Unit && a.Period == b.Period && a.Kind == b.Kind && a.Nature == b.Nature &&
		a.Khoan == b.Khoan && a.TieuMuc == b.TieuMuc && a.Amount == b.Amount && a.Doc == b.Doc && a.Date == b.Date &&
		a.Memo == b.Memo && a.Reverses == b.Reverses && a.Origin == b.Origin
}

func TestTamperedWorkbookRefused(t *testing.T) {
	db, _ := xlsxtest.HandLedger(t)
	f, _ := xlsxtest.Export(t, db, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: "1000002", Period: h1})
	rows, err := f.GetRows(xlsx.PayloadSheet, xlsxtest.Raw)
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
	_, err = xlsximport.ReadPayload(t.Context(), &buf)
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
		_, err := xlsximport.ReadPayload(t.Context(), bytes.NewReader(data))
		if ledger.ErrorKind(err) != ledger.KindInvalid {
			t.Errorf("%s: %v, want an invalid-input error", name, err)
		}
	}
	_, err := xlsximport.ReadPayloadFile(t.Context(), t.TempDir()+"/missing.xlsx")
	if ledger.ErrorKind(err) != ledger.KindNotFound {
		t.Errorf("missing file: %v", err)
	}
}

func TestPayloadRoundTripDemo(t *testing.T) {
	db := xlsxtest.Demo(t, 2, 60)
	for _, p := range []ledger.Period{h1, h2} {
		_, path := xlsxtest.Export(t, db, xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: "1000003", Period: p, Now: func() time.Time {
			return time.Date(2026, 8, 20, 17, 0, 0, 0, time.FixedZone("ICT", 7*3600))
		}})
		got, err := xlsximport.ReadPayloadFile(t.Context(), path)
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
	db, _ := xlsxtest.HandLedger(f)
	var buf bytes.Buffer
	req := xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: "1000002", Period: h1, Now: xlsxtest.FixedNow}
	if err := xlsx.Write(f.Context(), db, req, &buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := xlsximport.ReadPayload(t.Context(), bytes.NewReader(data))
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
