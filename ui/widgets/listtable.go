package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Column is one Column of a table: its header, width and alignment.
type Column struct {
	Title string
	Width float32
	Align fyne.TextAlign
}

// HeaderWidth is width, or the width a bold heading needs to show whole
// if that is more: a heading is never cut ("Chuyển sau (29" was).
func HeaderWidth(heading string, width float32) float32 {
	need := fyne.MeasureText(heading, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding() + 2
	return max(width, need)
}

// SetColumns gives a table a header row with the columns' titles and
// fixes their widths.
func SetColumns(t *widget.Table, cols []Column) {
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
			l.Alignment = cols[id.Col].Align
			l.SetText(cols[id.Col].Title)
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, HeaderWidth(c.Title, c.Width))
	}
}

// NewListTable is a read-only table with one line per row: row returns
// the cells of row i and whether the row is bold (a group heading).
func NewListTable(cols []Column, count func() int, row func(i int) ([]string, bool)) *widget.Table {
	fit := NewFitter()
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
			fit.SetCell(l, text, cols[id.Col].Align, widget.MediumImportance, fyne.TextStyle{Bold: bold})
		})
	SetColumns(t, cols)
	return t
}
