package ui

import (
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wardledger/docs"
	"wardledger/ui/widgets"
)

// shortcutLine is one line of the shortcuts Trợ giúp lists: the keys and what
// they do.
type shortcutLine struct{ keys, what string }

// shortcutTopic is a group of lines under a heading.
type shortcutTopic struct {
	title string
	lines []shortcutLine
}

// keyHelp is every key of the app, topic by topic, as Trợ giúp lists it;
// section 13 of the guide says the same (a test holds them together). The
// tabs' line is made from the tabs themselves.
func (sh *shell) keyHelp() []shortcutTopic {
	var tabs []string
	for _, ti := range sh.tabs.Items {
		tabs = append(tabs, ti.Text)
	}
	last := "Ctrl+" + string(rune('0'+min(len(tabs), 9)))
	return []shortcutTopic{
		{"Chung", []shortcutLine{
			{"Ctrl+1 … " + last, "chuyển thẻ: " + strings.Join(tabs, ", ")},
			{"Tab / Shift+Tab", "sang ô, nút sau / trước"},
			{"Enter", "trong hộp thoại: đồng ý (nút chính); trên một nút: bấm nút đó"},
			{"Esc", "trong hộp thoại: hủy, đóng hộp thoại"},
			{"↑ ↓, phím cách", "trong bảng, danh sách: đi giữa các dòng; phím cách chọn dòng, đánh dấu ô chọn"},
			{"Ctrl+H", "hướng dẫn sử dụng và bảng phím tắt này"},
		}},
		{"Sổ chi tiết, nhập chứng từ", []shortcutLine{
			{"Ctrl+N", "chứng từ mới: xóa số chứng từ và dòng đang nhập, con trỏ về ô Ngày"},
			{"Tab / Shift+Tab", "Ngày → Số CT → Loại → Tính chất → Khoản → Tiểu mục → Số tiền → Diễn giải"},
			{"Enter", "ghi bút toán (giữ ngày, số chứng từ, loại, tính chất, Khoản cho dòng sau)"},
			{"Esc", "xóa dòng đang nhập (giữ ngày và số chứng từ)"},
			{"1–7 (ô Loại nghiệp vụ)", "chọn loại nghiệp vụ"},
			{"T / K (ô Tính chất)", "thường xuyên / không thường xuyên"},
			{"↑ ↓ (ô Khoản, Tiểu mục)", "chọn mã trong gợi ý (tối đa 8 mã); gõ số (6501) hoặc tên (điện, hội nghị); mã chưa có: Enter để thêm ngay"},
			{"Ngày", "05/03/2026, hoặc gọn 05/03, 0503 (năm của kỳ đang chọn)"},
			{"Số tiền", "chỉ gõ chữ số, dấu chấm tự thêm; giảm dự toán gõ dấu – trước số"},
			{"Ctrl+F", "tìm trong sổ chi tiết"},
			{"Ctrl+R", "đảo bút toán đang chọn trong bảng (Tab đến bảng, ↑ ↓, phím cách để chọn)"},
		}},
		{"Kỳ, báo cáo", []shortcutLine{
			{"Ctrl+K", "khóa sổ kỳ đang chọn: Enter để khóa, Enter lần nữa để xác nhận (kỳ đã khóa: mở lại sổ, ghi lý do rồi Enter)"},
			{"Ctrl+E", "xuất Excel báo cáo quyết toán của đơn vị: Enter để lưu"},
		}},
		{"Dành cho quận", []shortcutLine{
			{"Ctrl+I", "nhập báo cáo phường: gõ thư mục, Enter để liệt kê, Enter lần nữa để nhập"},
			{"Ctrl+3, ← →", "xét duyệt: chọn Khoản; Tab đến ô Số xét duyệt, gõ số, Tab sang Nguyên nhân, Enter để ghi"},
			{"Ctrl+Enter (ô Ý kiến)", "ghi ý kiến gửi đơn vị"},
			{"Tab đến “Duyệt xong…”, Enter", "duyệt xong (Enter lần nữa để xác nhận)"},
			{"Ctrl+4, ↑ ↓, phím cách", "tổng hợp: mở trang xét duyệt của đơn vị đang chọn"},
			{"Ctrl+5, Tab", "giao dự toán: số quyết định, ngày, diễn giải, “Điền theo kỳ trước”, rồi từng ô số tiền; Enter để ghi quyết định (Enter lần nữa để xác nhận)"},
		}},
	}
}

// helpDialog is Trợ giúp: the shortcuts and the guide, each in a reader
// the keyboard scrolls (↑ ↓, Page Up / Page Down); the two buttons above
// switch between them.
type helpDialog struct {
	d           *dialog.CustomDialog
	keys, guide *widgets.Reader
	showKeys    *widgets.Button
	showGuide   *widgets.Button
}

// showHelp is Ctrl+H: the shortcuts, and the guide as it ships with the
// app.
func (sh *shell) showHelp() {
	keys := container.NewVBox()
	for _, topic := range sh.keyHelp() {
		keys.Add(widgets.Bold(topic.title))
		for _, l := range topic.lines {
			what := widget.NewLabel(l.what)
			what.Wrapping = fyne.TextWrapWord
			keys.Add(container.New(widgets.Row(260, 0), widgets.Bold(l.keys), what))
		}
	}
	guide := widget.NewRichTextFromMarkdown(guideMarkdown(docs.Guide))
	guide.Wrapping = fyne.TextWrapWord
	h := &helpDialog{keys: widgets.NewReader(keys), guide: widgets.NewReader(guide)}
	h.guide.Hide()
	show := func(r *widgets.Reader) {
		h.keys.Hidden, h.guide.Hidden = r != h.keys, r != h.guide
		h.keys.Refresh()
		h.guide.Refresh()
		h.showKeys.Importance, h.showGuide.Importance = widget.LowImportance, widget.LowImportance
		if r == h.keys {
			h.showKeys.Importance = widget.HighImportance
		} else {
			h.showGuide.Importance = widget.HighImportance
		}
		h.showKeys.Refresh()
		h.showGuide.Refresh()
		sh.u.win.Canvas().Focus(r)
	}
	h.showKeys = widgets.NewButton("Phím tắt", nil, func() { show(h.keys) })
	h.showGuide = widgets.NewButton("Hướng dẫn sử dụng", nil, func() { show(h.guide) })
	h.keys.Side, h.guide.Side = func() { show(h.guide) }, func() { show(h.keys) }
	note := widget.NewLabel("↑ ↓, Page Up / Page Down để đọc; ← → chuyển giữa phím tắt và hướng dẫn.")
	note.Importance = widget.LowImportance
	top := container.NewHBox(h.showKeys, h.showGuide, note)
	body := widgets.Border(top, nil, nil, nil, container.NewStack(h.keys, h.guide))
	var d *dialog.CustomDialog
	done := widgets.NewButton("Đóng (Esc)", nil, func() { d.Hide() })
	d = widgets.ShowDialog(sh.u.win, "Trợ giúp", body, []fyne.CanvasObject{done}, func() { d.Hide() }, nil, fyne.NewSize(1040, 660))
	h.d = d
	show(h.keys)
	sh.help = h
}

var (
	mdImage = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink  = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
)

// guideMarkdown is the guide as the app shows it: a picture (a file beside
// the guide, not in the app) becomes its caption, a link its text.
func guideMarkdown(md string) string {
	md = mdImage.ReplaceAllString(md, "*(Hình: $1)*")
	return mdLink.ReplaceAllString(md, "$1")
}
