package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

func init() {
	register(
		command{"review show", "--unit CODE --period P [--format table|csv|json]", runReviewShow},
		command{"review set", "--unit CODE --period P --row 18 --khoan 341 --approved N --reason TEXT", runReviewSet},
		command{"review comment", "--unit CODE --period P --text TEXT", runReviewComment},
		command{"review set-info", "--unit CODE --period P [--participant \"NAME|TITLE|SIDE\" ...] [--notice-number N]\n" +
			"                    [--notice-date D] [--recipient TEXT ...] [--place TEXT] [--audit TEXT]\n" +
			"                    (what the minutes and the notice print; SIDE: \"xét duyệt\" or \"được xét duyệt\";\n" +
			"                    a flag given replaces what was recorded, --participant and --recipient all of theirs)", runReviewSetInfo},
		command{"review finish", "--unit CODE --period P", runReviewFinish},
		command{"review reopen", "--unit CODE --period P --reason TEXT", runReviewReopen},
	)
}

// reviewFlags parses --unit and --period (required) plus the flags a
// review command adds.
func reviewFlags(e *env, name string, withFormat bool, args []string, required ...string) (*flags, string, ledger.Period, func(string) string, error) {
	f := newFlags(e, name, withFormat)
	unit := f.String("unit", "", "unit code of the ward (7 digits)")
	period := f.String("period", "", "period, e.g. 2026-H1")
	extra := map[string]*string{}
	for _, r := range required {
		extra[r] = f.String(r, "", r)
	}
	get := func(n string) string { return *extra[n] }
	pos, err := f.parse(args)
	if err == nil {
		err = noPositional(f, pos)
	}
	if err == nil {
		err = f.required(append([]string{"unit", "period"}, required...)...)
	}
	if err != nil {
		return nil, "", ledger.Period{}, nil, err
	}
	p, err := ledger.ParsePeriod(*period)
	return f, *unit, p, get, err
}

type reviewLineJSON struct {
	Row        string `json:"row"`
	Label      string `json:"label"`
	Khoan      string `json:"khoan"`
	Reported   int64  `json:"reported"`
	Approved   int64  `json:"approved"`
	Difference int64  `json:"difference"`
	Reason     string `json:"reason,omitempty"`
}

type reviewJSON struct {
	Unit     string           `json:"unit"`
	Period   string           `json:"period"`
	State    string           `json:"state"`
	Comment  string           `json:"comment"`
	Info     reviewInfoJSON   `json:"info"`
	Notice   *noticeJSON      `json:"notice,omitempty"`
	Lines    []reviewLineJSON `json:"lines"`
	Findings []findingJSON    `json:"findings"`
}

type participantJSON struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	Side  string `json:"side"`
}

type reviewInfoJSON struct {
	Participants []participantJSON `json:"participants"`
	NoticeNumber string            `json:"notice_number"`
	NoticeDate   string            `json:"notice_date"`
	Recipients   []string          `json:"recipients"`
	Place        string            `json:"place"`
	Audit        string            `json:"audit"`
}

func infoJSON(ri ledger.ReviewInfo) reviewInfoJSON {
	out := reviewInfoJSON{Participants: []participantJSON{}, Recipients: append([]string{}, ri.Recipients...),
		NoticeNumber: ri.NoticeNumber, NoticeDate: ri.NoticeDate.String(), Place: ri.Place, Audit: ri.Audit}
	for _, p := range ri.Participants {
		out.Participants = append(out.Participants, participantJSON{p.Name, p.Title, string(p.Side)})
	}
	return out
}

// noticeJSON is the superior's notice a unit's ledger received.
type noticeJSON struct {
	Number     string `json:"number"`
	Date       string `json:"date"`
	File       string `json:"file"`
	ReceivedAt string `json:"received_at"`
}

