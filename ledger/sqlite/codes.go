package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"

	"wardledger/assets"
	"wardledger/ledger"
)

// The catalogue of budget codes: read once and cached, changed only by
// whole plans (ledger.PlanCatalogue) applied in one transaction, each code
// changed audited. Codes are never deleted (a trigger refuses it).

// catalogueMigration is the migration that gives codes their years; the
// shipped seed is brought in right after it.
const catalogueMigration = "migration/0004_catalogue.sql"

// shippedSeed is the catalogue shipped in assets.
func shippedSeed() (*ledger.CatalogueSeed, error) {
	return ledger.LoadCatalogueSeed(strings.NewReader(string(assets.Catalogue)),
		strings.NewReader(string(assets.CatalogueBasis)), strings.NewReader(string(assets.CatalogueRenames)))
}

// seedCatalogue brings the seed into the ledger being migrated, when the
// migrations applied include the catalogue's: every code into a new
// ledger; into an older one what it lacks, audited.
func (db *DB) seedCatalogue(ctx context.Context, tx *sql.Tx, seed *ledger.CatalogueSeed, applied []string, version int) error {
	const op = "sqlite.seedCatalogue"
	found := false
	for _, name := range applied {
		found = found || name == catalogueMigration
	}
	if !found {
		return nil
	}
	if seed == nil {
		var err error
		if seed, err = shippedSeed(); err != nil {
			return storeError(op, err)
		}
	}
	cur, err := readCatalogue(ctx, tx)
	if err != nil {
		return err
	}
	ch, err := seed.Upgrade(cur)
	if err != nil {
		return storeError(op, err)
	}
	for _, b := range seed.Basis {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO catalogue_basis (valid_from, valid_until, circular) VALUES (?, ?, ?)`,
			b.From, b.Until, b.Circular); err != nil {
			return storeError(op, err)
		}
	}
	reason := ""
	if version > 0 {
		reason = fmt.Sprintf("danh mục mẫu của phiên bản mới (nâng cấp sổ từ lược đồ %d)", version)
	}
	return db.applyCatalogue(ctx, tx, ch, reason, version > 0)
}

// readCatalogue reads every code and the circulars by year.
func readCatalogue(ctx context.Context, q querier) (*ledger.Catalogue, error) {
	const op = "sqlite.Catalogue"
	rows, err := q.QueryContext(ctx, `SELECT level, code, name, parent, source, valid_from, valid_until, replacement FROM codes`)
	if err != nil {
		return nil, storeError(op, err)
	}
	defer rows.Close()
	var codes []ledger.Code
	for rows.Next() {
		var c ledger.Code
		if err := rows.Scan(&c.Level, &c.Code, &c.Name, &c.Parent, &c.Source, &c.From, &c.Until, &c.Replacement); err != nil {
			return nil, storeError(op, err)
		}
		codes = append(codes, c)
	}
	if err := rows.Err(); err != nil {
		return nil, storeError(op, err)
	}
	cat := ledger.NewCatalogue(codes)
	brows, err := q.QueryContext(ctx, `SELECT valid_from, valid_until, circular FROM catalogue_basis`)
	if err != nil {
		return nil, storeError(op, err)
	}
	defer brows.Close()
	var bs []ledger.Basis
	for brows.Next() {
		var b ledger.Basis
		if err := brows.Scan(&b.From, &b.Until, &b.Circular); err != nil {
			return nil, storeError(op, err)
		}
		bs = append(bs, b)
	}
	cat.SetBasis(bs)
	if err := brows.Err(); err != nil {
		return nil, storeError(op, err)
	}
	terms, err := shippedSearchTerms()
	if err != nil {
		return nil, err
	}
	return cat.WithSearchTerms(terms), nil
}

// shippedSearchTerms are the everyday words for codes shipped in assets,
// read once.
var shippedSearchTerms = sync.OnceValues(func() (ledger.SearchTerms, error) {
	return ledger.ParseSearchTerms(strings.NewReader(string(assets.CatalogueSearchTerms)))
})

// Catalogue returns the budget codes known to the ledger.
func (db *DB) Catalogue(ctx context.Context) (*ledger.Catalogue, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.cat != nil {
		return db.cat, nil
	}
	cat, err := readCatalogue(ctx, db.db)
	if err != nil {
		return nil, err
	}
	db.cat = cat
	return cat, nil
}

// AddCode adds a budget code, or gives an existing one a new name or
// group (its years stay as they are unless c sets them).
func (db *DB) AddCode(ctx context.Context, c ledger.Code) error {
	l := ledger.CodeLine{Code: c, HasFrom: c.From != 0, HasUntil: c.Until != 0, HasReplacement: c.Replacement != ""}
	_, err := db.ImportCatalogue(ctx, []ledger.CodeLine{l}, ledger.CatalogueImport{Rename: true})
	return err
}

// ImportCatalogue brings codes into the catalogue in one transaction:
// new codes are added, changed years recorded, and renamed codes renamed
// only with opt.Rename — without it, any rename refuses the whole import
// (a conflict listing them) and the change is returned so the caller can
// show what would be renamed. Nothing is ever removed.
func (db *DB) ImportCatalogue(ctx context.Context, lines []ledger.CodeLine, opt ledger.CatalogueImport) (*ledger.CatalogueChange, error) {
	const op = "sqlite.ImportCatalogue"
	var ch *ledger.CatalogueChange
	err := db.write(ctx, op, func(tx *sql.Tx) error {
		cur, err := readCatalogue(ctx, tx)
		if err != nil {
			return err
		}
		if ch, err = ledger.PlanCatalogue(cur, lines, opt.Source); err != nil {
			return err
		}
		if len(ch.Renamed) > 0 && !opt.Rename {
			return &ledger.Error{Kind: ledger.KindConflict, Op: op,
				Msg:      fmt.Sprintf("%d mã trong tệp có tên hoặc cấp trên khác với danh mục của sổ; chưa nhập gì — xác nhận đổi tên để nhập", len(ch.Renamed)),
				Problems: ch.RenameProblems()}
		}
		return db.applyCatalogue(ctx, tx, ch, opt.Reason, true)
	})
	db.forgetCatalogue()
	if err != nil && ledger.ErrorKind(err) != ledger.KindConflict {
		return nil, err
	}
	return ch, err
}

// RetireCode records that a code is valid until year (0: valid again),
// replaced by replacement ("" for none). Entries already on it stay.
func (db *DB) RetireCode(ctx context.Context, level ledger.CodeLevel, code string, until int, replacement string) error {
	const op = "sqlite.RetireCode"
	cat, err := db.Catalogue(ctx)
	if err != nil {
		return err
	}
	c, ok := cat.Lookup(level, code)
	if !ok {
		return &ledger.Error{Kind: ledger.KindNotFound, Op: op, Field: "code", Msg: fmt.Sprintf("không có %s %s trong danh mục", level.Label(), code)}
	}
	c.Until, c.Replacement = until, replacement
	l := ledger.CodeLine{Code: c, HasUntil: true, HasReplacement: true}
	_, err = db.ImportCatalogue(ctx, []ledger.CodeLine{l}, ledger.CatalogueImport{})
	return err
}

func (db *DB) forgetCatalogue() {
	db.mu.Lock()
	db.cat = nil
	db.mu.Unlock()
}

// applyCatalogue writes a planned change inside tx, one audit row per
// code changed (unless audit is false: the seed of a new ledger).
func (db *DB) applyCatalogue(ctx context.Context, tx *sql.Tx, ch *ledger.CatalogueChange, reason string, audit bool) error {
	const op = "sqlite.applyCatalogue"
	for _, l := range ch.Added {
		c := l.Code
		if _, err := tx.ExecContext(ctx, `INSERT INTO codes (level, code, name, parent, source, valid_from, valid_until, replacement)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.Level, c.Code, c.Name, c.Parent, c.Source, c.From, c.Until, c.Replacement); err != nil {
			return storeError(op, err)
		}
		if audit {
			if err := db.audit(ctx, tx, "code.add", "", "", codeSubject(c), reason); err != nil {
				return err
			}
		}
	}
	for _, group := range []struct {
		action  string
		updates []ledger.CodeUpdate
	}{{"code.rename", ch.Renamed}, {"code.update", ch.Updated}} {
		for _, u := range group.updates {
			c := u.New.Code
			if _, err := tx.ExecContext(ctx, `UPDATE codes SET name = ?, parent = ?, source = ?, valid_from = ?, valid_until = ?, replacement = ?
				WHERE level = ? AND code = ?`, c.Name, c.Parent, c.Source, c.From, c.Until, c.Replacement, c.Level, c.Code); err != nil {
				return storeError(op, err)
			}
			if audit {
				if err := db.audit(ctx, tx, group.action, "", "", u.Describe(), reason); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// codeSubject names a code in the audit trail: "tieu_muc 6655 Thuê hội
// trường (đến năm 2025, thay bằng 6656)".
func codeSubject(c ledger.Code) string {
	s := string(c.Level) + " " + c.Code + " " + c.Name
	if v := c.Validity(); v != "" {
		s += " (" + v + ")"
	}
	return s
}
