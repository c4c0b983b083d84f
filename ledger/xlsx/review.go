package xlsx

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"wardledger/ledger"
)

// Sheet names of the review workbook: the documents of TT 137/2017, the
// minutes with their annex 1c, the notice with its annex 2c.
const (
	SheetMinutes = "Bien-ban-XD"
	Sheet1c      = "Mau-1c"
	SheetNotice  = "Thong-bao-XD"
	Sheet2c      = "Mau-2c"
)

// Texts of the review documents that cite the law (verify against the
// circulars in force; TT 26/2026 Điều 20 sets the ten working days).
const (
	circular137    = "Thông tư số 137/2017/TT-BTC ngày 25/12/2017 của Bộ Tài chính quy định xét duyệt, thẩm định, thông báo và tổng hợp quyết toán năm"
	complyDeadline = "10 ngày làm việc"
)

// review is what the review workbook shows of one unit's period.
type review struct {
	unit     ledger.Unit
	rev      *ledger.Review
	form     *ledger.Form
	reported *ledger.Statement
	approved *ledger.Statement
	grid     []ledger.ReviewLine // Khoản sections in reported.Khoans order, then the total
	cat      *ledger.Catalogue
	totals   []ledger.Total
	detail   reviewDetail
}

// buildReview builds the review workbook of one subordinate unit's period:
// the minutes and their annex 1c, the notice and its annex 2c, and the
// payload.
func buildReview(ctx context.Context, src Source, r Request) (*book, error) {
	const op = "xlsx.Review"
	unit, err := subordinateUnit(ctx, src, r, op, "xét duyệt quyết toán của đơn vị trực thuộc")
	if err != nil {
		return nil, err
	}
	totals, err := src.Totals(ctx, unit.Code, r.Period)
	if err != nil {
		return nil, err
	}
	form := src.Form().ForPeriod(r.Period)
	reported, err := form.BuildStatement(unit.Code, r.Period, totals)
	if err != nil {
		return nil, err
	}
	rv := &review{unit: unit, form: form, reported: reported, totals: totals}
	if len(rv.reported.Khoans) == 0 {
		return nil, &ledger.Error{Kind: ledger.KindNotFound, Op: op, Field: "period", Msg: fmt.Sprintf(
			"chưa có số liệu quyết toán %s của %s để xét duyệt: nhập báo cáo của đơn vị trước", r.Period.Name(), unit.Name)}
	}
	if rv.rev, err = src.Review(ctx, unit.Code, r.Period); err != nil {
		return nil, err
	}
	if rv.cat, err = src.Catalogue(ctx); err != nil {
		return nil, err
	}
	if rv.approved, err = form.ApprovedStatement(rv.reported, rv.rev.Approvals); err != nil {
		return nil, err
	}
	if rv.grid, err = form.ReviewGrid(rv.reported, rv.rev.Approvals); err != nil {
		return nil, err
	}
	if rv.detail, err = approvedDetail(rv); err != nil {
		return nil, err
	}
	b, err := openBook(ctx, src, r, 5, SheetMinutes, Sheet1c, SheetNotice, Sheet2c, PayloadSheet)
	if err != nil {
		return nil, err
	}
	if err := b.review(ctx, rv); err != nil {
		b.close()
		return nil, err
	}
	return b, nil
}

func (b *book) review(ctx context.Context, rv *review) error {
	pl := b.payload(rv.unit, rv.reported.Period)
	pl.Totals = unitTotals([]unitData{{unit: rv.unit, totals: rv.totals}}, nil)
	pl.ReviewState, pl.ReviewComment, pl.Approvals = rv.rev.State, rv.rev.Comment, rv.rev.Approvals
	pl.Approved = rv.form.InputFigures(rv.approved)
	return b.alongsidePayload(ctx, pl, func() error {
		for _, write := range []func(*review) error{b.writeMinutes, b.write1c, b.writeNotice, b.write2c} {
			if err := write(rv); err != nil {
				return err
			}
			b.step(1)
		}
		return nil
	})
}

// periodWord is how the documents name the period in their phrases: "năm"
// for a budget year, "kỳ" for a half-year.
func periodWord(p ledger.Period) string {
	if len(p.String()) == 4 {
		return "năm"
	}
	return "kỳ"
}

