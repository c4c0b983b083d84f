package sqlite

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"wardledger/ledger"
)

// ImportEntries records the entries of another ledger's workbook that this
// ledger lacks, keeping their ids, in one transaction: same id and same
// content is skipped, same id and other content refuses the whole import.
// In the same transaction it checks again whose ledger it is, the key
// pinned for the signing unit and, for a settlement, the allocations this
// ledger issued and the carry-ins (the rules of ledger.DecideImport, which
// read the ledger before the transaction); adds the codes src.AddCodes;
// records how each entry came in (src.Via), the import with its findings,
// the key to pin and a review's notice; and audits it all.
// A budget year this ledger has not begun for the unit is kept the way the
// entries were recorded — whole or by halves, as the ledger that made
// them keeps it — with a warning when the unit is set the other way here.
func (db *DB) ImportEntries(ctx context.Context, src *ledger.Import, entries []*ledger.Entry) error {
	const op = "sqlite.ImportEntries"
	u, err := db.FindUnit(ctx, src.Unit)
	if err != nil {
		return &ledger.Error{Kind: ledger.KindNotFound, Op: op, Field: "unit",
			Msg: fmt.Sprintf("sổ chưa có đơn vị mã %s: thêm đơn vị này trước khi nhập báo cáo", src.Unit)}
	}
	if u.Superior {
		return ledger.Errorf(ledger.KindInvalid, op, "đơn vị %s là đơn vị cấp trên, không nhập báo cáo của chính mình được", src.Unit)
	}
	if src.Kind == "" {
		src.Kind = ledger.WorkbookSettlement
	}
	if src.Via != ledger.ViaImport && src.Via != ledger.ViaAnnex {
		src.Via = ledger.ViaImport
	}
	src.Added, src.Skipped = 0, 0
	defer db.forgetCatalogue() // codes may have been added
	return db.write(ctx, op, func(tx *sql.Tx) error {
		if err := db.checkExchange(ctx, tx, src); err != nil {
			return err
		}
		if src.Kind == ledger.WorkbookSettlement {
			if err := db.checkSuperiorEntries(ctx, tx, src, entries); err != nil {
				return err
			}
		}
		var conflicts []string
		var fresh []*ledger.Entry
		ids := make([]string, len(entries))
		for i, e := range entries {
			ids[i] = e.ID
		}
		present, err := entriesByID(ctx, tx, ids)
		if err != nil {
			return err
		}
		for _, e := range entries {
			e.Normalize() // compared and kept as the ledger keeps its own
			if e.Unit != src.Unit || !src.Period.Covers(e.Period) {
				conflicts = append(conflicts, fmt.Sprintf("%s: thuộc đơn vị %s kỳ %s, không phải %s kỳ %s", e.ID, e.Unit, e.Period, src.Unit, src.Period))
				continue
			}
			old, ok := present[e.ID]
			switch {
			case !ok:
				fresh = append(fresh, e)
			default:
				if diff := old.Diff(e); diff != "" {
					conflicts = append(conflicts, e.ID+": "+diff)
				} else {
					src.Skipped++
				}
			}
		}
		if len(conflicts) > 0 {
			return &ledger.Error{Kind: ledger.KindConflict, Op: op, Problems: conflicts,
				Msg: fmt.Sprintf("không nhập được báo cáo của đơn vị %s: %d bút toán trùng mã nhưng khác nội dung với sổ", src.Unit, len(conflicts))}
		}
		cat, err := db.addImportedCodes(ctx, tx, src)
		if err != nil {
			return err
		}
		w := db.newWriter(ctx, tx, cat)
		defer w.close()
		w.batched() // the ids of fresh were looked up above
		w.adopt = true
		for i, e := range fresh {
			if e.Origin == "" {
				e.Origin = "import"
			}
			e.Via = src.Via
			if err := w.add(e); err != nil {
				return ledger.AtItem(i+1, "bút toán", err)
			}
		}
		if err := w.finish(); err != nil {
			return err
		}
		src.Added = len(fresh)
		src.Warnings = append(src.Warnings, w.adopted...)
		src.At = db.now()
		var signer any
		if src.Signer != nil {
			signer = []byte(src.Signer)
		}
		head := ""
		if !src.ChainHead.IsZero() {
			head = src.ChainHead.String()
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO imports (unit, period, file, sha256, added, skipped, warnings, at, kind, signer_key, chain_head)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, src.Unit, src.Period.String(), src.File, src.SHA256, src.Added, src.Skipped,
			strings.Join(src.Warnings, "\n"), src.At.UTC().Format(time.RFC3339Nano), string(src.Kind), signer, head)
		if err != nil {
			return storeError(op, err)
		}
		seq, err := res.LastInsertId()
		if err != nil {
			return storeError(op, err)
		}
		if err := db.audit(ctx, tx, "import", src.Unit, src.Period.String(),
			fmt.Sprintf("%s: thêm %d, đã có %d bút toán", src.File, src.Added, src.Skipped), src.KeyReason); err != nil {
			return err
		}
		return db.recordExchange(ctx, tx, src, seq)
	})
}

