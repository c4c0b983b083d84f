package xlsx

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"wardledger/ledger"
)

const importOp = "xlsx.Import"

// ImportWorkbook brings the entries of a subordinate unit's settlement
// workbook (exported by WardLedger) into the superior unit's ledger, from
// the workbook's hidden payload, in one transaction: entries already
// recorded are skipped, so importing a file twice adds nothing; an entry
// recorded with other content refuses the whole file (a conflict error
// in the chain); a unit the ledger does not know refuses it (Import's
// result names the unit). Figures shown on the B01 sheet that no longer
// match the payload (edited after export) are listed as warnings.
// Whatever refuses the file leaves the ledger unchanged.
func ImportWorkbook(ctx context.Context, t ledger.ImportTarget, path string) (*ledger.Import, error) {
	r := Import(ctx, t, ledger.WorkbookSettlement, path)
	return r.Import, r.Err
}

// ImportAllocation records, in a subordinate unit's own ledger, the
// allocation entries of an annex workbook (ledger.WorkbookAnnex) exported
// by its superior unit, keeping their ids, so that they travel back
// exactly with the unit's settlement workbook. The ledger's superior unit
// must be the one that issued the annex.
func ImportAllocation(ctx context.Context, t ledger.ImportTarget, path string) (*ledger.Import, error) {
	r := Import(ctx, t, ledger.WorkbookAnnex, path)
	return r.Import, r.Err
}

// Import imports the workbook at path, of kind ledger.WorkbookSettlement
// or ledger.WorkbookAnnex, in one transaction.
func Import(ctx context.Context, t ledger.ImportTarget, kind ledger.WorkbookKind, path string) ledger.ImportResult {
	var r ledger.ImportResult
	ImportFiles(ctx, t, kind, []string{path}, func(res ledger.ImportResult) { r = res })
	return r
}

// ImportReader is Import for a workbook held by r, of size bytes; name
// is recorded as the file's name.
func ImportReader(ctx context.Context, t ledger.ImportTarget, kind ledger.WorkbookKind, name string, r io.ReaderAt, size int64) ledger.ImportResult {
	res := ledger.ImportResult{Path: name}
	b, err := readBook(r, size)
	if err == nil {
		var pi *ledger.PlannedImport
		pi, res.Unit, err = prepareBook(ctx, t, kind, b, name)
		if err == nil {
			res.Import, err = pi.Record(ctx, t)
		}
	}
	res.Err = err
	return res
}

// ImportFiles imports several workbooks of kind (ledger.WorkbookSettlement
// or ledger.WorkbookAnnex), each in its own transaction, and calls done
// after each, in order, with what it added or why it was refused. It
// reads and checks the next file while the ledger records the current
// one, so that a district importing its wards' workbooks spends about the
// time of the slower of the two; at most two files are held read at once.
// It stops early only when ctx is done: the files not reached are
// reported with ctx's error. This is the one import pipeline of wardctl
// and of the desktop app.
func ImportFiles(ctx context.Context, t ledger.ImportTarget, kind ledger.WorkbookKind, paths []string, done func(ledger.ImportResult)) {
	type prepared struct {
		pi  *ledger.PlannedImport
		res ledger.ImportResult
	}
	ready := make(chan prepared, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(ready)
		for i, path := range paths {
			res := ledger.ImportResult{Index: i, Path: path}
			pi, unit, err := prepareFile(ctx, t, kind, path)
			res.Unit, res.Err = unit, err
			select {
			case ready <- prepared{pi, res}:
			case <-stop:
				return
			}
		}
	}()
	i := 0
	for r := range ready {
		if r.res.Err == nil {
			r.res.Import, r.res.Err = r.pi.Record(ctx, t)
		}
		done(r.res)
		i++
		if ctx.Err() != nil {
			for ; i < len(paths); i++ {
				done(ledger.ImportResult{Index: i, Path: paths[i], Err: ctx.Err()})
			}
			return
		}
	}
}

func prepareFile(ctx context.Context, t ledger.ImportTarget, kind ledger.WorkbookKind, path string) (*ledger.PlannedImport, ledger.Unit, error) {
	b, closer, err := openBookFile(path)
	if err != nil {
		return nil, ledger.Unit{}, err
	}
	defer closer.Close()
	return prepareBook(ctx, t, kind, b, filepath.Base(path))
}

