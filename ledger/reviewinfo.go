package ledger

import (
	"fmt"
	"strings"
)

// ReviewSide says which side of a review a participant is on.
type ReviewSide string

const (
	SideReviewer ReviewSide = "reviewer" // the superior unit, which reviews (bên xét duyệt)
	SideReviewed ReviewSide = "reviewed" // the subordinate unit reviewed (bên được xét duyệt)
)

// Label is how the minutes name the side.
func (s ReviewSide) Label() string {
	if s == SideReviewed {
		return "Đại diện đơn vị được xét duyệt"
	}
	return "Đại diện đơn vị xét duyệt"
}

// ParseReviewSide reads a side as a reviewer types it: "xét duyệt",
// "cấp trên", "reviewer"; "được xét duyệt", "đơn vị", "reviewed" (accents
// and case ignored).
func ParseReviewSide(s string) (ReviewSide, error) {
	switch strings.Join(strings.Fields(Fold(s)), " ") {
	case "xet duyet", "ben xet duyet", "cap tren", "reviewer":
		return SideReviewer, nil
	case "duoc xet duyet", "ben duoc xet duyet", "don vi", "reviewed":
		return SideReviewed, nil
	}
	return "", FieldErrorf("participant", "ParseReviewSide", "bên %q không rõ: ghi \"xét duyệt\" (đơn vị cấp trên) hoặc \"được xét duyệt\" (đơn vị)", s)
}

// Participant is one person at the review meeting (Thành phần).
type Participant struct {
	Name  string // "Ông Nguyễn Văn A"
	Title string // chức vụ
	Side  ReviewSide
}

// ParseParticipant reads "Ông/bà …|chức vụ|bên".
func ParseParticipant(s string) (Participant, error) {
	parts := strings.Split(s, "|")
	if len(parts) != 3 {
		return Participant{}, FieldErrorf("participant", "ParseParticipant",
			"thành phần %q: viết dạng \"Ông Nguyễn Văn A|Trưởng phòng Tài chính – Kế hoạch|xét duyệt\"", s)
	}
	side, err := ParseReviewSide(parts[2])
	if err != nil {
		return Participant{}, err
	}
	return Participant{Name: strings.TrimSpace(parts[0]), Title: strings.TrimSpace(parts[1]), Side: side}, nil
}

// ReviewInfo is what the review documents print that the figures do not
// say, entered by the reviewer: who took part, the notice's number and
// date, its recipients, the place, and the audit and inspection
// recommendations the unit had to carry out.
type ReviewInfo struct {
	Participants []Participant
	NoticeNumber string // "125/TB-TCKH"
	NoticeDate   Date
	Recipients   []string // Nơi nhận, besides the unit and the archive
	Place        string   // where the review took place and the notice was made; the settings' place when empty
	Audit        string   // kiến nghị của kiểm toán, thanh tra, tài chính, and how they were carried out
}

// Limits of the review information.
const (
	maxParticipants = 30
	maxRecipients   = 20
	maxInfoText     = 500
	maxAuditText    = 4000
)

// Validate checks and tidies the information: texts normalised (NFC,
// trimmed) and checked, names given, known sides, within bounds.
func (ri *ReviewInfo) Validate() error {
	const op = "ReviewInfo.Validate"
	if len(ri.Participants) > maxParticipants {
		return FieldErrorf("participant", op, "tối đa %d người trong thành phần xét duyệt", maxParticipants)
	}
	for i := range ri.Participants {
		p := &ri.Participants[i]
		p.Name, p.Title = NormalizeText(p.Name), NormalizeText(p.Title)
		if p.Name == "" {
			return AtItem(i+1, "thành phần", FieldErrorf("participant", op, "chưa ghi họ tên"))
		}
		if p.Side != SideReviewer && p.Side != SideReviewed {
			return AtItem(i+1, "thành phần", FieldErrorf("participant", op, "bên %q không rõ", p.Side))
		}
		for _, t := range []string{p.Name, p.Title} {
			if err := CheckText("participant", t, maxInfoText); err != nil {
				return AtItem(i+1, "thành phần", err)
			}
		}
	}
	if len(ri.Recipients) > maxRecipients {
		return FieldErrorf("recipient", op, "tối đa %d nơi nhận", maxRecipients)
	}
	var kept []string
	for _, r := range ri.Recipients {
		if r = NormalizeText(r); r != "" {
			if err := CheckText("recipient", r, maxInfoText); err != nil {
				return err
			}
			kept = append(kept, r)
		}
	}
	ri.Recipients = kept
	ri.NoticeNumber, ri.Place, ri.Audit = NormalizeText(ri.NoticeNumber), NormalizeText(ri.Place), NormalizeMultiline(ri.Audit)
	if err := CheckText("notice-number", ri.NoticeNumber, 60); err != nil {
		return err
	}
	if err := CheckText("place", ri.Place, 120); err != nil {
		return err
	}
	return CheckMultilineText("audit", ri.Audit, maxAuditText)
}

// Of lists the participants of one side.
func (ri ReviewInfo) Of(side ReviewSide) []Participant {
	var out []Participant
	for _, p := range ri.Participants {
		if p.Side == side {
			out = append(out, p)
		}
	}
	return out
}

func (p Participant) String() string { return fmt.Sprintf("%s|%s|%s", p.Name, p.Title, p.Side) }