// lowerFirst lowers the first letter: "Năm 2026" → "năm 2026", to go
// inside a sentence.
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}

// reviewHead is the header block of a review document: the reviewing unit
// and the unit reviewed on the left, the national motto on the right; a
// review not yet finished is marked as a draft.
func (rv *review) head(b *book, title, subtitle string) reportHead {
	if rv.rev.State != ledger.ReviewFinished {
		title += "\n(DỰ THẢO – " + strings.ToLower(rv.rev.State.Label()) + ")"
	}
	return reportHead{unit: rv.unit, title: title, subtitle: subtitle, period: rv.reported.Period, form: mottoCountry, circular: mottoLine, motto: true,
		lines: []string{"Đơn vị xét duyệt: " + b.superior.Name, "Đơn vị được xét duyệt: " + rv.unit.Name,
			"Mã chương: " + rv.unit.Chapter + " – Mã ĐVQHNS: " + rv.unit.Code}}
}

// place is where the review is held: the review's own, else the settings'.
func (rv *review) place(b *book) string {
	if p := rv.rev.Info.Place; p != "" {
		return p
	}
	if b.signers.place != "" {
		return b.signers.place
	}
	return "…………"
}

// figures are the approved figures of the statement the documents quote,
// found through the form's roles, never by row number.
type figures struct {
	broughtForward, allocated, initial, added, withdrawn, settled, reduced, toReturn, carried ledger.Money
	carriedReceived, carriedEstimate                                                          ledger.Money
}

func (rv *review) figures() figures {
	f, st := rv.form, rv.approved.Total
	var x figures
	x.broughtForward = st[f.Role(ledger.RoleBroughtForward)]
	x.allocated = st[f.Role(ledger.RoleAllocated)]
	x.withdrawn = st[f.Role(ledger.RoleWithdrawn)]
	x.settled = st[f.Role(ledger.RoleSettled)]
	x.reduced = st[f.Role(ledger.RoleReduced)]
	x.carried = st[f.Role(ledger.RoleCarried)]
	for _, code := range f.BalanceRows(ledger.BalanceReceived) {
		x.toReturn += st[code]
	}
	for _, n := range ledger.Natures {
		x.carriedReceived += st[f.CarryRow(ledger.BalanceReceived, n)]
		x.carriedEstimate += st[f.CarryRow(ledger.BalanceEstimate, n)]
	}
	// Allocated at the start (the allocation decisions) and added by
	// adjustments; a reviewer's change of the allocated figure is an
	// adjustment.
	for _, t := range rv.totals {
		if t.Kind == ledger.EntryAllocation {
			x.initial += t.Amount
		}
	}
	x.added = x.allocated - x.initial
	return x
}

// Widths of the text documents (the minutes, the notice), A4 upright: the
// text, a figure and "đồng" (the figure's label spans the first three).
var letterWidths = []float64{3, 37, 8, 18, 6, 16}

// letterScale is the smallest scale a letter is shrunk to so that it fits
// one page; a longer one runs on to more pages at full size.
const letterScale = 0.7

// writeLetter writes a text document: its header block, then body; it is
// measured first, and printed on one page when it fits at letterScale.
func (b *book) writeLetter(name string, h reportHead, body func(l *letter) error) error {
	run := func(s *sheet) error {
		if err := s.writeHead(h); err != nil {
			return err
		}
		return body(&letter{s: s, n: headRows + 1})
	}
	height, err := b.measure(letterWidths, run)
	if err != nil {
		return err
	}
	su := sheetSetup{widths: letterWidths, portrait: true, paginate: true}
	if scale, _ := onePageScale(letterWidths, height); scale >= letterScale {
		su.onePage, su.paginate = true, false
	}
	s, err := b.newSheet(name, su)
	if err != nil {
		return err
	}
	if err := run(s); err != nil {
		return err
	}
	return s.flush()
}

// letter is a text document being written on a sheet, paragraph after
// paragraph.
type letter struct {
	s *sheet
	n int // the next row
}

func (l *letter) para(text string, st style) error {
	if err := l.s.paragraph(l.n, text, st); err != nil {
		return err
	}
	l.n++
	return nil
}

