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
	unit := f.String("unit", "", "Mã ĐVQHNS of the subordinate unit whose own ledger this is (omit for the superior unit's ledger)")
	unitName := f.String("unit-name", "", "name of that unit (default: taken from its first annex)")
	periods := f.String("periods", string(ledger.ByHalfYear), "how the ledger is kept: half (half-years, closed twice a year) or year (whole years)")
	if err := f.parseFlags(args, "superior-code", "superior-name"); err != nil {
		return err
	}
	way, err := ledger.ParsePeriodicity(*periods)
	if err != nil {
		return err
	}
	setup := ledger.Setup{Superior: ledger.Unit{Code: *code, Name: *name, Chapter: *chapter}, Periods: way}
	switch {
	case *unit != "":
		n := *unitName
		if n == "" {
			n = "Đơn vị " + *unit
		}
		setup.Units = []ledger.Unit{{Code: *unit, Name: n, Chapter: *chapter, Periods: way}}
		setup.Role = ledger.UnitRole(*unit)
	case *unitName != "":
		return ledger.FieldErrorf("unit", "init", "init: --unit-name cần --unit (mã ĐVQHNS của đơn vị)")
	}
	db, err := sqlite.Create(ctx, *f.db, setup, sqlite.Options{})
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
	periods := f.String("periods", "", "half or year; default: the ledger's (wardctl init --periods)")
	if err := f.parseFlags(args, "code", "name"); err != nil {
		return err
	}
	var way ledger.Periodicity
	if *periods != "" {
		var err error
		if way, err = ledger.ParsePeriodicity(*periods); err != nil {
			return err
		}
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		return db.AddUnit(ctx, ledger.Unit{Code: *code, Name: *name, Chapter: *chapter, Periods: way})
	})
}

// runUnitUpdate changes a unit's name, chapter or way of keeping periods;
// what is not given stays as it is.
func runUnitUpdate(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "unit update", false)
	code := f.String("code", "", "Mã ĐVQHNS of the unit")
	name := f.String("name", "", "new name")
	chapter := f.String("chapter", "", "new chapter code (3 digits)")
	periods := f.String("periods", "", "half or year, for the budget years not yet begun")
	if err := f.parseFlags(args, "code"); err != nil {
		return err
	}
	var way ledger.Periodicity
	if *periods != "" {
		var err error
		if way, err = ledger.ParsePeriodicity(*periods); err != nil {
			return err
		}
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		u, err := db.FindUnit(ctx, *code)
		if err != nil {
			return err
		}
		if *name != "" {
			u.Name = *name
		}
		if *chapter != "" {
			u.Chapter = *chapter
		}
		if way != "" {
			u.Periods = way
		}
		return db.UpdateUnit(ctx, u)
	})
}

type unitJSON struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Chapter  string `json:"chapter"`
	Superior bool   `json:"superior"`
	Periods  string `json:"periods"`
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
		t := &table{header: []string{"code", "name", "chapter", "role", "periods"}}
		js := []unitJSON{}
		for _, u := range append([]ledger.Unit{sup}, units...) {
			role := "subordinate"
			if u.Superior {
				role = "superior"
			}
			t.rows = append(t.rows, []string{u.Code, u.Name, u.Chapter, role, string(u.Periods)})
			js = append(js, unitJSON{u.Code, u.Name, u.Chapter, u.Superior, string(u.Periods)})
		}
		t.json = js
		return f.print(e.stdout, t)
	})
}