// checkSuperiorEntries applies again, inside the import's transaction, the
// rules of the superior unit's own entries to a settlement
// (ledger.CheckIssuedIn, ledger.CheckOpening), on what the ledger holds now.
func (db *DB) checkSuperiorEntries(ctx context.Context, tx *sql.Tx, src *ledger.Import, entries []*ledger.Entry) error {
	const op = "sqlite.ImportEntries"
	var issued []*ledger.Entry
	err := eachRowArgs(ctx, tx, `SELECT `+entryColumns+` FROM entries WHERE unit = ? AND period IN (?, ?, ?)
		AND kind IN ('allocation', 'adjustment') AND via NOT IN ('import', 'annex') ORDER BY seq`,
		append([]any{src.Unit}, coveredArgs(src.Period)...), func(r *sql.Rows) error {
			e, err := scanEntry(r)
			if err == nil {
				issued = append(issued, e)
			}
			return err
		})
	if err != nil {
		return storeError(op, err)
	}
	if problems := ledger.CheckIssuedIn(src.Period, issued, entries); len(problems) > 0 {
		return &ledger.Error{Kind: ledger.KindConflict, Op: op, Field: "allocation", Problems: problems,
			Msg: fmt.Sprintf("báo cáo của đơn vị %s mang dự toán khác với dự toán sổ này đã giao: không nhập được", src.Unit)}
	}
	from, err := prevPeriod(ctx, tx, src.Unit, src.Period)
	if err != nil {
		return err
	}
	prev, err := db.unitTotals(ctx, tx, src.Unit, from)
	if err != nil {
		return err
	}
	var heldFirst []ledger.Total
	if src.Period.IsYear() {
		if heldFirst, err = db.unitTotals(ctx, tx, src.Unit, src.Period.Halves()[0]); err != nil {
			return err
		}
	}
	problems, err := ledger.CheckOpening(src.Period, prev, heldFirst, entries)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return &ledger.Error{Kind: ledger.KindConflict, Op: op, Field: "carry_in", Problems: problems,
			Msg: fmt.Sprintf("số dư kỳ trước chuyển sang trong báo cáo của đơn vị %s khác số dư sổ này ghi: không nhập được", src.Unit)}
	}
	return nil
}

// addImportedCodes adds the codes an import brings (src.AddCodes) to the
// catalogue inside tx, audited, and returns the catalogue the entries are
// checked against. Codes are only ever added here: one that would change
// a code already there refuses the import.
func (db *DB) addImportedCodes(ctx context.Context, tx *sql.Tx, src *ledger.Import) (*ledger.Catalogue, error) {
	const op = "sqlite.ImportEntries"
	cur, err := readCatalogue(ctx, tx)
	if err != nil || len(src.AddCodes) == 0 {
		return cur, err
	}
	ch, err := ledger.PlanCatalogue(cur, src.AddCodes, src.File)
	if err != nil {
		return nil, err
	}
	if len(ch.Renamed) > 0 || len(ch.Updated) > 0 {
		return nil, ledger.Errorf(ledger.KindConflict, op, "danh mục vừa thay đổi trong lúc nhập: hãy nhập lại tệp")
	}
	if err := db.applyCatalogue(ctx, tx, ch, "nhập từ tệp "+src.File, true); err != nil {
		return nil, err
	}
	return readCatalogue(ctx, tx)
}

// Imports lists the imports of a period (for a year, of its halves too),
// newest first.
func (db *DB) Imports(ctx context.Context, p ledger.Period) ([]ledger.Import, error) {
	const op = "sqlite.Imports"
	findings, err := importFindings(ctx, db.db, p)
	if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT seq, unit, file, sha256, added, skipped, warnings, at, kind, signer_key, chain_head, period FROM imports
		WHERE period IN (?, ?, ?) ORDER BY seq DESC`, coveredArgs(p)...)
	if err != nil {
		return nil, storeError(op, err)
	}
	defer rows.Close()
	var out []ledger.Import
	for rows.Next() {
		var im ledger.Import
		var seq int64
		var warnings, at, head, period string
		var signer []byte
		if err := rows.Scan(&seq, &im.Unit, &im.File, &im.SHA256, &im.Added, &im.Skipped, &warnings, &at, &im.Kind, &signer, &head, &period); err != nil {
			return nil, storeError(op, err)
		}
		if im.Period, err = ledger.ParsePeriod(period); err != nil {
			return nil, &ledger.Error{Kind: ledger.KindDamaged, Op: op, Msg: fmt.Sprintf("lần nhập tệp %s có kỳ hỏng %q", im.File, period)}
		}
		if warnings != "" {
			im.Warnings = strings.Split(warnings, "\n")
		}
		im.At, _ = time.Parse(time.RFC3339Nano, at)
		im.Findings = findings[seq]
		if len(signer) > 0 {
			im.Signer = ed25519.PublicKey(signer)
		}
		if head != "" {
			im.ChainHead, _ = ledger.ParseHash(head)
		}
		out = append(out, im)
	}
	return out, storeError(op, rows.Err())
}
