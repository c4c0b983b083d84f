package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// TestSecondWindowRefused: a second window on the same ledger file gets
// a clear message instead of the ledger.
func TestSecondWindowRefused(t *testing.T) {
	u1, _ := newTestUI(t)
	u2, w2 := startUI(t, testOptions(u1.sess.path))
	if u2.shell != nil || u2.sess != nil {
		t.Fatal("the second window opened the ledger")
	}
	if !findLabel(w2.Content(), "đang được mở") {
		t.Error("no explanation shown to the second window")
	}
	// Once the first closes, the second can open it.
	u1.Close()
	u2.open(u1.opts.DBPath)
	u2.tasks.wait()
	if u2.shell == nil {
		t.Fatal("the ledger did not open after the first window closed")
	}
}

// findLabel reports whether a label under o shows text containing sub.
func findLabel(o fyne.CanvasObject, sub string) bool {
	for _, obj := range test.LaidOutObjects(o) {
		if l, ok := obj.(*widget.Label); ok && contains(l.Text, sub) {
			return true
		}
	}
	return false
}

// TestNewLedgerNeverOverwrites replays the accident of issue 9: with the
// ledger open in one window, a second window is refused; its "Tạo sổ mới…"
// offers a free name, and a name already taken — the open ledger's — is
// refused at the dialog and by the store, leaving the ledger whole.
func TestNewLedgerNeverOverwrites(t *testing.T) {
	u1, w1 := newTestUI(t)
	keyLine(t, u1, w1, '1', "05/01/2026", "QĐ-1", "T", "341", "", "500000000", "")
	path := u1.sess.path
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	u2, w2 := startUI(t, testOptions(path))
	if u2.sess != nil || !findLabel(w2.Content(), "đang được mở") {
		t.Fatal("the second window was not refused")
	}
	var picked []string
	u2.chooseNewLedger(path, func(p string) { picked = append(picked, p) })
	d := lastSaveAs(t, u2)
	if d.Name.Text == filepath.Base(path) || d.Name.Text == "" {
		t.Errorf("the dialog proposes %q, a name already taken", d.Name.Text)
	}
	d.Name.SetText(filepath.Base(path))
	d.Submit()
	if len(picked) != 0 || !contains(d.Note.Text, "Đã có tệp") {
		t.Fatalf("existing file accepted: %v, note %q", picked, d.Note.Text)
	}
	// The store refuses too, whatever the screen does.
	if _, err := createSQLite(context.Background(), path, ledger.Setup{Superior: testSuperior}); ledger.ErrorKind(err) != ledger.KindConflict {
		t.Fatalf("create over the ledger: %v", err)
	}
	after, err := os.ReadFile(path)
	if err != nil || len(after) < len(before) {
		t.Fatalf("the open ledger changed size: %d → %d (%v)", len(before), len(after), err)
	}
	// The first window goes on with its ledger intact.
	keyLine(t, u1, w1, '1', "06/01/2026", "QĐ-2", "T", "341", "", "70000000", "")
	if u1.shell.book.total != 2 {
		t.Errorf("%d entries in the first window", u1.shell.book.total)
	}
	if ps, err := u1.sess.l.Check(context.Background()); err != nil || len(ps) > 0 {
		t.Errorf("check: %v %v", ps, err)
	}
}

// lastSaveAs is the save-as dialog u opened last.
func lastSaveAs(t *testing.T, u *UI) *widgets.SaveAsDialog {
	t.Helper()
	if u.saveAs == nil {
		t.Fatal("no save-as dialog shown")
	}
	return u.saveAs
}

// TestRestore puts a backup back: entries keyed after it disappear, the
// ledger before restoring is kept, and a broken file is refused.
func TestRestore(t *testing.T) {
	u, w := newTestUI(t)
	keyLine(t, u, w, '1', "05/01/2026", "QĐ-1", "T", "341", "", "500000000", "")
	file, err := u.sess.l.BackupTo(context.Background(), t.TempDir(), ledger.BackupManual)
	if err != nil {
		t.Fatal(err)
	}
	keyLine(t, u, w, '1', "06/01/2026", "QĐ-2", "T", "341", "", "70000000", "")
	if u.shell.book.total != 2 {
		t.Fatalf("%d entries before restoring", u.shell.book.total)
	}

	// A file that is not a database is refused and the ledger stays.
	bad := filepath.Join(t.TempDir(), "hong.db")
	os.WriteFile(bad, []byte("not a database at all, just text"), 0o644)
	var got error
	u.restoreFrom(bad, func(err error) { got = err })
	u.tasks.wait()
	if got == nil || u.shell.book.total != 2 {
		t.Fatalf("broken backup: err %v, %d entries", got, u.shell.book.total)
	}

	got = nil
	u.restoreFrom(file, func(err error) { got = err })
	u.tasks.wait()
	if got != nil {
		t.Fatal(got)
	}
	if u.shell == nil || u.shell.book.total != 1 {
		t.Fatalf("after restoring: shell %v", u.shell)
	}
	if got := row(u, "09"); got != 500_000_000 {
		t.Errorf("row 09 after restoring = %s", got)
	}
	list, _ := u.sess.l.Backups(context.Background())
	kept := false
	for _, b := range list {
		kept = kept || b.Kind == ledger.BackupBeforeRestore
	}
	if !kept {
		t.Error("the ledger before restoring was not backed up")
	}
	// The writer's lock is still held by this window.
	if _, err := openSQLite(context.Background(), u.sess.path); ledger.ErrorKind(err) != ledger.KindBusy {
		t.Errorf("the restored ledger is not locked: %v", err)
	}
}

