package ledger

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// The rules of DecideImport that compare a workbook with what the
// receiving ledger holds: whose ledger it is, the signing key, the
// superior unit's own entries, the carry-ins, the codes. Each rule that the
// store must enforce again in the transaction that records the import is
// a function of plain values (CheckRole, CheckIssued), so both call the
// same code.

// CheckRole refuses a workbook the ledger's role does not take: a unit's
// own ledger takes only the annexes and review workbooks of its own unit,
// never a settlement; the superior unit's ledger takes only its units'
// settlements. A ledger whose role is not set takes what it took before
// ledgers had roles.
func CheckRole(role LedgerRole, in *Incoming) error {
	switch {
	case role.IsUnit() && in.Kind == WorkbookSettlement:
		return &Error{Kind: KindInvalid, Op: importOp, Field: "role", Msg: fmt.Sprintf(
			"đây là sổ của đơn vị %s: sổ của đơn vị không nhập báo cáo quyết toán (báo cáo quyết toán nhập vào sổ của đơn vị cấp trên)", role.Unit)}
	case role.IsUnit() && in.Unit.Code != role.Unit:
		return &Error{Kind: KindInvalid, Op: importOp, Field: "role", Msg: fmt.Sprintf(
			"%s lập cho đơn vị %s (mã %s), không phải đơn vị %s của sổ này: không nhập được",
			in.Kind.Label(), Printable(in.Unit.Name), Printable(in.Unit.Code), role.Unit)}
	case role.IsSuperior() && in.Kind != WorkbookSettlement:
		return &Error{Kind: KindInvalid, Op: importOp, Field: "role", Msg: fmt.Sprintf(
			"đây là sổ của đơn vị cấp trên: %s nhập vào sổ của đơn vị được giao, không nhập vào sổ của cấp trên", in.Kind.Label())}
	}
	return nil
}

// decideKey checks the workbook's signature against the key this ledger
// has pinned for the unit that signs such workbooks: the first signed
// workbook of a unit pins its key; a workbook signed with another key, or
// unsigned when a key is pinned, is refused (a conflict on field "key")
// unless the person accepts it with a reason. What it found goes in the
// import's findings.
func decideKey(ctx context.Context, t ImportTarget, in *Incoming, opt ImportOptions, im *Import) error {
	if opt.AcceptKey && strings.TrimSpace(opt.Reason) == "" {
		return FieldErrorf("reason", importOp, "chấp nhận tệp có khóa ký khác phải ghi lý do (--reason)")
	}
	signer := in.SignerUnit()
	pin, pinned, err := t.PinnedKey(ctx, signer)
	if err != nil {
		return err
	}
	if pinned {
		im.Pinned = pin.Key
	}
	refuse := func(msg string) error {
		return &Error{Kind: KindConflict, Op: importOp, Field: "key", Msg: msg +
			": có thể là tệp giả mạo. Hãy hỏi lại đơn vị; nếu chắc chắn tệp đúng, nhập lại và chấp nhận khóa mới có ghi lý do (--accept-key --reason)"}
	}
	since := pin.PinnedAt.Local().Format("02/01/2006")
	switch {
	case in.Signer == nil && !pinned:
		im.addFinding(FindingUnsigned, "tệp định dạng cũ không có chữ ký số: không xác minh được tệp do sổ của đơn vị %s lập và chưa bị sửa", signer)
	case in.Signer == nil && !opt.AcceptKey:
		return refuse(fmt.Sprintf("tệp không có chữ ký số, nhưng tệp của đơn vị %s ký bằng khóa %s (ghi nhận ngày %s)",
			signer, Fingerprint(pin.Key), since))
	case in.Signer == nil:
		im.KeyReason = opt.Reason
		im.addFinding(FindingUnsigned, "tệp không có chữ ký số dù đơn vị %s ký bằng khóa %s; người nhập chấp nhận: %s",
			signer, Fingerprint(pin.Key), opt.Reason)
	case !pinned:
		im.PinKey = true
		im.addFinding(FindingNewKey, "khóa ký của đơn vị %s được ghi nhận lần đầu: %s — đối chiếu mã này với đơn vị", signer, Fingerprint(in.Signer))
	case bytes.Equal(pin.Key, in.Signer):
	case !opt.AcceptKey:
		return refuse(fmt.Sprintf("tệp ký bằng khóa %s, khác khóa %s của đơn vị %s (ghi nhận ngày %s)",
			Fingerprint(in.Signer), Fingerprint(pin.Key), signer, since))
	default:
		im.PinKey, im.KeyReason = true, opt.Reason
		im.addFinding(FindingKeyChanged, "đơn vị %s đổi khóa ký từ %s sang %s; người nhập chấp nhận: %s",
			signer, Fingerprint(pin.Key), Fingerprint(in.Signer), opt.Reason)
	}
	return nil
}

