package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wardctl runs the command line in-process against db and returns stdout,
// stderr and the exit status main would give.
func wardctl(t *testing.T, db string, args ...string) (string, string, int) {
	t.Helper()
	return wardctlIn(t, db, strings.NewReader(""), args...)
}

// wardctlIn is wardctl with stdin.
func wardctlIn(t *testing.T, db string, stdin io.Reader, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	// --db goes after the command words, as a script writes it.
	err := run(context.Background(), append(args, "--db", db), stdin, &out, &errOut)
	code := 0
	if err != nil {
		errOut.WriteString("wardctl: " + err.Error() + "\n")
		code = exitCode(err)
	}
	return out.String(), errOut.String(), code
}

func ok(t *testing.T, db string, args ...string) string {
	t.Helper()
	out, errOut, code := wardctl(t, db, args...)
	if code != 0 {
		t.Fatalf("wardctl %v: exit %d: %s", args, code, errOut)
	}
	return out
}

func newLedger(t *testing.T) string {
	db := filepath.Join(t.TempDir(), "ledger.db")
	ok(t, db, "init", "--superior-code", "1000001", "--superior-name", "UBND quận Hà Đông", "--chapter", "599")
	ok(t, db, "unit", "add", "--code", "1000002", "--name", "UBND phường Quang Trung", "--chapter", "599")
	ok(t, db, "unit", "add", "--code", "1000003", "--name", "UBND phường Nguyễn Trãi")
	return db
}

func entryArgs(unit, kind, nature, tm, amount, date string) []string {
	args := []string{"entry", "add", "--unit", unit, "--period", "2026-H1", "--kind", kind, "--nature", nature,
		"--khoan", "341", "--amount", amount, "--doc", "123/QĐ-UBND", "--date", date, "--memo", "ghi chú"}
	if tm != "" {
		args = append(args, "--tieu-muc", tm)
	}
	return args
}

type settlement struct {
	Unit   string                      `json:"unit"`
	Period string                      `json:"period"`
	Rows   map[string]int64            `json:"rows"`
	Khoan  map[string]map[string]int64 `json:"khoan"`
}

func report(t *testing.T, db string, args ...string) settlement {
	t.Helper()
	var s settlement
	out := ok(t, db, append([]string{"report", "settlement", "--period", "2026-H1", "--format", "json"}, args...)...)
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("report json: %v\n%s", err, out)
	}
	return s
}