// prepareBook reads a workbook for import and asks the ledger what of it
// may be recorded: everything but recording it, which reads the ledger
// and never writes it. It returns the unit the workbook names once its
// payload could be read.
func prepareBook(ctx context.Context, t ledger.ImportTarget, want ledger.WorkbookKind, b *inBook, name string) (*ledger.PlannedImport, ledger.Unit, error) {
	p, err := b.payload(ctx)
	if err != nil {
		return nil, ledger.Unit{}, err
	}
	in := &ledger.Incoming{Kind: p.Kind, Superior: p.Superior, Unit: p.Unit, Period: p.Period, Status: p.Status,
		Entries: p.Entries, File: name, Checksum: p.Checksum}
	pi, err := ledger.DecideImport(ctx, t, want, in)
	if err != nil {
		return nil, p.Unit, err
	}
	if want == ledger.WorkbookSettlement {
		diffs, err := b.checkVisible(ctx, t.Form(), in)
		if err != nil {
			return nil, p.Unit, err
		}
		pi.Import.Warnings = append(pi.Import.Warnings, diffs...)
	}
	return pi, p.Unit, nil
}

// maxListed is how many differing cells a warning lists one by one.
const maxListed = 30

var reKhoanHead = regexp.MustCompile(`Khoản (\d{3})`)

// checkVisible compares the figures shown on the B01 sheet (the values
// stored in the cells, formulas not evaluated) with the statement computed
// from the payload's entries, and returns a warning per cell that differs.
// It finds the table by its headers ("Mã số", "Tổng số", "Khoản 341") and
// rows by their codes, so inserted rows or columns do not matter.
func (b *inBook) checkVisible(ctx context.Context, form *ledger.Form, in *ledger.Incoming) ([]string, error) {
	sh, ok := b.sheet(SheetB01)
	if !ok {
		return []string{fmt.Sprintf("tệp không có trang %s: không đối chiếu được số hiển thị với dữ liệu ẩn", SheetB01)}, nil
	}
	st := in.Statement(form)
	codeCol, totalCol := -1, -1
	khoanCol := map[string]int{}
	rowOf := map[string]int{}
	cellsOf := map[string]map[int]inCell{}
	scanned := 0
	err := b.eachRow(ctx, sh, func(n int, cells []inCell) error {
		if scanned++; scanned > 2000 {
			return errStop
		}
		if len(rowOf) == 0 { // still in the header
			for _, c := range cells {
				switch t := strings.TrimSpace(c.text); {
				case t == "Mã số" && codeCol < 0:
					codeCol = c.col
				case t == "Tổng số" && totalCol < 0:
					totalCol = c.col
				default:
					if m := reKhoanHead.FindStringSubmatch(t); m != nil && codeCol >= 0 {
						khoanCol[m[1]] = c.col
					}
				}
			}
		}
		if codeCol < 0 {
			return nil
		}
		for _, c := range cells {
			code := strings.TrimSpace(c.text)
			if c.col != codeCol || rowOf[code] != 0 {
				continue
			}
			if _, ok := form.Row(code); ok {
				rowOf[code] = n
				m := make(map[int]inCell, len(cells))
				for _, c := range cells {
					m[c.col] = c
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
		return []string{fmt.Sprintf("trang %s không còn bố cục WardLedger (không thấy cột Mã số, Tổng số): không đối chiếu được số hiển thị với dữ liệu ẩn", SheetB01)}, nil
	}
	var diffs, notes []string
	compare := func(code, khoan string, col int, want ledger.Money) {
		c, present := cellsOf[code][col]
		where := describe(sh.name, col, rowOf[code])
		if present && c.formula && c.text == "" {
			return // a formula without its value: nothing to compare without evaluating it
		}
		got, ok := ledger.Money(0), true
		if present {
			got, ok = cellMoney(c.text)
		}
		if ok && got == want {
			return
		}
		shown := got.String()
		if !ok {
			shown = strconv.Quote(c.text)
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
			notes = append(notes, fmt.Sprintf("trang %s thiếu cột Khoản %s có trong dữ liệu ẩn", sh.name, k))
		}
	}
	if len(missingRows) > 0 {
		notes = append(notes, fmt.Sprintf("trang %s thiếu dòng mã số %s", sh.name, strings.Join(missingRows, ", ")))
	}
	if len(diffs) == 0 {
		return notes, nil
	}
	out := []string{fmt.Sprintf("số trên trang %s khác dữ liệu ẩn ở %d ô (bảng bị sửa sau khi xuất?): đã nhập theo dữ liệu ẩn, đối chiếu lại với đơn vị", sh.name, len(diffs))}
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
