package xlsximport

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"wardledger/ledger"
	"wardledger/ledger/xlsxread"
)

// sheetB01 is the sheet of a settlement workbook that shows the B01/BCQT
// statement (ledger/xlsx.sheetB01; a test keeps them equal).
const sheetB01 = "B01-BCQT"

// maxListed is how many differing cells a warning lists one by one.
const maxListed = 30

// reKhoanHead finds a Khoản column: "KHOẢN 341" as the form prints it
// (under its LOẠI), or "Khoản 341" as earlier versions did.
var reKhoanHead = regexp.MustCompile(`(?i)khoản (\d{3})`)

// checkVisible compares the figures shown on the B01 sheet (the values
// stored in the cells, formulas not evaluated) with the statement computed
// from the payload's entries, and returns a warning per cell that differs.
// It finds the table by its headers ("MÃ SỐ", the first "TỔNG SỐ", "KHOẢN
// 341", in any case; a Loại's own TỔNG SỐ comes after the first) and rows
// by their codes, so inserted rows or columns do not matter.
func checkVisible(ctx context.Context, b *xlsxread.Book, form *ledger.Form, in *ledger.Incoming) ([]string, error) {
	sh, ok := b.Sheet(sheetB01)
	if !ok {
		return []string{fmt.Sprintf("tệp không có trang %s: không đối chiếu được số hiển thị với dữ liệu ẩn", sheetB01)}, nil
	}
	st, err := in.Statement(form)
	if err != nil {
		return nil, err
	}
	codeCol, totalCol := -1, -1
	khoanCol := map[string]int{}
	rowOf := map[string]int{}
	cellsOf := map[string]map[int]xlsxread.Cell{}
	scanned := 0
	err = b.EachRow(ctx, sh, func(n int, cells []xlsxread.Cell) error {
		if scanned++; scanned > 2000 {
			return xlsxread.ErrStop
		}
		if len(rowOf) == 0 { // still in the header
			for _, c := range cells {
				switch t := strings.TrimSpace(c.Text); {
				case strings.EqualFold(t, "Mã số") && codeCol < 0:
					codeCol = c.Col
				case strings.EqualFold(t, "Tổng số") && totalCol < 0:
					totalCol = c.Col
				default:
					if m := reKhoanHead.FindStringSubmatch(t); m != nil && codeCol >= 0 {
						khoanCol[m[1]] = c.Col
					}
				}
			}
		}
		if codeCol < 0 {
			return nil
		}
		for _, c := range cells {
			code := strings.TrimSpace(c.Text)
			if c.Col != codeCol || rowOf[code] != 0 {
				continue
			}
			if _, ok := form.Row(code); ok {
				rowOf[code] = n
				m := make(map[int]xlsxread.Cell, len(cells))
				for _, c := range cells {
					m[c.Col] = c
				}
				cellsOf[code] = m
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if codeCol < 0 || totalCol < 0 || len(rowOf) == 0 {
		return []string{fmt.Sprintf("trang %s không còn bố cục WardLedger (không thấy cột Mã số, Tổng số): không đối chiếu được số hiển thị với dữ liệu ẩn", sheetB01)}, nil
	}
	var diffs, notes []string
	compare := func(code, khoan string, col int, want ledger.Money) {
		c, present := cellsOf[code][col]
		where := xlsxread.CellRef(sh.Name, col, rowOf[code])
		if present && c.Formula && c.Text == "" {
			return // a formula without its value: nothing to compare without evaluating it
		}
		got, ok := ledger.Money(0), true
		if present {
			got, ok = cellMoney(c.Text)
		}
		if ok && got == want {
			return
		}
		shown := got.String()
		if !ok {
			shown = strconv.Quote(c.Text)
		}
		what := "Tổng số"
		if khoan != "" {
			what = "Khoản " + khoan
		}
		diffs = append(diffs, fmt.Sprintf("%s (mã số %s, %s): trên bảng %s, theo dữ liệu ẩn %s", where, code, what, shown, want))
	}
	var missingRows []string
	for _, fr := range form.Rows {
		if rowOf[fr.Code] == 0 {
			missingRows = append(missingRows, fr.Code)
			continue
		}
		compare(fr.Code, "", totalCol, st.Total[fr.Code])
		for _, k := range st.Khoans {
			if col, ok := khoanCol[k]; ok {
				compare(fr.Code, k, col, st.ByKhoan[k][fr.Code])
			}
		}
		for k, col := range khoanCol {
			if _, ok := st.ByKhoan[k]; !ok {
				compare(fr.Code, k, col, 0)
			}
		}
	}
	for _, k := range st.Khoans {
		if _, ok := khoanCol[k]; !ok {
			notes = append(notes, fmt.Sprintf("trang %s thiếu cột Khoản %s có trong dữ liệu ẩn", sh.Name, k))
		}
	}
	if len(missingRows) > 0 {
		notes = append(notes, fmt.Sprintf("trang %s thiếu dòng mã số %s", sh.Name, strings.Join(missingRows, ", ")))
	}
	if len(diffs) == 0 {
		return notes, nil
	}
	out := []string{fmt.Sprintf("số trên trang %s khác dữ liệu ẩn ở %d ô (bảng bị sửa sau khi xuất?): đã nhập theo dữ liệu ẩn, đối chiếu lại với đơn vị", sh.Name, len(diffs))}
	if len(diffs) > maxListed {
		diffs = append(diffs[:maxListed], fmt.Sprintf("… và %d ô khác", len(diffs)-maxListed))
	}
	return append(append(out, diffs...), notes...), nil
}

// cellMoney reads a cell's stored value as đồng: a whole number, written
// plainly or in exponent form.
func cellMoney(s string) (ledger.Money, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return ledger.Money(n), true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != float64(int64(f)) || f > 9e15 || f < -9e15 {
		return 0, false
	}
	return ledger.Money(int64(f)), true
}
