package xlsx

import (
	"slices"
	"strings"

	"wardledger/ledger"
)

// reviewDetail is the spending detail of a review: the unit's F01-01 rows
// with their reported and approved figures. Approvals are made on a
// Khoản's spending, not on its Tiểu mục, so a change the reviewer made is a
// line of its own under the Khoản ("Điều chỉnh theo xét duyệt"), and every
// subtotal above it follows.
type reviewDetail struct {
	rows               []ledger.DetailRow
	reported, approved []ledger.Money
	kids               map[int][]int
}

// adjustmentLabel names the line of a change the reviewer made to a
// Khoản's spending.
const adjustmentLabel = "Điều chỉnh theo xét duyệt (chưa chi tiết theo tiểu mục)"

func approvedDetail(rv *review) (reviewDetail, error) {
	rows, err := ledger.SpendingDetail(rv.cat, rv.totals)
	if err != nil {
		return reviewDetail{}, err
	}
	adjust := map[int]ledger.Money{} // index of an adjustment row → its amount
	for _, n := range ledger.Natures {
		code := rv.form.KindRow(ledger.EntrySpending, n)
		if code == "" {
			continue
		}
		for _, k := range rv.reported.Khoans {
			var d ledger.Sum
			d.Add(rv.approved.ByKhoan[k][code])
			d.Sub(rv.reported.ByKhoan[k][code])
			diff, err := d.Value("xlsx.approvedDetail")
			if err != nil {
				return reviewDetail{}, err
			}
			if diff == 0 {
				continue
			}
			var at int
			rows, at = insertAdjustment(rows, rv.cat, n, k)
			shifted := map[int]ledger.Money{}
			for i, v := range adjust {
				if i >= at {
					i++
				}
				shifted[i] = v
			}
			shifted[at] = diff
			adjust = shifted
		}
	}
	d := reviewDetail{rows: rows, reported: make([]ledger.Money, len(rows)), approved: make([]ledger.Money, len(rows)), kids: detailChildren(rows)}
	parents := ledger.DetailParents(rows)
	var sums []ledger.Sum
	sums = make([]ledger.Sum, 2*len(rows))
	for i := len(rows) - 1; i >= 0; i-- {
		if len(d.kids[i]) == 0 {
			rep, app := rows[i].Amount, rows[i].Amount
			if v, ok := adjust[i]; ok {
				rep, app = 0, v
			}
			sums[2*i].Add(rep)
			sums[2*i+1].Add(app)
		}
		if p := parents[i]; p >= 0 {
			v, err := sums[2*i].Value("xlsx.approvedDetail")
			if err != nil {
				return reviewDetail{}, err
			}
			w, err := sums[2*i+1].Value("xlsx.approvedDetail")
			if err != nil {
				return reviewDetail{}, err
			}
			sums[2*p].Add(v)
			sums[2*p+1].Add(w)
		}
	}
	for i := range rows {
		var err error
		if d.reported[i], err = sums[2*i].Value("xlsx.approvedDetail"); err != nil {
			return reviewDetail{}, err
		}
		if d.approved[i], err = sums[2*i+1].Value("xlsx.approvedDetail"); err != nil {
			return reviewDetail{}, err
		}
	}
	return d, nil
}