var (
	stPara    = style{h: "left", wrap: true}
	stHeading = style{h: "left", wrap: true, bold: true}
	stItem    = style{h: "left", wrap: true, indent: 1}
	stWords   = style{h: "left", wrap: true, size: 10, italic: true, indent: 2}
)

// para is a paragraph of a letter and its style.
type para struct {
	text string
	st   style
}

// paras writes paragraphs one after the other.
func (l *letter) paras(ps []para) error {
	for _, p := range ps {
		if err := l.para(p.text, p.st); err != nil {
			return err
		}
	}
	return nil
}

// figure writes "- label: 1.250.000.000 đồng" with the amount a number,
// and under it the amount in words.
func (l *letter) figure(label string, v ledger.Money, words bool, indent int) error {
	s, b := l.s, l.s.b
	r := s.newRow()
	st := style{h: "left", wrap: true, indent: indent}
	r.set(0, label, b.id(st))
	r.set(3, int64(v), b.id(style{num: moneyFormat, bold: indent <= 1}))
	r.set(4, "đồng", b.id(style{h: "left"}))
	if err := s.put(l.n, r, s.fit(label, 0, 2, st)); err != nil {
		return err
	}
	if err := s.merge(l.n, 0, l.n, 2); err != nil {
		return err
	}
	l.n++
	if !words {
		return nil
	}
	return l.para("(Bằng chữ: "+ledger.Words(v)+")", stWords)
}

// writeMinutes writes the minutes of the review (Biên bản xét duyệt quyết
// toán, TT 137/2017 Phụ lục 01).
func (b *book) writeMinutes(rv *review) error {
	p := rv.reported.Period
	h := rv.head(b, "BIÊN BẢN", "Xét duyệt quyết toán ngân sách "+lowerFirst(p.Label()))
	h.noUnit = true
	return b.writeLetter(SheetMinutes, h, func(l *letter) error { return rv.minutesBody(l, b) })
}

