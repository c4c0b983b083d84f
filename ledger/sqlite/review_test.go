package sqlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"wardledger/ledger"
)

func TestReviewLifecycle(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if r, err := db.Review(ctx, ward, h1); err != nil || r.State != ledger.ReviewNotReceived {
		t.Fatalf("fresh review %+v %v", r, err)
	}
	if err := db.FinishReview(ctx, ward, h1); ledger.ErrorKind(err) != ledger.KindNotFound {
		t.Errorf("finishing a review with no figures: %v", err)
	}
	// The district's own allocation is not the ward's report; withdrawals
	// and spending are.
	add(t, db, mk(h1, ledger.EntryAllocation, ledger.KTX, "161", "", 10, h1.Start()))
	if r, _ := db.Review(ctx, ward, h1); r.State != ledger.ReviewNotReceived {
		t.Errorf("allocation only: %s", r.State)
	}
	fund(t, db, h1, ledger.TX, 1_000_000, 700_000, 500_000)
	if r, _ := db.Review(ctx, ward, h1); r.State != ledger.ReviewImported {
		t.Errorf("with spending: %s", r.State)
	}
	if err := db.SetApproval(ctx, ward, h1, ledger.Approval{Row: "18", Khoan: "341", Approved: 450_000}); ledger.ErrorField(err) != "reason" {
		t.Errorf("approval without reason: %v", err)
	}
	must(t, db.SetApproval(ctx, ward, h1, ledger.Approval{Row: "18", Khoan: "341", Approved: 450_000, Reason: "chi sai chế độ 50.000"}))
	must(t, db.SetReviewComment(ctx, ward, h1, "Đề nghị nộp trả 50.000 đồng"))
	r, err := db.Review(ctx, ward, h1)
	must(t, err)
	if r.State != ledger.ReviewDraft || len(r.Approvals) != 1 || r.Comment != "Đề nghị nộp trả 50.000 đồng" {
		t.Fatalf("review %+v", r)
	}
	reported, err := ledger.Settlement(ctx, db, ward, h1)
	must(t, err)
	approved, err := db.Form().ApprovedStatement(reported, r.Approvals)
	must(t, err)
	if approved.Total["18"] != 450_000 || approved.Total["23"] != reported.Total["23"]+50_000 {
		t.Errorf("approved 18=%s 23=%s", approved.Total["18"], approved.Total["23"])
	}
	must(t, db.FinishReview(ctx, ward, h1))
	before := snapshot(t, db)
	if err := db.SetApproval(ctx, ward, h1, ledger.Approval{Row: "18", Khoan: "341", Approved: 400_000, Reason: "x"}); ledger.ErrorKind(err) != ledger.KindLocked {
		t.Errorf("approval on finished review: %v", err)
	}
	if _, err := db.SQL().Exec(`UPDATE approvals SET approved = 1`); err == nil {
		t.Error("SQL update of a finished review accepted")
	}
	if _, err := db.SQL().Exec(`DELETE FROM approvals`); err == nil {
		t.Error("SQL delete of a finished review accepted")
	}
	if err := db.ReopenReview(ctx, ward, h1, ""); ledger.ErrorField(err) != "reason" {
		t.Errorf("reopen without reason: %v", err)
	}
	if snapshot(t, db) != before {
		t.Fatal("refusals changed the ledger")
	}
	must(t, db.ReopenReview(ctx, ward, h1, "phường bổ sung chứng từ"))
	// Approving the reported figure again removes the approval.
	must(t, db.SetApproval(ctx, ward, h1, ledger.Approval{Row: "18", Khoan: "341", Approved: 500_000}))
	if r, _ := db.Review(ctx, ward, h1); len(r.Approvals) != 0 || r.State != ledger.ReviewDraft {
		t.Errorf("after reset %+v", r)
	}
}

