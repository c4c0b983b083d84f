package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// column is one column of a table: its header, width and alignment.
type column struct {
	title string
	width float32
	align fyne.TextAlign
}

// setColumns gives a table a header row with the columns' titles and
// fixes their widths.
func setColumns(t *widget.Table, cols []column) {
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle = fyne.TextStyle{Bold: true}
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(cols) {
			l := o.(*widget.Label)
			l.Alignment = cols[id.Col].align
			l.SetText(cols[id.Col].title)
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
}

// newListTable is a read-only table with one line per row: row returns
// the cells of row i and whether the row is bold (a group heading).
func newListTable(cols []column, count func() int, row func(i int) ([]string, bool)) *widget.Table {
	fit := newFitter()
	t := widget.NewTable(
		func() (int, int) { return count(), len(cols) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			text, bold := "", false
			if id.Row < count() {
				var cells []string
				cells, bold = row(id.Row)
				text = cells[id.Col]
			}
			fit.setCell(l, text, cols[id.Col].align, widget.MediumImportance, fyne.TextStyle{Bold: bold})
		})
	setColumns(t, cols)
	return t
}
