package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// exchangeLedgers makes a district's ledger knowing the ward 1000002, and
// that ward's own ledger.
func exchangeLedgers(t *testing.T) (quan, phuong string) {
	t.Helper()
	quan = filepath.Join(t.TempDir(), "quan.db")
	phuong = filepath.Join(t.TempDir(), "phuong.db")
	ok(t, quan, "init", "--superior-code", "1000001", "--superior-name", "UBND quận Hà Đông")
	ok(t, quan, "unit", "add", "--code", "1000002", "--name", "UBND phường Quang Trung")
	ok(t, phuong, "init", "--superior-code", "1000001", "--superior-name", "UBND quận Hà Đông", "--unit", "1000002", "--unit-name", "UBND phường Quang Trung")
	return quan, phuong
}

// TestExchangeCommands: the loop of files between a district and a ward's
// own ledger through wardctl — codes added on both sides with
// --add-codes, keys pinned and printed by keys, a new key accepted with a
// reason, the review's findings, the notice imported on the ward's side
// and its B01 re-made — and the refusals' exit statuses.
func TestExchangeCommands(t *testing.T) {
	dir := t.TempDir()
	quan, phuong := exchangeLedgers(t)
	if out := ok(t, phuong, "role"); !strings.Contains(out, "sổ của đơn vị 1000002") {
		t.Errorf("role: %s", out)
	}

	// The district allocates on a Khoản it added; the ward agrees to it.
	ok(t, quan, "catalogue", "add", "--level", "khoan", "--code", "345", "--name", "Khoản mới của quận")
	grid := filepath.Join(dir, "giao.csv")
	must(t, os.WriteFile(grid, []byte("unit,khoan,nature,amount\n1000002,341,TX,1.000.000.000\n1000002,345,KTX,200.000.000\n"), 0o644))
	ok(t, quan, "allocate", "--period", "2026-H1", "--doc", "12/QĐ-UBND", "--date", "20/12/2025", "--file", grid)
	annex := strings.TrimSpace(ok(t, quan, "export", "allocation", "--period", "2026-H1", "--unit", "1000002", "--out", dir))
	_, stderr, code := wardctl(t, phuong, "import", "allocation", "--file", annex)
	if code != 4 || !strings.Contains(stderr, "Khoản 345 “Khoản mới của quận”") || !strings.Contains(stderr, "--add-codes") {
		t.Errorf("annex without the code: %d %s", code, stderr)
	}
	if out := ok(t, phuong, "import", "allocation", "--file", annex, "--add-codes"); !strings.Contains(out, "thêm 2 bút toán") || !strings.Contains(out, "Khóa ký mới") {
		t.Errorf("annex: %s", out)
	}
	if out := ok(t, phuong, "keys"); !regexp.MustCompile(`1000001\s+[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}\s`).MatchString(out) {
		t.Errorf("keys: %s", out)
	}

	// The ward spends on a Tiểu mục it added; the district agrees to it.
	ok(t, phuong, "catalogue", "add", "--level", "tieu_muc", "--code", "6659", "--name", "Chi hội nghị tổ dân phố")
	ok(t, phuong, entryArgs("1000002", "withdrawal", "TX", "", "600.000.000", "2026-01-10")...)
	ok(t, phuong, entryArgs("1000002", "spending", "TX", "6659", "50.000.000", "2026-03-10")...)
	ok(t, phuong, "period", "close", "--unit", "1000002", "--period", "2026-H1")
	qt := strings.TrimSpace(ok(t, phuong, "export", "settlement", "--unit", "1000002", "--period", "2026-H1", "--out", dir))
	if _, stderr, code := wardctl(t, quan, "import", "workbook", "--file", qt); code != 4 || !strings.Contains(stderr, "Tiểu mục 6659") {
		t.Errorf("settlement without the code: %d %s", code, stderr)
	}
	if out := ok(t, quan, "import", "workbook", "--file", qt, "--add-codes"); !strings.Contains(out, "thêm") {
		t.Errorf("settlement: %s", out)
	}
	var rv reviewJSON
	must(t, json.Unmarshal([]byte(ok(t, quan, "review", "show", "--unit", "1000002", "--period", "2026-H1", "--format", "json")), &rv))
	kinds := map[string]bool{}
	for _, f := range rv.Findings {
		kinds[f.Kind] = true
	}
	if !kinds["new_key"] || !kinds["codes_added"] {
		t.Errorf("findings %+v", rv.Findings)
	}
	if out := ok(t, quan, "review", "show", "--unit", "1000002", "--period", "2026-H1"); !strings.Contains(out, "Điều phát hiện khi nhập tệp") {
		t.Errorf("review show: %s", out)
	}

	// A workbook of the ward's from another ledger (another key): refused
	// until a reviewer accepts the key, with a reason.
	other := filepath.Join(t.TempDir(), "khac.db")
	ok(t, other, "init", "--superior-code", "1000001", "--superior-name", "UBND quận Hà Đông", "--unit", "1000002", "--unit-name", "UBND phường Quang Trung")
	ok(t, other, "entry", "add", "--unit", "1000002", "--period", "2026-H2", "--kind", "allocation", "--nature", "TX", "--khoan", "341",
		"--amount", "1.000.000.000", "--doc", "QĐ", "--date", "2026-07-01")
	otherQT := filepath.Join(t.TempDir(), "QT_khac.xlsx")
	ok(t, other, "export", "settlement", "--unit", "1000002", "--period", "2026-H2", "--out", otherQT)
	if _, stderr, code := wardctl(t, quan, "import", "workbook", "--file", otherQT); code != 4 || !strings.Contains(stderr, "khác khóa") || !strings.Contains(stderr, "--accept-key") {
		t.Errorf("another key: %d %s", code, stderr)
	}
	if _, stderr, code := wardctl(t, quan, "import", "workbook", "--file", otherQT, "--accept-key"); code != 2 || !strings.Contains(stderr, "--reason") {
		t.Errorf("accepted without a reason: %d %s", code, stderr)
	}
	if out := ok(t, quan, "import", "workbook", "--file", otherQT, "--accept-key", "--reason", "phường cài lại máy, đã gọi điện xác nhận"); !strings.Contains(out, "đổi khóa ký") {
		t.Errorf("accepted: %s", out)
	}

	// The review and its notice on the ward's side.
	ok(t, quan, "review", "set", "--unit", "1000002", "--period", "2026-H1", "--row", "18", "--khoan", "341", "--approved", "40.000.000", "--reason", "chi vượt định mức")
	ok(t, quan, "review", "finish", "--unit", "1000002", "--period", "2026-H1")
	xd := strings.TrimSpace(ok(t, quan, "export", "review", "--unit", "1000002", "--period", "2026-H1", "--out", dir))
	if _, stderr, code := wardctl(t, quan, "import", "review", "--file", xd); code != 2 || !strings.Contains(stderr, "sổ của đơn vị cấp trên") {
		t.Errorf("the review into the district's own ledger: %d %s", code, stderr)
	}
	if out := ok(t, phuong, "import", "review", "--file", xd); !strings.Contains(out, "đã ghi thông báo xét duyệt") {
		t.Errorf("import review: %s", out)
	}
	must(t, json.Unmarshal([]byte(ok(t, phuong, "review", "show", "--unit", "1000002", "--period", "2026-H1", "--format", "json")), &rv))
	found := false
	for _, l := range rv.Lines {
		if l.Row == "18" && l.Khoan == "341" {
			found = l.Reported == 50_000_000 && l.Approved == 40_000_000 && l.Reason == "chi vượt định mức"
		}
	}
	if !found || rv.State != "notice_received" || rv.Notice == nil {
		t.Errorf("the ward's review show: %+v", rv)
	}
	if _, stderr, code := wardctl(t, phuong, "review", "set", "--unit", "1000002", "--period", "2026-H1", "--row", "18", "--khoan", "341", "--approved", "1", "--reason", "x"); code != 2 || !strings.Contains(stderr, "cấp trên") {
		t.Errorf("the ward reviews: %d %s", code, stderr)
	}
	remade := strings.TrimSpace(ok(t, phuong, "export", "settlement", "--unit", "1000002", "--period", "2026-H1", "--approved", "--out", dir))
	if filepath.Base(remade) != "QT_1000002_2026-H1_lap-lai.xlsx" {
		t.Errorf("re-made B01: %s", remade)
	}
	if _, stderr, code := wardctl(t, phuong, "export", "district", "--period", "2026-H1", "--out", dir); code != 2 || !strings.Contains(stderr, "sổ của đơn vị") {
		t.Errorf("the ward exports the district's consolidation: %d %s", code, stderr)
	}
}
