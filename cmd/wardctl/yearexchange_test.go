package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestYearReviewLoop: the loop of a year through wardctl. A ward keeping
// its own ledger by half-years imports the district's annexes of both
// halves, closes them and sends its year (QT_1000002_2026.xlsx); the
// district imports it, reviews the year (approvals, participants, the
// notice's number), finishes and exports XD_1000002_2026.xlsx; the ward
// imports the notice into its year and exports the settlement re-made
// (--approved). The finished year locks the district's halves (exit 5)
// and refuses a workbook bringing new entries into it; the audit of the
// year shows the halves' rows; review show --format json gives the year.
func TestYearReviewLoop(t *testing.T) {
	dir := t.TempDir()
	quan, phuong := exchangeLedgers(t)

	for _, a := range []struct{ period, amount, date string }{{"2026-H1", "1.000.000.000", "20/12/2025"}, {"2026-H2", "300.000.000", "20/06/2026"}} {
		grid := filepath.Join(dir, "giao-"+a.period+".csv")
		must(t, os.WriteFile(grid, []byte("unit,khoan,nature,amount\n1000002,341,TX,"+a.amount+"\n"), 0o644))
		ok(t, quan, "allocate", "--period", a.period, "--doc", "QĐ-"+a.period, "--date", a.date, "--file", grid)
		annex := strings.TrimSpace(ok(t, quan, "export", "allocation", "--period", a.period, "--unit", "1000002", "--out", dir))
		ok(t, phuong, "import", "allocation", "--file", annex)
	}
	addEntry(t, phuong, "1000002", "2026-H1", "withdrawal", "TX", "", "700.000.000", "2026-01-10")
	addEntry(t, phuong, "1000002", "2026-H1", "spending", "TX", "6001", "600.000.000", "2026-02-10")
	ok(t, phuong, "period", "close", "--unit", "1000002", "--period", "2026-H1", "--carry-received", "341:TX:100.000.000", "--carry-estimate", "341:TX:300.000.000")
	addEntry(t, phuong, "1000002", "2026-H2", "withdrawal", "TX", "", "500.000.000", "2026-07-10")
	addEntry(t, phuong, "1000002", "2026-H2", "spending", "TX", "6001", "550.000.000", "2026-08-10")
	ok(t, phuong, "period", "close", "--unit", "1000002", "--period", "2026-H2")
	qt := strings.TrimSpace(ok(t, phuong, "export", "settlement", "--unit", "1000002", "--period", "2026", "--out", dir))
	if filepath.Base(qt) != "QT_1000002_2026.xlsx" {
		t.Fatalf("the year's settlement: %s", qt)
	}
	ok(t, quan, "import", "workbook", "--file", qt)
	if r, w := yearReport(t, quan, "2026", "--unit", "1000002"), yearReport(t, phuong, "2026", "--unit", "1000002"); r.Rows["18"] != 1_150_000_000 || r.Rows["18"] != w.Rows["18"] || r.Rows["09"] != w.Rows["09"] {
		t.Errorf("the year on the district: 18=%d 09=%d, the ward: 18=%d 09=%d", r.Rows["18"], r.Rows["09"], w.Rows["18"], w.Rows["09"])
	}

	// The district reviews the year.
	ok(t, quan, "review", "set", "--unit", "1000002", "--period", "2026", "--row", "18", "--khoan", "341", "--approved", "1.100.000.000", "--reason", "chi vượt định mức")
	ok(t, quan, "review", "set-info", "--unit", "1000002", "--period", "2026",
		"--participant", "Ông Trần Văn Hùng|Trưởng phòng Tài chính – Kế hoạch|xét duyệt",
		"--participant", "Ông Lê Quang Hùng|Chủ tịch UBND phường|được xét duyệt",
		"--notice-number", "125/TB-TCKH", "--notice-date", "20/02/2027", "--recipient", "Kho bạc Nhà nước khu vực I", "--place", "Hà Đông")
	var rv reviewJSON
	show := ok(t, quan, "review", "show", "--unit", "1000002", "--period", "2026", "--format", "json")
	if err := json.Unmarshal([]byte(show), &rv); err != nil {
		t.Fatalf("review show json: %v\n%s", err, show)
	}
	if rv.Period != "2026" || rv.Info.NoticeNumber != "125/TB-TCKH" || len(rv.Info.Participants) != 2 || !hasLine(rv, "18", 1_150_000_000, 1_100_000_000) {
		t.Errorf("the district's review of the year: %+v", rv)
	}
	ok(t, quan, "review", "finish", "--unit", "1000002", "--period", "2026")
	for _, p := range []string{"2026-H1", "2026-H2"} {
		_, stderr, code := wardctl(t, quan, "entry", "add", "--unit", "1000002", "--period", p, "--kind", "returned", "--nature", "TX",
			"--khoan", "341", "--amount", "1", "--doc", "X", "--date", map[string]string{"2026-H1": "2026-06-01", "2026-H2": "2026-12-01"}[p])
		if code != 5 || !strings.Contains(stderr, "duyệt xong") {
			t.Errorf("an entry in %s of the finished year: exit %d %s", p, code, stderr)
		}
	}
	xd := strings.TrimSpace(ok(t, quan, "export", "review", "--unit", "1000002", "--period", "2026", "--out", dir))
	if filepath.Base(xd) != "XD_1000002_2026.xlsx" {
		t.Fatalf("the year's review: %s", xd)
	}

	// The ward records the notice of its year and re-makes its B01.
	if out := ok(t, phuong, "import", "review", "--file", xd); !strings.Contains(out, "đã ghi thông báo xét duyệt") {
		t.Errorf("import review: %s", out)
	}
	rv = reviewJSON{}
	must(t, json.Unmarshal([]byte(ok(t, phuong, "review", "show", "--unit", "1000002", "--period", "2026", "--format", "json")), &rv))
	if rv.Period != "2026" || rv.State != "notice_received" || rv.Notice == nil || rv.Notice.Number != "125/TB-TCKH" || rv.Notice.Date != "20/02/2027" || !hasLine(rv, "18", 1_150_000_000, 1_100_000_000) {
		t.Errorf("the ward's review of its year: %s %+v %+v", rv.State, rv.Notice, rv.Findings)
	}
	remade := strings.TrimSpace(ok(t, phuong, "export", "settlement", "--unit", "1000002", "--period", "2026", "--approved", "--out", dir))
	if filepath.Base(remade) != "QT_1000002_2026_lap-lai.xlsx" {
		t.Errorf("the re-made year: %s", remade)
	}

	// A workbook with new entries for the finished year is refused, the
	// district unchanged; the same year again adds nothing.
	ok(t, phuong, "period", "reopen", "--unit", "1000002", "--period", "2026-H2", "--reason", "bổ sung chứng từ")
	addEntry(t, phuong, "1000002", "2026-H2", "returned", "TX", "", "1.000.000", "2026-12-20")
	late := strings.TrimSpace(ok(t, phuong, "export", "settlement", "--unit", "1000002", "--period", "2026", "--out", t.TempDir()))
	beforeAudit := ok(t, quan, "audit", "--format", "csv")
	if _, stderr, code := wardctl(t, quan, "import", "workbook", "--file", late); code != 5 || !strings.Contains(stderr, "duyệt xong") {
		t.Errorf("a new entry into the finished year: exit %d %s", code, stderr)
	}
	lateHalf := strings.TrimSpace(ok(t, phuong, "export", "settlement", "--unit", "1000002", "--period", "2026-H2", "--out", t.TempDir()))
	if _, stderr, code := wardctl(t, quan, "import", "workbook", "--file", lateHalf); code != 5 || !strings.Contains(stderr, "duyệt xong") {
		t.Errorf("a new entry into a half of the finished year: exit %d %s", code, stderr)
	}
	if ok(t, quan, "audit", "--format", "csv") != beforeAudit {
		t.Error("the refused import was audited or changed the ledger")
	}
	if out := ok(t, quan, "import", "workbook", "--file", qt); !strings.Contains(out, "không thêm gì") {
		t.Errorf("the same year again: %s", out)
	}

	// The audit of the year shows its halves' rows.
	var rows []auditJSON
	must(t, json.Unmarshal([]byte(ok(t, quan, "audit", "--period", "2026", "--format", "json")), &rows))
	periods := map[string]bool{}
	for _, r := range rows {
		periods[r.Period] = true
	}
	if !periods["2026"] || !periods["2026-H1"] || !periods["2026-H2"] || periods["2025-H2"] || periods["2027-H1"] {
		t.Errorf("the year's audit covers %v", periods)
	}
	rows = nil
	must(t, json.Unmarshal([]byte(ok(t, phuong, "audit", "--period", "2026", "--action", "period", "--format", "json")), &rows))
	if len(rows) != 3 { // close H1, close H2, reopen H2
		var got []string
		for _, r := range rows {
			got = append(got, r.Action+" "+r.Period)
		}
		t.Errorf("the ward's closings of the year: %q", got)
	}
	if out := ok(t, quan, "check"); strings.TrimSpace(out) != "ok" {
		t.Errorf("check: %s", out)
	}
}

func hasLine(rv reviewJSON, row string, reported, approved int64) bool {
	for _, l := range rv.Lines {
		if l.Row == row && l.Khoan == "341" {
			return l.Reported == reported && l.Approved == approved
		}
	}
	return false
}
