package main

import (
	"context"
	"fmt"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

func init() {
	register(
		command{"review show", "--unit CODE --period P [--format table|csv|json]", runReviewShow},
		command{"review set", "--unit CODE --period P --row 18 --khoan 341 --approved N --reason TEXT", runReviewSet},
		command{"review comment", "--unit CODE --period P --text TEXT", runReviewComment},
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
	Unit    string           `json:"unit"`
	Period  string           `json:"period"`
	State   string           `json:"state"`
	Comment string           `json:"comment"`
	Lines   []reviewLineJSON `json:"lines"`
}

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
		reported, err := ledger.Settlement(ctx, db, unit, p)
		if err != nil {
			return err
		}
		grid, err := db.Form().ReviewGrid(reported, r.Approvals)
		if err != nil {
			return err
		}
		js := reviewJSON{Unit: unit, Period: p.String(), State: string(r.State), Comment: r.Comment, Lines: []reviewLineJSON{}}
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
		t.json = js
		if *f.format == "table" {
			fmt.Fprintf(e.stdout, "Xét duyệt quyết toán %s — đơn vị %s — %s\n", p.Label(), unit, r.State.Label())
			if r.Comment != "" {
				fmt.Fprintf(e.stdout, "Ý kiến: %s\n", r.Comment)
			}
		}
		return t.write(e.stdout, *f.format)
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

func runReviewFinish(ctx context.Context, e *env, args []string) error {
	f, unit, p, _, err := reviewFlags(e, "review finish", false, args)
	if err != nil {
		return err
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		if err := db.FinishReview(ctx, unit, p); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "đã duyệt xong quyết toán %s của đơn vị %s\n", p.Label(), unit)
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
