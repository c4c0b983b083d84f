package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// TestPickerList: the Tiểu mục field lists up to eight matches at once
// under it — by words of the name and of the Mục, without accents too —
// and the keyboard moves, takes and closes without leaving the field.
func TestPickerList(t *testing.T) {
	u, w := newTestUI(t)
	f := u.shell.book.form
	typeInto(w, f.tieuMuc, "hội nghị")
	want := []string{"▶ 6651 In, mua tài liệu", "6652 Bồi dưỡng giảng viên, báo cáo viên",
		"6653 Tiền vé máy bay, tàu xe (đối với đại biểu là khách)", "6654 Tiền thuê phòng ngủ (đối với đại biểu là khách mời)",
		"6655 Thuê hội trường, phương tiện vận chuyển", "6656 Thuê phiên dịch, biên dịch phục vụ hội nghị",
		"6657 Các khoản thuê mướn khác phục vụ hội nghị", "6658 Chi bù tiền ăn"}
	if got := f.suggest.shown(); !slices.Equal(got, want) {
		t.Fatalf("“hội nghị” lists\n%s", strings.Join(got, "\n"))
	}
	if !contains(f.suggest.footer.Text, "1–8 / 9 mã") {
		t.Errorf("footer %q", f.suggest.footer.Text)
	}
	for i := 0; i < 8; i++ {
		press(w, fyne.KeyDown)
	}
	if got := f.suggest.shown(); len(got) != 8 || got[0] != "6652 Bồi dưỡng giảng viên, báo cáo viên" || got[7] != "▶ 6699 Chi phí khác" {
		t.Fatalf("after ↓ ×8 the list shows\n%s", strings.Join(got, "\n"))
	}
	press(w, fyne.KeyReturn)
	if f.tieuMuc.Text != "6699" || f.suggest.shown() != nil || f.fields["tieu_muc"].Note.Text != "Chi phí khác" {
		t.Fatalf("Enter took %q (note %q), list %v", f.tieuMuc.Text, f.fields["tieu_muc"].Note.Text, f.suggest.shown())
	}
	if w.Canvas().Focused() != fyne.Focusable(f.tieuMuc) || u.shell.book.total != 0 {
		t.Fatalf("Enter on the list left the field or saved")
	}

	clearInto(w, f.tieuMuc, "dien")
	want = []string{"▶ 6501 Tiền điện", "6601 Cước phí điện thoại (không bao gồm khoán điện thoại); thuê bao đường điện thoại; fax",
		"6618 Khoán điện thoại", "6921 Đường điện, cấp thoát nước"}
	if got := f.suggest.shown(); !slices.Equal(got, want) {
		t.Fatalf("“dien” lists\n%s", strings.Join(got, "\n"))
	}
	press(w, fyne.KeyEscape) // closes the list, keeps what was typed
	if f.suggest.shown() != nil || f.tieuMuc.Text != "dien" {
		t.Fatalf("Esc: list %v, field %q", f.suggest.shown(), f.tieuMuc.Text)
	}
	press(w, fyne.KeyDown) // opens it again
	press(w, fyne.KeyDown)
	tab(w) // takes the code highlighted
	if f.tieuMuc.Text != "6601" || f.suggest.shown() != nil {
		t.Errorf("Tab took %q, list %v", f.tieuMuc.Text, f.suggest.shown())
	}

	// The list is drawn under the field, over the table.
	clearInto(w, f.tieuMuc, "66")
	d := fyne.CurrentApp().Driver()
	field, panel := d.AbsolutePositionForObject(f.tieuMuc), d.AbsolutePositionForObject(f.suggest.panel)
	// (shifted left when it would stick out of the window)
	if panel.Y != field.Y+f.tieuMuc.Size().Height || panel.X > field.X || panel.X+f.suggest.panel.Size().Width > w.Canvas().Size().Width ||
		f.suggest.panel.Size().Height < 8*20 {
		t.Errorf("list at %v size %v, field at %v", panel, f.suggest.panel.Size(), field)
	}
	// A tap takes a row, and the keyboard stays in the field.
	f.suggest.rows[2].Tapped(&fyne.PointEvent{})
	if f.tieuMuc.Text != "6605" || w.Canvas().Focused() != fyne.Focusable(f.tieuMuc) {
		t.Errorf("tap took %q, focus in %T", f.tieuMuc.Text, w.Canvas().Focused())
	}

	// A code retired before the period's year is not offered: its
	// replacement is.
	clearInto(w, f.tieuMuc, "6106")
	if got := f.suggest.shown(); len(got) != 1 || got[0] != "▶ 6105 Phụ cấp làm đêm, làm thêm giờ" || !contains(f.fields["tieu_muc"].Note.Text, "hết hiệu lực — dùng 6105") {
		t.Errorf("6106 in 2026: %v, note %q", got, f.fields["tieu_muc"].Note.Text)
	}
}

