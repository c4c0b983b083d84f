package main

import (
	"context"
	"fmt"
	"time"

	"wardledger/ledger"
	"wardledger/ledger/demo"
	"wardledger/ledger/sqlite"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "demo", false)
	wards := f.Int("wards", 17, "number of wards")
	years := f.Int("years", 2, "number of budget years, ending with the current half-year")
	perHalf := f.Int("entries-per-half", 300, "about how many entries per ward and half-year")
	seed := f.Uint64("seed", 2021, "random seed (the same seed gives the same ledger)")
	if err := f.parseFlags(args); err != nil {
		return err
	}
	opts := demo.Options{
		Wards: *wards, Years: *years, EntriesPerHalf: *perHalf, Today: ledger.DateOf(time.Now()), Seed: *seed,
		Progress: func(done, total int) {
			if done%10 == 0 || done == total {
				fmt.Fprintf(e.stderr, "\r%d/%d kỳ", done, total)
			}
		},
	}
	setup, err := demo.Setup(opts)
	if err != nil {
		return err
	}
	// Like init, demo makes a new ledger file: it never fills or replaces
	// an existing one.
	start := time.Now()
	db, err := sqlite.Create(ctx, *f.db, setup, sqlite.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	err = demo.Generate(ctx, db, opts)
	fmt.Fprintln(e.stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "đã tạo dữ liệu mẫu: %d phường, %d năm, trong %s\n", *wards, *years, time.Since(start).Round(time.Millisecond))
	return nil
}