// minutesBody writes the text of the minutes after their header.
func (rv *review) minutesBody(l *letter, b *book) error {
	p, word := rv.reported.Period, periodWord(rv.reported.Period)
	x, info := rv.figures(), rv.rev.Info
	paras := []para{
		{"Căn cứ " + circular137 + ";", stPara},
		{fmt.Sprintf("Hôm nay, %s, tại %s, %s tiến hành xét duyệt quyết toán ngân sách %s của %s (Mã chương %s, Mã ĐVQHNS %s).",
			dateLine(b.date), rv.place(b), b.superior.Name, lowerFirst(p.Label()), rv.unit.Name, rv.unit.Chapter, rv.unit.Code), stPara},
		{"I. THÀNH PHẦN", stHeading},
	}
	if err := l.paras(paras); err != nil {
		return err
	}
	for i, side := range []ledger.ReviewSide{ledger.SideReviewer, ledger.SideReviewed} {
		who := b.superior.Name
		if side == ledger.SideReviewed {
			who = rv.unit.Name
		}
		if err := l.para(fmt.Sprintf("%d. %s (%s):", i+1, side.Label(), who), stPara); err != nil {
			return err
		}
		people := info.Of(side)
		if len(people) == 0 {
			people = []ledger.Participant{{Name: "Ông/bà ……………………………", Title: "……………………"}}
		}
		for _, pt := range people {
			line := "- " + pt.Name
			if pt.Title != "" {
				line += ", chức vụ: " + pt.Title
			}
			if err := l.para(line, stItem); err != nil {
				return err
			}
		}
	}
	var khoans []string
	for _, k := range rv.reported.Khoans {
		khoans = append(khoans, loaiKhoan(rv.cat, k))
	}
	scope := fmt.Sprintf("1. Phạm vi xét duyệt: báo cáo quyết toán kinh phí hoạt động (mẫu %s) và báo cáo chi tiết chi (mẫu %s) %s của đơn vị, "+
		"nguồn ngân sách nhà nước trong nước, %s; sổ kế toán và chứng từ liên quan.", rv.form.Name, formF01, lowerFirst(p.Label()), strings.Join(khoans, "; "))
	if err := l.paras([]para{
		{"II. NỘI DUNG XÉT DUYỆT", stHeading},
		{scope, stPara},
		{"2. Số liệu quyết toán được duyệt (chi tiết theo Mẫu biểu 1c kèm theo):", stPara},
		{"a) Thu phí, lệ phí: không có (đơn vị không có nguồn phí, lệ phí được khấu trừ, để lại).", stItem},
		{"b) Chi ngân sách nhà nước:", stItem},
	}); err != nil {
		return err
	}
	for _, f := range []struct {
		label  string
		v      ledger.Money
		words  bool
		indent int
	}{
		{"- Kinh phí " + word + " trước chuyển sang:", x.broughtForward, true, 1},
		{"- Dự toán được giao trong " + word + ":", x.allocated, true, 1},
		{"+ Giao đầu " + word + ":", x.initial, false, 2},
		{"+ Bổ sung, điều chỉnh trong " + word + ":", x.added, false, 2},
		{"- Kinh phí thực nhận:", x.withdrawn, true, 1},
		{"- Kinh phí quyết toán được duyệt:", x.settled, true, 1},
		{"- Kinh phí giảm (đã nộp, còn phải nộp NSNN, dự toán bị hủy):", x.reduced, true, 1},
		{"trong đó còn phải nộp NSNN:", x.toReturn, false, 2},
		{"- Số dư kinh phí được chuyển sang " + word + " sau:", x.carried, true, 1},
		{"+ Kinh phí đã nhận:", x.carriedReceived, false, 2},
		{"+ Dự toán còn dư ở Kho bạc:", x.carriedEstimate, false, 2},
	} {
		if err := l.figure(f.label, f.v, f.words, f.indent); err != nil {
			return err
		}
	}
	audit := info.Audit
	if audit == "" {
		audit = "đơn vị không có kiến nghị của Kiểm toán nhà nước, cơ quan thanh tra, tài chính phải thực hiện trong " + word + "."
	}
	if err := l.para("3. Việc thực hiện kiến nghị của Kiểm toán nhà nước, cơ quan thanh tra, tài chính: "+audit, stPara); err != nil {
		return err
	}
	if err := l.para("4. Thuyết minh chênh lệch giữa số đơn vị báo cáo và số xét duyệt:", stPara); err != nil {
		return err
	}
	for _, line := range rv.explanations() {
		if err := l.para(line, stItem); err != nil {
			return err
		}
	}
	comment := strings.TrimSpace(rv.rev.Comment)
	if comment == "" {
		comment = "Không có."
	}
	if err := l.paras([]para{
		{"III. ĐỐI CHIẾU KẾT QUẢ HOẠT ĐỘNG SẢN XUẤT, KINH DOANH, DỊCH VỤ: không áp dụng (đơn vị không có hoạt động sản xuất, kinh doanh, dịch vụ).", stHeading},
		{"IV. NHẬN XÉT VÀ KIẾN NGHỊ", stHeading},
		{comment, stPara},
		{"Biên bản được lập thành 04 bản có giá trị như nhau, mỗi bên giữ 02 bản.", style{h: "left", wrap: true, italic: true}},
	}); err != nil {
		return err
	}
	name := func(side ledger.ReviewSide) string {
		if ps := info.Of(side); len(ps) > 0 {
			return ps[0].Name
		}
		return ""
	}
	sg := signers{titles: [3]string{"ĐẠI DIỆN ĐƠN VỊ ĐƯỢC XÉT DUYỆT\nTHỦ TRƯỞNG ĐƠN VỊ", "", "ĐẠI DIỆN ĐƠN VỊ XÉT DUYỆT"},
		notes: [3]string{"(Ký, ghi rõ họ tên, đóng dấu)", " ", "(Ký, ghi rõ họ tên)"},
		names: [3]string{name(ledger.SideReviewed), "", name(ledger.SideReviewer)}}
	return l.s.writeTwoSigners(l.n, l.n-3, sg)
}

// explanations are the lines of the minutes' Thuyết minh: each figure the
// reviewer changed, reported against approved, with its reason.
func (rv *review) explanations() []string {
	var out []string
	for _, l := range ledger.Differences(rv.grid) {
		if !l.Editable {
			continue
		}
		out = append(out, fmt.Sprintf("- %s, %s (mã số %s): đơn vị báo cáo %s đồng, xét duyệt %s đồng, chênh lệch %s đồng. Nguyên nhân: %s",
			loaiKhoan(rv.cat, l.Khoan), rowPath(rv.form, l.Row.Code, 2), l.Row.Code, l.Reported, l.Approved, l.Difference, l.Reason))
	}
	if len(out) == 0 {
		out = []string{"Số xét duyệt bằng số đơn vị báo cáo: không có chênh lệch."}
	}
	return out
}