func TestWorkflow(t *testing.T) {
	db := newLedger(t)
	id := strings.TrimSpace(ok(t, db, entryArgs("1000002", "allocation", "TX", "", "1.250.000.000", "2026-01-05")...))
	if len(id) != 36 || strings.Contains(id, " ") {
		t.Fatalf("entry add printed %q, want the id alone", id)
	}
	ok(t, db, entryArgs("1000002", "withdrawal", "TX", "", "500.000.000", "05/01/2026")...)
	ok(t, db, entryArgs("1000002", "spending", "TX", "6001", "320.000.000", "06/01/2026")...)
	ok(t, db, entryArgs("1000003", "allocation", "KTX", "", "80.000.000", "2026-01-05")...)

	s := report(t, db, "--unit", "1000002")
	if s.Unit != "1000002" || s.Period != "2026-H1" || len(s.Rows) != 35 {
		t.Fatalf("report %+v", s)
	}
	want := map[string]int64{"09": 1_250_000_000, "15": 500_000_000, "18": 320_000_000, "23": 180_000_000, "24": 750_000_000, "11": 1_250_000_000}
	for code, v := range want {
		if s.Rows[code] != v || s.Khoan["341"][code] != v {
			t.Errorf("row %s = %d (Khoản 341: %d), want %d", code, s.Rows[code], s.Khoan["341"][code], v)
		}
	}
	all := report(t, db, "--all")
	if all.Unit != "*" || all.Rows["08"] != 1_330_000_000 || all.Rows["10"] != 80_000_000 {
		t.Errorf("--all: unit %q rows 08=%d 10=%d", all.Unit, all.Rows["08"], all.Rows["10"])
	}

	// Overdraw: refused, with the shortfall, non-zero exit, nothing written.
	_, errOut, code := wardctl(t, db, entryArgs("1000002", "withdrawal", "TX", "", "750.000.001", "2026-02-01")...)
	if code == 0 || !strings.Contains(errOut, "thiếu 1 đồng") {
		t.Errorf("overdraw: exit %d, %s", code, errOut)
	}
	var list []map[string]any
	must(t, json.Unmarshal([]byte(ok(t, db, "entry", "list", "--unit", "1000002", "--period", "2026-H1", "--format", "json")), &list))
	if len(list) != 3 {
		t.Fatalf("entry list has %d entries, want 3", len(list))
	}
	spend := list[2]["id"].(string)
	rev := strings.TrimSpace(ok(t, db, "entry", "reverse", spend, "--reason", "ghi nhầm"))
	if len(rev) != 36 {
		t.Errorf("reverse printed %q", rev)
	}
	if s := report(t, db, "--unit", "1000002"); s.Rows["18"] != 0 {
		t.Errorf("row 18 after reversal = %d", s.Rows["18"])
	}

	// Close with carry-overs; H2 opens with them; H1 refuses entries.
	ok(t, db, "period", "close", "--unit", "1000002", "--period", "2026-H1",
		"--carry-received", "341:TX:100.000.000", "--carry-estimate", "341:TX:700.000.000")
	var h2 settlement
	must(t, json.Unmarshal([]byte(ok(t, db, "report", "settlement", "--unit", "1000002", "--period", "2026-H2", "--format", "json")), &h2))
	if h2.Rows["03"] != 100_000_000 || h2.Rows["04"] != 700_000_000 {
		t.Errorf("2026-H2 carry-ins 03=%d 04=%d", h2.Rows["03"], h2.Rows["04"])
	}
	_, errOut, code = wardctl(t, db, entryArgs("1000002", "allocation", "TX", "", "1", "2026-01-05")...)
	if code != 5 || !strings.Contains(errOut, "khóa sổ") {
		t.Errorf("entry in closed period: exit %d, %s", code, errOut)
	}
	_, errOut, code = wardctl(t, db, "period", "reopen", "--unit", "1000002", "--period", "2026-H1")
	if code == 0 || !strings.Contains(errOut, "--reason") {
		t.Errorf("reopen without reason: exit %d, %s", code, errOut)
	}
	ok(t, db, "period", "reopen", "--unit", "1000002", "--period", "2026-H1", "--reason", "bổ sung chứng từ")
	ok(t, db, "backup", "--out", filepath.Join(t.TempDir(), "b.db"))
	if out := ok(t, db, "check"); strings.TrimSpace(out) != "ok" {
		t.Errorf("check: %s", out)
	}
}

func TestBadInput(t *testing.T) {
	db := newLedger(t)
	cases := []struct {
		args []string
		says string
	}{
		{entryArgs("1000002", "allocation", "TX", "", "1,5", "2026-01-05"), "dấu phẩy"},
		{entryArgs("1000002", "allocation", "TX", "", "12a", "2026-01-05"), "ký tự không hợp lệ"},
		{entryArgs("1000002", "allocation", "TX", "", "99.999.999.999.999.999.999", "2026-01-05"), "vượt giới hạn 1.000.000.000.000.000"},
		{entryArgs("1000002", "gift", "TX", "", "1", "2026-01-05"), "gift"},
		{entryArgs("1000002", "allocation", "XX", "", "1", "2026-01-05"), "XX"},
		{entryArgs("1000002", "allocation", "TX", "", "1", "31/02/2026"), "không có trên lịch"},
		{entryArgs("9999999", "allocation", "TX", "", "1", "2026-01-05"), "9999999"},
		{entryArgs("1000002", "spending", "TX", "", "1", "2026-01-05"), "Tiểu mục"},
		{[]string{"entry", "add", "--unit", "1000002"}, "thiếu --period"},
		{[]string{"report", "settlement", "--period", "2026-H1"}, "--unit CODE hoặc --all"},
		{[]string{"report", "settlement", "--unit", "1000002", "--period", "2026-H3"}, "2026-H3"},
		{[]string{"unit", "list", "--format", "xml"}, "xml"},
		{[]string{"unit", "add", "--code", "12", "--name", "x"}, "7 chữ số"},
		{[]string{"frobnicate"}, "lệnh không hợp lệ"},
		{[]string{"period", "close", "--unit", "1000002", "--period", "2026-H1", "--carry-received", "341-TX-5"}, "KHOAN:NATURE:AMOUNT"},
		{[]string{"entry", "import", "--file", "/nonexistent/x.csv"}, "không mở được"},
	}
	for _, c := range cases {
		_, errOut, code := wardctl(t, db, c.args...)
		if code == 0 || !strings.Contains(errOut, c.says) {
			t.Errorf("wardctl %v: exit %d, stderr %q; want non-zero saying %q", c.args, code, errOut, c.says)
		}
	}
	var units []map[string]any
	must(t, json.Unmarshal([]byte(ok(t, db, "unit", "list", "--format", "json")), &units))
	if len(units) != 3 || units[0]["superior"] != true {
		t.Errorf("units %v", units)
	}
}

