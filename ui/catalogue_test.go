package ui

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// drawn calls fn for every visible object under o, as drawn (no layout
// is run), with its position relative to o.
func drawn(o fyne.CanvasObject, fn func(o fyne.CanvasObject, pos fyne.Position)) {
	var walk func(o fyne.CanvasObject, at fyne.Position)
	walk = func(o fyne.CanvasObject, at fyne.Position) {
		if !o.Visible() {
			return
		}
		fn(o, at)
		var kids []fyne.CanvasObject
		switch v := o.(type) {
		case *fyne.Container:
			kids = v.Objects
		case fyne.Widget:
			kids = test.WidgetRenderer(v).Objects()
		}
		for _, k := range kids {
			walk(k, at.Add(k.Position()))
		}
	}
	walk(o, fyne.Position{})
}

// shownRows is what a table shows: the text of the labels drawn inside
// its bounds, row by row from the top, header included.
func shownRows(table *widget.Table) [][]string {
	size := table.Size()
	byY := map[float32][]string{}
	drawn(table, func(o fyne.CanvasObject, p fyne.Position) {
		l, ok := o.(*widget.Label)
		if !ok || p.Y < 0 || p.Y+l.Size().Height > size.Height+1 || p.X < 0 || p.X > size.Width {
			return
		}
		byY[p.Y] = append(byY[p.Y], fmt.Sprintf("%s@%.0fh%.0f", l.Text, p.X, l.Size().Height))
	})
	var ys []float32
	for y := range byY {
		ys = append(ys, y)
	}
	sort.Slice(ys, func(i, j int) bool { return ys[i] < ys[j] })
	var out [][]string
	for _, y := range ys {
		out = append(out, byY[y])
	}
	return out
}

// scrollDown scrolls the mouse wheel over a table as far as it goes.
func scrollDown(w fyne.Window, table *widget.Table) {
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(table).Add(fyne.NewPos(300, 200))
	for i := 0; i < 60; i++ {
		test.Scroll(w.Canvas(), at, 0, -200)
	}
}

// firstCodes are the codes of the first n rows a table shows (column 1).
func firstCodes(table *widget.Table, n int) []string {
	var out []string
	for _, r := range shownRows(table)[1:] { // under the header
		if len(out) == n {
			break
		}
		out = append(out, strings.SplitN(r[1], "@", 2)[0])
	}
	return out
}

// TestCatalogueFilterAfterScrolling: the Danh mục list scrolled down and
// then filtered shows the matches from the top, every row of one height,
// and shows the whole list again when the filter is cleared.
func TestCatalogueFilterAfterScrolling(t *testing.T) {
	u, w := newTestUI(t)
	sh := u.shell
	sh.tabs.Select(sh.codesItem)
	tab := sh.codes
	scrollDown(w, tab.table)
	if got := firstCodes(tab.table, 1); len(got) == 0 || got[0] == "010" {
		t.Fatalf("the list did not scroll: %v", got)
	}
	typeInto(w, tab.search, "66")
	if len(tab.list) != 18 {
		t.Fatalf("“66” matches %d codes", len(tab.list))
	}
	rows := shownRows(tab.table)
	if got := firstCodes(tab.table, 3); !slices.Equal(got, []string{"6600", "6650", "6601"}) && !slices.Equal(got, []string{"6600", "6601", "6603"}) {
		t.Errorf("filtered after scrolling, the list shows %v first; want the first matches", got)
	}
	if len(rows) < 1+15 {
		t.Errorf("filtered after scrolling, the list shows %d rows: %v", len(rows)-1, rows)
	}
	for _, r := range rows {
		for _, c := range r {
			if !strings.HasSuffix(c, "h30") {
				t.Fatalf("a row of another height: %v", r)
			}
		}
	}
	scrollDown(w, tab.table)
	tab.search.SetText("")
	if got := firstCodes(tab.table, 1); !slices.Equal(got, []string{"010"}) {
		t.Errorf("filter cleared after scrolling: the list shows %v first", got)
	}
}