// IssuedHere reports whether an entry of the superior's kinds was issued by this
// ledger: keyed in or decided here, not brought by a workbook.
func (e *Entry) IssuedHere() bool { return e.Via != ViaImport && e.Via != ViaAnnex }

// decideSuperiorEntries applies the rules of the superior unit's own
// entries to a settlement: its allocations and adjustments must be
// exactly those this ledger issued for the unit and period, when it
// issued any (else they are a finding: not issued by this ledger), and its
// carry-ins must equal the carry-outs this ledger holds for the unit's
// previous period, when it holds any.
func decideSuperiorEntries(ctx context.Context, t ImportTarget, in *Incoming, im *Import) error {
	have, err := t.Entries(ctx, EntryFilter{Unit: in.Unit.Code, Period: in.Period, Kinds: []EntryKind{EntryAllocation, EntryAdjustment}})
	if err != nil {
		return err
	}
	var issued []*Entry
	for _, e := range have {
		if e.IssuedHere() {
			issued = append(issued, e)
		}
	}
	if problems := CheckIssuedIn(in.Period, issued, in.Entries); len(problems) > 0 {
		return &Error{Kind: KindConflict, Op: importOp, Field: "allocation", Problems: problems, Msg: fmt.Sprintf(
			"báo cáo của đơn vị %s mang dự toán %s khác với dự toán sổ này đã giao (%d chỗ khác): không nhập được",
			in.Unit.Code, in.Period.Name(), len(problems))}
	}
	for _, q := range coveredPeriods(in.Period) {
		if len(inPeriod(issued, q)) > 0 {
			continue
		}
		var n int
		var sum Sum
		for _, e := range inPeriod(in.Entries, q) {
			if e.Kind.SuperiorKind() {
				n++
				sum.Add(e.Amount)
			}
		}
		if n > 0 {
			total, err := sum.Value(importOp)
			if err != nil {
				return err
			}
			im.addFinding(FindingNotIssued, "%d bút toán giao, điều chỉnh dự toán (cộng %s đồng) do đơn vị tự ghi: sổ này chưa giao dự toán %s cho đơn vị",
				n, total, q.Name())
		}
	}
	// The period before, as this ledger keeps the unit's previous year: a
	// year kept by halves hands its second half's carry-outs on (its
	// first half's went into the second), one kept whole its own.
	way, err := t.Periodicity(ctx, in.Unit.Code, in.Period.Year-1)
	if err != nil {
		return err
	}
	from := way.PrevBefore(in.Period)
	prev, err := t.Totals(ctx, in.Unit.Code, from)
	if err != nil {
		return err
	}
	var heldFirst []Total
	if in.Period.IsYear() {
		if heldFirst, err = t.Totals(ctx, in.Unit.Code, in.Period.Halves()[0]); err != nil {
			return err
		}
	}
	problems, err := CheckOpening(in.Period, prev, heldFirst, in.Entries)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return &Error{Kind: KindConflict, Op: importOp, Field: "carry_in", Problems: problems, Msg: fmt.Sprintf(
			"số dư kỳ trước chuyển sang trong báo cáo của đơn vị %s khác số dư %s sổ này ghi chuyển sang: không nhập được",
			in.Unit.Code, from.Name())}
	}
	return nil
}