// TestFirstRun creates a ledger from the first-run screen.
func TestFirstRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "moi", "so.db")
	u, w := startUI(t, testOptions(path))
	f := u.first
	if f == nil || u.shell != nil {
		t.Fatal("first-run screen not shown for a new file")
	}
	if !findLabel(w.Content(), path) {
		t.Error("the file location is not shown")
	}
	typeInto(w, f.sup.code, "1000001")
	typeInto(w, f.sup.name, "UBND quận Mới")
	typeInto(w, f.wards[0].fields.code, "12345")
	typeInto(w, f.wards[0].fields.name, "UBND phường Một")
	f.submit()
	u.tasks.wait()
	if !contains(f.wards[0].fields.fCode.Err(), "7 chữ số") {
		t.Fatalf("bad ward code not refused at its field: %q", f.wards[0].fields.fCode.Err())
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("the file was created before the input was valid")
	}
	f.wards[0].fields.code.SetText("1000002")
	f.addWardRow()
	typeInto(w, f.wards[1].fields.code, "1000003")
	typeInto(w, f.wards[1].fields.name, "UBND phường Hai")
	// The chapter of a ward of its own, the signers and the place.
	f.sup.chapter.SetText("")
	typeInto(w, f.sup.chapter, "802")
	typeInto(w, f.wards[1].fields.chapter, "805")
	typeInto(w, f.signers[ledger.SettingHeadTitle], "Chủ tịch")
	typeInto(w, f.signers[ledger.SettingHeadName], "Lê Quang Hùng")
	typeInto(w, f.signers[ledger.SettingAccountTitle], "Phụ trách kế toán")
	typeInto(w, f.signers[ledger.SettingPlace], "Hà Đông")
	f.submit()
	u.tasks.wait()
	if u.shell == nil {
		t.Fatalf("main screen not shown: %q", f.note.Text)
	}
	ctx := context.Background()
	for key, want := range map[string]string{ledger.SettingHeadTitle: "Chủ tịch", ledger.SettingHeadName: "Lê Quang Hùng",
		ledger.SettingAccountTitle: "Phụ trách kế toán", ledger.SettingPlace: "Hà Đông", ledger.SettingPreparerName: ""} {
		if got, err := u.sess.l.Setting(ctx, key); err != nil || got != want {
			t.Errorf("setting %s = %q (%v), want %q", key, got, err, want)
		}
	}
	for code, want := range map[string]string{"1000002": "802", "1000003": "805"} {
		if got, err := u.sess.l.FindUnit(ctx, code); err != nil || got.Chapter != want {
			t.Errorf("unit %s chapter %q (%v), want %s", code, got.Chapter, err, want)
		}
	}
	if len(u.shell.unitChoices) != 2 || u.shell.unit.Code != "1000002" {
		t.Errorf("units %v, selected %s", u.shell.unitChoices, u.shell.unit.Code)
	}
	if got := u.app.Preferences().String(prefLastLedger); got != path {
		t.Errorf("last ledger remembered as %q", got)
	}
	// Kept by years, as the first run proposes: the Kỳ selector offers the
	// whole year alone, and the voucher form records in it.
	if u.shell.unit.Periods != ledger.ByYear || !u.shell.period.IsYear() || len(u.shell.halfSel.Options) != 1 {
		t.Errorf("a new ledger: unit kept %q, period %s, Kỳ %v", u.shell.unit.Periods, u.shell.period, u.shell.halfSel.Options)
	}
	if w, err := u.sess.l.Setting(context.Background(), ledger.SettingPeriods); err != nil || w != "year" {
		t.Errorf("ledger setting %q %v", w, err)
	}
}

