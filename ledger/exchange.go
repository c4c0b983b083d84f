package ledger

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Ledgers exchange workbooks: a subordinate unit sends its settlement up,
// the superior unit sends allocation annexes down. This file holds what
// the domain decides about them: the kinds of workbook and their names,
// and every rule about what an imported workbook may bring into a ledger.
// Reading and writing the files is the adapters' (ledger/xlsx writes
// them, ledger/xlsximport reads them back and asks DecideImport).

// WorkbookKind is a kind of workbook the program writes.
type WorkbookKind string

const (
	// WorkbookSettlement is one subordinate unit's settlement of one
	// period (QT_…): B01/BCQT, F01-01/BCQT, the entry register and every
	// entry in its payload, which the superior unit imports.
	WorkbookSettlement WorkbookKind = "settlement"
	// WorkbookDistrict is the superior unit's consolidation of every
	// subordinate unit for one period (THQT_…).
	WorkbookDistrict WorkbookKind = "district"
	// WorkbookAllocation is the table of estimates allocated to every
	// subordinate unit for one period (DT_…).
	WorkbookAllocation WorkbookKind = "allocation"
	// WorkbookReview is the superior unit's review of one subordinate
	// unit's settlement (XD_…): the minutes and the approval notice.
	WorkbookReview WorkbookKind = "review"
	// WorkbookAnnex is one subordinate unit's allocation for one period
	// (PLDT_…), whose payload carries the allocation entries with their
	// ids so that the unit imports them into its own ledger.
	WorkbookAnnex WorkbookKind = "annex"
	// WorkbookReconciliation is one unit's estimates at the Treasury for
	// one period (DCKB_…), per Loại–Khoản and nature, for the accountant
	// to check against the Treasury's reconciliation; nothing imports it.
	WorkbookReconciliation WorkbookKind = "reconciliation"
)

// WorkbookKinds lists every kind.
var WorkbookKinds = []WorkbookKind{WorkbookSettlement, WorkbookDistrict, WorkbookAllocation, WorkbookReview, WorkbookAnnex, WorkbookReconciliation}

// ParseWorkbookKind reads a workbook kind by name.
func ParseWorkbookKind(s string) (WorkbookKind, error) {
	k := WorkbookKind(strings.ToLower(strings.TrimSpace(s)))
	for _, x := range WorkbookKinds {
		if k == x {
			return k, nil
		}
	}
	return "", FieldErrorf("kind", "ParseWorkbookKind", "loại báo cáo %q không hợp lệ: settlement, district, allocation, review, annex hoặc reconciliation", s)
}

// Label names the kind for a person.
func (k WorkbookKind) Label() string {
	switch k {
	case WorkbookSettlement:
		return "báo cáo quyết toán của đơn vị trực thuộc"
	case WorkbookDistrict:
		return "báo cáo tổng hợp của đơn vị cấp trên"
	case WorkbookAllocation:
		return "bảng giao dự toán của cả đơn vị cấp trên"
	case WorkbookReview:
		return "biên bản và thông báo xét duyệt"
	case WorkbookAnnex:
		return "phụ lục giao dự toán"
	case WorkbookReconciliation:
		return "bảng đối chiếu dự toán với Kho bạc"
	}
	return string(k)
}

// FilePrefix begins the name of every workbook of the kind: "QT_" for a
// settlement, "PLDT_" for an annex.
func (k WorkbookKind) FilePrefix() string {
	switch k {
	case WorkbookDistrict:
		return "THQT_"
	case WorkbookAllocation:
		return "DT_"
	case WorkbookReview:
		return "XD_"
	case WorkbookAnnex:
		return "PLDT_"
	case WorkbookReconciliation:
		return "DCKB_"
	}
	return "QT_"
}

// FileName is the usual name of a workbook of the kind about unit (a
// settlement, review or annex) or about every subordinate unit of
// superior (a consolidation or allocation table) for period p:
// QT_1000002_2026-H1.xlsx, THQT_1000001_2026-H1.xlsx.
func (k WorkbookKind) FileName(unit string, p Period, superior string) string {
	if k == WorkbookDistrict || k == WorkbookAllocation {
		unit = superior
	}
	return k.FilePrefix() + unit + "_" + p.String() + ".xlsx"
}