func TestImportAllOrNothing(t *testing.T) {
	db := newLedger(t)
	// --db may also come first.
	var out bytes.Buffer
	if err := run(context.Background(), []string{"--db", db, "unit", "list", "--format", "csv"}, nil, &out, &out); err != nil || !strings.Contains(out.String(), "1000003") {
		t.Fatalf("leading --db: %v %s", err, out.String())
	}
	dir := t.TempDir()
	good := "\ufeffunit,period,kind,nature,khoan,tieu_muc,amount,doc,date,memo\n" +
		"1000002,2026-H1,spending,TX,341,6501,200.000,PC01,10/01/2026,tiền điện\n" +
		"1000002,2026-H1,allocation,TX,341,,1.000.000,12/QĐ-UBND,02/01/2026,giao dự toán\n" +
		"1000002,2026-H1,withdrawal,TX,341,,500.000,C2-02a/1,05/01/2026,\n"
	bad := good + "1000002,2026-H1,spending,TX,341,6501,400.000,PC02,20/01/2026,quá số đã rút\n"
	malformed := good + "1000002,2026-H1,spending,TX,341,6501,4x,PC03,20/01/2026,\n"
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	_, errOut, code := wardctl(t, db, "entry", "import", "--file", write("bad.csv", bad))
	if code == 0 || !strings.Contains(errOut, "dòng 5") || !strings.Contains(errOut, "thiếu 100.000 đồng") {
		t.Errorf("bad import: exit %d, %s", code, errOut)
	}
	_, errOut, code = wardctl(t, db, "entry", "import", "--file", write("malformed.csv", malformed))
	if code == 0 || !strings.Contains(errOut, "dòng 5") || !strings.Contains(errOut, "4x") {
		t.Errorf("malformed import: exit %d, %s", code, errOut)
	}
	if s := report(t, db, "--unit", "1000002"); s.Rows["08"] != 0 {
		t.Fatalf("a refused import wrote entries: row 08 = %d", s.Rows["08"])
	}
	ok(t, db, "entry", "import", "--file", write("good.csv", good))
	if s := report(t, db, "--unit", "1000002"); s.Rows["08"] != 1_000_000 || s.Rows["18"] != 200_000 {
		t.Errorf("after import 08=%d 18=%d", s.Rows["08"], s.Rows["18"])
	}
}

func TestDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	ok(t, db, "demo", "--wards", "3", "--years", "1", "--entries-per-half", "60")
	if out := ok(t, db, "check"); strings.TrimSpace(out) != "ok" {
		t.Fatalf("check after demo: %s", out)
	}
	var units []map[string]any
	must(t, json.Unmarshal([]byte(ok(t, db, "unit", "list", "--format", "json")), &units))
	if len(units) != 4 || units[1]["name"] != "UBND phường Quang Trung" {
		t.Errorf("demo units %v", units)
	}
	_, errOut, code := wardctl(t, db, "demo", "--wards", "3", "--years", "1")
	if code != 4 || !strings.Contains(errOut, "không tạo sổ mới đè lên tệp đã có") {
		t.Errorf("demo into a used ledger: exit %d %s", code, errOut)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// FuzzReadEntryCSV: the entry import parser never panics, and what it
// accepts is valid entries, one per data line.
func FuzzReadEntryCSV(f *testing.F) {
	f.Add("unit,period,kind,nature,khoan,tieu_muc,amount,doc,date,memo\n1000002,2026-H1,spending,TX,341,6501,200.000,PC01,10/01/2026,x\n")
	f.Add("unit,period,kind,nature,khoan,amount,doc,date\n1000002,2026-H1,allocation,TX,341,(5.000),QĐ,2026-01-02\n")
	f.Add("\"unit\nx")
	f.Fuzz(func(t *testing.T, body string) {
		entries, lines, _, err := readEntryCSV(strings.NewReader(body), stdinName)
		if err != nil {
			return
		}
		if len(entries) != len(lines) || len(entries) == 0 {
			t.Fatalf("%d entries, %d lines", len(entries), len(lines))
		}
		for _, e := range entries {
			if err := e.Validate(nil); err != nil {
				t.Fatalf("accepted an invalid entry: %v", err)
			}
		}
	})
}

func TestReviewCommands(t *testing.T) {
	db := newLedger(t)
	ok(t, db, entryArgs("1000002", "allocation", "TX", "", "1.000.000", "2026-01-05")...)
	ok(t, db, entryArgs("1000002", "withdrawal", "TX", "", "800.000", "2026-01-06")...)
	ok(t, db, entryArgs("1000002", "spending", "TX", "6001", "600.000", "2026-01-07")...)
	review := func() (r struct {
		State string `json:"state"`
		Lines []struct {
			Row                            string
			Khoan                          string
			Reported, Approved, Difference int64
			Reason                         string
		} `json:"lines"`
	}) {
		must(t, json.Unmarshal([]byte(ok(t, db, "review", "show", "--unit", "1000002", "--period", "2026-H1", "--format", "json")), &r))
		return r
	}
	if r := review(); r.State != "imported" || len(r.Lines) != 70 {
		t.Fatalf("fresh review: %s, %d lines", r.State, len(r.Lines))
	}
	_, errOut, code := wardctl(t, db, "review", "set", "--unit", "1000002", "--period", "2026-H1", "--row", "23", "--khoan", "341", "--approved", "5", "--reason", "x")
	if code == 0 || !strings.Contains(errOut, "công thức") {
		t.Errorf("approving a computed row: %d %s", code, errOut)
	}
	ok(t, db, "review", "set", "--unit", "1000002", "--period", "2026-H1", "--row", "18", "--khoan", "341", "--approved", "550.000", "--reason", "chi vượt định mức")
	r := review()
	found := 0
	for _, l := range r.Lines {
		if l.Khoan == "*" && l.Row == "18" && l.Approved == 550_000 && l.Difference == -50_000 {
			found++
		}
		if l.Khoan == "*" && l.Row == "23" && l.Approved == 250_000 && l.Reported == 200_000 {
			found++
		}
	}
	if r.State != "draft" || found != 2 {
		t.Errorf("after set: state %s, %d expected lines found", r.State, found)
	}
	ok(t, db, "review", "finish", "--unit", "1000002", "--period", "2026-H1")
	_, errOut, code = wardctl(t, db, "review", "set", "--unit", "1000002", "--period", "2026-H1", "--row", "18", "--khoan", "341", "--approved", "1", "--reason", "x")
	if code != 5 {
		t.Errorf("set on finished review: exit %d %s", code, errOut)
	}
	ok(t, db, "review", "reopen", "--unit", "1000002", "--period", "2026-H1", "--reason", "bổ sung")
	if r := review(); r.State != "draft" {
		t.Errorf("after reopen: %s", r.State)
	}
}

// TestReviewSetInfo: what the documents print is entered flag by flag, a
// flag given replaces only its own part, review show gives it back, and
// the review and reconciliation workbooks are written.
func TestReviewSetInfo(t *testing.T) {
	db := newLedger(t)
	ok(t, db, entryArgs("1000002", "allocation", "TX", "", "1.000.000", "2026-01-05")...)
	ok(t, db, entryArgs("1000002", "withdrawal", "TX", "", "800.000", "2026-01-06")...)
	ok(t, db, entryArgs("1000002", "spending", "TX", "6001", "600.000", "2026-01-07")...)
	key := []string{"--unit", "1000002", "--period", "2026-H1"}
	ok(t, db, append([]string{"review", "set-info", "--participant", "Ông Trần Văn Hùng|Trưởng phòng|xét duyệt",
		"--participant", "Bà Phạm Thị Hoa|Kế toán|được xét duyệt", "--notice-number", "125/TB-TCKH", "--notice-date", "20/08/2026",
		"--recipient", "Kho bạc Nhà nước", "--place", "Hà Đông"}, key...)...)
	ok(t, db, append([]string{"review", "set-info", "--place", "Phòng Tài chính – Kế hoạch"}, key...)...)
	var r struct {
		Info struct {
			Participants []struct{ Name, Title, Side string }
			NoticeNumber string   `json:"notice_number"`
			NoticeDate   string   `json:"notice_date"`
			Recipients   []string `json:"recipients"`
			Place        string   `json:"place"`
		} `json:"info"`
	}
	must(t, json.Unmarshal([]byte(ok(t, db, append([]string{"review", "show", "--format", "json"}, key...)...)), &r))
	if len(r.Info.Participants) != 2 || r.Info.Participants[1].Side != "reviewed" || r.Info.NoticeNumber != "125/TB-TCKH" ||
		r.Info.NoticeDate != "2026-08-20" || len(r.Info.Recipients) != 1 || r.Info.Place != "Phòng Tài chính – Kế hoạch" {
		t.Errorf("review info %+v", r.Info)
	}
	for _, bad := range [][]string{{"--participant", "Ông A|Kế toán"}, {"--participant", "Ông A|Kế toán|cả hai"}, {"--notice-date", "31/02/2026"}} {
		if _, errOut, code := wardctl(t, db, append(append([]string{"review", "set-info"}, bad...), key...)...); code != 2 {
			t.Errorf("set-info %v: exit %d %s", bad, code, errOut)
		}
	}
	if _, _, code := wardctl(t, db, "review", "set-info", "--unit", "9999999", "--period", "2026-H1", "--place", "x"); code != 3 {
		t.Errorf("set-info of an unknown unit: exit %d", code)
	}
	out := t.TempDir()
	for _, kind := range []string{"review", "reconciliation"} {
		path := strings.TrimSpace(ok(t, db, append([]string{"export", kind, "--out", out}, key...)...))
		if _, err := os.Stat(path); err != nil || !strings.HasPrefix(filepath.Base(path), map[string]string{"review": "XD_", "reconciliation": "DCKB_"}[kind]) {
			t.Errorf("export %s: %s %v", kind, path, err)
		}
	}
}

// entry list --search finds what the app's search box finds: case and
// accents folded, decomposed text typed or stored alike.
func TestEntryListSearch(t *testing.T) {
	db := newLedger(t)
	ok(t, db, entryArgs("1000002", "allocation", "TX", "", "1.000.000", "2026-01-05")...)
	ok(t, db, entryArgs("1000002", "withdrawal", "TX", "", "500.000", "2026-01-06")...)
	spend := append(entryArgs("1000002", "spending", "TX", "6501", "1.000", "2026-01-07"), "--memo", "Chi tie\u0302\u0300n Điện")
	ok(t, db, spend...)
	for _, q := range []string{"dien", "ĐIỆN", "tiền điện"} {
		var es []map[string]any
		must(t, json.Unmarshal([]byte(ok(t, db, "entry", "list", "--unit", "1000002", "--period", "2026-H1", "--search", q, "--format", "json")), &es))
		if len(es) != 1 || es[0]["memo"] != "Chi tiền Điện" {
			t.Errorf("--search %q: %v", q, es)
		}
	}
}