// TestFirstRunByHalves: choosing half-years at the first run keeps the
// ledger as before: its units by half-years, the Kỳ selector with the
// year and its halves.
func TestFirstRunByHalves(t *testing.T) {
	path := filepath.Join(t.TempDir(), "so.db")
	u, w := startUI(t, testOptions(path))
	f := u.first
	typeInto(w, f.sup.code, "1000001")
	typeInto(w, f.sup.name, "UBND quận Mới")
	typeInto(w, f.wards[0].fields.code, "1000002")
	typeInto(w, f.wards[0].fields.name, "UBND phường Một")
	f.periods.SetSelected(firstRunPeriods[1])
	f.submit()
	u.tasks.wait()
	if u.shell == nil {
		t.Fatalf("main screen not shown: %q", f.note.Text)
	}
	if u.shell.unit.Periods != ledger.ByHalfYear || u.shell.period.IsYear() || len(u.shell.halfSel.Options) != 3 {
		t.Errorf("unit kept %q, period %s, Kỳ %v", u.shell.unit.Periods, u.shell.period, u.shell.halfSel.Options)
	}
}

// TestFirstRunDemo loads the demo district with its progress bar.
func TestFirstRunDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("the demo district takes a few seconds")
	}
	path := filepath.Join(t.TempDir(), "mau.db")
	opts := testOptions(path)
	opts.Today = func() ledger.Date { return ledger.NewDate(2026, 11, 27) }
	u, _ := startUI(t, opts)
	u.first.makeDemo()
	u.tasks.wait()
	if u.shell == nil {
		t.Fatalf("demo did not open: %q", u.first.note.Text)
	}
	if len(u.shell.unitChoices) != 17 || u.shell.book.total == 0 {
		t.Errorf("%d wards, %d entries shown", len(u.shell.unitChoices), u.shell.book.total)
	}
	if d, ok := u.shell.stmt.st.Form.CheckIdentity(u.shell.stmt.st.Total); !ok {
		t.Errorf("demo statement out of balance by %s", d)
	}
}

// TestSettingsSaved edits the signers and display unit.
func TestSettingsSaved(t *testing.T) {
	u, w := newTestUI(t)
	sh := u.shell
	sh.settings()
	u.tasks.wait()
	ctx := context.Background()
	d := sh.settingsDlg
	if d == nil {
		t.Fatal("settings dialog not shown")
	}
	typeInto(w, d.entries[ledger.SettingAccountName], "Trần Thị Hoa")
	d.entries[ledger.SettingAccountTitle].SetText("PHỤ TRÁCH KẾ TOÁN")
	d.display.SetSelected(unitThousand.Label())
	d.unit.name.SetText("UBND quận Thử Nghiệm Mới")
	d.save()
	u.tasks.wait()
	for k, want := range map[string]string{
		ledger.SettingAccountName: "Trần Thị Hoa", ledger.SettingAccountTitle: "PHỤ TRÁCH KẾ TOÁN", ledger.SettingDisplayUnit: "nghin",
	} {
		if got, _ := sh.s.l.Setting(ctx, k); got != want {
			t.Errorf("setting %s = %q, want %q", k, got, want)
		}
	}
	if sh.stmt.display != unitThousand {
		t.Errorf("statement shows %s", sh.stmt.display)
	}
	if sup, _ := sh.s.l.Superior(ctx); sup.Name != "UBND quận Thử Nghiệm Mới" {
		t.Errorf("superior = %+v", sup)
	}
}

// TestAddUnitAndCode adds a ward and a budget code through their forms.
func TestAddUnitAndCode(t *testing.T) {
	u, w := newTestUI(t)
	sh := u.shell
	sh.units.edit(ledger.Unit{}, true)
	fd := sh.units.form
	uf := fd.Fields
	typeInto(w, uf[0].Input.(*widgets.TextEntry), "1000002")
	typeInto(w, uf[1].Input.(*widgets.TextEntry), "UBND phường Trùng")
	fd.OK.OnTapped()
	u.tasks.wait()
	if !contains(uf[0].Err(), "đã có") {
		t.Fatalf("duplicate code not refused at its field: %q / %q", uf[0].Err(), fd.Banner.Text)
	}
	uf[0].Input.(*widgets.TextEntry).SetText("1000009")
	fd.OK.OnTapped()
	u.tasks.wait()
	if len(sh.unitChoices) != 2 {
		t.Fatalf("%d units after adding", len(sh.unitChoices))
	}

	fd = sh.codes.showAddDialog("", "", nil, nil)
	typeInto(w, fd.Fields[1].Input.(*widgets.TextEntry), "6759")
	typeInto(w, fd.Fields[2].Input.(*widgets.TextEntry), "Thuê kiểm toán độc lập")
	if got := fd.Fields[3].Input.(*widgets.TextEntry).Text; got != "6750" {
		t.Errorf("the Mục proposed for 6759 is %q", got)
	}
	fd.OK.OnTapped()
	u.tasks.wait()
	if _, ok := sh.s.catalogue().Lookup(ledger.LevelTieuMuc, "6759"); !ok {
		t.Fatalf("code not added: %q", fd.Banner.Text)
	}
	sh.codes.search.SetText("kiem toan")
	if len(sh.codes.list) != 1 {
		t.Errorf("search found %d codes", len(sh.codes.list))
	}
}
