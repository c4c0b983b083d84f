package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
)

// TestKeyHalfYear keys an allocation, a withdrawal and spending vouchers
// by typing, as an accountant does, and watches the statement follow.
func TestKeyHalfYear(t *testing.T) {
	u, w := newTestUI(t)
	sh := u.shell
	if sh.unit.Code != testWard.Code || sh.period != testPeriod {
		t.Fatalf("shows %s %s, want the ward in %s", sh.unit.Code, sh.period, testPeriod)
	}

	keyLine(t, u, w, '1', "05/01/2026", "15/QĐ-UBND", "T", "341", "", "500000000", "Giao dự toán 6 tháng đầu năm")
	if got := row(u, "09"); got != 500_000_000 {
		t.Fatalf("row 09 after the allocation = %s, want 500.000.000", got)
	}
	keyLine(t, u, w, '3', "0501", "C2-02a/001", "T", "341", "", "100000000", "Rút dự toán tháng 1")
	if got := row(u, "15"); got != 100_000_000 {
		t.Fatalf("row 15 after the withdrawal = %s", got)
	}
	// Spending: the Tiểu mục is found by name, the amount grouped as typed.
	keyLine(t, u, w, '4', "10/1", "PC001", "T", "341", "điện", "1250000", "Chi tiền điện tháng 1")
	if got := row(u, "18"); got != 1_250_000 {
		t.Fatalf("row 18 after spending = %s, want 1.250.000", got)
	}
	if got := row(u, "23"); got != 100_000_000-1_250_000 {
		t.Fatalf("row 23 (received, unused) = %s", got)
	}
	if d, ok := sh.stmt.st.Form.CheckIdentity(sh.stmt.st.Total); !ok {
		t.Fatalf("statement out of balance by %s", d)
	}
	// The form kept the voucher for its next line and is ready for it.
	f := sh.book.form
	if f.doc.Text != "PC001" || f.date.Text != "10/01/2026" || f.khoan.Text != "341" {
		t.Errorf("after saving: doc %q date %q khoan %q; want them kept", f.doc.Text, f.date.Text, f.khoan.Text)
	}
	if f.amount.Text != "" || f.tieuMuc.Text != "" || f.memo.Text != "" {
		t.Errorf("after saving the line fields were not cleared: %q %q %q", f.amount.Text, f.tieuMuc.Text, f.memo.Text)
	}
	if w.Canvas().Focused() != fyne.Focusable(f.tieuMuc) {
		t.Errorf("after a spending line the keyboard should be in Tiểu mục, is in %T", w.Canvas().Focused())
	}
	// A second line of the same voucher: only Tiểu mục and amount typed.
	typeInto(w, f.tieuMuc, "6551")
	tab(w)
	typeInto(w, f.amount, "350000")
	press(w, fyne.KeyReturn)
	u.tasks.wait()
	if got := row(u, "18"); got != 1_600_000 {
		t.Fatalf("row 18 after the second line = %s, want 1.600.000", got)
	}
	// The entries table lists all four, newest first, with names.
	if sh.book.total != 4 {
		t.Fatalf("table has %d entries, want 4", sh.book.total)
	}
	if got := tableText(u, 0, 5); got != "6551 – Văn phòng phẩm" {
		t.Errorf("newest entry's Tiểu mục cell = %q", got)
	}
	if got := tableText(u, 1, 6); got != "1.250.000" {
		t.Errorf("amount cell = %q", got)
	}
	if got := sh.status.Text; !contains(got, "Đang mở") || !contains(got, "4 bút toán") {
		t.Errorf("status = %q", got)
	}
	// The F01-01 tree has the Tiểu mục under its Mục.
	found := false
	for _, r := range sh.stmt.detail {
		if r.Level == ledger.DetailTieuMuc && r.Code == "6501" && r.Amount == 1_250_000 {
			found = true
		}
	}
	if !found {
		t.Errorf("F01-01 lacks Tiểu mục 6501: %+v", sh.stmt.detail)
	}
}

// TestTabOrder checks the keyboard walks the voucher in reading order.
func TestTabOrder(t *testing.T) {
	u, w := newTestUI(t)
	f := u.shell.book.form
	w.Canvas().Focus(f.date)
	want := []fyne.Focusable{f.doc, f.kind, f.nature, f.khoan, f.tieuMuc, f.amount, f.memo, f.save}
	for i, next := range want {
		tab(w)
		if w.Canvas().Focused() != next {
			t.Fatalf("Tab %d went to %T, want %T", i+1, w.Canvas().Focused(), next)
		}
	}
}

