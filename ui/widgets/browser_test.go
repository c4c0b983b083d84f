package widgets_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wardledger/ui/widgets"
)

// TestBrowser walks folders by keys: a folder typed and Enter lists it
// (its sub-folders, then the files wanted, nothing hidden); Space on a
// folder opens it, on a file picks it, Enter takes it; a folder dialog
// takes the folder shown.
func TestBrowser(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel(""))
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 700))
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "Báo cáo quý", "Tháng 6"), 0o755)
	for _, n := range []string{"QT_1000002_2026-H1.xlsx", "ghi chu.txt", ".an.xlsx", "~$QT.xlsx", "Báo cáo quý/QT_1000003_2026-H1.XLSX"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	var got []string
	b := widgets.ShowOpenFile(w, "Thêm tệp", []string{".xlsx"}, func(p string) { got = append(got, p) }, filepath.Join(dir, "none"), dir)
	if w.Canvas().Focused() != b.Dir || b.Dir.Text != dir {
		t.Fatalf("starts in %q, keyboard in %T", b.Dir.Text, w.Canvas().Focused())
	}
	markup := test.RenderToMarkup(w.Canvas())
	for _, want := range []string{"(thư mục cha)", "Báo cáo quý", "QT_1000002_2026-H1.xlsx", "Thư mục nhà"} {
		if !strings.Contains(markup, want) {
			t.Errorf("%q not listed", want)
		}
	}
	for _, not := range []string{"ghi chu.txt", ".an.xlsx", "~$QT", "Home", "Documents"} {
		if strings.Contains(markup, not) {
			t.Errorf("%q listed", not)
		}
	}
	b.Dir.SetText(filepath.Join(dir, "khong co"))
	b.Dir.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "Không có thư mục hay tệp") {
		t.Error("a folder that is not there is not said so")
	}
	b.Dir.SetText(filepath.Join(dir, "Báo cáo quý"))
	b.Dir.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if b.Dir.Text != filepath.Join(dir, "Báo cáo quý") {
		t.Fatalf("Enter on a folder typed shows %q", b.Dir.Text)
	}
	// The list: the parent, the sub-folder, then the workbook (any case
	// of .xlsx). Space on it picks it, Enter takes it.
	tabToList(t, w)
	list := w.Canvas().Focused().(*widgets.List)
	list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	list.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(got) != 1 || got[0] != filepath.Join(dir, "Báo cáo quý", "QT_1000003_2026-H1.XLSX") || w.Canvas().Overlays().Top() != nil {
		t.Fatalf("picked %v", got)
	}

	// A file typed whole is taken at once.
	b = widgets.ShowOpenFile(w, "Thêm tệp", []string{".xlsx"}, func(p string) { got = append(got, p) }, dir)
	b.Dir.SetText(filepath.Join(dir, "QT_1000002_2026-H1.xlsx"))
	b.Dir.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(got) != 2 || got[1] != filepath.Join(dir, "QT_1000002_2026-H1.xlsx") {
		t.Fatalf("a file typed: %v", got)
	}

	// A folder: Space opens a sub-folder, Enter takes the folder shown;
	// Escape leaves without one.
	var folders []string
	widgets.ShowOpenFolder(w, "Chọn thư mục", "Chọn thư mục này", func(d string) { folders = append(folders, d) }, dir)
	tabToList(t, w)
	list = w.Canvas().Focused().(*widgets.List)
	list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	list.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) // "Báo cáo quý"
	list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(folders) != 1 || folders[0] != filepath.Join(dir, "Báo cáo quý") {
		t.Fatalf("folder chosen %v", folders)
	}
	b = widgets.ShowOpenFolder(w, "Chọn thư mục", "Chọn thư mục này", func(d string) { folders = append(folders, d) }, dir)
	b.Dir.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(folders) != 1 || w.Canvas().Overlays().Top() != nil {
		t.Error("Escape chose a folder or stayed")
	}
}

// tabToList presses Tab until the list of files has the keyboard.
func tabToList(t *testing.T, w fyne.Window) {
	t.Helper()
	var lists []*widgets.List
	for i := 0; i < 20; i++ {
		w.Canvas().FocusNext()
		if l, ok := w.Canvas().Focused().(*widgets.List); ok {
			lists = append(lists, l)
			if len(lists) == 2 { // the places come first
				return
			}
		}
	}
	t.Fatal("Tab never reaches the list of files")
}
