package main

import (
	"context"
	"fmt"
	"strings"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

// parseCarry reads KHOAN:NATURE:AMOUNT, e.g. 341:TX:12.000.000.
func parseCarry(s string, b ledger.Balance) (ledger.CarryOver, error) {
	parts := strings.SplitN(s, ":", 3)
	if len(parts) != 3 {
		return ledger.CarryOver{}, ledger.Errorf(ledger.KindInvalid, "period close", "số chuyển kỳ sau %q: viết dạng KHOAN:NATURE:AMOUNT, ví dụ 341:TX:12.000.000", s)
	}
	n, err := ledger.ParseNature(parts[1])
	if err != nil {
		return ledger.CarryOver{}, err
	}
	amt, err := ledger.ParseMoney(parts[2])
	if err != nil {
		return ledger.CarryOver{}, err
	}
	return ledger.CarryOver{Line: ledger.Line{Khoan: parts[0], Nature: n}, Balance: b, Amount: amt}, nil
}

func runPeriodClose(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "period close", false)
	unit := f.String("unit", "", "unit code (7 digits)")
	period := f.String("period", "", "period to close, e.g. 2026-H1")
	var received, estimate listFlag
	f.Var(&received, "carry-received", "funds received carried over, KHOAN:NATURE:AMOUNT (repeatable)")
	f.Var(&estimate, "carry-estimate", "estimate at the Treasury carried over, KHOAN:NATURE:AMOUNT (repeatable)")
	if err := f.parseFlags(args, "unit", "period"); err != nil {
		return err
	}
	p, err := ledger.ParsePeriod(*period)
	if err != nil {
		return err
	}
	var carry []ledger.CarryOver
	for _, s := range received {
		c, err := parseCarry(s, ledger.BalanceReceived)
		if err != nil {
			return err
		}
		carry = append(carry, c)
	}
	for _, s := range estimate {
		c, err := parseCarry(s, ledger.BalanceEstimate)
		if err != nil {
			return err
		}
		carry = append(carry, c)
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		if err := db.ClosePeriod(ctx, *unit, p, carry); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "đã khóa sổ %s, đơn vị %s\n", p.Name(), *unit)
		return nil
	})
}

func runPeriodReopen(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "period reopen", false)
	unit := f.String("unit", "", "unit code (7 digits)")
	period := f.String("period", "", "period to reopen, e.g. 2026-H1")
	reason := f.String("reason", "", "why the period is reopened (audited)")
	if err := f.parseFlags(args, "unit", "period", "reason"); err != nil {
		return err
	}
	p, err := ledger.ParsePeriod(*period)
	if err != nil {
		return err
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		if err := db.ReopenPeriod(ctx, *unit, p, *reason); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "đã mở lại sổ %s, đơn vị %s\n", p.Name(), *unit)
		return nil
	})
}