// loaiKhoan names a line of the budget: "Loại 340, Khoản 341".
func loaiKhoan(cat *ledger.Catalogue, k string) string {
	if loai := ledger.LoaiOf(cat, k); loai != "" {
		return "Loại " + loai + ", Khoản " + k
	}
	return "Khoản " + k
}

// writeTwoSigners writes the date-less signature block of two signers, the
// first at the left, the third at the right (the middle one is empty).
func (s *sheet) writeTwoSigners(n, minRow int, sg signers) error {
	return s.writeSignersAs(n, minRow, sg, twoSigners)
}

// rowPath names a row of the form with the rows it belongs to, at most
// levels of them: "Kinh phí giảm trong kỳ – Kinh phí thường xuyên/tự chủ –
// Còn phải nộp NSNN" (3), "Kinh phí thường xuyên/tự chủ – Còn phải nộp
// NSNN" (2).
func rowPath(form *ledger.Form, code string, levels int) string {
	var path []string
	level := 1 << 30
	found := false
	for i := len(form.Rows) - 1; i >= 0; i-- {
		fr := form.Rows[i]
		if fr.Code == code {
			found, level = true, fr.Level
			path = append(path, fr.Label)
			continue
		}
		if found && fr.Level < level {
			path = append(path, fr.Label)
			level = fr.Level
		}
	}
	path = path[:min(levels, len(path))]
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return strings.Join(path, " – ")
}

// sectionRow writes the title of a section of a table: its number in
// column A, its title across the other columns.
func (s *sheet) sectionRow(n int, num, title string, top bool) error {
	return s.sectionRowTo(n, num, title, top, s.cols()-1)
}

// sectionRowTo is sectionRow for a table that ends at column last.
func (s *sheet) sectionRowTo(n int, num, title string, top bool, last int) error {
	b := s.b
	st := style{border: true, bold: true, wrap: true, italic: !top}
	if err := s.keepWithNext(n, 4*defaultHeight); err != nil {
		return err
	}
	r := s.newRow()
	r.set(0, num, b.id(style{border: true, bold: true, h: "center"}))
	r.set(1, title, b.id(st))
	r.fill(2, last, b.id(st))
	if err := s.put(n, r, s.fit(title, 1, last, st)); err != nil {
		return err
	}
	return s.merge(n, 1, n, last)
}

// writeNotice writes the notice of the review's result (Thông báo xét
// duyệt quyết toán, TT 137/2017 Phụ lục 02).
func (b *book) writeNotice(rv *review) error {
	p, info := rv.reported.Period, rv.rev.Info
	number := info.NoticeNumber
	if number == "" {
		number = "……/TB-……"
	}
	day := "ngày … tháng … năm …"
	if !info.NoticeDate.IsZero() {
		day = info.NoticeDate.Long()
	}
	h := rv.head(b, "THÔNG BÁO", "Xét duyệt quyết toán ngân sách "+lowerFirst(p.Label()))
	h.lines = []string{strings.ToUpper(b.superior.Name), "Số: " + number, ""}
	h.dateLine, h.noUnit = rv.place(b)+", "+day, true
	return b.writeLetter(SheetNotice, h, func(l *letter) error { return rv.noticeBody(l, b) })
}