// TestOverdrawRefusedAtAmount: spending more than was withdrawn is refused
// at the amount field, with the shortfall, and nothing is written.
func TestOverdrawRefusedAtAmount(t *testing.T) {
	u, w := newTestUI(t)
	keyLine(t, u, w, '1', "05/01/2026", "15/QĐ-UBND", "T", "341", "", "500000000", "")
	keyLine(t, u, w, '3', "06/01/2026", "C2-02a/001", "T", "341", "", "100000000", "")
	keyLine(t, u, w, '4', "10/01/2026", "PC002", "T", "341", "6501", "150000000", "Chi vượt")

	f := u.shell.book.form
	amount := f.fields["amount"]
	if !contains(amount.Err(), "thiếu 50.000.000 đồng") || !contains(amount.Err(), "còn 100.000.000 đồng") {
		t.Fatalf("refusal under the amount = %q, want the balance and the shortfall", amount.Err())
	}
	if amount.Note.Importance != widget.DangerImportance {
		t.Errorf("refusal not shown in red")
	}
	if w.Canvas().Focused() != fyne.Focusable(f.amount) {
		t.Errorf("keyboard should be back in the amount field, is in %T", w.Canvas().Focused())
	}
	if !contains(f.banner.Text, "thiếu 50.000.000 đồng") {
		t.Errorf("banner = %q", f.banner.Text)
	}
	if f.amount.Text != "150.000.000" {
		t.Errorf("the refused amount should stay for correction, is %q", f.amount.Text)
	}
	if got := row(u, "18"); got != 0 {
		t.Errorf("row 18 = %s after a refused voucher", got)
	}
	if u.shell.book.total != 2 {
		t.Errorf("%d entries, want 2", u.shell.book.total)
	}
	// Correcting the amount clears the refusal and saves.
	f.amount.SetText("")
	typeInto(w, f.amount, "90000000")
	if amount.Err() != "" {
		t.Errorf("refusal still shown after editing: %q", amount.Err())
	}
	press(w, fyne.KeyReturn)
	u.tasks.wait()
	if got := row(u, "18"); got != 90_000_000 {
		t.Errorf("row 18 = %s after the corrected voucher", got)
	}
}

// TestFieldRefusals: mistakes the form catches itself land at their field.
func TestFieldRefusals(t *testing.T) {
	u, w := newTestUI(t)
	f := u.shell.book.form
	cases := []struct {
		name                    string
		kind                    rune
		date, khoan, tm, amount string
		field, want             string
	}{
		{"bad date", '1', "31/02/2026", "341", "", "1000", "date", "không có trên lịch"},
		{"date after period", '1', "05/07/2026", "341", "", "1000", "date", "sau ngày cuối kỳ"},
		{"spending without Tiểu mục", '4', "05/01/2026", "341", "", "1000", "tieu_muc", "phải ghi Tiểu mục"},
		{"decimal amount", '1', "05/01/2026", "341", "", "1000,5", "amount", "dấu phẩy"},
		{"zero", '1', "05/01/2026", "341", "", "0", "amount", "khác 0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			keyLine(t, u, w, c.kind, c.date, "QĐ1", "T", c.khoan, c.tm, c.amount, "")
			fl := f.fields[c.field]
			if !contains(fl.Err(), c.want) {
				t.Errorf("field %s shows %q, want %q", c.field, fl.Err(), c.want)
			}
			for name, other := range f.fields {
				if name != c.field && other.Err() != "" {
					t.Errorf("field %s also shows %q", name, other.Err())
				}
			}
			press(w, fyne.KeyEscape)
		})
	}
	if u.shell.book.total != 0 {
		t.Errorf("%d entries written by refused vouchers", u.shell.book.total)
	}
}

// TestClosedPeriodDisablesForm: a closed period cannot be keyed into.
func TestClosedPeriodDisablesForm(t *testing.T) {
	u, w := newTestUI(t)
	sh := u.shell
	if err := sh.s.l.ClosePeriod(u.tasks.current(), testWard.Code, testPeriod, nil); err != nil {
		t.Fatal(err)
	}
	sh.changed()
	u.tasks.wait()
	f := sh.book.form
	if f.enabled || !f.amount.Disabled() {
		t.Fatal("form still enabled in a closed period")
	}
	if !contains(f.banner.Text, "đã khóa sổ") {
		t.Errorf("banner = %q", f.banner.Text)
	}
	if sh.closeBtn.Text != "Mở lại sổ…" {
		t.Errorf("close button = %q", sh.closeBtn.Text)
	}
	// Its longer button and status still fit the window, with the margin
	// of TestReviewGrid.
	if got := w.Content().MinSize().Width; got > windowSize.Width-30 {
		t.Errorf("a closed period needs a window %.0f wide, the window is %.0f", got, windowSize.Width)
	}
}

// TestTypingReplacesKeptValues: entering a kept field selects it, so the
// next voucher's date or number is typed over the old one.
func TestTypingReplacesKeptValues(t *testing.T) {
	u, w := newTestUI(t)
	f := u.shell.book.form
	if f.date.Text != testToday.VN() {
		t.Fatalf("date starts as %q, want today", f.date.Text)
	}
	typeInto(w, f.date, "0503")
	tab(w)
	if f.date.Text != "05/03/2026" {
		t.Errorf("date = %q, want 05/03/2026", f.date.Text)
	}
	f.doc.SetText("PC001")
	w.Canvas().Focus(f.memo)
	typeInto(w, f.doc, "PC002")
	if f.doc.Text != "PC002" {
		t.Errorf("doc = %q", f.doc.Text)
	}
	f.memo.SetText("Chi ")
	w.Canvas().Focus(f.doc)
	typeInto(w, f.memo, "tiền điện")
	if f.memo.Text != "Chi tiền điện" {
		t.Errorf("memo = %q: the memo is appended to, not replaced", f.memo.Text)
	}
}

// TestSetTextDropsSelection: a field cleared by code while its text was
// selected takes the next keys whole.
func TestSetTextDropsSelection(t *testing.T) {
	u, w := newTestUI(t)
	f := u.shell.book.form
	f.amount.SetText("1.000")
	w.Canvas().Focus(f.memo)
	w.Canvas().Focus(f.amount) // selects "1.000"
	f.amount.SetText("")       // as saving a voucher does
	typeInto(w, f.amount, "25000")
	if f.amount.Text != "25.000" {
		t.Errorf("amount = %q, want 25.000", f.amount.Text)
	}
}