// CheckIssued compares the allocations and adjustments (and their
// reversals) a workbook carries with those this ledger issued for the
// same unit and period: when it issued any, the workbook must carry
// exactly those, the same ids with the same content, and no others — but
// for an allocation the unit keyed itself and reversed, both in the
// workbook, which change nothing (a unit that keyed the paper decision
// before the annex came, then reversed its own line). It returns the
// differences, none when it issued nothing.
func CheckIssued(issued, incoming []*Entry) []string {
	if len(issued) == 0 {
		return nil
	}
	ours := make(map[string]*Entry, len(issued))
	for _, e := range issued {
		ours[e.ID] = e
	}
	cancelled := map[string]bool{} // the unit's own lines and their reversals
	for _, e := range incoming {
		if e.Kind.SuperiorKind() && e.IsReversal() && ours[e.ID] == nil && ours[e.Reverses] == nil {
			cancelled[e.ID], cancelled[e.Reverses] = true, true
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, e := range incoming {
		if !e.Kind.SuperiorKind() || cancelled[e.ID] {
			continue
		}
		seen[e.ID] = true
		o := ours[e.ID]
		switch {
		case o == nil && e.IsReversal():
			out = append(out, fmt.Sprintf("bút toán %s đảo bút toán %s (%s đồng): đơn vị không được đảo dự toán cấp trên giao", e.ID, e.Reverses, e.Amount))
		case o == nil:
			out = append(out, fmt.Sprintf("bút toán %s (%s) không do sổ này giao", e.ID, describe(e)))
		default:
			if d := o.Diff(e); d != "" {
				out = append(out, fmt.Sprintf("bút toán %s khác với bút toán sổ này đã giao (sổ ≠ tệp): %s", e.ID, d))
			}
		}
	}
	for _, e := range issued {
		if !seen[e.ID] {
			out = append(out, fmt.Sprintf("thiếu bút toán %s (%s) sổ này đã giao", e.ID, describe(e)))
		}
	}
	return out
}

// CheckIssuedIn applies CheckIssued to each period a workbook of p
// holds entries of, on its own: a year's workbook is checked as its
// halves' workbooks would be (a ledger keeps a unit's year one way, so
// only the year or its halves hold any), and a half this ledger allocated
// nothing for brings its allocations as not issued here, whether it comes
// alone or within its year.
func CheckIssuedIn(p Period, issued, incoming []*Entry) []string {
	var out []string
	for _, q := range coveredPeriods(p) {
		out = append(out, CheckIssued(inPeriod(issued, q), inPeriod(incoming, q))...)
	}
	return out
}

// coveredPeriods are p and, p being a year, its halves.
func coveredPeriods(p Period) []Period {
	if !p.IsYear() {
		return []Period{p}
	}
	h := p.Halves()
	return []Period{p, h[0], h[1]}
}

// inPeriod are the entries of period p.
func inPeriod(entries []*Entry, p Period) []*Entry {
	var out []*Entry
	for _, e := range entries {
		if e.Period == p {
			out = append(out, e)
		}
	}
	return out
}

// describe names an entry for a list of differences.
func describe(e *Entry) string {
	return fmt.Sprintf("%s, Khoản %s %s, %s đồng, số %s ngày %s", e.Kind.Label(), e.Khoan, e.Nature, e.Amount, Printable(e.Doc), e.Date.VN())
}

// OpeningEntries are the entries of p's first period: p itself, or for a
// year kept by halves its first half. A year's H2 receives H1's carry-over
// inside the same workbook (CheckOpening compares the two); only the first
// period's carry-ins come from the period before p. A year whose workbook
// has no entry in its first half (a unit that began in July) opens in its
// second.
func OpeningEntries(p Period, entries []*Entry) []*Entry {
	first := p
	if p.IsYear() {
		first = p.Halves()[0]
		if !slices.ContainsFunc(entries, func(e *Entry) bool { return e.Period == first }) {
			first = p.Halves()[1]
		}
	}
	var out []*Entry
	for _, e := range entries {
		if e.Period == p || e.Period == first {
			out = append(out, e)
		}
	}
	return out
}

// CheckOpening compares the balances a settlement of period p brings
// forward with where they come from: the carry-ins of its opening
// (OpeningEntries) with the carry-outs this ledger holds for the period
// before (prev, its stored sums; CheckCarryIns), and, for a year kept by
// halves, what its second half brings forward with what its first half
// carries out — exactly, since one closing records both, so a forged
// carry-over from H1 into H2 cannot add to the year's opening balances.
// The first half is the workbook's, or, when the workbook has none of it,
// the one this ledger holds (heldFirst, its stored sums: a year sent
// without the first half imported before); a year with neither opens in
// its second half. It returns the differences.
func CheckOpening(p Period, prev, heldFirst []Total, entries []*Entry) ([]string, error) {
	if !p.IsYear() {
		return CheckCarryIns(prev, OpeningEntries(p, entries))
	}
	h := p.Halves()
	first, second := inPeriod(entries, h[0]), inPeriod(entries, h[1])
	var problems []string
	out := heldFirst
	switch {
	case len(first) > 0:
		var err error
		if problems, err = CheckCarryIns(prev, OpeningEntries(p, entries)); err != nil {
			return nil, err
		}
		if out, err = TotalsOf(first); err != nil {
			return nil, err
		}
	case len(heldFirst) == 0:
		return CheckCarryIns(prev, OpeningEntries(p, entries))
	}
	inner, err := compareCarry(out, second, true, "6 tháng đầu năm chuyển sang")
	if err != nil {
		return nil, err
	}
	for _, s := range inner {
		problems = append(problems, h[1].Label()+", "+s)
	}
	return problems, nil
}

// CheckCarryIns compares the balances a workbook's entries bring forward
// (carry-ins) with what this ledger holds carried out of the unit's
// previous period (prev, its stored sums), line by line: when the ledger
// holds any carry-out, they must be equal. It returns the differences.
func CheckCarryIns(prev []Total, incoming []*Entry) ([]string, error) {
	return compareCarry(prev, incoming, false, "sổ này ghi kỳ trước chuyển sang")
}

// compareCarry compares the carry-ins of incoming with the carry-outs of
// prev, line by line; unless strict, only when prev carries anything out.
// from names where prev's carry-outs come from, for a person.
func compareCarry(prev []Total, incoming []*Entry, strict bool, from string) ([]string, error) {
	type key struct {
		khoan  string
		nature Nature
		kind   EntryKind // the carry-in kind
	}
	out := map[key]*Sum{}
	in := map[key]*Sum{}
	add := func(m map[key]*Sum, k key, v Money) {
		if m[k] == nil {
			m[k] = &Sum{}
		}
		m[k].Add(v)
	}
	carryIn := map[EntryKind]EntryKind{EntryCarryOutReceived: EntryCarryInReceived, EntryCarryOutEstimate: EntryCarryInEstimate}
	for _, t := range prev {
		if k, ok := carryIn[t.Kind]; ok {
			add(out, key{t.Khoan, t.Nature, k}, t.Amount)
		}
	}
	has := false
	for _, s := range out {
		v, err := s.Value("CheckCarryIns")
		if err != nil {
			return nil, err
		}
		has = has || v != 0
	}
	if !has && !strict {
		return nil, nil
	}
	for _, e := range incoming {
		if e.Kind == EntryCarryInReceived || e.Kind == EntryCarryInEstimate {
			add(in, key{e.Khoan, e.Nature, e.Kind}, e.Amount)
		}
	}
	keys := make([]key, 0, len(out)+len(in))
	for k := range out {
		keys = append(keys, k)
	}
	for k := range in {
		if out[k] == nil {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.khoan != b.khoan {
			return a.khoan < b.khoan
		}
		if a.nature != b.nature {
			return a.nature < b.nature
		}
		return a.kind < b.kind
	})
	var problems []string
	for _, k := range keys {
		var o, i Money
		var err error
		if out[k] != nil {
			if o, err = out[k].Value("CheckCarryIns"); err != nil {
				return nil, err
			}
		}
		if in[k] != nil {
			if i, err = in[k].Value("CheckCarryIns"); err != nil {
				return nil, err
			}
		}
		if o != i {
			problems = append(problems, fmt.Sprintf("Khoản %s %s, %s: tệp ghi %s đồng, %s %s đồng",
				k.khoan, k.nature, strings.ToLower(k.kind.Label()), i, from, o))
		}
	}
	return problems, nil
}

// decideCodes plans the codes a workbook brings: the Khoản and Tiểu mục its
// entries use that the catalogue lacks are added from the rows the
// workbook carries (with their groups) when opt.AddCodes, else the file
// is refused listing them (a conflict on field "codes"); a code known
// under another name or group is a finding, never renamed.
func decideCodes(ctx context.Context, t ImportTarget, in *Incoming, opt ImportOptions, im *Import) error {
	cat, err := t.Catalogue(ctx)
	if err != nil {
		return err
	}
	missing, differ := PlanCodes(cat, in.Entries, in.Codes)
	for _, d := range differ {
		im.addFinding(FindingCodeDiffers, "%s", d)
	}
	if len(missing) == 0 {
		return nil
	}
	names := make([]string, len(missing))
	for i, c := range missing {
		names[i] = codeText(c)
	}
	if !opt.AddCodes {
		return &Error{Kind: KindConflict, Op: importOp, Field: "codes", Problems: names, Msg: fmt.Sprintf(
			"tệp dùng %d mã chưa có trong danh mục của sổ: chưa nhập gì — đồng ý thêm các mã này vào danh mục rồi nhập lại (--add-codes)", len(missing))}
	}
	source := in.File
	for utf8.RuneCountInString(source) > 0 && len(source) > 200 {
		_, n := utf8.DecodeLastRuneInString(source)
		source = source[:len(source)-n]
	}
	for _, c := range missing {
		c.Source = source
		im.AddCodes = append(im.AddCodes, CodeLine{Code: c, HasSource: true, HasFrom: true, HasUntil: true, HasReplacement: true})
	}
	im.addFinding(FindingCodesAdded, "thêm %d mã vào danh mục theo tệp: %s", len(missing), strings.Join(names, "; "))
	return nil
}

// codeText names a code with its name and group: "Tiểu mục 6655 “Thuê
// hội trường” (Mục 6650)".
func codeText(c Code) string {
	s := fmt.Sprintf("%s %s “%s”", c.Level.Label(), c.Code, Printable(c.Name))
	if c.Parent != "" {
		s += fmt.Sprintf(" (%s %s)", c.Level.ParentLevel().Label(), c.Parent)
	}
	return s
}

// PlanCodes compares the codes entries use (their Khoản and Tiểu mục) with
// the catalogue cat and with the catalogue rows a workbook carries: it
// returns the codes to add — used, lacking from cat and carried, with
// their groups when cat lacks those too — and, for a person, each code
// carried under another name or group than cat has. A code neither in cat
// nor carried is left for the entries' own check to refuse.
func PlanCodes(cat *Catalogue, entries []*Entry, carried []Code) (add []Code, differ []string) {
	type lc struct {
		level CodeLevel
		code  string
	}
	file := make(map[lc]Code, len(carried))
	for _, c := range carried {
		c.Normalize() // as the catalogue records and compares names
		file[lc{c.Level, c.Code}] = c
	}
	used := map[lc]bool{}
	for _, e := range entries {
		used[lc{LevelKhoan, e.Khoan}] = true
		if e.TieuMuc != "" {
			used[lc{LevelTieuMuc, e.TieuMuc}] = true
		}
	}
	keys := make([]lc, 0, len(used))
	for k := range used {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].level != keys[j].level {
			return keys[i].level < keys[j].level
		}
		return keys[i].code < keys[j].code
	})
	added := map[lc]bool{}
	take := func(k lc, c Code) {
		if !added[k] {
			added[k] = true
			c.Replacement = "" // another ledger's replacement may name a code this one lacks
			add = append(add, c)
		}
	}
	for _, k := range keys {
		f, carriedHere := file[k]
		have, known := cat.Lookup(k.level, k.code)
		switch {
		case known && carriedHere && (f.Name != have.Name || f.Parent != have.Parent):
			differ = append(differ, fmt.Sprintf("%s %s: trong tệp %s, trong sổ %s (giữ theo sổ)",
				k.level.Label(), k.code, codeText(f), codeText(have)))
		case known || !carriedHere:
		default:
			if pl := k.level.ParentLevel(); pl != "" {
				if _, ok := cat.Lookup(pl, f.Parent); !ok {
					if p, ok := file[lc{pl, f.Parent}]; ok {
						take(lc{pl, f.Parent}, p)
					}
				}
			}
			take(k, f)
		}
	}
	return add, differ
}
