package xlsx

import (
	"context"
	"fmt"
	"strings"

	"wardledger/ledger"
)

// Sheet names of the review workbook.
const (
	SheetMinutes = "Bien-ban-XD"
	SheetNotice  = "Thong-bao-XD"
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
}

// buildReview builds the review workbook of one subordinate unit's period:
// the minutes, the approval notice and the payload.
func buildReview(ctx context.Context, src Source, r Request) (*book, error) {
	const op = "xlsx.Review"
	unit, err := subordinateUnit(ctx, src, r, op, "xét duyệt quyết toán của đơn vị trực thuộc (the superior unit is not reviewed)")
	if err != nil {
		return nil, err
	}
	totals, err := src.Totals(ctx, unit.Code, r.Period)
	if err != nil {
		return nil, err
	}
	form := src.Form()
	reported, err := form.BuildStatement(unit.Code, r.Period, totals)
	if err != nil {
		return nil, err
	}
	rv := &review{unit: unit, form: form, reported: reported, totals: totals}
	if len(rv.reported.Khoans) == 0 {
		return nil, &ledger.Error{Kind: ledger.KindNotFound, Op: op, Field: "period", Msg: fmt.Sprintf(
			"chưa có số liệu quyết toán %s của %s để xét duyệt: nhập báo cáo của đơn vị trước (no settlement to review)", r.Period.Label(), unit.Name)}
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
	b, err := openBook(ctx, src, r, 3, SheetMinutes, SheetNotice, PayloadSheet)
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
	return b.alongsidePayload(ctx, pl, func() error {
		if err := b.writeMinutes(rv); err != nil {
			return err
		}
		b.step(1)
		if err := b.writeNotice(rv); err != nil {
			return err
		}
		b.step(1)
		return nil
	})
}

// head is the header block of the review's documents: the reviewing unit
// and the unit reviewed on the left, the national motto on the right; a
// review not yet finished is marked as a draft.
func (rv *review) head(b *book, title string) reportHead {
	if rv.rev.State != ledger.ReviewFinished {
		title += "\n(DỰ THẢO – " + strings.ToLower(rv.rev.State.Label()) + ")"
	}
	return reportHead{unit: rv.unit, title: title, period: rv.reported.Period, form: mottoCountry, circular: mottoLine, motto: true,
		lines: []string{"Đơn vị xét duyệt: " + b.superior.Name, "Đơn vị được xét duyệt: " + rv.unit.Name,
			"Mã ĐVQHNS: " + rv.unit.Code + " – Mã chương: " + rv.unit.Chapter}}
}

// khoanTitle names a Khoản with its Loại, as a section of a report.
func khoanTitle(cat *ledger.Catalogue, khoan string) string {
	if loai := ledger.LoaiOf(cat, khoan); loai != "" {
		return loaiLabel(cat, loai) + "; " + khoanLabel(cat, khoan)
	}
	return khoanLabel(cat, khoan)
}

// Columns of the minutes grid.
const (
	mReported = 3 + iota
	mApproved
	mDiff
	mReason
)

// writeMinutes writes the minutes: the grid of every row of the form,
// reported against approved with the difference and its reason, first
// for all Khoản together, then Khoản by Khoản; the reviewer's comments;
// the signatures of both units.
func (b *book) writeMinutes(rv *review) error {
	form, p := rv.form, rv.reported.Period
	widths := []float64{6, 44, 7, 17, 17, 16, 30}
	heads := []colHeader{{label: "STT", number: "A"}, {label: "Chỉ tiêu", number: "B"}, {label: "Mã số", number: "C"},
		{label: "Số đơn vị báo cáo", number: "1"}, {label: "Số xét duyệt", number: "2"}, {label: "Chênh lệch", number: "3=2-1"},
		{label: "Nguyên nhân chênh lệch", number: "D"}}
	h := rv.head(b, "BIÊN BẢN XÉT DUYỆT QUYẾT TOÁN")
	h.intro = fmt.Sprintf("Căn cứ báo cáo quyết toán %s của %s (Mã ĐVQHNS %s), %s đã xét duyệt số liệu quyết toán của đơn vị. Kết quả xét duyệt như sau:",
		p.Label(), rv.unit.Name, rv.unit.Code, b.superior.Name)
	s, dataRow, err := b.startReport(SheetMinutes, h, widths, heads, 3, sheetSetup{paginate: true})
	if err != nil {
		return err
	}
	nRows := len(form.Rows)
	khoans := rv.reported.Khoans
	// Where each section starts: the total first, after its title row;
	// then a title row for the detail and one per Khoản.
	totalFirst := dataRow + 1
	first := make([]int, len(khoans))
	n := totalFirst + nRows + 1
	for i := range khoans {
		first[i] = n + 1
		n += 1 + nRows
	}
	rowsOf := func(start int) map[string]int {
		m := make(map[string]int, nRows)
		for i, fr := range form.Rows {
			m[fr.Code] = start + i
		}
		return m
	}
	if err := s.sectionRow(dataRow, "A", "TỔNG SỐ (tất cả các Loại, Khoản)", true); err != nil {
		return err
	}
	total := rv.grid[len(khoans)*nRows:]
	for i, l := range total {
		parts := make([]int, len(khoans))
		for j := range khoans {
			parts[j] = first[j] + i
		}
		if err := s.minutesLine(totalFirst+i, form, l, nil, parts); err != nil {
			return err
		}
	}
	if err := s.sectionRow(totalFirst+nRows, "B", "CHI TIẾT THEO LOẠI, KHOẢN", true); err != nil {
		return err
	}
	for j, k := range khoans {
		if err := s.sectionRow(first[j]-1, itoa(j+1), khoanTitle(rv.cat, k), false); err != nil {
			return err
		}
		rows := rowsOf(first[j])
		for i, l := range rv.grid[j*nRows : (j+1)*nRows] {
			if err := s.minutesLine(first[j]+i, form, l, rows, nil); err != nil {
				return err
			}
		}
	}
	n = first[len(first)-1] + nRows
	if n, err = s.comments(n, "Ý kiến của đơn vị xét duyệt:", rv.rev.Comment, 0); err != nil {
		return err
	}
	sg := b.signers
	minutes := signers{place: sg.place,
		titles: [3]string{"ĐẠI DIỆN ĐƠN VỊ ĐƯỢC XÉT DUYỆT", "NGƯỜI XÉT DUYỆT", sg.titles[2]},
		names:  [3]string{"", sg.names[0], sg.names[2]},
		notes:  [3]string{"(Ký, họ tên, đóng dấu)"}}
	if err := s.writeSignersAs(n, n-3, minutes); err != nil {
		return err
	}
	return s.flush()
}

// sectionRow writes the title of a section of a table: its number in
// column A, its title across the other columns.
func (s *sheet) sectionRow(n int, num, title string, top bool) error {
	b := s.b
	st := style{border: true, bold: true, wrap: true, italic: !top}
	if err := s.keepWithNext(n, 4*defaultHeight); err != nil {
		return err
	}
	r := s.newRow()
	r.set(0, num, b.id(style{border: true, bold: true, h: "center"}))
	r.set(1, title, b.id(st))
	r.fill(2, s.cols()-1, b.id(st))
	if err := s.put(n, r, s.fit(title, 1, s.cols()-1, st)); err != nil {
		return err
	}
	return s.merge(n, 1, n, s.cols()-1)
}

// minutesLine writes one line of the grid in row n. A line of a Khoản
// computes its computed rows by the form's formula over rows; a line of
// the total sums the same row of every Khoản (parts).
func (s *sheet) minutesLine(n int, form *ledger.Form, l ledger.ReviewLine, rows map[string]int, parts []int) error {
	b := s.b
	fr := l.Row
	r := s.newRow()
	height := s.formRowLabels(r, fr)
	money := b.id(stMoney.with(fr.Bold))
	for _, c := range []struct {
		col int
		v   ledger.Money
	}{{mReported, l.Reported}, {mApproved, l.Approved}} {
		col := colName(c.col)
		switch {
		case parts != nil:
			refs := make([]string, len(parts))
			for i, p := range parts {
				refs[i] = col + itoa(p)
			}
			r.formula(c.col, strings.Join(refs, "+"), c.v, money)
		case fr.IsInput():
			r.set(c.col, int64(c.v), money)
		default:
			r.formula(c.col, rowFormula(form, fr.Code, col, rows), c.v, money)
		}
	}
	r.formula(mDiff, cellName(mApproved, n)+"-"+cellName(mReported, n), l.Difference, money)
	r.set(mReason, l.Reason, b.id(stText))
	return s.put(n, r, max(height, s.fit(l.Reason, mReason, mReason, stText)))
}

// comments writes, from row n, a heading and the text under it (or "none")
// across the sheet, and returns the row after them.
//
// The comments go with the signatures under them; when they must start a
// page they take the table's last rows along, or everything from row
// keepFrom (a short part and its title) when keepFrom is not 0.
func (s *sheet) comments(n int, heading, text string, keepFrom int) (int, error) {
	if err := s.put(n, s.newRow(), 8); err != nil {
		return 0, err
	}
	if strings.TrimSpace(text) == "" {
		text = "Không có."
	}
	head, body := style{bold: true, h: "left", wrap: true}, style{h: "left", v: "top", wrap: true}
	const signatures = 140 // points, about
	need := rowHeight(s.fit(heading, 0, s.cols()-1, head)) + rowHeight(s.fit(text, 0, s.cols()-1, body)) + signatures
	if k := s.keepTogether(n, need, n-3); k > 0 && !s.breaks[k] {
		if _, start := s.pageState(n); keepFrom > start && keepFrom < k {
			k = keepFrom
		}
		if err := s.pageBreak(k); err != nil {
			return 0, err
		}
	}
	if err := s.paragraph(n+1, heading, head); err != nil {
		return 0, err
	}
	if err := s.paragraph(n+2, text, body); err != nil {
		return 0, err
	}
	return n + 3, nil
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

// writeNotice writes the approval notice: the approved statement, what the
// unit must still return to the budget, what it may carry over, the
// differences from its report with their reasons, the reviewer's
// requests, the signatures.
func (b *book) writeNotice(rv *review) error {
	form, p := rv.form, rv.reported.Period
	khoans := rv.approved.Khoans
	money := max(1+len(khoans), 4)
	widths := []float64{6, 40, 7}
	for range money {
		widths = append(widths, 16)
	}
	s, err := b.newSheet(SheetNotice, sheetSetup{widths: widths, paginate: true})
	if err != nil {
		return err
	}
	h := rv.head(b, "THÔNG BÁO XÉT DUYỆT QUYẾT TOÁN")
	if err := s.writeHead(h); err != nil {
		return err
	}
	n := headRows + 1
	intro := fmt.Sprintf("Kính gửi: %s\nCăn cứ báo cáo quyết toán %s của đơn vị và kết quả xét duyệt, %s thông báo số quyết toán %s được duyệt như sau:",
		rv.unit.Name, p.Label(), b.superior.Name, p.Label())
	if err := s.paragraph(n, intro, style{h: "left", wrap: true}); err != nil {
		return err
	}
	// The statement's columns: Tổng số then each Khoản.
	heads := []colHeader{{label: "STT"}, {label: "Chỉ tiêu"}, {label: "Mã số"}, {label: "Tổng số"}}
	cols := make([]amountCol, len(khoans))
	for i, k := range khoans {
		cols[i] = amountCol{head: colHeader{label: khoanHead(rv.cat, k), group: "Chi tiết theo Loại, Khoản"}, rows: rv.approved.ByKhoan[k]}
		heads = append(heads, cols[i].head)
	}
	for i, num := range numbering(b01LabelCols, len(khoans)+1, true) {
		heads[i].number = num
	}
	n, err = s.noticeTitle(n+1, "I. SỐ QUYẾT TOÁN ĐƯỢC DUYỆT")
	if err != nil {
		return err
	}
	if n, err = s.writeColumnHeads(n, heads); err != nil {
		return err
	}
	grp := []b01Group{{label: "CHI TIẾT THEO LOẠI, KHOẢN", cols: cols}}
	rowOf, err := s.writeFormRows(n, form, rv.approved.Total, planB01(rv.approved.Total, grp, 40), grp)
	if err != nil {
		return err
	}
	n += len(form.Rows) + len(form.Headings)
	// II and III repeat rows of I, as formulas pointing at them.
	back := func(n int, title string, codes []string, withTotal bool) (int, error) {
		n, err := s.noticeTitle(n, title)
		if err != nil {
			return 0, err
		}
		if n, err = s.writeColumnHeads(n, heads); err != nil {
			return 0, err
		}
		if withTotal {
			if err := s.linkedSum(n, "Tổng số", strings.Join(codes, "+"), len(khoans), rv.approved, codes, n+1); err != nil {
				return 0, err
			}
			n++
		}
		for _, code := range codes {
			if err := s.linkedRow(n, form, code, withTotal, len(khoans), rv.approved, rowOf[code]); err != nil {
				return 0, err
			}
			n++
		}
		return n, nil
	}
	if n, err = back(n, "II. SỐ KINH PHÍ ĐƠN VỊ CÒN PHẢI NỘP NGÂN SÁCH NHÀ NƯỚC", form.BalanceRows(ledger.BalanceReceived), true); err != nil {
		return err
	}
	if n, err = back(n, "III. SỐ DƯ KINH PHÍ ĐƯỢC PHÉP CHUYỂN SANG KỲ SAU SỬ DỤNG VÀ QUYẾT TOÁN", form.CarriedRows(), false); err != nil {
		return err
	}
	partIV := n + 1 // its title, after a gap
	if n, err = s.noticeDifferences(n, rv); err != nil {
		return err
	}
	if n-partIV > 6 { // long: let it be cut, as a table is
		partIV = 0
	}
	var owed ledger.Money
	for _, code := range form.BalanceRows(ledger.BalanceReceived) {
		owed += rv.approved.Total[code]
	}
	request := strings.TrimSpace(rv.rev.Comment)
	if owed > 0 {
		line := fmt.Sprintf("Đề nghị %s nộp trả ngân sách nhà nước số kinh phí còn phải nộp %s đồng theo số được duyệt.", rv.unit.Name, owed)
		request = strings.TrimSpace(line + "\n" + request)
	}
	if n, err = s.comments(n, "V. Ý KIẾN VÀ YÊU CẦU ĐỐI VỚI ĐƠN VỊ", request, partIV); err != nil {
		return err
	}
	if err := s.writeSigners(n, n-3); err != nil {
		return err
	}
	return s.flush()
}

// khoanHead is the column header of a Khoản: "Loại 340\nKhoản 341".
func khoanHead(cat *ledger.Catalogue, k string) string {
	if loai := ledger.LoaiOf(cat, k); loai != "" {
		return "Loại " + loai + "\nKhoản " + k
	}
	return "Khoản " + k
}

// noticeTitle writes the title of a part of the notice in row n, after a
// gap, and returns the row after it.
func (s *sheet) noticeTitle(n int, title string) (int, error) {
	if err := s.put(n, s.newRow(), 8); err != nil {
		return 0, err
	}
	// The title, the table's headers and its first rows stay together.
	if err := s.keepWithNext(n+1, 18+60+3*defaultHeight); err != nil {
		return 0, err
	}
	if err := s.paragraph(n+1, title, style{bold: true, h: "left", wrap: true}); err != nil {
		return 0, err
	}
	return n + 2, nil
}

// linkedRow writes row code of the approved statement again, each figure a
// formula pointing at row src (part I); a row under a total is indented.
func (s *sheet) linkedRow(n int, form *ledger.Form, code string, under bool, khoans int, st *ledger.Statement, src int) error {
	b := s.b
	fr, _ := form.Row(code)
	label, level := fr.Label, fr.Level
	if under {
		label, level = rowPath(form, code, 2), 1
	}
	r := s.newRow()
	r.set(0, fr.STT, b.id(stCenter.with(fr.Bold && !under)))
	labelStyle := style{border: true, wrap: true, bold: fr.Bold && !under, indent: level}
	r.set(1, label, b.id(labelStyle))
	r.set(2, code, b.id(stCenter))
	money := b.id(stMoney.with(fr.Bold && !under))
	for j := 0; j <= khoans; j++ {
		col := b01LabelCols + j
		v := st.Total[code]
		if j > 0 {
			v = st.ByKhoan[st.Khoans[j-1]][code]
		}
		r.formula(col, cellName(col, src), v, money)
	}
	return s.put(n, r, s.fit(label, 1, 1, labelStyle))
}

// linkedSum writes a total row over the rows of codes written from row
// first on.
func (s *sheet) linkedSum(n int, label, code string, khoans int, st *ledger.Statement, codes []string, first int) error {
	b := s.b
	r := s.newRow()
	bold := b.id(stCenter.with(true))
	r.set(0, "", bold)
	r.set(1, label, b.id(style{border: true, bold: true}))
	r.set(2, code, bold)
	money := b.id(stMoney.with(true))
	for j := 0; j <= khoans; j++ {
		col := b01LabelCols + j
		var v ledger.Money
		for _, c := range codes {
			if j == 0 {
				v += st.Total[c]
			} else {
				v += st.ByKhoan[st.Khoans[j-1]][c]
			}
		}
		r.formula(col, "SUM("+cellName(col, first)+":"+cellName(col, first+len(codes)-1)+")", v, money)
	}
	return s.put(n, r, 0)
}

// noticeDifferences writes part IV: every figure the reviewer changed, on
// its Khoản, reported against approved with the reason.
func (s *sheet) noticeDifferences(n int, rv *review) (int, error) {
	b := s.b
	n, err := s.noticeTitle(n, "IV. CHÊNH LỆCH GIỮA SỐ ĐƠN VỊ BÁO CÁO VÀ SỐ XÉT DUYỆT")
	if err != nil {
		return 0, err
	}
	last := s.cols() - 1
	heads := []colHeader{{label: "STT", number: "A"}, {label: "Chỉ tiêu", number: "B"}, {label: "Mã số", number: "C"},
		{label: "Số đơn vị báo cáo", number: "1"}, {label: "Số xét duyệt", number: "2"}, {label: "Chênh lệch", number: "3=2-1"},
		{label: "Nguyên nhân", number: "D"}}
	for len(heads) < s.cols() {
		heads = append(heads, colHeader{})
	}
	from := n
	if n, err = s.writeColumnHeads(n, heads); err != nil {
		return 0, err
	}
	if err := s.mergeAll([]span{{from, from, colRange{6, last}}, {from + 1, from + 1, colRange{6, last}}}); err != nil {
		return 0, err
	}
	var lines []ledger.ReviewLine
	for _, l := range ledger.Differences(rv.grid) {
		if l.Editable {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		r := s.newRow()
		st := b.id(style{border: true, italic: true, wrap: true})
		r.set(0, "", st)
		r.set(1, "Số xét duyệt bằng số đơn vị báo cáo: không có chênh lệch.", st)
		r.fill(2, last, st)
		if err := s.put(n, r, 0); err != nil {
			return 0, err
		}
		return n + 1, s.merge(n, 1, n, last)
	}
	money, text := b.id(stMoney), b.id(stText)
	for i, l := range lines {
		r := s.newRow()
		label := rowPath(rv.form, l.Row.Code, 3) + " – Khoản " + l.Khoan
		r.set(0, i+1, b.id(stCenter))
		r.set(1, label, text)
		r.set(2, l.Row.Code, b.id(stCenter))
		r.set(mReported, int64(l.Reported), money)
		r.set(mApproved, int64(l.Approved), money)
		r.formula(mDiff, cellName(mApproved, n)+"-"+cellName(mReported, n), l.Difference, money)
		r.set(mReason, l.Reason, text)
		r.fill(mReason+1, last, text)
		height := max(s.fit(label, 1, 1, stText), s.fit(l.Reason, mReason, last, stText))
		if err := s.put(n, r, height); err != nil {
			return 0, err
		}
		if err := s.merge(n, mReason, n, last); err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}
