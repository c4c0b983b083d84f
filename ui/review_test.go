package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// TestReviewGrid reviews the imported ward: an approved figure typed on
// an input row shows its difference and the computed rows follow; a
// difference without a reason is refused at the reason; with one it is
// recorded; finishing locks the grid, and reopening asks why.
func TestReviewGrid(t *testing.T) {
	u, w := districtUI(t, reviewOf(testWard.Code))
	sh := u.shell
	rv := sh.review
	if sh.tabs.Selected() != sh.reviewItem || sh.unit.Code != testWard.Code || sh.period != testPeriod {
		t.Fatalf("review not shown: tab %v, unit %s, period %s", sh.tabs.Selected().Text, sh.unit.Code, sh.period)
	}
	if rv.review == nil || rv.review.State != ledger.ReviewImported || !contains(rv.state.Text, "Đã nhận báo cáo") {
		t.Fatalf("review state: %+v %q", rv.review, rv.state.Text)
	}
	if rv.khoan != "341" {
		t.Fatalf("Khoản shown %q, want 341", rv.khoan)
	}
	r18, r23, r17 := rv.rows["18"], rv.rows["23"], rv.rows["17"]
	if r18 == nil || r18.approved == nil || r23 == nil || r23.approved != nil || r17.approved != nil {
		t.Fatal("row 18 must be editable, rows 17 and 23 computed")
	}
	if r18.reported.Text != "60.000.000" || r18.approved.Text != "60.000.000" || r23.computed.Text != "40.000.000" {
		t.Fatalf("before: 18 reported %q approved %q, 23 %q", r18.reported.Text, r18.approved.Text, r23.computed.Text)
	}

	clearInto(w, r18.approved, "55000000")
	if r18.diff.Text != "(5.000.000)" {
		t.Errorf("difference of 18 = %q", r18.diff.Text)
	}
	if r23.computed.Text != "45.000.000" || r17.computed.Text != "75.000.000" {
		t.Errorf("recomputed 23 = %q, 17 = %q", r23.computed.Text, r17.computed.Text)
	}
	if r23.diff.Text != "5.000.000" {
		t.Errorf("difference of 23 = %q", r23.diff.Text)
	}

	press(w, fyne.KeyReturn) // no reason yet
	u.tasks.wait()
	if !r18.note.Visible() || !contains(r18.note.Text, "nguyên nhân") {
		t.Errorf("no refusal at row 18: %q", r18.note.Text)
	}
	if w.Canvas().Focused() != r18.reason {
		t.Errorf("the reason should have the keyboard")
	}
	ctx := context.Background()
	if got, _ := sh.s.l.Review(ctx, testWard.Code, testPeriod); len(got.Approvals) != 0 {
		t.Fatalf("refused approval recorded: %+v", got.Approvals)
	}

	typeInto(w, r18.reason, "Chứng từ PC001 thiếu hóa đơn 5.000.000 đồng")
	if r18.note.Visible() {
		t.Errorf("refusal still shown after typing the reason")
	}
	press(w, fyne.KeyReturn)
	u.tasks.wait()
	got, _ := sh.s.l.Review(ctx, testWard.Code, testPeriod)
	if got.State != ledger.ReviewDraft || len(got.Approvals) != 1 || got.Approvals[0].Approved != 55_000_000 || got.Approvals[0].Row != "18" {
		t.Fatalf("recorded review: %+v", got)
	}
	r18 = rv.rows["18"] // the grid was read again
	if r18.approved.Text != "55.000.000" || r18.reason.Text == "" || rv.rows["23"].computed.Text != "45.000.000" {
		t.Errorf("after reload: 18 %q (%q), 23 %q", r18.approved.Text, r18.reason.Text, rv.rows["23"].computed.Text)
	}
	if !contains(rv.state.Text, "Đang xét duyệt") || !contains(rv.khoanSel.Selected, "sửa 1 dòng") {
		t.Errorf("state %q, Khoản %q", rv.state.Text, rv.khoanSel.Selected)
	}

	// The total over every Khoản is read-only.
	rv.selectKhoan(reviewTotal)
	for code, r := range rv.rows {
		if r.approved != nil {
			t.Fatalf("row %s of the total is editable", code)
		}
	}
	if rv.rows["18"].computed.Text != "55.000.000" {
		t.Errorf("total row 18 = %q", rv.rows["18"].computed.Text)
	}
	rv.selectKhoan("341")

	test.Tap(rv.finishBtn)
	u.tasks.wait()
	if rv.asked == nil {
		t.Fatal("finishing did not ask")
	}
	rv.asked.Confirm()
	u.tasks.wait()
	if rv.review.State != ledger.ReviewFinished || !rv.rows["18"].approved.Disabled() || !rv.saveBtn.Disabled() || !rv.comment.Disabled() {
		t.Fatalf("finished review not locked: %+v", rv.review)
	}

	// Its longer button still fits the window (else the window grows past
	// a 1366-pixel screen), with a margin: the test driver measures text
	// a little narrower than the desktop does, and names are longer.
	if got := w.Content().MinSize().Width; got > windowSize.Width-30 {
		t.Errorf("a finished review needs a window %.0f wide, the window is %.0f", got, windowSize.Width)
	}
	test.Tap(rv.finishBtn) // now "Mở lại xét duyệt…"
	u.tasks.wait()
	d := rv.reopening
	if d == nil {
		t.Fatal("reopening did not ask for a reason")
	}
	test.Tap(d.OK)
	u.tasks.wait()
	if rv.review.State != ledger.ReviewFinished || !contains(d.Banner.Text, "lý do") {
		t.Fatalf("reopened without a reason: %q", d.Banner.Text)
	}
	typeInto(w, d.Fields[0].Input.(*widgets.TextEntry), "Phường gửi bổ sung hóa đơn")
	test.Tap(d.OK)
	u.tasks.wait()
	if rv.review.State != ledger.ReviewDraft || rv.rows["18"].approved.Disabled() {
		t.Errorf("not reopened: %+v", rv.review)
	}
}

