package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func yearReport(t *testing.T, db, period string, args ...string) settlement {
	t.Helper()
	var s settlement
	out := ok(t, db, append([]string{"report", "settlement", "--period", period, "--format", "json"}, args...)...)
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("report json: %v\n%s", err, out)
	}
	return s
}

func addEntry(t *testing.T, db, unit, period, kind, nature, tm, amount, date string) {
	t.Helper()
	args := []string{"entry", "add", "--unit", unit, "--period", period, "--kind", kind, "--nature", nature,
		"--khoan", "341", "--amount", amount, "--doc", "CT", "--date", date}
	if tm != "" {
		args = append(args, "--tieu-muc", tm)
	}
	ok(t, db, args...)
}

// TestYearOfHalves: on a ledger kept by half-years (the default), the year
// is reported from its halves, for a unit and for all; closing it is
// refused with exit 2, and nothing changes.
func TestYearOfHalves(t *testing.T) {
	db := newLedger(t)
	addEntry(t, db, "1000002", "2026-H1", "allocation", "TX", "", "1.000.000", "2026-01-05")
	addEntry(t, db, "1000002", "2026-H1", "withdrawal", "TX", "", "700.000", "2026-01-06")
	addEntry(t, db, "1000002", "2026-H1", "spending", "TX", "6001", "500.000", "2026-02-06")
	ok(t, db, "period", "close", "--unit", "1000002", "--period", "2026-H1", "--carry-received", "341:TX:150.000", "--carry-estimate", "341:TX:300.000")
	addEntry(t, db, "1000002", "2026-H2", "withdrawal", "TX", "", "200.000", "2026-07-06")
	addEntry(t, db, "1000002", "2026-H2", "spending", "TX", "6501", "250.000", "2026-08-06")
	addEntry(t, db, "1000003", "2026-H2", "allocation", "KTX", "", "80.000", "2026-07-05")
	y := yearReport(t, db, "2026", "--unit", "1000002")
	// H1 leaves 50.000 to return and cancels nothing; H2 brings 150.000
	// and 300.000 forward, leaves 100.000 to return and 100.000 cancelled.
	want := map[string]int64{"01": 0, "03": 0, "09": 1_000_000, "15": 900_000, "18": 750_000, "23": 150_000, "24": 100_000,
		"29": 0, "31": 0, "11": 1_000_000}
	for code, v := range want {
		if y.Rows[code] != v || y.Khoan["341"][code] != v {
			t.Errorf("year row %s = %d (Khoản 341: %d), want %d", code, y.Rows[code], y.Khoan["341"][code], v)
		}
	}
	if y.Period != "2026" || y.Rows["11"] != y.Rows["17"]+y.Rows["20"]+y.Rows["29"] {
		t.Errorf("period %q, 11=%d 17+20+29=%d", y.Period, y.Rows["11"], y.Rows["17"]+y.Rows["20"]+y.Rows["29"])
	}
	all := yearReport(t, db, "2026", "--all")
	if all.Unit != "*" || all.Rows["10"] != 80_000 || all.Rows["09"] != 1_000_000 {
		t.Errorf("--all year: %q 09=%d 10=%d", all.Unit, all.Rows["09"], all.Rows["10"])
	}
	// The table says "năm", the half-year's "kỳ".
	table := ok(t, db, "report", "settlement", "--unit", "1000002", "--period", "2026")
	if !strings.Contains(table, "Dự toán được giao trong năm") || strings.Contains(table, "{") {
		t.Errorf("year table:\n%s", table)
	}
	if half := ok(t, db, "report", "settlement", "--unit", "1000002", "--period", "2026-H2"); !strings.Contains(half, "Dự toán được giao trong kỳ") {
		t.Errorf("half-year table:\n%s", half)
	}
	list := ok(t, db, "entry", "list", "--unit", "1000002", "--period", "2026", "--format", "csv")
	if n := strings.Count(list, "\n"); n != 1+3+2+2+2 { // header, H1's three and two carry-outs, H2's two carry-ins and two
		t.Errorf("the year's entries: %d lines\n%s", n, list)
	}
	_, errOut, code := wardctl(t, db, "period", "close", "--unit", "1000002", "--period", "2026")
	if code != 2 || !strings.Contains(errOut, "không khóa sổ cả năm") {
		t.Errorf("closing a year on a half-year ledger: exit %d %s", code, errOut)
	}
	_, errOut, code = wardctl(t, db, entryArgsPeriod("2026")...)
	if code != 2 || !strings.Contains(errOut, "2026-H1") {
		t.Errorf("a year entry on a half-year ledger: exit %d %s", code, errOut)
	}
}

