package ui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
)

// TestStatementAsPrinted: the Quyết toán tab shows the form the workbook
// prints — the headings before row 01, the STT, the labels — and the
// F01-01 tree opens with its sections by nature.
func TestStatementAsPrinted(t *testing.T) {
	u, w := newTestUI(t)
	sh := u.shell
	keyLine(t, u, w, '1', "05/01/2026", "15/QĐ-UBND", "T", "341", "", "500000000", "Giao dự toán")
	keyLine(t, u, w, '3', "0501", "C2-02a/001", "T", "341", "", "100000000", "Rút dự toán")
	keyLine(t, u, w, '4', "10/1", "PC001", "T", "341", "điện", "1250000", "Chi tiền điện")
	st := sh.stmt
	st.SetVisible(true)
	cell := func(r, c int) string {
		l := widget.NewLabel("")
		st.b01.UpdateCell(widget.TableCellID{Row: r, Col: c}, l)
		return l.Text
	}
	want := [][3]string{{"A", "NGÂN SÁCH NHÀ NƯỚC", ""}, {"I", "NGUỒN NGÂN SÁCH TRONG NƯỚC", ""}, {"1", "Số dư kinh phí", "01"}, {"1.1", "Kinh phí thường xuyên/tự chủ", "02"}}
	for r, w := range want {
		if got := [3]string{cell(r, colSTT), cell(r, colLabel), cell(r, colCode)}; got[0] != w[0] || !contains(got[1], w[1]) || got[2] != w[2] {
			t.Errorf("B01 line %d: %q, want %q", r, got, w)
		}
	}
	// The Khoản columns' headings show whole: each of their lines is
	// narrower than the column, and the header is as tall as their lines.
	head := st.b01.CreateHeader().(*widget.Label)
	st.b01.UpdateHeader(widget.TableCellID{Row: -1, Col: colFirstKhoan}, head)
	if head.Text != "LOẠI 340\nKHOẢN 341" {
		t.Errorf("heading of Khoản 341: %q", head.Text)
	}
	pad := 2 * theme.InnerPadding()
	for _, line := range strings.Split(head.Text, "\n") {
		if w := fyne.MeasureText(line, theme.TextSize(), head.TextStyle).Width + pad; w > st.b01Width(colFirstKhoan) {
			t.Errorf("heading line %q is %.0f wide, its column %.0f", line, w, st.b01Width(colFirstKhoan))
		}
	}
	one := widget.NewLabel("X").MinSize().Height
	if h := head.MinSize().Height; h > b01HeaderHeight() {
		t.Errorf("the heading needs %.0f, the header row is %.0f high: lines are cut", h, b01HeaderHeight())
	}
	// The table makes each cell as tall as the header's template: one
	// line, or every row of the form doubles.
	if h := st.b01.CreateHeader().MinSize().Height; h > one {
		t.Errorf("the header's template is %.0f high, a line %.0f: every row would be as tall", h, one)
	}
	// Four Khoản fit the window without scrolling sideways.
	sum := float32(4 * b01KhoanWidth)
	for c := 0; c < colFirstKhoan; c++ {
		sum += st.b01Width(c)
	}
	if sum += 8*theme.SeparatorThicknessSize() + theme.ScrollBarSize(); sum > windowSize.Width-10 {
		t.Errorf("B01 with four Khoản is %.0f wide, the window %.0f", sum, windowSize.Width)
	}
	rows, _ := st.b01.Length()
	if rows != len(st.st.Form.Rows)+len(st.st.Form.Headings) {
		t.Errorf("B01 shows %d lines", rows)
	}
	top := st.children[st.children[""][0]]
	if len(top) != 2 || detailLabel(st.detail[atoi(top[0])]) != "I. Kinh phí thường xuyên/tự chủ" ||
		detailLabel(st.detail[atoi(top[1])]) != "II. Kinh phí không thường xuyên/không tự chủ" {
		t.Errorf("F01-01 tree opens with %v", top)
	}
	if d := st.detail[atoi(top[0])]; d.Level != ledger.DetailNature || d.Amount != 1_250_000 {
		t.Errorf("section I: %+v", d)
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
