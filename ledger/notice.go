package ledger

import (
	"fmt"
	"time"
)

// FindingKind is a kind of thing an import found that the reviewer should
// see: it did not refuse the file, but the file is not what a plain
// honest export would be.
type FindingKind string

const (
	FindingUnsigned    FindingKind = "unsigned"     // no signature (a file of format 1), or an unsigned file accepted
	FindingNewKey      FindingKind = "new_key"      // the unit's key seen and pinned for the first time
	FindingKeyChanged  FindingKind = "key_changed"  // signed with another key than the pinned one, accepted with a reason
	FindingNotIssued   FindingKind = "not_issued"   // allocations this ledger did not issue
	FindingCodesAdded  FindingKind = "codes_added"  // codes the ledger lacked, added with the user's agreement
	FindingCodeDiffers FindingKind = "code_differs" // a code known here under another name or group
	FindingEdited      FindingKind = "edited"       // visible figures edited after export
	FindingWarning     FindingKind = "warning"      // anything else: another name, a period still open
)

// Label names the kind for a person.
func (k FindingKind) Label() string {
	switch k {
	case FindingUnsigned:
		return "Tệp không có chữ ký số"
	case FindingNewKey:
		return "Khóa ký mới được ghi nhận"
	case FindingKeyChanged:
		return "Khóa ký khác, đã chấp nhận"
	case FindingNotIssued:
		return "Dự toán không do sổ này giao"
	case FindingCodesAdded:
		return "Mã mới đã thêm vào danh mục"
	case FindingCodeDiffers:
		return "Mã khác tên với danh mục"
	case FindingEdited:
		return "Số liệu hiển thị bị sửa sau khi xuất"
	}
	return "Cảnh báo"
}

// Finding is one thing an import found, as the review shows it.
type Finding struct {
	Kind FindingKind
	Text string
}

func (f Finding) String() string { return f.Kind.Label() + ": " + f.Text }

// addFinding records a finding on the import, in its warnings too.
func (im *Import) addFinding(kind FindingKind, format string, args ...any) {
	f := Finding{Kind: kind, Text: fmt.Sprintf(format, args...)}
	im.Findings = append(im.Findings, f)
	im.Warnings = append(im.Warnings, f.String())
}

// AddFinding records a finding of the pipeline (visible cells edited) on
// the import.
func (im *Import) AddFinding(kind FindingKind, text string) { im.addFinding(kind, "%s", text) }

// Notice is the superior unit's approval of one subordinate unit's
// settlement (thông báo xét duyệt), as the unit's own ledger records it
// from the review workbook: the approved figure of every input row on
// every Khoản. The unit's entries are not changed by it; its statement
// beside the approved figures is what the unit re-makes its report from.
type Notice struct {
	Unit    string
	Period  Period
	Draft   bool   // the review was not finished: no approval yet
	Number  string // the notice's number, "" when the reviewer gave none
	Date    string // the notice's date as the reviewer wrote it
	Comment string
	// Figures are the approved figures, one per input row and Khoản, with
	// the superior's reason where it changed the reported figure: given to
	// Form.ApprovedStatement or Form.ReviewGrid beside the unit's own
	// statement, they make the approved one.
	Figures    []Approval
	File       string
	ReceivedAt time.Time
}

// Reference names the notice on a report re-made after it: "số 12/TB-TCKH
// ngày 20/03/2027", with dots where the reviewer gave no number or date.
func (n *Notice) Reference() string {
	num, date := n.Number, n.Date
	if num == "" {
		num = "…"
	}
	if date == "" {
		date = "…"
	}
	return "số " + num + " ngày " + date
}
