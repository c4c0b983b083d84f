package xlsx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"wardledger/ledger"
)

// Target is what importing a workbook needs of a ledger. ledger.Ledger
// satisfies it.
type Target interface {
	Superior(ctx context.Context) (ledger.Unit, error)
	FindUnit(ctx context.Context, code string) (ledger.Unit, error)
	ImportEntries(ctx context.Context, src *ledger.Import, entries []*ledger.Entry) error
	Form() *ledger.Form
}

var _ Target = ledger.Ledger(nil)

// UnknownUnitError is the cause of an import refused because the ledger
// does not know the workbook's unit. Unit is the unit as the workbook
// names it (code, name, chapter), so that the app can offer to add it.
type UnknownUnitError struct {
	Unit ledger.Unit
}

func (e *UnknownUnitError) Error() string {
	return fmt.Sprintf("sổ chưa có đơn vị %s (mã ĐVQHNS %s) của tệp này: thêm đơn vị vào sổ rồi nhập lại (unknown unit %s)",
		printable(e.Unit.Name), printable(e.Unit.Code), printable(e.Unit.Code))
}

const importOp = "xlsx.Import"

// ImportWorkbook brings the entries of a subordinate unit's settlement
// workbook (exported by WardLedger) into the superior unit's ledger, from
// the workbook's hidden payload, in one transaction: entries already
// recorded are skipped, so importing a file twice adds nothing; an entry
// recorded with other content refuses the whole file (a conflict error
// in the chain); a unit the ledger does not know refuses it with an
// *UnknownUnitError in the chain. Figures shown on the B01 sheet that no
// longer match the payload (edited after export) are listed as warnings.
// Whatever refuses the file leaves the ledger unchanged.
func ImportWorkbook(ctx context.Context, t Target, path string) (*ledger.Import, error) {
	return importFile(ctx, t, Settlement, path)
}

// ImportAllocation records, in a subordinate unit's own ledger, the
// allocation entries of an annex workbook (Annex) exported by its
// superior unit, keeping their ids, so that they travel back exactly with
// the unit's settlement workbook. The ledger's superior unit must be the
// one that issued the annex.
func ImportAllocation(ctx context.Context, t Target, path string) (*ledger.Import, error) {
	return importFile(ctx, t, Annex, path)
}

// ImportReader is ImportWorkbook (kind Settlement) or ImportAllocation
// (kind Annex) for a workbook held by r, of size bytes; name is recorded
// as the file's name.
func ImportReader(ctx context.Context, t Target, kind Kind, name string, r io.ReaderAt, size int64) (*ledger.Import, error) {
	b, err := readBook(r, size)
	if err != nil {
		return nil, err
	}
	return importBook(ctx, t, kind, b, name)
}

func importFile(ctx context.Context, t Target, kind Kind, path string) (*ledger.Import, error) {
	im, err := prepareFile(ctx, t, kind, path)
	if err != nil {
		return nil, err
	}
	return im.commit(ctx, t)
}

// ImportFiles imports several workbooks of kind (Settlement or Annex), each
// in its own transaction as ImportWorkbook and ImportAllocation do, and
// calls done after each, in order, with what it added or why it was
// refused. It reads and checks the next file while the ledger records the
// current one, so that a district importing its wards' workbooks spends
// about the time of the slower of the two; at most two files are held
// read at once. It stops early only when ctx is done.
func ImportFiles(ctx context.Context, t Target, kind Kind, paths []string, done func(i int, im *ledger.Import, err error)) {
	type result struct {
		im  *pendingImport
		err error
	}
	ready := make(chan result, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(ready)
		for _, path := range paths {
			im, err := prepareFile(ctx, t, kind, path)
			select {
			case ready <- result{im, err}:
			case <-stop:
				return
			}
		}
	}()
	i := 0
	for r := range ready {
		if r.err != nil {
			done(i, nil, r.err)
		} else {
			im, err := r.im.commit(ctx, t)
			done(i, im, err)
		}
		i++
		if ctx.Err() != nil {
			for ; i < len(paths); i++ {
				done(i, nil, ctx.Err())
			}
			return
		}
	}
}

// pendingImport is a workbook read and checked, not yet recorded.
type pendingImport struct {
	im      *ledger.Import
	entries []*ledger.Entry // in the order to record them
}

func prepareFile(ctx context.Context, t Target, kind Kind, path string) (*pendingImport, error) {
	b, closer, err := openBookFile(path)
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	return prepareBook(ctx, t, kind, b, filepath.Base(path))
}

