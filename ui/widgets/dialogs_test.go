package widgets_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// button is the button labelled text in the dialog on top of w, nil if
// there is none.
func button(w fyne.Window, text string) *widgets.Button {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widgets.Button); ok && b.Text == text {
			return b
		}
	}
	return nil
}

// TestFormDialog: a refusal naming a field is shown at that field and
// keeps the dialog open; Enter in a field submits; success closes it.
func TestFormDialog(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel(""))
	defer w.Close()
	w.Resize(fyne.NewSize(800, 600))
	fs := widgets.FieldSet{}
	reason := widgets.NewTextEntry("")
	f := fs.Add("reason", "Lý do", reason, "")
	var answer error
	submitted := 0
	d := widgets.ShowFormDialog(w, "Mở lại sổ", "Mở lại", []*widgets.Field{f}, func(done func(error)) {
		submitted++
		done(answer)
	}, fs.FieldFor)
	if w.Canvas().Focused() != reason {
		t.Error("the first field does not have the keyboard")
	}
	answer = ledger.FieldErrorf("reason", "test", "phải ghi lý do")
	test.Tap(d.OK)
	if f.Err() == "" || d.Banner.Text == "" || w.Canvas().Overlays().Top() == nil {
		t.Fatalf("refusal: field %q, banner %q", f.Err(), d.Banner.Text)
	}
	answer = nil
	typeInto(w, reason, "bổ sung chứng từ")
	reason.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if submitted != 2 || f.Err() != "" || w.Canvas().Overlays().Top() != nil {
		t.Errorf("after Enter: %d submits, field %q, dialog open %v", submitted, f.Err(), w.Canvas().Overlays().Top() != nil)
	}
}

// TestJob: Hủy cancels the work's context; progress reaches the bar
// through the function given for the UI goroutine.
func TestJob(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel(""))
	defer w.Close()
	j := widgets.NewJob(w, "Xuất Excel", "Đang xuất …", func(f func()) { f() })
	ctx, cancel := j.Watch(context.Background())
	defer cancel()
	j.Progress(5, 10)
	if j.Fraction() != 0.5 {
		t.Errorf("bar at %v", j.Fraction())
	}
	test.Tap(button(w, "Hủy"))
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("Hủy did not cancel the work")
	}
	j.Cancel() // twice is harmless
	j.Finish()
	<-j.Done()
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the dialog is still shown")
	}
}

// TestSaveAs: the dialog creates nothing; a taken name is refused (a new
// ledger) or replaced only once confirmed (a workbook); the extension is
// added to a name typed without it.
func TestSaveAs(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel(""))
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 700))
	dir := t.TempDir()
	taken := filepath.Join(dir, "so.db")
	os.WriteFile(taken, []byte("a ledger"), 0o644)

	var got []string
	pick := func(p string) { got = append(got, p) }
	d := widgets.ShowSaveAs(w, "Tạo sổ mới", "Tạo sổ", dir, widgets.FreeName(dir, "so.db"), ".db", widgets.RefuseExisting, pick)
	if d.Name.Text != "so-2.db" {
		t.Errorf("proposed %q, want a free name", d.Name.Text)
	}
	d.Name.SetText("so")
	d.Submit()
	if len(got) != 0 || d.Note.Text == "" {
		t.Fatalf("a taken name accepted: %v", got)
	}
	if data, _ := os.ReadFile(taken); string(data) != "a ledger" {
		t.Fatal("the file was touched")
	}
	d.Name.SetText("quan/so.db")
	d.Submit()
	if len(got) != 0 {
		t.Fatal("a name with a folder accepted")
	}
	d.Name.SetText("moi")
	d.Submit()
	if len(got) != 1 || got[0] != filepath.Join(dir, "moi.db") {
		t.Fatalf("picked %v", got)
	}
	if _, err := os.Stat(got[0]); !errors.Is(err, os.ErrNotExist) {
		t.Error("the dialog created the file")
	}

	got = nil
	d = widgets.ShowSaveAs(w, "Lưu báo cáo", "Lưu", dir, "so.db", ".db", widgets.AskToReplace, pick)
	d.Submit()
	if len(got) != 0 {
		t.Fatal("replaced without asking")
	}
	replace := button(w, "Ghi đè")
	if replace == nil {
		t.Fatal("no “Ghi đè” asked")
	}
	test.Tap(replace)
	if len(got) != 1 || got[0] != taken {
		t.Errorf("after confirming: %v", got)
	}
}