// TestVoucherOnMissingCode keys a voucher on a Tiểu mục the catalogue
// lacks: saving offers to add it in place, with its Mục derived; the
// dialog saves on Enter, and the voucher is as it was with the keyboard
// back in the field; Enter again records the voucher.
func TestVoucherOnMissingCode(t *testing.T) {
	u, w := newTestUI(t)
	sh := u.shell
	f := sh.book.form
	keyLine(t, u, w, '1', "05/01/2026", "15/QĐ-UBND", "T", "341", "", "500000000", "")
	keyLine(t, u, w, '3', "06/01/2026", "C2-02a/001", "T", "341", "", "100000000", "")

	keyVoucher(w, f, '4', "12/01/2026", "PC007", "T", "341", "6659", "2500000", "Hội nghị trực tuyến tháng 1")
	if got := f.suggest.shown(); got != nil {
		t.Errorf("list still open after Tab: %v", got)
	}
	press(w, fyne.KeyReturn) // save: the code is missing, the dialog opens
	fd := sh.codes.form
	if fd == nil || !dialogOpen(w) {
		t.Fatal("no dialog to add the missing code")
	}
	code, name, parent, group := fd.Fields[1].Input.(*widgets.TextEntry), fd.Fields[2].Input.(*widgets.TextEntry), fd.Fields[3].Input.(*widgets.TextEntry), fd.Fields[4].Input.(*widgets.TextEntry)
	if code.Text != "6659" || parent.Text != "6650" || group.Text != "Hội nghị" || !group.Disabled() || !fd.Fields[0].Input.(*widgets.KeySelect).Disabled() {
		t.Errorf("dialog: code %q parent %q group %q", code.Text, parent.Text, group.Text)
	}
	if w.Canvas().Focused() != fyne.Focusable(name) {
		t.Errorf("the keyboard is in %T, want the name", w.Canvas().Focused())
	}
	typeInto(w, name, "Chi hội nghị trực tuyến")
	press(w, fyne.KeyReturn)
	u.tasks.wait()
	if dialogOpen(w) {
		t.Fatalf("dialog still open: %q", fd.Banner.Text)
	}
	if c, ok := sh.s.catalogue().Lookup(ledger.LevelTieuMuc, "6659"); !ok || c.Name != "Chi hội nghị trực tuyến" || c.Parent != "6650" {
		t.Fatalf("6659 in the catalogue: %+v %v", c, ok)
	}
	// Nothing of the voucher was lost, and the keyboard is back.
	if f.date.Text != "12/01/2026" || f.doc.Text != "PC007" || f.selectedKind() != ledger.EntrySpending || f.khoan.Text != "341" ||
		f.tieuMuc.Text != "6659" || f.amount.Text != "2.500.000" || f.memo.Text != "Hội nghị trực tuyến tháng 1" {
		t.Errorf("voucher after the dialog: %q %q %s %q %q %q %q", f.date.Text, f.doc.Text, f.selectedKind(), f.khoan.Text, f.tieuMuc.Text, f.amount.Text, f.memo.Text)
	}
	if w.Canvas().Focused() != fyne.Focusable(f.tieuMuc) {
		t.Errorf("after the dialog the keyboard is in %T", w.Canvas().Focused())
	}
	if f.fields["tieu_muc"].Note.Text != "Chi hội nghị trực tuyến" {
		t.Errorf("note %q", f.fields["tieu_muc"].Note.Text)
	}
	press(w, fyne.KeyReturn)
	u.tasks.wait()
	if got := row(u, "18"); got != 2_500_000 {
		t.Fatalf("row 18 = %s after saving the voucher", got)
	}

	// From the list: Enter on "Thêm mã …"; Esc cancels, nothing is added
	// and the field keeps the number.
	clearInto(w, f.tieuMuc, "8001")
	if got := f.suggest.shown(); len(got) != 1 || got[0] != "▶ + Thêm mã 8001 vào danh mục…" {
		t.Fatalf("list for 8001: %v", got)
	}
	press(w, fyne.KeyReturn)
	fd = sh.codes.form
	if !dialogOpen(w) || fd.Fields[3].Input.(*widgets.TextEntry).Text != "8000" || fd.Fields[4].Input.(*widgets.TextEntry).Disabled() {
		t.Fatalf("dialog for 8001: visible %v, parent %q", dialogOpen(w), fd.Fields[3].Input.(*widgets.TextEntry).Text)
	}
	press(w, fyne.KeyEscape)
	if dialogOpen(w) || f.tieuMuc.Text != "8001" || w.Canvas().Focused() != fyne.Focusable(f.tieuMuc) {
		t.Fatalf("Esc: dialog %v, field %q, focus %T", dialogOpen(w), f.tieuMuc.Text, w.Canvas().Focused())
	}
	if _, ok := sh.s.catalogue().Lookup(ledger.LevelTieuMuc, "8001"); ok {
		t.Fatal("8001 added by a cancelled dialog")
	}
	// Its Mục is missing too: its name is asked for, and both are added.
	press(w, fyne.KeyReturn)
	fd = sh.codes.form
	typeInto(w, fd.Fields[2].Input.(*widgets.TextEntry), "Chi hỗ trợ doanh nghiệp nhỏ")
	press(w, fyne.KeyReturn)
	u.tasks.wait()
	if !contains(fd.Fields[4].Err(), "nhập tên của Mục") {
		t.Fatalf("missing Mục name: %q / %q", fd.Fields[4].Err(), fd.Banner.Text)
	}
	typeInto(w, fd.Fields[4].Input.(*widgets.TextEntry), "Chi hỗ trợ khác")
	fd.OK.OnTapped()
	u.tasks.wait()
	cat := sh.s.catalogue()
	if cat.Name(ledger.LevelMuc, "8000") != "Chi hỗ trợ khác" || cat.Name(ledger.LevelTieuMuc, "8001") != "Chi hỗ trợ doanh nghiệp nhỏ" || f.tieuMuc.Text != "8001" {
		t.Errorf("8000 %q, 8001 %q, field %q", cat.Name(ledger.LevelMuc, "8000"), cat.Name(ledger.LevelTieuMuc, "8001"), f.tieuMuc.Text)
	}
}