// noticeBody writes the text of the notice after its header.
func (rv *review) noticeBody(l *letter, b *book) error {
	p, word, info := rv.reported.Period, periodWord(rv.reported.Period), rv.rev.Info
	x := rv.figures()
	if err := l.paras([]para{
		{"Kính gửi: " + rv.unit.Name, style{h: "center", wrap: true, size: 12, bold: true}},
		{"Căn cứ " + circular137 + ";", stPara},
		{fmt.Sprintf("Căn cứ báo cáo quyết toán ngân sách %s của %s và biên bản xét duyệt quyết toán;", lowerFirst(p.Label()), rv.unit.Name), stPara},
		{fmt.Sprintf("%s thông báo kết quả xét duyệt quyết toán ngân sách %s của %s (Mã chương %s, Mã ĐVQHNS %s) như sau:",
			b.superior.Name, lowerFirst(p.Label()), rv.unit.Name, rv.unit.Chapter, rv.unit.Code), stPara},
		{"I. PHẦN SỐ LIỆU (chi tiết theo Mẫu biểu 2c kèm theo)", stHeading},
	}); err != nil {
		return err
	}
	for _, f := range []struct {
		label string
		v     ledger.Money
		words bool
	}{
		{"- Dự toán được giao trong " + word + ":", x.allocated, false},
		{"- Kinh phí thực nhận:", x.withdrawn, false},
		{"- Kinh phí quyết toán được duyệt:", x.settled, true},
		{"- Kinh phí còn phải nộp ngân sách nhà nước:", x.toReturn, false},
		{"- Số dư kinh phí được chuyển sang " + word + " sau:", x.carried, false},
	} {
		if err := l.figure(f.label, f.v, f.words, 1); err != nil {
			return err
		}
	}
	if err := l.para("II. NHẬN XÉT VÀ KIẾN NGHỊ", stHeading); err != nil {
		return err
	}
	var asks []string
	if c := strings.TrimSpace(rv.rev.Comment); c != "" {
		asks = append(asks, c)
	}
	for _, line := range rv.explanations() {
		if strings.HasPrefix(line, "- ") {
			asks = append(asks, line)
		}
	}
	if x.toReturn > 0 {
		asks = append(asks, fmt.Sprintf("- Nộp trả ngân sách nhà nước số kinh phí còn phải nộp %s đồng.", x.toReturn))
	}
	if len(asks) == 0 {
		asks = []string{"Không có."}
	}
	for _, a := range asks {
		if err := l.para(a, stPara); err != nil {
			return err
		}
	}
	comply := fmt.Sprintf("Đề nghị %s thực hiện các nội dung trên trong thời hạn %s kể từ ngày nhận được Thông báo này và báo cáo kết quả về %s.",
		rv.unit.Name, complyDeadline, b.superior.Name)
	if err := l.para(comply, stPara); err != nil {
		return err
	}
	recipients := []string{"- Như trên;"}
	for _, r := range info.Recipients {
		recipients = append(recipients, "- "+r+";")
	}
	recipients = append(recipients, "- Lưu: VT.")
	return l.s.closing(l.n, recipients, b.signers)
}

// closing writes the end of a letter from row n: "Nơi nhận:" and its lines
// at the left, the head of the unit's title, note and name at the right,
// kept on one page.
func (s *sheet) closing(n int, recipients []string, sg signers) error {
	b := s.b
	rows := max(len(recipients)+1, 8)
	left, right := colRange{0, 1}, colRange{2, s.cols() - 1}
	need := 8 + float64(rows)*defaultHeight + 20
	if k := s.keepTogether(n, need, n-3); k > 0 {
		if err := s.pageBreak(k); err != nil {
			return err
		}
	}
	if err := s.put(n, s.newRow(), 8); err != nil {
		return err
	}
	rightText := []struct {
		text string
		st   style
	}{
		{sg.titles[2], style{bold: true, h: "center", size: 12}},
		{sg.signNotes()[2], style{italic: true, h: "center"}},
	}
	for i := range rows {
		r := s.newRow()
		switch {
		case i == 0:
			r.set(left.from, "Nơi nhận:", b.id(style{bold: true, italic: true, size: 11}))
		case i <= len(recipients):
			r.set(left.from, recipients[i-1], b.id(style{size: 10, wrap: true}))
		}
		if i < len(rightText) {
			r.set(right.from, rightText[i].text, b.id(rightText[i].st))
		}
		if i == rows-1 {
			r.set(right.from, sg.names[2], b.id(style{bold: true, h: "center", size: 12}))
		}
		ht := 0.0
		if i == 0 {
			ht = 20
		}
		if err := s.put(n+1+i, r, ht); err != nil {
			return err
		}
		if err := s.mergeAll([]span{{n + 1 + i, n + 1 + i, left}, {n + 1 + i, n + 1 + i, right}}); err != nil {
			return err
		}
	}
	return nil
}