// TestReviewComment records the comments to the ward.
func TestReviewComment(t *testing.T) {
	u, w := districtUI(t, reviewOf(testWard.Code))
	sh := u.shell
	typeInto(w, sh.review.comment, "Đề nghị phường bổ sung hóa đơn tiền điện tháng 1.")
	test.Tap(sh.review.commentBtn)
	u.tasks.wait()
	got, _ := sh.s.l.Review(context.Background(), testWard.Code, testPeriod)
	if got.Comment != "Đề nghị phường bổ sung hóa đơn tiền điện tháng 1." || got.State != ledger.ReviewDraft {
		t.Errorf("recorded %+v", got)
	}
}

// TestReviewNothingReceived: a ward that sent nothing says how to import.
func TestReviewNothingReceived(t *testing.T) {
	u, _ := districtUI(t, reviewOf(testWard2.Code))
	sh := u.shell
	rv := sh.review
	if !rv.emptyBox.Visible() || rv.main.Visible() || !contains(rv.empty.Text, "Nhập báo cáo phường") {
		t.Errorf("empty review: %q", rv.empty.Text)
	}
}

// TestReviewInfo: the reviewer enters the participants of both sides, the
// notice's number, date and recipients; a bad line is refused at its
// field and records nothing; a finished review takes them too.
func TestReviewInfo(t *testing.T) {
	u, w := districtUI(t, reviewOf(testWard.Code))
	sh := u.shell
	rv := sh.review
	test.Tap(rv.infoBtn)
	f := rv.info
	if f == nil {
		t.Fatal("no dialog")
	}
	for _, e := range []*widget.Entry{f.participants, f.recipients, f.audit} {
		if e.Wrapping != fyne.TextWrapWord {
			t.Errorf("%q: a long line hides past a scroll bar", e.PlaceHolder)
		}
	}
	typeInto(w, f.participants, "Ông Trần Văn Hùng | Trưởng phòng | cả hai")
	test.Tap(f.dialog.OK)
	u.tasks.wait()
	if got, _ := sh.s.l.Review(context.Background(), testWard.Code, testPeriod); len(got.Info.Participants) != 0 ||
		!contains(f.dialog.Fields[0].Note.Text, "bên") {
		t.Fatalf("a bad side: recorded %+v, note %q", got.Info, f.dialog.Fields[0].Note.Text)
	}
	f.participants.SetText("Ông Trần Văn Hùng | Trưởng phòng Tài chính – Kế hoạch | xét duyệt\nBà Nguyễn Thị Lan | Kế toán | được xét duyệt")
	typeInto(w, f.number, "125/TB-TCKH")
	typeInto(w, f.date, "20/08/2026")
	typeInto(w, f.recipients, "Kho bạc Nhà nước khu vực I")
	test.Tap(f.dialog.OK)
	u.tasks.wait()
	got, _ := sh.s.l.Review(context.Background(), testWard.Code, testPeriod)
	if len(got.Info.Participants) != 2 || got.Info.Participants[1].Side != ledger.SideReviewed || got.Info.NoticeNumber != "125/TB-TCKH" ||
		got.Info.NoticeDate != ledger.NewDate(2026, 8, 20) || len(got.Info.Recipients) != 1 {
		t.Errorf("recorded %+v", got.Info)
	}
	// Shown again as recorded.
	test.Tap(rv.infoBtn)
	if !contains(rv.info.participants.Text, "Bà Nguyễn Thị Lan | Kế toán | được xét duyệt") || rv.info.date.Text != "20/08/2026" {
		t.Errorf("dialog shows %q, %q", rv.info.participants.Text, rv.info.date.Text)
	}
}