// TestImportEntries: a ward's entries brought into the district ledger give
// identical figures; importing again adds nothing; an entry changed since
// is refused with the list of conflicts and nothing is written.
func TestImportEntries(t *testing.T) {
	ctx := context.Background()
	wardDB := MustOpenDB(t)
	fund(t, wardDB, h1, ledger.TX, 1_000_000, 700_000, 500_000)
	fund(t, wardDB, h1, ledger.KTX, 300_000, 300_000, 100_000)
	sp := add(t, wardDB, mk(h1, ledger.EntrySpending, ledger.KTX, "341", "7049", 20_000, h1.Start()))
	_, err := wardDB.ReverseEntry(ctx, sp.ID, "nhầm")
	must(t, err)
	exported, err := wardDB.Entries(ctx, ledger.EntryFilter{Unit: ward, Period: h1})
	must(t, err)

	district := mustOpenAt(t, filepath.Join(t.TempDir(), "district.db"))
	src := &ledger.Import{Unit: ward, Period: h1, File: "QT_1000002_2026-H1.xlsx", SHA256: strings.Repeat("a", 64)}
	must(t, district.ImportEntries(ctx, src, exported))
	if src.Added != len(exported) || src.Skipped != 0 {
		t.Errorf("first import added %d skipped %d", src.Added, src.Skipped)
	}
	a, b := rowsOf(t, wardDB, h1), rowsOf(t, district, h1)
	for _, code := range wardDB.Form().Codes() {
		if a[code] != b[code] {
			t.Errorf("row %s: ward %s, district %s", code, a[code], b[code])
		}
	}
	again, err := wardDB.Entries(ctx, ledger.EntryFilter{Unit: ward, Period: h1})
	must(t, err)
	must(t, district.ImportEntries(ctx, src, again))
	if src.Added != 0 || src.Skipped != len(exported) {
		t.Errorf("second import added %d skipped %d", src.Added, src.Skipped)
	}
	if r, _ := district.Review(ctx, ward, h1); r.State != ledger.ReviewImported {
		t.Errorf("review state after import: %s", r.State)
	}
	before := snapshot(t, district)
	changed := *again[2]
	changed.Amount++
	err = district.ImportEntries(ctx, src, []*ledger.Entry{again[0], &changed})
	ps := ledger.ErrorProblems(err)
	if len(ps) != 1 || !strings.HasPrefix(ps[0], changed.ID+":") || ledger.ErrorKind(err) != ledger.KindConflict {
		t.Fatalf("conflicting import: %v", err)
	}
	if !strings.Contains(err.Error(), "số tiền") {
		t.Errorf("conflict does not say what differs: %v", err)
	}
	stranger := &ledger.Import{Unit: "1000099", Period: h1, File: "x.xlsx", SHA256: strings.Repeat("b", 64)}
	if err := district.ImportEntries(ctx, stranger, nil); ledger.ErrorKind(err) != ledger.KindNotFound || !strings.Contains(err.Error(), "1000099") {
		t.Errorf("unknown ward: %v", err)
	}
	if snapshot(t, district) != before {
		t.Fatal("refused imports changed the ledger")
	}
	imports, err := district.Imports(ctx, h1)
	must(t, err)
	if len(imports) != 2 || imports[0].Skipped != len(exported) {
		t.Errorf("imports %+v", imports)
	}
}

// TestSetApprovalsAllOrNothing: one refused approval saves none of the batch.
func TestSetApprovalsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	fund(t, db, h1, ledger.TX, 1_000_000, 700_000, 500_000)
	before := snapshot(t, db)
	err := db.SetApprovals(ctx, ward, h1, []ledger.Approval{
		{Row: "18", Khoan: "341", Approved: 450_000, Reason: "chi sai chế độ"},
		{Row: "15", Khoan: "341", Approved: 600_000}, // no reason
	})
	if ledger.ErrorItem(err) != 2 || ledger.ErrorField(err) != "reason" {
		t.Fatalf("batch with a bad approval: %v", err)
	}
	if snapshot(t, db) != before {
		t.Fatal("a refused batch saved something")
	}
	must(t, db.SetApprovals(ctx, ward, h1, []ledger.Approval{
		{Row: "18", Khoan: "341", Approved: 450_000, Reason: "chi sai chế độ"},
		{Row: "15", Khoan: "341", Approved: 600_000, Reason: "rút sai"},
	}))
	if r, _ := db.Review(ctx, ward, h1); len(r.Approvals) != 2 {
		t.Errorf("approvals %+v", r.Approvals)
	}
}

// TestPeriodReads: the one-read forms agree with the per-unit ones.
func TestPeriodReads(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	must(t, db.AddUnit(ctx, ledger.Unit{Code: "1000003", Name: "UBND phường Yết Kiêu", Chapter: "599"}))
	fund(t, db, h1, ledger.TX, 1_000_000, 700_000, 500_000)
	must(t, db.ClosePeriod(ctx, ward, h1, nil))
	must(t, db.SetApproval(ctx, ward, h1, ledger.Approval{Row: "18", Khoan: "341", Approved: 450_000, Reason: "x"}))
	all, err := db.PeriodUnits(ctx, h1)
	must(t, err)
	want, err := db.Totals(ctx, ward, h1)
	must(t, err)
	if len(all) != 2 || all[ward].Status != ledger.PeriodClosed || all["1000003"].Status != ledger.PeriodOpen ||
		len(all[ward].Totals) != len(want) || len(all["1000003"].Totals) != 0 {
		t.Fatalf("PeriodUnits %+v", all)
	}
	revs, err := db.Reviews(ctx, h1)
	must(t, err)
	one, err := db.Review(ctx, ward, h1)
	must(t, err)
	if len(revs) != 2 || revs[ward].State != one.State || len(revs[ward].Approvals) != 1 || revs[ward].Approvals[0] != one.Approvals[0] ||
		revs["1000003"].State != ledger.ReviewNotReceived {
		t.Fatalf("Reviews %+v, Review %+v", revs, one)
	}
}

