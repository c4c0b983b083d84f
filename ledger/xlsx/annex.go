package xlsx

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"wardledger/ledger"
)

// SheetAnnex is the sheet of an allocation annex.
const SheetAnnex = "Phu-luc-DT"

// buildAnnex builds one subordinate unit's allocation annex for a period:
// its estimates by Loại–Khoản, TX and KTX, the decisions they come from,
// and a payload carrying the allocation entries with their ids.
func buildAnnex(ctx context.Context, src Source, r Request) (*book, error) {
	const op = "xlsx.Annex"
	unit, err := subordinateUnit(ctx, src, r, op, "phụ lục giao dự toán lập cho đơn vị trực thuộc")
	if err != nil {
		return nil, err
	}
	filter := ledger.EntryFilter{Unit: unit.Code, Period: r.Period, Kinds: allocKinds}
	count, err := src.CountEntries(ctx, filter)
	if err != nil {
		return nil, err
	}
	if count == 0 {
		return nil, &ledger.Error{Kind: ledger.KindNotFound, Op: op, Field: "period", Msg: fmt.Sprintf(
			"chưa giao dự toán %s (kỳ %s) cho %s: không có phụ lục để xuất", r.Period.Name(), r.Period, unit.Name)}
	}
	b, err := openBook(ctx, src, r, count+2, SheetAnnex, PayloadSheet)
	if err != nil {
		return nil, err
	}
	if err := b.annex(ctx, src, unit, filter, count); err != nil {
		b.close()
		return nil, err
	}
	return b, nil
}

func (b *book) annex(ctx context.Context, src Source, unit ledger.Unit, filter ledger.EntryFilter, count int) error {
	cat, err := src.Catalogue(ctx)
	if err != nil {
		return err
	}
	entries, err := b.loadEntries(ctx, src, filter, count)
	if err != nil {
		return err
	}
	pl := b.payload(unit, filter.Period)
	pl.Entries, pl.Codes = entries, payloadCodes(cat, entries)
	return b.alongsidePayload(ctx, pl, func() error {
		if err := b.writeAnnex(unit, entries, cat); err != nil {
			return err
		}
		b.step(1)
		return nil
	})
}

