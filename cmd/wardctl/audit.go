package main

import (
	"context"
	"strconv"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

func init() {
	register(command{"audit", "[--unit CODE] [--period P] [--action ACTION] [--format table|csv|json]\n" +
		"                    (the audit trail, newest first: who did what, when and why; ACTION is an action\n" +
		"                    such as entry.reverse, or its group: entry, period, import, review, unit, code, setting, init)", runAudit})
}

type auditJSON struct {
	Seq     int64  `json:"seq"`
	At      string `json:"at"`
	Who     string `json:"who"`
	Action  string `json:"action"`
	Unit    string `json:"unit"`
	Period  string `json:"period"`
	Subject string `json:"subject"`
	Reason  string `json:"reason"`
}

// auditPage is how many rows are read at a time.
const auditPage = 1000

func runAudit(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "audit", true)
	unit := f.String("unit", "", "only the rows of this unit code")
	period := f.String("period", "", "only the rows of this period, e.g. 2026-H1")
	action := f.String("action", "", "only this action (entry.reverse) or group of actions (entry)")
	if err := f.parseFlags(args); err != nil {
		return err
	}
	filter := ledger.AuditFilter{Unit: *unit, Action: *action, Limit: auditPage}
	if *period != "" {
		p, err := ledger.ParsePeriod(*period)
		if err != nil {
			return err
		}
		filter.Period = p
	}
	return f.withReadDB(ctx, func(db *sqlite.DB) error {
		t := &table{header: []string{"seq", "at", "who", "action", "unit", "period", "subject", "reason"}}
		js := []auditJSON{}
		for {
			rows, err := db.Audit(ctx, filter)
			if err != nil {
				return err
			}
			for _, r := range rows {
				at := r.At.Local().Format("2006-01-02 15:04:05")
				if *f.format == "json" {
					at = r.At.Format(ledger.StampFormat)
				}
				t.rows = append(t.rows, []string{strconv.FormatInt(r.Seq, 10), at, r.Who, r.Action, r.Unit, r.Period, r.Subject, r.Reason})
				js = append(js, auditJSON{r.Seq, at, r.Who, r.Action, r.Unit, r.Period, r.Subject, r.Reason})
			}
			if len(rows) < filter.Limit {
				break
			}
			filter.Offset += len(rows)
		}
		t.json = js
		return f.print(e.stdout, t)
	})
}
