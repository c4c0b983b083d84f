package main

import (
	"context"
	"fmt"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

func runBackup(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "backup", false)
	out := f.String("out", "", "backup file to write")
	force := f.Bool("force", false, "replace an existing file at --out")
	if err := f.parseFlags(args, "out"); err != nil {
		return err
	}
	return f.withReadDB(ctx, func(db *sqlite.DB) error {
		if err := db.Backup(ctx, *out, *force); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "đã sao lưu vào %s (integrity_check: ok)\n", *out)
		return nil
	})
}

func runCheck(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "check", false)
	if err := f.parseFlags(args); err != nil {
		return err
	}
	return f.withReadDB(ctx, func(db *sqlite.DB) error {
		problems, err := db.Check(ctx)
		if err != nil {
			return err
		}
		for _, p := range problems {
			fmt.Fprintf(e.stdout, "%s %s: %s\n", p.Unit, p.Period, p.What)
		}
		if len(problems) > 0 {
			return ledger.Errorf(ledger.KindConflict, "check", "sổ có %d lỗi", len(problems))
		}
		fmt.Fprintln(e.stdout, "ok")
		return nil
	})
}