// Incoming is what a workbook made by another ledger brings, as its
// payload says. The adapter that reads the file fills it in, once the
// payload's checksum and signature hold; DecideImport decides what of it
// may be recorded.
type Incoming struct {
	Kind     WorkbookKind
	Superior Unit // the superior unit of the ledger that wrote the workbook
	Unit     Unit // the subordinate unit the workbook is about
	Period   Period
	Status   PeriodStatus // a settlement: its period's status when written
	Entries  []*Entry
	File     string // the file's name, for the history
	Checksum string // the payload's checksum, for the history
	// Signer is the public key the payload is signed with, the signature
	// verified; nil for an unsigned payload (format 1).
	Signer    ed25519.PublicKey
	ChainHead Hash   // the writing ledger's entries chain head
	Codes     []Code // the catalogue rows of the codes the entries use
	Notice    *Notice
}

// SignerUnit is the unit whose ledger signs a workbook of the kind: the
// subordinate unit of a settlement, the superior unit of everything else.
func (in *Incoming) SignerUnit() string {
	if in.Kind == WorkbookSettlement {
		return in.Unit.Code
	}
	return in.Superior.Code
}

// Statement is the settlement statement the incoming entries make (a
// year's folded from the periods they were recorded in); a sum that does
// not fit in int64 is an error.
func (in *Incoming) Statement(f *Form) (*Statement, error) {
	totals, err := f.PeriodTotalsOf(in.Period, in.Entries)
	if err != nil {
		return nil, err
	}
	return f.BuildStatement(in.Unit.Code, in.Period, totals)
}

// TotalsOf sums entries the way the store does: by line, Tiểu mục and
// kind; a sum that does not fit in int64 is an error.
func TotalsOf(entries []*Entry) ([]Total, error) {
	type key struct {
		khoan   string
		nature  Nature
		tieuMuc string
		kind    EntryKind
	}
	idx := map[key]int{}
	var out []Total
	for _, e := range entries {
		k := key{e.Khoan, e.Nature, e.TieuMuc, e.Kind}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, Total{Khoan: e.Khoan, Nature: e.Nature, TieuMuc: e.TieuMuc, Kind: e.Kind})
		}
		v, ok := addMoney(out[i].Amount, e.Amount)
		if !ok {
			return nil, overflow("TotalsOf")
		}
		out[i].Amount = v
	}
	return out, nil
}

// ImportOptions are what a person agreed to for an import.
type ImportOptions struct {
	// AcceptKey accepts a workbook signed with another key than the one
	// pinned for its unit (the new key is pinned), or an unsigned one
	// though a key is pinned; Reason must say why (audited).
	AcceptKey bool
	Reason    string
	// AddCodes adds to the catalogue, in the same transaction, the codes
	// the workbook uses and carries that the ledger lacks.
	AddCodes bool
}

// ImportTarget is what importing reads and writes of the receiving
// ledger. Ledger satisfies it.
type ImportTarget interface {
	Superior(ctx context.Context) (Unit, error)
	FindUnit(ctx context.Context, code string) (Unit, error)
	Role(ctx context.Context) (LedgerRole, error)
	PinnedKey(ctx context.Context, unit string) (PinnedKey, bool, error)
	Catalogue(ctx context.Context) (*Catalogue, error)
	Entries(ctx context.Context, f EntryFilter) ([]*Entry, error)
	Totals(ctx context.Context, unit string, p Period) ([]Total, error)
	Review(ctx context.Context, unit string, p Period) (*Review, error)
	ImportEntries(ctx context.Context, src *Import, entries []*Entry) error
	Form() *Form
}

var _ ImportTarget = Ledger(nil)

// PlannedImport is an import decided on and not yet recorded.
type PlannedImport struct {
	Import  *Import  // what the import history will say; Findings filled in
	Entries []*Entry // in the order to record them
}

const importOp = "Import"