func entryArgsPeriod(p string) []string {
	return []string{"entry", "add", "--unit", "1000002", "--period", p, "--kind", "allocation", "--nature", "TX",
		"--khoan", "341", "--amount", "1", "--doc", "X", "--date", "2026-03-01"}
}

// TestYearLedger: a ledger made with --periods year keeps whole years:
// entries, report, close into the next year, reopen; half-years refused.
func TestYearLedgerCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "nam.db")
	ok(t, db, "init", "--superior-code", "1000001", "--superior-name", "UBND phường Hà Đông", "--periods", "year")
	ok(t, db, "unit", "add", "--code", "1000002", "--name", "Trường mầm non Hoa Sen")
	ok(t, db, "unit", "add", "--code", "1000003", "--name", "Trạm y tế", "--periods", "half")
	units := ok(t, db, "unit", "list", "--format", "csv")
	if !strings.Contains(units, "1000002,Trường mầm non Hoa Sen,599,subordinate,year") || !strings.Contains(units, "1000003,Trạm y tế,599,subordinate,half") {
		t.Errorf("unit list:\n%s", units)
	}
	addEntry(t, db, "1000002", "2026", "allocation", "TX", "", "1.000.000", "2026-01-05")
	addEntry(t, db, "1000002", "2026", "withdrawal", "TX", "", "900.000", "2026-03-06")
	addEntry(t, db, "1000002", "2026", "spending", "TX", "6001", "600.000", "2026-11-06")
	_, errOut, code := wardctl(t, db, entryArgsPeriod("2026-H1")...)
	if code != 2 || !strings.Contains(errOut, "theo cả năm") {
		t.Errorf("a half-year entry on a year ledger: exit %d %s", code, errOut)
	}
	_, errOut, code = wardctl(t, db, "period", "close", "--unit", "1000002", "--period", "2026-H2")
	if code != 2 || !strings.Contains(errOut, "không có kỳ 6 tháng") {
		t.Errorf("closing a half-year on a year ledger: exit %d %s", code, errOut)
	}
	if out := ok(t, db, "period", "close", "--unit", "1000002", "--period", "2026", "--carry-received", "341:TX:300.000"); !strings.Contains(out, "năm 2026") {
		t.Errorf("close printed %q", out)
	}
	y := yearReport(t, db, "2026", "--unit", "1000002")
	if y.Rows["31"] != 300_000 || y.Rows["24"] != 100_000 || y.Rows["23"] != 0 {
		t.Errorf("closed year: 31=%d 24=%d 23=%d", y.Rows["31"], y.Rows["24"], y.Rows["23"])
	}
	if next := yearReport(t, db, "2027", "--unit", "1000002"); next.Rows["03"] != 300_000 {
		t.Errorf("2027 brought forward %d", next.Rows["03"])
	}
	_, errOut, code = wardctl(t, db, "entry", "add", "--unit", "1000002", "--period", "2026", "--kind", "returned", "--nature", "TX",
		"--khoan", "341", "--amount", "1", "--doc", "X", "--date", "2026-12-01")
	if code != 5 {
		t.Errorf("entry in a closed year: exit %d %s", code, errOut)
	}
	ok(t, db, "period", "reopen", "--unit", "1000002", "--period", "2026", "--reason", "khai lại")
	ok(t, db, "unit", "update", "--code", "1000003", "--periods", "year")
	if units := ok(t, db, "unit", "list", "--format", "csv"); !strings.Contains(units, "1000003,Trạm y tế,599,subordinate,year") {
		t.Errorf("unit update:\n%s", units)
	}
	if out := ok(t, db, "check"); strings.TrimSpace(out) != "ok" {
		t.Errorf("check: %s", out)
	}
	_, errOut, code = wardctl(t, filepath.Join(t.TempDir(), "x.db"), "init", "--superior-code", "1000001", "--superior-name", "X", "--periods", "quarter")
	if code != 2 || !strings.Contains(errOut, "year") {
		t.Errorf("init --periods quarter: exit %d %s", code, errOut)
	}
}