// insertAdjustment puts an adjustment row at the end of Khoản k's block in
// the section of nature n, making the Loại and Khoản rows when the unit
// spent nothing there; it returns the rows and the adjustment's index.
func insertAdjustment(rows []ledger.DetailRow, cat *ledger.Catalogue, n ledger.Nature, k string) ([]ledger.DetailRow, int) {
	loai := ledger.LoaiOf(cat, k)
	start := slices.IndexFunc(rows, func(r ledger.DetailRow) bool { return r.Level == ledger.DetailNature && r.Nature == n })
	end := len(rows)
	if j := slices.IndexFunc(rows[start+1:], func(r ledger.DetailRow) bool { return r.Level <= ledger.DetailNature }); j >= 0 {
		end = start + 1 + j
	}
	// blockEnd is the end of the block of row i: the next row at its level or above.
	blockEnd := func(i int) int {
		for j := i + 1; j < end; j++ {
			if rows[j].Level <= rows[i].Level {
				return j
			}
		}
		return end
	}
	adj := ledger.DetailRow{Level: ledger.DetailMuc, Name: adjustmentLabel, Nature: n, Loai: loai, Khoan: k}
	var add []ledger.DetailRow
	at := end
	if ki := slices.IndexFunc(rows[start:end], func(r ledger.DetailRow) bool { return r.Level == ledger.DetailKhoan && r.Khoan == k }); ki >= 0 {
		at = blockEnd(start + ki)
	} else {
		if li := slices.IndexFunc(rows[start:end], func(r ledger.DetailRow) bool { return r.Level == ledger.DetailLoai && r.Loai == loai }); li >= 0 {
			at = blockEnd(start + li)
		} else {
			add = append(add, ledger.DetailRow{Level: ledger.DetailLoai, Code: loai, Name: cat.Name(ledger.LevelLoai, loai), Nature: n, Loai: loai})
		}
		add = append(add, ledger.DetailRow{Level: ledger.DetailKhoan, Code: k, Name: cat.Name(ledger.LevelKhoan, k), Nature: n, Loai: loai, Khoan: k})
	}
	add = append(add, adj)
	return slices.Insert(rows, at, add...), at + len(add) - 1
}

// reviewGroup is a group of the 1c columns: reported | approved |
// difference of the total or of one Khoản.
type reviewGroup struct {
	label              string
	reported, approved ledger.Rows
	khoan              bool // a Khoản of several (the total sums them)
}

// detailLevelWord names a level of the detail in the narrow "CẤP" column.
var detailLevelWord = map[ledger.DetailLevel]string{
	ledger.DetailLoai: "Loại", ledger.DetailKhoan: "Khoản", ledger.DetailMuc: "Mục", ledger.DetailTieuMuc: "TM",
}

// detailLabel is how a review annex names a row of the spending detail.
func detailLabel(dr ledger.DetailRow) string {
	switch dr.Level {
	case ledger.DetailTotal:
		return "TỔNG CỘNG"
	case ledger.DetailNature:
		return ledger.NatureHeading(dr.Nature)
	}
	return dr.Name
}

// write1c writes Mẫu biểu 1c of the minutes: reported | approved |
// difference (3=2-1), for the total and each Khoản side by side, on every
// row of the form; then the same by Mục and Tiểu mục.
func (b *book) write1c(rv *review) error {
	p := rv.reported.Period
	var groups []reviewGroup
	if len(rv.reported.Khoans) == 1 {
		k := rv.reported.Khoans[0]
		groups = []reviewGroup{{"TỔNG SỐ (" + strings.ToUpper(loaiKhoan(rv.cat, k)) + ")", rv.reported.Total, rv.approved.Total, false}}
	} else {
		groups = []reviewGroup{{"TỔNG SỐ", rv.reported.Total, rv.approved.Total, false}}
		for _, k := range rv.reported.Khoans {
			groups = append(groups, reviewGroup{strings.ToUpper(loaiKhoan(rv.cat, k)), rv.reported.ByKhoan[k], rv.approved.ByKhoan[k], true})
		}
	}
	widths := []float64{5, b01LabelWidth, 6}
	heads := []colHeader{{label: "STT", number: "A"}, {label: "NỘI DUNG", number: "B"}, {label: "MÃ SỐ", number: "C"}}
	for i, g := range groups {
		w := columnsWidth(11, g.reported, g.approved)
		for _, x := range rv.detail.reported {
			w = max(w, moneyChars(x))
		}
		for _, x := range rv.detail.approved {
			w = max(w, moneyChars(x))
		}
		base := 3*i + 1
		for j, label := range []string{"Số báo cáo", "Số xét duyệt", "Chênh lệch"} {
			num := itoa(base + j)
			if j == 2 {
				num += "=" + itoa(base+1) + "-" + itoa(base)
			}
			widths = append(widths, w)
			heads = append(heads, colHeader{label: label, group: g.label, number: num})
		}
	}
	h := rv.head(b, "SỐ LIỆU XÉT DUYỆT QUYẾT TOÁN NGÂN SÁCH", "")
	h.form, h.circular, h.motto = "Mẫu biểu 1c", "(Kèm theo Biên bản xét duyệt quyết toán ngân sách "+lowerFirst(p.Label())+")", false
	return b.writeFitted(Sheet1c, h, widths, heads, 3, annexScale, func(s *sheet, dataRow int) error {
		return rv.fill1c(s, dataRow, groups)
	})
}

