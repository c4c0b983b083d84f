package sqlite

import (
	"context"
	"database/sql"

	"wardledger/ledger"
)

// initLedger records what a new ledger starts with, in one transaction.
func (db *DB) initLedger(ctx context.Context, setup ledger.Setup) error {
	const op = "sqlite.Create"
	return db.write(ctx, op, func(tx *sql.Tx) error {
		at := db.stamp()
		if err := insertUnit(ctx, tx, op, setup.Superior, true, at); err != nil {
			return err
		}
		if err := db.audit(ctx, tx, "init", setup.Superior.Code, "", setup.Superior.Name, ""); err != nil {
			return err
		}
		for i, u := range setup.Units {
			if err := insertUnit(ctx, tx, op, u, false, at); err != nil {
				return ledger.AtItem(i+1, "đơn vị", err)
			}
			if err := db.audit(ctx, tx, "unit.add", u.Code, "", u.Name, ""); err != nil {
				return err
			}
		}
		return db.setSettings(ctx, tx, setup.Settings)
	})
}

func insertUnit(ctx context.Context, tx *sql.Tx, op string, u ledger.Unit, superior bool, at string) error {
	u.Normalize()
	if err := u.Validate(); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO units (code, name, chapter, is_superior, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (code) DO NOTHING`, u.Code, u.Name, u.Chapter, superior, at)
	if err != nil {
		return storeError(op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &ledger.Error{Kind: ledger.KindConflict, Op: op, Field: "code", Msg: "mã ĐVQHNS " + u.Code + " đã có trong sổ"}
	}
	return nil
}

// Superior returns the superior unit.
func (db *DB) Superior(ctx context.Context) (ledger.Unit, error) {
	us, err := db.queryUnits(ctx, `WHERE is_superior = 1`)
	if err != nil {
		return ledger.Unit{}, err
	}
	if len(us) == 0 {
		return ledger.Unit{}, ledger.Errorf(ledger.KindNotFound, "sqlite.Superior", "sổ chưa được khởi tạo: chưa có đơn vị cấp trên (wardctl init)")
	}
	return us[0], nil
}

// Units lists the subordinate units.
func (db *DB) Units(ctx context.Context) ([]ledger.Unit, error) {
	return db.queryUnits(ctx, `WHERE is_superior = 0`)
}

// FindUnit returns a unit by code.
func (db *DB) FindUnit(ctx context.Context, code string) (ledger.Unit, error) {
	us, err := db.queryUnits(ctx, `WHERE code = ?`, code)
	if err != nil {
		return ledger.Unit{}, err
	}
	if len(us) == 0 {
		return ledger.Unit{}, &ledger.Error{Kind: ledger.KindNotFound, Op: "sqlite.FindUnit", Field: "unit", Msg: "không có đơn vị mã " + code + " trong sổ"}
	}
	return us[0], nil
}

func (db *DB) queryUnits(ctx context.Context, where string, args ...any) ([]ledger.Unit, error) {
	const op = "sqlite.queryUnits"
	rows, err := db.db.QueryContext(ctx, `SELECT code, name, chapter, is_superior FROM units `+where+` ORDER BY code`, args...)
	if err != nil {
		return nil, storeError(op, err)
	}
	defer rows.Close()
	var out []ledger.Unit
	for rows.Next() {
		var u ledger.Unit
		if err := rows.Scan(&u.Code, &u.Name, &u.Chapter, &u.Superior); err != nil {
			return nil, storeError(op, err)
		}
		out = append(out, u)
	}
	return out, storeError(op, rows.Err())
}

// AddUnit records a subordinate unit.
func (db *DB) AddUnit(ctx context.Context, u ledger.Unit) error {
	const op = "sqlite.AddUnit"
	if u.Chapter == "" {
		u.Chapter = ledger.DefaultChapter
	}
	u.Normalize()
	if err := u.Validate(); err != nil {
		return err
	}
	return db.write(ctx, op, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM units WHERE is_superior = 1`).Scan(&n); err != nil {
			return storeError(op, err)
		}
		if n == 0 {
			return ledger.Errorf(ledger.KindNotFound, op, "sổ chưa được khởi tạo: hãy nhập đơn vị cấp trên trước (wardctl init)")
		}
		if err := insertUnit(ctx, tx, op, u, false, db.stamp()); err != nil {
			return err
		}
		return db.audit(ctx, tx, "unit.add", u.Code, "", u.Name, "")
	})
}

// UpdateUnit changes a unit's name and chapter; the code is its identity.
func (db *DB) UpdateUnit(ctx context.Context, u ledger.Unit) error {
	const op = "sqlite.UpdateUnit"
	u.Normalize()
	if err := u.Validate(); err != nil {
		return err
	}
	return db.write(ctx, op, func(tx *sql.Tx) error {
		if err := updateUnit(ctx, tx, op, u); err != nil {
			return err
		}
		return db.audit(ctx, tx, "unit.update", u.Code, "", u.Name+" / chương "+u.Chapter, "")
	})
}

func updateUnit(ctx context.Context, tx *sql.Tx, op string, u ledger.Unit) error {
	res, err := tx.ExecContext(ctx, `UPDATE units SET name = ?, chapter = ? WHERE code = ?`, u.Name, u.Chapter, u.Code)
	if err != nil {
		return storeError(op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &ledger.Error{Kind: ledger.KindNotFound, Op: op, Field: "code", Msg: "không có đơn vị mã " + u.Code + " trong sổ"}
	}
	return nil
}