func importBook(ctx context.Context, t Target, want Kind, b *inBook, name string) (*ledger.Import, error) {
	im, err := prepareBook(ctx, t, want, b, name)
	if err != nil {
		return nil, err
	}
	return im.commit(ctx, t)
}

// prepareBook reads and checks a workbook for import: everything but
// recording it, which reads the ledger and never writes it.
func prepareBook(ctx context.Context, t Target, want Kind, b *inBook, name string) (*pendingImport, error) {
	p, err := b.payload(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkPayload(p, want); err != nil {
		return nil, err
	}
	var warnings []string
	superior, err := t.Superior(ctx)
	if err != nil {
		return nil, err
	}
	if p.Superior.Code != superior.Code {
		if want == Annex {
			return nil, ledger.Errorf(ledger.KindInvalid, importOp,
				"phụ lục do %s (mã %s) giao, nhưng đơn vị cấp trên của sổ này là %s (mã %s): không nhập được (the annex was issued by another superior unit)",
				printable(p.Superior.Name), printable(p.Superior.Code), superior.Name, superior.Code)
		}
		warnings = append(warnings, fmt.Sprintf("báo cáo lập gửi %s (mã %s), không phải %s (mã %s) của sổ này",
			printable(p.Superior.Name), printable(p.Superior.Code), superior.Name, superior.Code))
	}
	unit, err := t.FindUnit(ctx, p.Unit.Code)
	switch {
	case ledger.ErrorKind(err) == ledger.KindNotFound:
		return nil, &ledger.Error{Kind: ledger.KindNotFound, Op: importOp, Field: "unit", Err: &UnknownUnitError{Unit: p.Unit}}
	case err != nil:
		return nil, err
	case unit.Superior:
		return nil, ledger.Errorf(ledger.KindInvalid, importOp, "mã %s của tệp là đơn vị cấp trên của sổ này, không phải đơn vị trực thuộc: không nhập được", printable(p.Unit.Code))
	}
	if strings.TrimSpace(p.Unit.Name) != strings.TrimSpace(unit.Name) {
		warnings = append(warnings, fmt.Sprintf("tên đơn vị mã %s trong tệp là %q, trong sổ là %q", unit.Code, p.Unit.Name, unit.Name))
	}
	if want == Settlement {
		if p.Status != ledger.PeriodClosed {
			warnings = append(warnings, fmt.Sprintf("đơn vị xuất báo cáo khi %s chưa khóa sổ: số liệu có thể còn thay đổi", p.Period.Label()))
		}
		diffs, err := b.checkVisible(ctx, t.Form(), p)
		if err != nil {
			return nil, err
		}
		warnings = append(warnings, diffs...)
	}
	if err := checkReviewOpen(ctx, t, p); err != nil {
		return nil, err
	}
	im := &ledger.Import{Unit: p.Unit.Code, Period: p.Period, File: name, SHA256: p.Checksum, Warnings: warnings}
	return &pendingImport{im: im, entries: recordedOrder(p.Entries)}, nil
}

// reviewReader is what checkReviewOpen needs of a ledger that reviews
// its units' settlements (ledger.Ledger does).
type reviewReader interface {
	Review(ctx context.Context, unit string, p ledger.Period) (*ledger.Review, error)
	Entries(ctx context.Context, f ledger.EntryFilter) ([]*ledger.Entry, error)
}

// checkReviewOpen refuses to add entries to a settlement whose review is
// finished: its approved figures are final until the review is reopened
// (with a reason, audited). A workbook that adds nothing passes.
func checkReviewOpen(ctx context.Context, t Target, p *Payload) error {
	rr, ok := t.(reviewReader)
	if !ok || p.Kind != Settlement {
		return nil
	}
	rev, err := rr.Review(ctx, p.Unit.Code, p.Period)
	if err != nil || rev.State != ledger.ReviewFinished {
		return err
	}
	have, err := rr.Entries(ctx, ledger.EntryFilter{Unit: p.Unit.Code, Period: p.Period})
	if err != nil {
		return err
	}
	ids := make(map[string]bool, len(have))
	for _, e := range have {
		ids[e.ID] = true
	}
	for _, e := range p.Entries {
		if !ids[e.ID] {
			return ledger.Errorf(ledger.KindLocked, importOp,
				"quyết toán %s của đơn vị %s đã duyệt xong: mở lại xét duyệt (có ghi lý do) trước khi nhập báo cáo có số liệu mới (review finished)",
				p.Period.Label(), p.Unit.Code)
		}
	}
	return nil
}

// commit records the entries in one transaction.
func (pi *pendingImport) commit(ctx context.Context, t Target) (*ledger.Import, error) {
	err := t.ImportEntries(ctx, pi.im, pi.entries)
	if ledger.ErrorItem(err) > 0 && ledger.ErrorKind(err) == ledger.KindConflict {
		// A rule refused an entry at its turn: try an order the rules
		// accept, if there is another.
		if alt := ruleOrder(t.Form(), pi.entries); !sameOrder(alt, pi.entries) {
			err = t.ImportEntries(ctx, pi.im, alt)
		}
	}
	if err != nil {
		return nil, err
	}
	return pi.im, nil
}

// checkPayload refuses a payload of another kind of workbook, and one whose
// entries do not all belong to its unit and period or do not hold
// together (ids, reversals).
func checkPayload(p *Payload, want Kind) error {
	if p.Kind != want {
		what := map[Kind]string{
			Settlement: "báo cáo quyết toán của đơn vị trực thuộc", District: "báo cáo tổng hợp của đơn vị cấp trên",
			Allocation: "bảng giao dự toán của cả đơn vị cấp trên", Review: "biên bản và thông báo xét duyệt",
			Annex: "phụ lục giao dự toán",
		}
		var hint string
		switch {
		case want == Settlement && p.Kind == Annex:
			hint = "phụ lục nhập vào sổ của đơn vị được giao bằng wardctl import allocation"
		case want == Settlement:
			hint = "chỉ nhập được báo cáo quyết toán QT_… xuất từ sổ của đơn vị trực thuộc"
		case p.Kind == Settlement:
			hint = "báo cáo quyết toán nhập vào sổ của đơn vị cấp trên bằng wardctl import workbook"
		default:
			hint = "cần phụ lục giao dự toán PLDT_… của riêng đơn vị (wardctl export allocation --unit MÃ)"
		}
		return ledger.Errorf(ledger.KindInvalid, importOp, "tệp là %s, không phải %s: %s (wrong kind of workbook: %s)",
			what[p.Kind], what[want], hint, p.Kind)
	}
	damaged := func(format string, args ...any) error {
		return readErr("trang dữ liệu ẩn không hợp lệ: "+format+" (payload damaged)", args...)
	}
	if p.Unit.Code == "" {
		return damaged("thiếu mã đơn vị")
	}
	ids := make(map[string]*ledger.Entry, len(p.Entries))
	for _, e := range p.Entries {
		switch {
		case e.ID == "":
			return damaged("bút toán không có mã")
		case ids[e.ID] != nil:
			return damaged("mã bút toán %s lặp lại", e.ID)
		case e.Unit != p.Unit.Code || e.Period != p.Period:
			return damaged("bút toán %s thuộc đơn vị %s kỳ %s, không phải %s kỳ %s", e.ID, e.Unit, e.Period, printable(p.Unit.Code), p.Period)
		case want == Annex && e.Kind != ledger.EntryAllocation && e.Kind != ledger.EntryAdjustment:
			return damaged("phụ lục có bút toán %s (%s) không phải giao hay điều chỉnh dự toán", e.ID, e.Kind.Label())
		}
		ids[e.ID] = e
	}
	reversed := map[string]bool{}
	for _, e := range p.Entries {
		if !e.IsReversal() {
			continue
		}
		orig := ids[e.Reverses]
		switch {
		case orig == nil:
			return damaged("bút toán %s đảo bút toán %s không có trong tệp", e.ID, e.Reverses)
		case orig.IsReversal() || reversed[e.Reverses]:
			return damaged("bút toán %s bị đảo hai lần hoặc là bút toán đảo", e.Reverses)
		}
		reversed[e.Reverses] = true
	}
	return nil
}

// recordedOrder orders the entries the way the unit's ledger recorded
// them, which its rules accepted: by the time in their ids (UUID version
// 7, in milliseconds), the payload's order within a millisecond; a
// reversal right after what it reverses if it would come before it.
func recordedOrder(entries []*ledger.Entry) []*ledger.Entry {
	order := make([]*ledger.Entry, len(entries))
	copy(order, entries)
	sort.SliceStable(order, func(i, j int) bool { return idTime(order[i].ID) < idTime(order[j].ID) })
	out := make([]*ledger.Entry, 0, len(order))
	done := make(map[string]bool, len(order))
	held := map[string]*ledger.Entry{} // reversals by what they reverse
	for _, e := range order {
		if e.IsReversal() && !done[e.Reverses] {
			held[e.Reverses] = e
			continue
		}
		for e != nil {
			out = append(out, e)
			done[e.ID] = true
			e, held[e.ID] = held[e.ID], nil
		}
	}
	for _, e := range order { // reversing what the payload lacks: the store refuses them
		if !done[e.ID] {
			out = append(out, e)
		}
	}
	return out
}

// ruleOrder reorders entries, kept in their order as far as possible, so
// that the settlement rules accept each at its turn. A PC clock set wrong
// can make the recorded order break a rule (a withdrawal "before" the
// allocation that funds it): an entry refused at its turn waits until
// what it needs has been applied. What still waits after a bounded
// effort goes last, for the store to refuse with its own message.
func ruleOrder(form *ledger.Form, order []*ledger.Entry) []*ledger.Entry {
	out := make([]*ledger.Entry, 0, len(order))
	done := make(map[string]bool, len(order))
	sums := map[ledger.Line]ledger.Sums{}
	budget := 8*len(order) + 1000 // rule checks
	ready := func(e *ledger.Entry) bool {
		if e.IsReversal() && !done[e.Reverses] {
			return false
		}
		budget--
		return form.CheckEntry(sums[e.Line()], e) == nil
	}
	apply := func(e *ledger.Entry) {
		s := sums[e.Line()]
		if s == nil {
			s = ledger.Sums{}
			sums[e.Line()] = s
		}
		s[e.Kind] += e.Amount
		done[e.ID] = true
		out = append(out, e)
	}
	var waiting []*ledger.Entry
	for _, e := range order {
		if budget <= 0 || !ready(e) {
			waiting = append(waiting, e)
			continue
		}
		apply(e)
		// What waited may be ready now.
		for progress := true; progress && len(waiting) > 0 && budget > 0; {
			progress = false
			kept := waiting[:0]
			for _, w := range waiting {
				if budget > 0 && ready(w) {
					apply(w)
					progress = true
				} else {
					kept = append(kept, w)
				}
			}
			waiting = kept
		}
	}
	// Reversals after what they reverse, whatever else is wrong.
	for _, pass := range []bool{false, true} {
		for _, w := range waiting {
			if w.IsReversal() == pass {
				out = append(out, w)
			}
		}
	}
	return out
}

func sameOrder(a, b []*ledger.Entry) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

// idTime is the millisecond timestamp of a UUID version 7 id, 0 for any
// other id.
func idTime(id string) uint64 {
	if len(id) != 36 || id[14] != '7' {
		return 0
	}
	ms, err := strconv.ParseUint(id[0:8]+id[9:13], 16, 64)
	if err != nil {
		return 0
	}
	return ms
}

// totalsOf sums entries the way the store does: by line, Tiểu mục and kind.
func totalsOf(entries []*ledger.Entry) []ledger.Total {
	type key struct {
		khoan   string
		nature  ledger.Nature
		tieuMuc string
		kind    ledger.EntryKind
	}
	idx := map[key]int{}
	var out []ledger.Total
	for _, e := range entries {
		k := key{e.Khoan, e.Nature, e.TieuMuc, e.Kind}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, ledger.Total{Khoan: e.Khoan, Nature: e.Nature, TieuMuc: e.TieuMuc, Kind: e.Kind})
		}
		out[i].Amount += e.Amount
	}
	return out
}