// annexScale is the smallest scale an annex is shrunk to so that it fits
// one page.
const annexScale = 0.5

// fill1c writes the rows of Mẫu biểu 1c from dataRow on.
func (rv *review) fill1c(s *sheet, dataRow int, groups []reviewGroup) error {
	b, form := s.b, rv.form
	if err := s.sectionRow(dataRow, "I", "SỐ LIỆU TỔNG HỢP THEO LOẠI, KHOẢN", true); err != nil {
		return err
	}
	first := dataRow + 1
	rowOf := map[string]int{}
	n := first
	for _, fr := range form.Rows {
		n += len(form.HeadingsBefore(fr.Code))
		rowOf[fr.Code] = n
		n++
	}
	n = first
	for _, fr := range form.Rows {
		for _, hd := range form.HeadingsBefore(fr.Code) {
			if err := s.headingRow(n, hd, s.cols()-1); err != nil {
				return err
			}
			n++
		}
		r := s.newRow()
		height := s.formRowLabels(r, fr)
		money := b.id(stMoney.with(fr.Bold))
		for i, g := range groups {
			for j, rows := range []ledger.Rows{g.reported, g.approved} {
				col := 3 + 3*i + j
				switch {
				case !fr.IsInput():
					r.formula(col, rowFormula(form, fr.Code, colName(col), rowOf), rows[fr.Code], money)
				case i == 0 && len(groups) > 1: // the total of the Khoản
					var refs []string
					for k := 1; k < len(groups); k++ {
						refs = append(refs, cellName(3+3*k+j, n))
					}
					r.formula(col, strings.Join(refs, "+"), rows[fr.Code], money)
				default:
					r.set(col, int64(rows[fr.Code]), money)
				}
			}
			diff := 3 + 3*i + 2
			r.formula(diff, cellName(diff-1, n)+"-"+cellName(diff-2, n), g.approved[fr.Code]-g.reported[fr.Code], money)
		}
		if err := s.put(n, r, height); err != nil {
			return err
		}
		n++
	}
	if err := s.sectionRowTo(n, "II", "CHI TIẾT CHI THEO MỤC, TIỂU MỤC", true, 5); err != nil {
		return err
	}
	partII := []colHeader{{label: "MÃ", number: "A"}, {label: "NỘI DUNG CHI", number: "B"}, {label: "CẤP", number: "C"},
		{label: "Số báo cáo", number: "1"}, {label: "Số xét duyệt", number: "2"}, {label: "Chênh lệch", number: "3=2-1"}}
	for len(partII) < s.cols() {
		partII = append(partII, colHeader{})
	}
	n, err := s.writeColumnHeads(n+1, partII)
	if err != nil {
		return err
	}
	d := rv.detail
	for i, dr := range d.rows {
		r := s.newRow()
		look := detailLook[dr.Level]
		label, labelStyle := s.detailLabels(r, dr)
		money := b.id(style{border: true, num: moneyFormat, bold: look.bold, italic: look.italic})
		row := n + i
		for j, v := range []ledger.Money{d.reported[i], d.approved[i]} {
			col := 3 + j
			if kids := d.kids[i]; len(kids) > 0 {
				r.formula(col, sumRows(colName(col), n, kids), v, money)
			} else {
				r.set(col, int64(v), money)
			}
		}
		r.formula(5, cellName(4, row)+"-"+cellName(3, row), d.approved[i]-d.reported[i], money)
		if err := s.put(row, r, s.fit(label, 1, 1, labelStyle)); err != nil {
			return err
		}
	}
	return nil
}

// detailLabels puts the code, the name and the level of a spending detail
// row in columns A–C of r, and returns the label and its style.
func (s *sheet) detailLabels(r row, dr ledger.DetailRow) (string, style) {
	b := s.b
	look := detailLook[dr.Level]
	text := style{border: true, h: "center", bold: look.bold, italic: look.italic}
	r.set(0, dr.Code, b.id(text))
	if dr.Level == ledger.DetailNature {
		r.set(0, "", b.id(text))
	}
	label := detailLabel(dr)
	labelStyle := style{border: true, wrap: true, bold: look.bold, italic: look.italic, indent: max(int(dr.Level)-2, 0)}
	r.set(1, label, b.id(labelStyle))
	r.set(2, detailLevelWord[dr.Level], b.id(text))
	return label, labelStyle
}