// decisions names the decisions the entries come from, in order:
// "số 12/QĐ-UBND ngày 20/12/2025".
func decisions(entries []*ledger.Entry) []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range entries {
		d := "số " + strings.TrimSpace(e.Doc) + " ngày " + e.Date.VN()
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

// Columns of the annex.
const (
	aTotal = 2 + iota
	aTX
	aKTX
	aNote
)

// writeAnnex writes the annex: the unit's estimates by Loại and Khoản, TX
// and KTX side by side, then every decision line they sum.
func (b *book) writeAnnex(unit ledger.Unit, entries []*ledger.Entry, cat *ledger.Catalogue) error {
	// Every figure of the annex is a signed sum of the entries' amounts:
	// once their magnitudes add up within int64, its sums cannot overflow.
	var bound ledger.Sum
	for _, e := range entries {
		bound.AddAbs(e.Amount)
	}
	if _, err := bound.Value("xlsx.writeAnnex"); err != nil {
		return err
	}
	p := b.req.Period
	docs := decisions(entries)
	by := "Kèm theo Quyết định "
	if len(docs) > 1 {
		by = "Kèm theo các Quyết định "
	}
	h := reportHead{unit: unit, period: p, form: "Phụ lục",
		circular: "(" + by + strings.Join(docs, "; ") + " của " + b.superior.Name + ")",
		title:    "DỰ TOÁN NGÂN SÁCH NHÀ NƯỚC GIAO CHO " + strings.ToUpper(unit.Name),
		lines: []string{"Đơn vị giao dự toán: " + b.superior.Name, "Đơn vị nhận dự toán: " + unit.Name,
			"Mã ĐVQHNS: " + unit.Code + " – Mã chương: " + unit.Chapter}}
	widths := []float64{6, 56, 18, 18, 18, 24}
	heads := []colHeader{{label: "STT", number: "A"}, {label: "Nội dung", number: "B"}, {label: "Tổng số", number: "1=2+3"},
		{label: natureLabel(ledger.TX), number: "2"}, {label: natureLabel(ledger.KTX), number: "3"}, {label: "Ghi chú", number: "C"}}
	// Amounts by Khoản and nature; Khoản by Loại. These sums, the rows'
	// and the decisions' total are bounded by the magnitudes checked above.
	amounts := map[ledger.Line]ledger.Money{}
	var khoans []string
	seen := map[string]bool{}
	for _, e := range entries {
		if !seen[e.Khoan] {
			seen[e.Khoan] = true
			khoans = append(khoans, e.Khoan)
		}
		amounts[e.Line()] += e.Amount
	}
	sort.Slice(khoans, func(i, j int) bool {
		li, lj := ledger.LoaiOf(cat, khoans[i]), ledger.LoaiOf(cat, khoans[j])
		if li != lj {
			return li < lj
		}
		return khoans[i] < khoans[j]
	})
	type annexRow struct {
		stt, label string
		bold       bool
		indent     int
		khoan      string // "" for a sum
		children   []int
	}
	rows := []annexRow{{label: "TỔNG SỐ", bold: true}}
	loaiRow, nLoai, nKhoan := -1, 0, 0
	for i, k := range khoans {
		lo := ledger.LoaiOf(cat, k)
		if i == 0 || lo != ledger.LoaiOf(cat, khoans[i-1]) {
			nLoai, nKhoan = nLoai+1, 0
			rows = append(rows, annexRow{stt: roman(nLoai), label: loaiLabel(cat, lo), bold: true})
			loaiRow = len(rows) - 1
			rows[0].children = append(rows[0].children, loaiRow)
		}
		nKhoan++
		rows = append(rows, annexRow{stt: itoa(nKhoan), label: khoanLabel(cat, k), indent: 1, khoan: k})
		rows[loaiRow].children = append(rows[loaiRow].children, len(rows)-1)
	}
	var value func(i int, n ledger.Nature) ledger.Money
	value = func(i int, n ledger.Nature) ledger.Money {
		if rows[i].khoan != "" {
			return amounts[ledger.Line{Khoan: rows[i].khoan, Nature: n}]
		}
		var v ledger.Money
		for _, c := range rows[i].children {
			v += value(c, n)
		}
		return v
	}
	// One page, upright or across, when it fits at formScale or more: the
	// annex is signed on one sheet; a long one runs on to more pages.
	return b.writeFitted(SheetAnnex, h, widths, heads, 2, formScale, func(s *sheet, dataRow int) error {
		for i, ar := range rows {
			n := dataRow + i
			r := s.newRow()
			r.set(0, ar.stt, b.id(style{border: true, h: "center", bold: ar.bold}))
			labelStyle := style{border: true, wrap: true, bold: ar.bold, indent: ar.indent}
			r.set(1, ar.label, b.id(labelStyle))
			money := b.id(stMoney.with(ar.bold))
			tx, ktx := value(i, ledger.TX), value(i, ledger.KTX)
			for _, c := range []struct {
				col int
				v   ledger.Money
			}{{aTX, tx}, {aKTX, ktx}} {
				if ar.khoan != "" {
					r.set(c.col, int64(c.v), money)
				} else {
					r.formula(c.col, sumRows(colName(c.col), dataRow, ar.children), c.v, money)
				}
			}
			r.formula(aTotal, cellName(aTX, n)+"+"+cellName(aKTX, n), tx+ktx, money)
			r.set(aNote, "", b.id(stText))
			if err := s.put(n, r, s.fit(ar.label, 1, 1, labelStyle)); err != nil {
				return err
			}
		}
		n := dataRow + len(rows)
		if err := s.sectionRow(n, "", "Chi tiết theo quyết định giao, điều chỉnh dự toán", true); err != nil {
			return err
		}
		n++
		first := n
		text, money := b.id(stText), b.id(stMoney)
		// The decisions in order, each by Loại, Khoản, TX before KTX.
		list := append([]*ledger.Entry(nil), entries...)
		sort.SliceStable(list, func(i, j int) bool {
			x, y := list[i], list[j]
			switch {
			case x.Date != y.Date:
				return x.Date.Before(y.Date)
			case x.Doc != y.Doc:
				return x.Doc < y.Doc
			case x.Khoan != y.Khoan:
				lx, ly := ledger.LoaiOf(cat, x.Khoan), ledger.LoaiOf(cat, y.Khoan)
				return lx < ly || (lx == ly && x.Khoan < y.Khoan)
			}
			return x.Nature == ledger.TX && y.Nature != ledger.TX
		})
		for i, e := range list {
			r := s.newRow()
			label := fmt.Sprintf("Quyết định số %s ngày %s – Khoản %s", strings.TrimSpace(e.Doc), e.Date.VN(), e.Khoan)
			note := e.Kind.Label()
			if m := strings.TrimSpace(e.Memo); m != "" && m != "Giao dự toán "+e.Period.Name() {
				note = m
			}
			r.set(0, i+1, b.id(stCenter))
			r.set(1, label, text)
			col := aTX
			if e.Nature == ledger.KTX {
				col = aKTX
			}
			r.set(col, int64(e.Amount), money)
			r.fill(aTX, aKTX, money)
			r.formula(aTotal, cellName(aTX, n)+"+"+cellName(aKTX, n), e.Amount, money)
			r.set(aNote, note, text)
			if err := s.put(n, r, max(s.fit(label, 1, 1, stText), s.fit(note, aNote, aNote, stText))); err != nil {
				return err
			}
			n++
		}
		r := s.newRow()
		bold := b.id(stCenter.with(true))
		r.set(0, "", bold)
		r.set(1, "Cộng các quyết định", b.id(style{border: true, bold: true}))
		money = b.id(stMoney.with(true))
		for _, col := range []int{aTotal, aTX, aKTX} {
			var v ledger.Money
			for _, e := range entries {
				if col == aTotal || (col == aTX) == (e.Nature == ledger.TX) {
					v += e.Amount
				}
			}
			r.formula(col, "SUM("+cellName(col, first)+":"+cellName(col, n-1)+")", v, money)
		}
		r.set(aNote, "", b.id(stText))
		if err := s.put(n, r, 0); err != nil {
			return err
		}
		return s.writeSigners(n+1, n-2)
	})
}

// ExportAnnexes writes the allocation annex of every subordinate unit that
// has an allocation in the period into the existing directory dir, and
// returns the paths written. Units without an allocation are skipped; an
// error stops at the unit it concerns, keeping the files already written.
func ExportAnnexes(ctx context.Context, src Source, r Request, dir string) ([]string, error) {
	const op = "xlsx.ExportAnnexes"
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, &ledger.Error{Kind: ledger.KindInvalid, Op: op, Field: "out",
			Msg: fmt.Sprintf("thư mục %s không tồn tại", dir)}
	}
	units, err := subordinates(ctx, src, op)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, u := range units {
		r.Kind, r.Unit = ledger.WorkbookAnnex, u.Code
		path, err := Export(ctx, src, r, filepath.Clean(dir))
		var le *ledger.Error
		switch {
		case errors.As(err, &le) && le.Kind == ledger.KindNotFound && le.Field == "period":
			continue // nothing allocated to this unit
		case err != nil:
			return out, err
		}
		out = append(out, path)
	}
	if len(out) == 0 {
		return nil, &ledger.Error{Kind: ledger.KindNotFound, Op: op, Field: "period", Msg: fmt.Sprintf(
			"không đơn vị trực thuộc nào được giao dự toán %s (kỳ %s): không có phụ lục để xuất", r.Period.Name(), r.Period)}
	}
	return out, nil
}
