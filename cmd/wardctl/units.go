package main

import (
	"context"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

func runInit(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "init", false)
	code := f.String("superior-code", "", "code of the superior unit (7 digits)")
	name := f.String("superior-name", "", "name of the superior unit")
	chapter := f.String("chapter", ledger.DefaultChapter, "chapter code (3 digits)")
	if err := f.parseFlags(args, "superior-code", "superior-name"); err != nil {
		return err
	}
	db, err := sqlite.Create(ctx, *f.db, ledger.Setup{Superior: ledger.Unit{Code: *code, Name: *name, Chapter: *chapter}}, sqlite.Options{})
	if err != nil {
		return err
	}
	return db.Close()
}

func runUnitAdd(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "unit add", false)
	code := f.String("code", "", "unit code (7 digits)")
	name := f.String("name", "", "unit name")
	chapter := f.String("chapter", ledger.DefaultChapter, "chapter code (3 digits)")
	if err := f.parseFlags(args, "code", "name"); err != nil {
		return err
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		return db.AddUnit(ctx, ledger.Unit{Code: *code, Name: *name, Chapter: *chapter})
	})
}

type unitJSON struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Chapter  string `json:"chapter"`
	Superior bool   `json:"superior"`
}

func runUnitList(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "unit list", true)
	if err := f.parseFlags(args); err != nil {
		return err
	}
	return f.withReadDB(ctx, func(db *sqlite.DB) error {
		sup, err := db.Superior(ctx)
		if err != nil {
			return err
		}
		units, err := db.Units(ctx)
		if err != nil {
			return err
		}
		t := &table{header: []string{"code", "name", "chapter", "role"}}
		js := []unitJSON{}
		for _, u := range append([]ledger.Unit{sup}, units...) {
			role := "subordinate"
			if u.Superior {
				role = "superior"
			}
			t.rows = append(t.rows, []string{u.Code, u.Name, u.Chapter, role})
			js = append(js, unitJSON{u.Code, u.Name, u.Chapter, u.Superior})
		}
		t.json = js
		return t.write(e.stdout, *f.format)
	})
}