// f01SourceLast is the last column of 2c's part II: code, name, level,
// Tổng số and the five sources of F01-01/BCQT.
const f01SourceLast = 8

// write2c writes Mẫu biểu 2c of the notice: the approved statement by
// Loại and Khoản as B01/BCQT prints it, then the approved spending in the
// columns of F01-01/BCQT.
func (b *book) write2c(rv *review) error {
	info := rv.rev.Info
	groups := khoanGroups(rv.cat, rv.approved)
	plan := planB01(rv.approved.Total, groups, b01LabelWidth)
	d := rv.detail
	total := 12.0
	for _, v := range d.approved {
		total = max(total, moneyChars(v))
	}
	partII := []colHeader{{label: "MÃ", number: "A"}, {label: "NỘI DUNG CHI", number: "B"}, {label: "CẤP", number: "C"},
		{label: "TỔNG SỐ", number: "1=2+3+4+5+6"}}
	partWidths := []float64{5, 38, 6, total}
	for i, c := range sourceCols(nil) {
		c.head.number = itoa(i + 2)
		partII = append(partII, c.head)
		partWidths = append(partWidths, []float64{total, 10, 10, 11, 11}[i])
	}
	widths := slices.Clone(plan.widths)
	for i, w := range partWidths {
		if i < len(widths) {
			widths[i] = max(widths[i], w)
		} else {
			widths = append(widths, w)
		}
	}
	heads := slices.Clone(plan.heads)
	for len(heads) < len(widths) {
		heads = append(heads, colHeader{})
	}
	for len(partII) < len(widths) {
		partII = append(partII, colHeader{})
	}
	number, day := info.NoticeNumber, "ngày …"
	if number == "" {
		number = "…"
	}
	if !info.NoticeDate.IsZero() {
		day = "ngày " + info.NoticeDate.VN()
	}
	h := rv.head(b, "SỐ LIỆU QUYẾT TOÁN NGÂN SÁCH ĐƯỢC DUYỆT", "")
	h.form, h.circular, h.motto = "Mẫu biểu 2c", "(Kèm theo Thông báo xét duyệt quyết toán số "+number+" "+day+")", false
	return b.writeFitted(Sheet2c, h, widths, heads, b01LabelCols+1, annexScale, func(s *sheet, dataRow int) error {
		return rv.fill2c(s, dataRow, plan, groups, partII)
	})
}

// fill2c writes the rows of Mẫu biểu 2c from dataRow on.
func (rv *review) fill2c(s *sheet, dataRow int, plan b01Columns, groups []b01Group, partII []colHeader) error {
	b, form, d := s.b, rv.form, rv.detail
	if err := s.sectionRowTo(dataRow, "I", "TỔNG HỢP TÌNH HÌNH KINH PHÍ", true, len(plan.widths)-1); err != nil {
		return err
	}
	if _, err := s.writeFormRows(dataRow+1, form, rv.approved.Total, plan, groups); err != nil {
		return err
	}
	n := dataRow + 1 + len(form.Rows) + len(form.Headings)
	if err := s.sectionRowTo(n, "II", "CHI TIẾT KINH PHÍ QUYẾT TOÁN", true, f01SourceLast); err != nil {
		return err
	}
	n, err := s.writeColumnHeads(n+1, partII)
	if err != nil {
		return err
	}
	for i, dr := range d.rows {
		r := s.newRow()
		look := detailLook[dr.Level]
		label, labelStyle := s.detailLabels(r, dr)
		money := b.id(style{border: true, num: moneyFormat, bold: look.bold, italic: look.italic})
		row := n + i
		if kids := d.kids[i]; len(kids) > 0 {
			r.formula(4, sumRows(colName(4), n, kids), d.approved[i], money)
		} else {
			r.set(4, int64(d.approved[i]), money)
		}
		for c := 5; c < 9; c++ {
			r.set(c, nil, money)
		}
		r.formula(3, "SUM("+cellName(4, row)+":"+cellName(8, row)+")", d.approved[i], money)
		if err := s.put(row, r, s.fit(label, 1, 1, labelStyle)); err != nil {
			return err
		}
	}
	return nil
}