// TestCatalogueImportExport: the Danh mục tab exports the catalogue and
// imports a file, asking before it renames.
func TestCatalogueImportExport(t *testing.T) {
	u, _ := newTestUI(t)
	tab := u.shell.codes
	dir := t.TempDir()
	out := filepath.Join(dir, "dm.xlsx")
	tab.exportTo(out)
	u.tasks.wait()
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Fatalf("export: %v", err)
	}
	if e := u.shell.exported; e == nil || !contains(e.text.Text, "Đã xuất danh mục (185 mã)") {
		t.Errorf("no export summary")
	}
	in := filepath.Join(dir, "tt130.csv")
	if err := os.WriteFile(in, []byte("level,code,name,parent\ntieu_muc,6659,Chi hội nghị trực tuyến,6650\ntieu_muc,6105,\"Phụ cấp làm đêm, thêm giờ\",6100\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tab.importPath(in, false)
	u.tasks.wait()
	if tab.renames == nil || !contains(tab.renames.text.Text, "Tiểu mục 6105: “Phụ cấp làm đêm, làm thêm giờ” → “Phụ cấp làm đêm, thêm giờ” (dòng 3)") {
		t.Fatalf("no confirmation of the rename")
	}
	if _, ok := u.shell.s.catalogue().Lookup(ledger.LevelTieuMuc, "6659"); ok {
		t.Fatal("imported before the rename was confirmed")
	}
	tab.renames.confirm()
	u.tasks.wait()
	cat := u.shell.s.catalogue()
	if cat.Name(ledger.LevelTieuMuc, "6659") != "Chi hội nghị trực tuyến" || cat.Name(ledger.LevelTieuMuc, "6105") != "Phụ cấp làm đêm, thêm giờ" {
		t.Errorf("after confirming: %q %q", cat.Name(ledger.LevelTieuMuc, "6659"), cat.Name(ledger.LevelTieuMuc, "6105"))
	}
	if c, _ := cat.Lookup(ledger.LevelTieuMuc, "6659"); c.Source != "tt130.csv" {
		t.Errorf("source %q", c.Source)
	}
	if tab.count.Text != "186 mã" || !contains(u.shell.statusBar.Text, "thêm 1 mã, đổi tên 1 mã") {
		t.Errorf("count %q, status %q", tab.count.Text, u.shell.statusBar.Text)
	}
	// The workbook exported imports back with nothing to do but the
	// rename it undoes, which is asked first.
	tab.renames = nil
	tab.importPath(out, false)
	u.tasks.wait()
	if tab.renames == nil || !contains(tab.renames.text.Text, "“Phụ cấp làm đêm, thêm giờ” → “Phụ cấp làm đêm, làm thêm giờ”") {
		t.Errorf("re-import of the export: status %q", u.shell.statusBar.Text)
	}
}

// dialogOpen reports whether a dialog is over the window.
func dialogOpen(w fyne.Window) bool { return w.Canvas().Overlays().Top() != nil }