// findingJSON is one thing an import of the unit's workbooks found.
type findingJSON struct {
	File  string `json:"file"`
	At    string `json:"at"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
	Text  string `json:"text"`
}

// runReviewShow prints the review of a unit's settlement: reported against
// approved, line by line, then what the imports of its workbooks found. On
// the superior unit's ledger the approved figures are the reviewer's; on
// a unit's own ledger, those of the superior's notice it received.
func runReviewShow(ctx context.Context, e *env, args []string) error {
	f, unit, p, _, err := reviewFlags(e, "review show", true, args)
	if err != nil {
		return err
	}
	return f.withReadDB(ctx, func(db *sqlite.DB) error {
		r, err := db.Review(ctx, unit, p)
		if err != nil {
			return err
		}
		role, err := db.Role(ctx)
		if err != nil {
			return err
		}
		approvals, state, comment := r.Approvals, r.State.Label(), r.Comment
		var notice *ledger.Notice
		if role.IsUnit() {
			if notice, err = db.Notice(ctx, unit, p); err != nil {
				return err
			}
			approvals, state, comment = nil, "Chưa nhận thông báo xét duyệt", ""
			if notice != nil {
				approvals, state, comment = notice.Figures, "Đã nhận thông báo xét duyệt "+notice.Reference(), notice.Comment
			}
		}
		reported, err := ledger.Settlement(ctx, db, unit, p)
		if err != nil {
			return err
		}
		grid, err := db.Form().ReviewGrid(reported, approvals)
		if err != nil {
			return err
		}
		imports, err := db.Imports(ctx, p)
		if err != nil {
			return err
		}
		js := reviewJSON{Unit: unit, Period: p.String(), State: string(r.State), Comment: comment, Info: infoJSON(r.Info),
			Lines: []reviewLineJSON{}, Findings: []findingJSON{}}
		if notice != nil {
			js.State = "notice_received"
			js.Notice = &noticeJSON{notice.Number, notice.Date, notice.File, notice.ReceivedAt.Local().Format("2006-01-02 15:04")}
		}
		t := &table{header: []string{"khoan", "code", "label", "reported", "approved", "difference", "reason"}}
		for _, l := range grid {
			khoan := l.Khoan
			if khoan == "" {
				khoan = "*"
			}
			js.Lines = append(js.Lines, reviewLineJSON{l.Row.Code, l.Row.Label, khoan, int64(l.Reported), int64(l.Approved), int64(l.Difference), l.Reason})
			t.rows = append(t.rows, []string{khoan, l.Row.Code, l.Row.Label, money(l.Reported, *f.format),
				money(l.Approved, *f.format), money(l.Difference, *f.format), l.Reason})
		}
		for i := len(imports) - 1; i >= 0; i-- { // oldest first
			im := imports[i]
			if im.Unit != unit {
				continue
			}
			for _, fd := range im.Findings {
				js.Findings = append(js.Findings, findingJSON{im.File, im.At.Local().Format("2006-01-02 15:04"), string(fd.Kind), fd.Kind.Label(), fd.Text})
			}
		}
		t.json = js
		if *f.format != "table" {
			return f.print(e.stdout, t)
		}
		fmt.Fprintf(e.stdout, "Xét duyệt quyết toán %s — đơn vị %s — %s\n", p.Name(), unit, state)
		if comment != "" {
			fmt.Fprintf(e.stdout, "Ý kiến: %s\n", comment)
		}
		for _, pt := range r.Info.Participants {
			fmt.Fprintf(e.stdout, "%s: %s – %s\n", pt.Side.Label(), pt.Name, pt.Title)
		}
		if r.Info.NoticeNumber != "" || !r.Info.NoticeDate.IsZero() {
			fmt.Fprintf(e.stdout, "Thông báo số %s ngày %s\n", r.Info.NoticeNumber, r.Info.NoticeDate.VN())
		}
		if err := f.print(e.stdout, t); err != nil {
			return err
		}
		if len(js.Findings) > 0 {
			fmt.Fprintln(e.stdout, "\nĐiều phát hiện khi nhập tệp:")
			for _, fd := range js.Findings {
				fmt.Fprintf(e.stdout, "  %s (%s, %s): %s\n", fd.Label, fd.File, fd.At, fd.Text)
			}
		}
		return nil
	})
}

func runReviewSet(ctx context.Context, e *env, args []string) error {
	f, unit, p, get, err := reviewFlags(e, "review set", false, args, "row", "khoan", "approved", "reason")
	if err != nil {
		return err
	}
	amt, err := ledger.ParseMoney(get("approved"))
	if err != nil {
		return err
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		return db.SetApproval(ctx, unit, p, ledger.Approval{Row: get("row"), Khoan: get("khoan"), Approved: amt, Reason: get("reason")})
	})
}

func runReviewComment(ctx context.Context, e *env, args []string) error {
	f, unit, p, get, err := reviewFlags(e, "review comment", false, args, "text")
	if err != nil {
		return err
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		return db.SetReviewComment(ctx, unit, p, get("text"))
	})
}

func runReviewSetInfo(ctx context.Context, e *env, args []string) error {
	const name = "review set-info"
	f := newFlags(e, name, false)
	unit := f.String("unit", "", "Mã ĐVQHNS of the unit reviewed")
	period := f.String("period", "", "period, e.g. 2026")
	var participants, recipients listFlag
	f.Var(&participants, "participant", `"Ông/bà …|chức vụ|xét duyệt" or "…|được xét duyệt" (repeatable)`)
	f.Var(&recipients, "recipient", "a recipient of the notice, besides the unit and the archive (repeatable)")
	number := f.String("notice-number", "", "the notice's number, e.g. 125/TB-TCKH")
	date := f.String("notice-date", "", "the notice's date, e.g. 20/03/2027")
	place := f.String("place", "", "where the review is held and the notice made")
	audit := f.String("audit", "", "audit and inspection recommendations and how the unit carried them out")
	if err := f.parseFlags(args, "unit", "period"); err != nil {
		return err
	}
	p, err := ledger.ParsePeriod(*period)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	f.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	var people []ledger.Participant
	for _, s := range participants {
		pt, err := ledger.ParseParticipant(s)
		if err != nil {
			return err
		}
		people = append(people, pt)
	}
	var day ledger.Date
	if set["notice-date"] && strings.TrimSpace(*date) != "" {
		if day, err = ledger.ParseDate(*date); err != nil {
			return err
		}
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		r, err := db.Review(ctx, *unit, p)
		if err != nil {
			return err
		}
		info := r.Info
		if set["participant"] {
			info.Participants = people
		}
		if set["recipient"] {
			info.Recipients = recipients
		}
		if set["notice-number"] {
			info.NoticeNumber = *number
		}
		if set["notice-date"] {
			info.NoticeDate = day
		}
		if set["place"] {
			info.Place = *place
		}
		if set["audit"] {
			info.Audit = *audit
		}
		return db.SetReviewInfo(ctx, *unit, p, info)
	})
}

func runReviewFinish(ctx context.Context, e *env, args []string) error {
	f, unit, p, _, err := reviewFlags(e, "review finish", false, args)
	if err != nil {
		return err
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		if err := db.FinishReview(ctx, unit, p); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "đã duyệt xong quyết toán %s của đơn vị %s\n", p.Name(), unit)
		return nil
	})
}

func runReviewReopen(ctx context.Context, e *env, args []string) error {
	f, unit, p, get, err := reviewFlags(e, "review reopen", false, args, "reason")
	if err != nil {
		return err
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		return db.ReopenReview(ctx, unit, p, get("reason"))
	})
}