// DecideImport applies every rule about what a workbook of kind want may
// bring into the ledger t, reading t but never writing it:
//
//   - the workbook is of the kind wanted, about one subordinate unit, its
//     entries all of that unit and period, with unique ids, and reversals
//     that reverse an entry of the workbook once (CheckIncoming);
//   - whose ledger t is (CheckRole): a unit's own ledger takes only its
//     own unit's annexes and review workbooks, the superior unit's ledger
//     only its units' settlements;
//   - the workbook was written for the ledger's own superior unit;
//   - the unit must be a subordinate unit the ledger knows: an unknown one
//     is refused, on the superior's ledger with an error of kind
//     KindNotFound on field "unit" (ImportResult.UnknownUnit gives it
//     back, to be added); a unit's ledger never offers to add one;
//   - the signature (DecideKey): the key pinned for the unit that signs
//     such a workbook, pinned now if none is;
//   - a settlement carries exactly the allocations this ledger issued for
//     its unit and period (CheckIssued), and carry-ins equal to the
//     carry-outs this ledger holds for the unit's previous period
//     (CheckCarryIns);
//   - the codes its entries use are in the catalogue, or carried by the
//     workbook and added with opt.AddCodes (PlanCodes);
//   - a settlement whose review is finished accepts nothing new until the
//     review is reopened (the review lock).
//
// What passes but deserves the reviewer's eye is a Finding of the import.
// The entries are put in the order the unit's ledger recorded them
// (ImportOrder), which its rules accepted.
func DecideImport(ctx context.Context, t ImportTarget, want WorkbookKind, in *Incoming, opt ImportOptions) (*PlannedImport, error) {
	if err := CheckIncoming(want, in); err != nil {
		return nil, err
	}
	role, err := t.Role(ctx)
	if err != nil {
		return nil, err
	}
	if err := CheckRole(role, in); err != nil {
		return nil, err
	}
	im := &Import{Kind: in.Kind, Unit: in.Unit.Code, Period: in.Period, File: in.File, SHA256: in.Checksum,
		Signer: in.Signer, SignerUnit: in.SignerUnit(), ChainHead: in.ChainHead, Via: ViaImport, Notice: in.Notice}
	if in.Kind != WorkbookSettlement {
		im.Via = ViaAnnex
	}
	superior, err := t.Superior(ctx)
	if err != nil {
		return nil, err
	}
	if in.Superior.Code != superior.Code {
		what := "báo cáo lập gửi"
		if in.Kind != WorkbookSettlement {
			what = in.Kind.Label() + " do"
		}
		return nil, &Error{Kind: KindInvalid, Op: importOp, Field: "superior", Msg: fmt.Sprintf(
			"%s %s (mã %s), nhưng đơn vị cấp trên của sổ này là %s (mã %s): không nhập được",
			what, Printable(in.Superior.Name), Printable(in.Superior.Code), superior.Name, superior.Code)}
	}
	unit, err := t.FindUnit(ctx, in.Unit.Code)
	switch {
	case ErrorKind(err) == KindNotFound && role.IsUnit():
		return nil, Errorf(KindInvalid, importOp, "tệp của đơn vị %s (mã %s), không phải của sổ này: không nhập được",
			Printable(in.Unit.Name), Printable(in.Unit.Code))
	case ErrorKind(err) == KindNotFound:
		return nil, &Error{Kind: KindNotFound, Op: importOp, Field: "unit", Msg: fmt.Sprintf(
			"sổ chưa có đơn vị %s (mã ĐVQHNS %s) của tệp này: thêm đơn vị vào sổ rồi nhập lại",
			Printable(in.Unit.Name), Printable(in.Unit.Code))}
	case err != nil:
		return nil, err
	case unit.Superior:
		return nil, Errorf(KindInvalid, importOp, "mã %s của tệp là đơn vị cấp trên của sổ này, không phải đơn vị trực thuộc: không nhập được", Printable(in.Unit.Code))
	}
	if err := decideKey(ctx, t, in, opt, im); err != nil {
		return nil, err
	}
	if strings.TrimSpace(in.Unit.Name) != strings.TrimSpace(unit.Name) {
		im.addFinding(FindingWarning, "tên đơn vị mã %s trong tệp là %q, trong sổ là %q", unit.Code, in.Unit.Name, unit.Name)
	}
	if in.Kind == WorkbookSettlement {
		if in.Status != PeriodClosed {
			im.addFinding(FindingWarning, "đơn vị xuất báo cáo khi %s chưa khóa sổ: số liệu có thể còn thay đổi", in.Period.Name())
		}
		if err := checkReviewOpen(ctx, t, in); err != nil {
			return nil, err
		}
		if err := decideSuperiorEntries(ctx, t, in, im); err != nil {
			return nil, err
		}
	}
	if err := decideCodes(ctx, t, in, opt, im); err != nil {
		return nil, err
	}
	return &PlannedImport{Import: im, Entries: ImportOrder(in.Entries)}, nil
}

