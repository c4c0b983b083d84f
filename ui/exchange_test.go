package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

// mustUnitLedgerFile is the ward's own ledger, with its entries of
// 2026-H1 (and another unit, which its screens must not offer).
func mustUnitLedgerFile(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "phuong.db")
	ctx := context.Background()
	l, err := sqlite.Create(ctx, path, ledger.Setup{Superior: testSuperior, Units: []ledger.Unit{testWard, testWard2},
		Role: ledger.UnitRole(testWard.Code)}, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := l.AddEntries(ctx, wardEntries(testWard.Code, testPeriod), ledger.BatchSource{Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	return path
}

// menuLabels are the labels of the items of the window's menu named name.
func menuLabels(w fyne.Window, name string) string {
	var out []string
	for _, m := range w.MainMenu().Items {
		if m.Label == name {
			for _, it := range m.Items {
				out = append(out, it.Label)
			}
		}
	}
	return strings.Join(out, "\n")
}

// TestUnitLedgerScreens: a unit's own ledger shows that unit only, its
// book, statement, the superior's notice and the codes; its menu imports
// the superior's annexes and notices and exports its own settlement. The
// notice received shows as a read-only review with the approved figures.
func TestUnitLedgerScreens(t *testing.T) {
	u, w := startUI(t, testOptions(mustUnitLedgerFile(t)))
	sh := u.shell
	if sh == nil {
		t.Fatal("no main screen")
	}
	var titles []string
	for _, it := range sh.tabs.Items {
		titles = append(titles, it.Text)
	}
	if got := strings.Join(titles, ", "); got != "Sổ chi tiết, Quyết toán, Thông báo xét duyệt, Danh mục, Nhật ký" {
		t.Errorf("tabs %s", got)
	}
	if len(sh.unitChoices) != 1 || sh.unitChoices[0].Code != testWard.Code {
		t.Errorf("units offered %v", sh.unitChoices)
	}
	file := menuLabels(w, "Tệp")
	for _, want := range []string{"Nhập quyết định giao dự toán…", "Nhập thông báo xét duyệt…", "quyết toán lập lại theo thông báo xét duyệt"} {
		if !contains(file, want) {
			t.Errorf("the menu lacks %q:\n%s", want, file)
		}
	}
	for _, not := range []string{"Nhập báo cáo phường", "tổng hợp các đơn vị", "phụ lục giao dự toán từng đơn vị"} {
		if contains(file, not) {
			t.Errorf("the unit's menu offers %q", not)
		}
	}

	// No notice yet: the tab says how to import it.
	sh.tabs.Select(sh.reviewItem)
	u.tasks.wait()
	rv := sh.review
	if rv.main.Visible() || !contains(rv.empty.Text, "chưa nhận thông báo xét duyệt") || rv.importBtn.Text != "Nhập thông báo xét duyệt…" {
		t.Fatalf("before the notice: %q", rv.empty.Text)
	}
	// The notice received: reported against approved, read-only.
	n := &ledger.Notice{Unit: testWard.Code, Period: testPeriod, Number: "12/TB-TCKH", Date: "20/07/2026", Comment: "Nộp trả 5 triệu",
		Figures: []ledger.Approval{{Row: "18", Khoan: "341", Approved: 55_000_000, Reason: "chi vượt định mức"}}}
	im := &ledger.Import{Kind: ledger.WorkbookReview, Unit: testWard.Code, Period: testPeriod, File: "XD_1000002_2026-H1.xlsx",
		SHA256: strings.Repeat("cd", 32), Via: ledger.ViaAnnex, Notice: n}
	if err := sh.s.l.ImportEntries(context.Background(), im, nil); err != nil {
		t.Fatal(err)
	}
	sh.reviewChanged()
	sh.review.SetVisible(true)
	u.tasks.wait()
	r18 := rv.rows["18"]
	if !rv.main.Visible() || !contains(rv.heading.Text, "12/TB-TCKH") || r18 == nil || r18.approved == nil ||
		r18.approved.Text != "55.000.000" || r18.reported.Text != "60.000.000" || !r18.approved.Disabled() || rv.saveBtn.Visible() || rv.infoBtn.Visible() {
		t.Fatalf("the notice: %q, row 18 %+v", rv.heading.Text, r18)
	}
	if rv.comment.Text != "Nộp trả 5 triệu" || !rv.comment.Disabled() {
		t.Errorf("the superior's comment %q", rv.comment.Text)
	}
	if contains(rv.comment.PlaceHolder, "Ctrl+Enter") {
		t.Errorf("the unit is prompted to write the superior's comment: %q", rv.comment.PlaceHolder)
	}
}

// TestImportAgreeing: a file refused for codes the ledger lacks offers to
// add them (one dialog listing them), one refused for another key offers
// to accept it with a reason; each is imported again with what was agreed.
func TestImportAgreeing(t *testing.T) {
	opts := testOptions(mustDistrictFile(t))
	var given []ledger.ImportOptions
	opts.Import = func(ctx context.Context, l ledger.Ledger, kind ledger.WorkbookKind, paths []string, opt ledger.ImportOptions, done func(ledger.ImportResult)) {
		given = append(given, opt)
		for i, p := range paths {
			r := ledger.ImportResult{Index: i, Path: p, Unit: testWard}
			switch {
			case strings.Contains(p, "codes") && !opt.AddCodes:
				r.Err = &ledger.Error{Kind: ledger.KindConflict, Field: "codes", Msg: "tệp dùng 1 mã chưa có trong danh mục",
					Problems: []string{"Tiểu mục 6659 “Chi hội nghị tổ dân phố” (Mục 6650)"}}
			case strings.Contains(p, "key") && !opt.AcceptKey:
				r.Err = &ledger.Error{Kind: ledger.KindConflict, Field: "key", Msg: "tệp ký bằng khóa khác"}
			default:
				r.Import = &ledger.Import{Unit: testWard.Code, Period: testPeriod, Added: 1}
			}
			done(r)
		}
	}
	u, w := startUI(t, opts)
	sh := u.shell
	r := sh.importFiles(ledger.WorkbookSettlement, []string{"/x/QT_codes.xlsx", "/x/QT_key.xlsx"})
	u.tasks.wait()
	<-r.done
	codes, key := r.results[0], r.results[1]
	if codes.agree == nil || !contains(codes.agree.Text, "Thêm 1 mã") || key.agree == nil || !contains(key.agree.Text, "Chấp nhận khóa") {
		t.Fatalf("offers: %+v %+v", codes.agree, key.agree)
	}
	test.Tap(codes.agree)
	if codes.asking == nil {
		t.Fatal("no dialog listing the codes")
	}
	if !findLabel(w.Canvas().Overlays().Top(), "Tiểu mục 6659") {
		t.Error("the dialog does not list the code")
	}
	codes.asking.Confirm()
	u.tasks.wait()
	if codes.err != nil || !given[len(given)-1].AddCodes {
		t.Fatalf("after agreeing to the codes: %v %+v", codes.err, given)
	}
	test.Tap(key.agree)
	if key.keyForm == nil {
		t.Fatal("no form asking why")
	}
	test.Tap(key.keyForm.OK)
	u.tasks.wait()
	if key.err == nil || given[len(given)-1].AcceptKey {
		t.Fatal("a new key accepted without a reason")
	}
	typeInto(w, key.keyForm.Fields[0].Input.(fyne.Focusable), "đã gọi điện cho phường")
	test.Tap(key.keyForm.OK)
	u.tasks.wait()
	last := given[len(given)-1]
	if key.err != nil || !last.AcceptKey || last.Reason != "đã gọi điện cho phường" {
		t.Errorf("after accepting the key: %v %+v", key.err, last)
	}
}

// TestReviewShowsFindings: what the import of the ward's workbook found
// is listed under the review grid.
func TestReviewShowsFindings(t *testing.T) {
	path := mustDistrictFile(t)
	ctx := context.Background()
	l, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	es, err := l.Entries(ctx, ledger.EntryFilter{Unit: testWard.Code, Period: testPeriod})
	if err != nil {
		t.Fatal(err)
	}
	im := &ledger.Import{Unit: testWard.Code, Period: testPeriod, File: "QT_1000002_2026-H1.xlsx", SHA256: strings.Repeat("ef", 32),
		Findings: []ledger.Finding{{Kind: ledger.FindingNotIssued, Text: "1 bút toán giao dự toán do đơn vị tự ghi"}}}
	if err := l.ImportEntries(ctx, im, es); err != nil {
		t.Fatal(err)
	}
	l.Close()
	u, _ := startUI(t, testOptions(path))
	u.shell.openReview(testWard.Code, testPeriod)
	u.tasks.wait()
	rv := u.shell.review
	if !rv.found.Visible() || !contains(rv.found.Text, "Dự toán không do sổ này giao — 1 bút toán giao dự toán do đơn vị tự ghi") {
		t.Errorf("findings %q", rv.found.Text)
	}
}

// TestFirstRunUnitLedger makes a ward's own ledger from the first-run
// screen.
func TestFirstRunUnitLedger(t *testing.T) {
	path := filepath.Join(t.TempDir(), "phuong.db")
	u, w := startUI(t, testOptions(path))
	f := u.first
	typeInto(w, f.sup.code, "1000001")
	typeInto(w, f.sup.name, "UBND quận Mới")
	f.addWardRow()
	f.role.SetSelected(roleUnit)
	if len(f.wards) != 1 || f.addWard.Visible() || f.wards[0].remove.Visible() {
		t.Fatalf("a unit's ledger offers %d units, or to remove its own", len(f.wards))
	}
	typeInto(w, f.wards[0].fields.code, "1000002")
	typeInto(w, f.wards[0].fields.name, "UBND phường Một")
	f.submit()
	u.tasks.wait()
	if u.shell == nil {
		t.Fatalf("main screen not shown: %q", f.note.Text)
	}
	if r := u.shell.s.ledgerRole(); !r.IsUnit() || r.Unit != "1000002" {
		t.Errorf("role %+v", r)
	}
}
