package ledger

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// ReviewState is where the district's review (xét duyệt) of one ward's
// settlement for one period stands.
type ReviewState string

const (
	ReviewNotReceived ReviewState = "not_received" // none of the ward's figures yet
	ReviewImported    ReviewState = "imported"     // figures received (imported), review not started
	ReviewDraft       ReviewState = "draft"        // being reviewed
	ReviewFinished    ReviewState = "finished"     // approved and locked
)

// Label is the Vietnamese name of the state.
func (s ReviewState) Label() string {
	switch s {
	case ReviewImported:
		return "Đã nhận báo cáo"
	case ReviewDraft:
		return "Đang xét duyệt"
	case ReviewFinished:
		return "Đã duyệt xong"
	}
	return "Chưa nhận báo cáo"
}

// Approval is the reviewer's figure for one input row of the statement on
// one Khoản, replacing the reported one, with the reason for the change.
type Approval struct {
	Row      string
	Khoan    string
	Approved Money
	Reason   string
}

// Review is the review of one ward's settlement for one period.
type Review struct {
	Unit      string
	Period    Period
	State     ReviewState
	Comment   string // comments to the ward
	Approvals []Approval
	Info      ReviewInfo // what the review documents print besides the figures
	UpdatedAt time.Time
}

// ReviewService records reviews. A finished review is locked; reopening it
// needs a reason and is audited.
type ReviewService interface {
	Review(ctx context.Context, unit string, p Period) (*Review, error)
	// Reviews returns the review of every subordinate unit in p, by unit
	// code, in one read (the state of units not yet reviewed says whether
	// their figures were received).
	Reviews(ctx context.Context, p Period) (map[string]*Review, error)
	SetApproval(ctx context.Context, unit string, p Period, a Approval) error
	// SetApprovals records several approvals, all or none.
	SetApprovals(ctx context.Context, unit string, p Period, as []Approval) error
	SetReviewComment(ctx context.Context, unit string, p Period, comment string) error
	// SetReviewInfo records the information the review documents print
	// (participants, the notice's number, date and recipients, the place,
	// the audit recommendations), replacing what was recorded; it changes
	// no figure, so a finished review takes it too. Audited.
	SetReviewInfo(ctx context.Context, unit string, p Period, info ReviewInfo) error
	FinishReview(ctx context.Context, unit string, p Period) error
	ReopenReview(ctx context.Context, unit string, p Period, reason string) error
}

// CheckApproval verifies that a is something a reviewer may set: an input
// row of the form (computed rows follow by formula) on a Khoản of the
// statement, within MaxAmount, with a reason whenever it differs from the
// reported figure, and a reason that passes CheckMultilineText. Callers
// Normalize a first.
func (f *Form) CheckApproval(reported *Statement, a Approval) error {
	const op = "CheckApproval"
	row, ok := f.Row(a.Row)
	if !ok {
		return FieldErrorf("row", op, "biểu %s không có mã số %q", f.Name, a.Row)
	}
	if !row.IsInput() {
		return FieldErrorf("row", op, "mã số %s (%s) được tính theo công thức %s: hãy duyệt các chỉ tiêu thành phần", a.Row, f.Text(row.Label, reported.Period), row.Formula)
	}
	if _, ok := reported.ByKhoan[a.Khoan]; !ok {
		return FieldErrorf("khoan", op, "báo cáo của đơn vị %s kỳ %s không có Khoản %q", reported.Unit, reported.Period, a.Khoan)
	}
	if err := CheckAmount("approved", op, a.Approved); err != nil {
		return err
	}
	if a.Approved != reported.ByKhoan[a.Khoan][a.Row] && IsBlank(a.Reason) {
		return FieldErrorf("reason", op, "số xét duyệt khác số báo cáo (%s so với %s): phải ghi nguyên nhân",
			a.Approved, reported.ByKhoan[a.Khoan][a.Row])
	}
	return CheckMultilineText("reason", a.Reason, MaxReasonRunes)
}