// TestReviewInfo: what the documents print is stored as given, replaced
// whole, taken by a finished review (it changes no figure), audited; a
// refused one leaves every table as it was.
func TestReviewInfo(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	fund(t, db, h1, ledger.TX, 1_000_000, 700_000, 500_000)
	if r, err := db.Review(ctx, ward, h1); err != nil || len(r.Info.Participants) != 0 || r.Info.NoticeNumber != "" {
		t.Fatalf("fresh review info %+v %v", r, err)
	}
	info := ledger.ReviewInfo{
		Participants: []ledger.Participant{{Name: " Ông Trần Văn Hùng ", Title: "Trưởng phòng", Side: ledger.SideReviewer},
			{Name: "Bà Phạm Thị Hoa", Title: "Kế toán", Side: ledger.SideReviewed}},
		NoticeNumber: "125/TB-TCKH", NoticeDate: ledger.NewDate(2026, 8, 20),
		Recipients: []string{"Kho bạc Nhà nước", " "}, Place: "Hà Đông", Audit: "Đã thực hiện kiến nghị của Kiểm toán nhà nước năm 2025.",
	}
	must(t, db.FinishReview(ctx, ward, h1))
	must(t, db.SetReviewInfo(ctx, ward, h1, info))
	r, err := db.Review(ctx, ward, h1)
	must(t, err)
	got := r.Info
	if r.State != ledger.ReviewFinished || len(got.Participants) != 2 || got.Participants[0].Name != "Ông Trần Văn Hùng" ||
		got.Participants[1].Side != ledger.SideReviewed || got.NoticeNumber != "125/TB-TCKH" || got.NoticeDate != info.NoticeDate ||
		len(got.Recipients) != 1 || got.Place != "Hà Đông" || got.Audit != info.Audit {
		t.Fatalf("stored info %+v (state %s)", got, r.State)
	}
	// Replaced whole: fewer participants, no date.
	must(t, db.SetReviewInfo(ctx, ward, h1, ledger.ReviewInfo{Participants: info.Participants[1:]}))
	if r, _ := db.Review(ctx, ward, h1); len(r.Info.Participants) != 1 || !r.Info.NoticeDate.IsZero() || len(r.Info.Recipients) != 0 {
		t.Errorf("after replacing: %+v", r.Info)
	}
	before := snapshot(t, db)
	for name, bad := range map[string]ledger.ReviewInfo{
		"nameless":   {Participants: []ledger.Participant{{Title: "Kế toán", Side: ledger.SideReviewed}}},
		"no side":    {Participants: []ledger.Participant{{Name: "Ông A", Side: "both"}}},
		"long place": {Place: strings.Repeat("x", 121)},
		"too many":   {Recipients: make([]string, 21)},
	} {
		if err := db.SetReviewInfo(ctx, ward, h1, bad); ledger.ErrorKind(err) != ledger.KindInvalid {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := db.SetReviewInfo(ctx, "9999999", h1, info); ledger.ErrorKind(err) != ledger.KindNotFound {
		t.Errorf("unknown unit: %v", err)
	}
	if after := snapshot(t, db); after != before {
		t.Error("a refused review info changed the ledger")
	}
	log, err := db.AuditLog(ctx, 5)
	must(t, err)
	if !strings.Contains(log[0].Action+log[1].Action, "review.info") {
		t.Errorf("not audited: %+v", log[:2])
	}
	mustCheckClean(t, db)
}

func TestParseParticipant(t *testing.T) {
	p, err := ledger.ParseParticipant("Ông Nguyễn Văn A | Trưởng phòng Tài chính – Kế hoạch | Xét duyệt")
	if err != nil || p.Name != "Ông Nguyễn Văn A" || p.Title != "Trưởng phòng Tài chính – Kế hoạch" || p.Side != ledger.SideReviewer {
		t.Errorf("%+v %v", p, err)
	}
	if p, err := ledger.ParseParticipant("Bà B|Kế toán|được xét duyệt"); err != nil || p.Side != ledger.SideReviewed {
		t.Errorf("%+v %v", p, err)
	}
	for _, bad := range []string{"Ông A|Kế toán", "Ông A|Kế toán|cả hai", ""} {
		if _, err := ledger.ParseParticipant(bad); ledger.ErrorKind(err) != ledger.KindInvalid {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