// CheckIncoming refuses a workbook of another kind than want, and one
// whose content does not hold together: no unit, entries without ids or
// with the same id, entries of another unit or period, an annex carrying
// other entries than allocations and adjustments, a reversal of an entry
// the workbook lacks or reversed twice.
func CheckIncoming(want WorkbookKind, in *Incoming) error {
	if in.Kind != want {
		var hint string
		switch {
		case want == WorkbookSettlement && in.Kind == WorkbookAnnex:
			hint = "phụ lục nhập vào sổ của đơn vị được giao bằng wardctl import allocation"
		case want == WorkbookSettlement && in.Kind == WorkbookReview:
			hint = "biên bản xét duyệt nhập vào sổ của đơn vị được duyệt bằng wardctl import review"
		case want == WorkbookSettlement:
			hint = "chỉ nhập được báo cáo quyết toán QT_… xuất từ sổ của đơn vị trực thuộc"
		case in.Kind == WorkbookSettlement:
			hint = "báo cáo quyết toán nhập vào sổ của đơn vị cấp trên bằng wardctl import workbook"
		case want == WorkbookReview:
			hint = "cần tệp xét duyệt XD_… của riêng đơn vị (wardctl export review --unit MÃ)"
		default:
			hint = "cần phụ lục giao dự toán PLDT_… của riêng đơn vị (wardctl export allocation --unit MÃ)"
		}
		return Errorf(KindInvalid, importOp, "tệp là %s, không phải %s: %s",
			in.Kind.Label(), want.Label(), hint)
	}
	damaged := func(format string, args ...any) error {
		return Errorf(KindInvalid, importOp, "trang dữ liệu ẩn không hợp lệ: "+format, args...)
	}
	if in.Unit.Code == "" {
		return damaged("thiếu mã đơn vị")
	}
	if (want == WorkbookReview) != (in.Notice != nil) {
		return damaged("thiếu hoặc thừa số liệu xét duyệt")
	}
	ids := make(map[string]*Entry, len(in.Entries))
	for _, e := range in.Entries {
		switch {
		case e.ID == "":
			return damaged("bút toán không có mã")
		case ids[e.ID] != nil:
			return damaged("mã bút toán %s lặp lại", e.ID)
		case e.Unit != in.Unit.Code || !in.Period.Covers(e.Period):
			return damaged("bút toán %s thuộc đơn vị %s kỳ %s, không phải %s kỳ %s", e.ID, e.Unit, e.Period, Printable(in.Unit.Code), in.Period)
		case !want.Carries(e.Kind) && want == WorkbookAnnex:
			return damaged("%s có bút toán %s (%s) không phải giao hay điều chỉnh dự toán", want.Label(), e.ID, e.Kind.Label())
		case !want.Carries(e.Kind):
			return damaged("%s không mang bút toán, nhưng có bút toán %s (%s)", want.Label(), e.ID, e.Kind.Label())
		}
		ids[e.ID] = e
	}
	reversed := map[string]bool{}
	for _, e := range in.Entries {
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

// Carries reports whether a workbook of the kind may bring entries of kind
// e into a ledger: an annex only the allocations and adjustments its
// superior unit decided; a settlement every entry of its unit; a review
// none (it brings the approved figures).
func (k WorkbookKind) Carries(e EntryKind) bool {
	switch k {
	case WorkbookAnnex:
		return e.SuperiorKind()
	case WorkbookReview:
		return false
	}
	return true
}

// checkReviewOpen refuses to add entries to a settlement whose review is
// finished: its approved figures are final until the review is reopened
// (with a reason, audited). A workbook that adds nothing passes. The store
// holds the same lock at its level (ledger/sqlite).
func checkReviewOpen(ctx context.Context, rr ImportTarget, in *Incoming) error {
	rev, err := rr.Review(ctx, in.Unit.Code, in.Period)
	if err != nil || rev.State != ReviewFinished {
		return err
	}
	have, err := rr.Entries(ctx, EntryFilter{Unit: in.Unit.Code, Period: in.Period})
	if err != nil {
		return err
	}
	ids := make(map[string]bool, len(have))
	for _, e := range have {
		ids[e.ID] = true
	}
	for _, e := range in.Entries {
		if !ids[e.ID] {
			return Errorf(KindLocked, importOp,
				"quyết toán %s của đơn vị %s đã duyệt xong: mở lại xét duyệt (có ghi lý do) trước khi nhập báo cáo có số liệu mới",
				in.Period.Name(), in.Unit.Code)
		}
	}
	return nil
}

// Record records the planned import in one transaction. When a rule
// refuses an entry at its turn (the unit's PC clock was wrong, so the
// recorded order breaks a rule), it tries once more in an order the rules
// accept (RuleOrder), if there is another.
func (pi *PlannedImport) Record(ctx context.Context, t ImportTarget) (*Import, error) {
	err := t.ImportEntries(ctx, pi.Import, pi.Entries)
	if ErrorItem(err) > 0 && ErrorKind(err) == KindConflict {
		if alt := RuleOrder(t.Form(), pi.Entries); !slices.Equal(alt, pi.Entries) {
			err = t.ImportEntries(ctx, pi.Import, alt)
		}
	}
	if err != nil {
		return nil, err
	}
	return pi.Import, nil
}

// ImportOrder orders entries the way the ledger that made them recorded
// them, which its rules accepted: by the time in their ids (UUID version
// 7, in milliseconds), the given order within a millisecond; a reversal
// right after what it reverses if it would come before it.
func ImportOrder(entries []*Entry) []*Entry {
	order := make([]*Entry, len(entries))
	copy(order, entries)
	sort.SliceStable(order, func(i, j int) bool { return idTime(order[i].ID) < idTime(order[j].ID) })
	out := make([]*Entry, 0, len(order))
	done := make(map[string]bool, len(order))
	held := map[string]*Entry{} // reversals by what they reverse
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

// RuleOrder reorders entries, kept in their order as far as possible, so
// that the settlement rules accept each at its turn. A PC clock set wrong
// can make the recorded order break a rule (a withdrawal "before" the
// allocation that funds it): an entry refused at its turn waits until
// what it needs has been applied. What still waits after a bounded
// effort goes last, for the store to refuse with its own message.
func RuleOrder(form *Form, order []*Entry) []*Entry {
	out := make([]*Entry, 0, len(order))
	done := make(map[string]bool, len(order))
	sums := map[Line]Sums{}
	budget := 8*len(order) + 1000 // rule checks
	ready := func(e *Entry) bool {
		if e.IsReversal() && !done[e.Reverses] {
			return false
		}
		budget--
		return form.CheckEntry(sums[e.Line()], e) == nil
	}
	apply := func(e *Entry) {
		s := sums[e.Line()]
		if s == nil {
			s = Sums{}
			sums[e.Line()] = s
		}
		s[e.Kind] += e.Amount
		done[e.ID] = true
		out = append(out, e)
	}
	var waiting []*Entry
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

// Printable is a text read from outside (a file's unit name, a part of a
// workbook) as a message may show it: as it is when it is plain text,
// quoted with escapes otherwise.
func Printable(s string) string {
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			return strconv.QuoteToASCII(s)
		}
	}
	return s
}

// ImportResult is what became of one file of an import of several.
type ImportResult struct {
	Index  int    // the file's position in the list, from 0
	Path   string // the file
	Import *Import
	Err    error // why the file was refused; nothing of it was recorded
	// Unit is the unit the file is about, as the file names it, once its
	// content could be read.
	Unit Unit
}

// UnknownUnit returns the unit a file was refused for because the ledger
// does not know it, as the file names it, so that a caller can offer to
// add it.
func (r ImportResult) UnknownUnit() (Unit, bool) {
	if r.Err != nil && r.Unit.Code != "" && ErrorKind(r.Err) == KindNotFound && ErrorField(r.Err) == "unit" {
		return r.Unit, true
	}
	return Unit{}, false
}