// Normalize trims the approval's codes and puts its reason in NFC, trimmed.
func (a *Approval) Normalize() {
	a.Row = strings.TrimSpace(a.Row)
	a.Khoan = strings.TrimSpace(a.Khoan)
	a.Reason = NormalizeMultiline(a.Reason)
}

// ApprovedStatement is the statement with the reviewer's figures in place
// of the reported ones; computed rows are recomputed by their formulas, so
// the approved statement balances as the reported one does. A sum that
// overflows is an error.
func (f *Form) ApprovedStatement(reported *Statement, approvals []Approval) (*Statement, error) {
	st := &Statement{Form: f.ForPeriod(reported.Period), Unit: reported.Unit, Period: reported.Period, Khoans: reported.Khoans,
		ByKhoan: map[string]Rows{}, Total: Rows{}}
	total := map[string]*Sum{}
	for _, k := range reported.Khoans {
		in := Rows{}
		for code, v := range reported.ByKhoan[k] {
			in[code] = v
		}
		for _, a := range approvals {
			if a.Khoan == k {
				in[a.Row] = a.Approved
			}
		}
		rows, err := f.Recompute(in)
		if err != nil {
			return nil, err
		}
		st.ByKhoan[k] = rows
		for code, v := range rows {
			if total[code] == nil {
				total[code] = &Sum{}
			}
			total[code].Add(v)
		}
	}
	for code, sum := range total {
		v, err := sum.Value("ApprovedStatement")
		if err != nil {
			return nil, err
		}
		st.Total[code] = v
	}
	if len(reported.Khoans) == 0 {
		var err error
		if st.Total, err = f.Recompute(Rows{}); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// InputFigures are a statement's input rows on every Khoản, as approvals:
// the approved figures a review workbook carries to the unit, which
// ApprovedStatement turns back into the whole statement.
func (f *Form) InputFigures(st *Statement) []Approval {
	var out []Approval
	for _, k := range st.Khoans {
		for _, r := range f.Rows {
			if r.IsInput() {
				out = append(out, Approval{Row: r.Code, Khoan: k, Approved: st.ByKhoan[k][r.Code]})
			}
		}
	}
	return out
}

// ReviewLine is one line of the review grid: a row of the statement on one
// Khoản ("" for the total over all Khoản).
type ReviewLine struct {
	Row        FormRow
	Khoan      string
	Reported   Money
	Approved   Money
	Difference Money // approved − reported
	Reason     string
	Editable   bool // an input row on one Khoản
}

// ReviewGrid lays out reported against approved for every row and Khoản,
// then the totals.
func (f *Form) ReviewGrid(reported *Statement, approvals []Approval) ([]ReviewLine, error) {
	approved, err := f.ApprovedStatement(reported, approvals)
	if err != nil {
		return nil, err
	}
	reasons := map[string]string{}
	for _, a := range approvals {
		reasons[a.Khoan+"|"+a.Row] = a.Reason
	}
	var out []ReviewLine
	for _, k := range append(append([]string{}, reported.Khoans...), "") {
		rep, app := reported.Total, approved.Total
		if k != "" {
			rep, app = reported.ByKhoan[k], approved.ByKhoan[k]
		}
		for _, r := range f.ForPeriod(reported.Period).Rows {
			var d Sum
			d.Add(app[r.Code])
			d.Sub(rep[r.Code])
			diff, err := d.Value("ReviewGrid")
			if err != nil {
				return nil, err
			}
			out = append(out, ReviewLine{Row: r, Khoan: k, Reported: rep[r.Code], Approved: app[r.Code],
				Difference: diff, Reason: reasons[k+"|"+r.Code], Editable: k != "" && r.IsInput()})
		}
	}
	return out, nil
}

// Differences are the lines where approved and reported differ.
func Differences(grid []ReviewLine) []ReviewLine {
	var out []ReviewLine
	for _, l := range grid {
		if l.Difference != 0 {
			out = append(out, l)
		}
	}
	return out
}

func (a Approval) String() string {
	return fmt.Sprintf("mã số %s Khoản %s: %s (%s)", a.Row, a.Khoan, a.Approved, a.Reason)
}