// maxListed is how many differing cells a warning lists one by one.
const maxListed = 30

var reKhoanHead = regexp.MustCompile(`Khoản (\d{3})`)

// checkVisible compares the figures shown on the B01 sheet (the values
// stored in the cells, formulas not evaluated) with the statement computed
// from the payload's entries, and returns a warning per cell that differs.
// It finds the table by its headers ("Mã số", "Tổng số", "Khoản 341") and
// rows by their codes, so inserted rows or columns do not matter.
func (b *inBook) checkVisible(ctx context.Context, form *ledger.Form, p *Payload) ([]string, error) {
	sh, ok := b.sheet(SheetB01)
	if !ok {
		return []string{fmt.Sprintf("tệp không có trang %s: không đối chiếu được số hiển thị với dữ liệu ẩn", SheetB01)}, nil
	}
	st, err := form.BuildStatement(p.Unit.Code, p.Period, totalsOf(p.Entries))
	if err != nil {
		return nil, err
	}
	codeCol, totalCol := -1, -1
	khoanCol := map[string]int{}
	rowOf := map[string]int{}
	cellsOf := map[string]map[int]inCell{}
	scanned := 0
	err = b.eachRow(ctx, sh, func(n int, cells []inCell) error {
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

// ErrorUnit returns the unit named by an import refused for an unknown
// unit, so that the caller can offer to add it.
func ErrorUnit(err error) (ledger.Unit, bool) {
	var ue *UnknownUnitError
	if errors.As(err, &ue) {
		return ue.Unit, true
	}
	return ledger.Unit{}, false
}
