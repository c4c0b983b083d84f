package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"wardledger/ledger"
)

// ImportEntries records the entries of another ledger's workbook that this
// ledger lacks, keeping their ids, in one transaction: same id and same
// content is skipped, same id and other content refuses the whole import.
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
	cat, err := db.Catalogue(ctx)
	if err != nil {
		return err
	}
	src.Added, src.Skipped = 0, 0
	return db.write(ctx, op, func(tx *sql.Tx) error {
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
			if e.Unit != src.Unit || e.Period != src.Period {
				conflicts = append(conflicts, fmt.Sprintf("%s: thuộc đơn vị %s kỳ %s, không phải %s kỳ %s", e.ID, e.Unit, e.Period, src.Unit, src.Period))
				continue
			}
			old, ok := present[e.ID]
			switch {
			case !ok:
				fresh = append(fresh, e)
			default:
				if diff := entryDiff(old, e); diff != "" {
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
		w := db.newWriter(ctx, tx, cat)
		defer w.close()
		w.batched() // the ids of fresh were looked up above
		for i, e := range fresh {
			if e.Origin == "" {
				e.Origin = "import"
			}
			if err := w.add(e); err != nil {
				return ledger.AtItem(i+1, "bút toán", err)
			}
		}
		if err := w.finish(); err != nil {
			return err
		}
		src.Added = len(fresh)
		src.At = db.now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO imports (unit, period, file, sha256, added, skipped, warnings, at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, src.Unit, src.Period.String(), src.File, src.SHA256, src.Added, src.Skipped,
			strings.Join(src.Warnings, "\n"), src.At.UTC().Format(time.RFC3339Nano)); err != nil {
			return storeError(op, err)
		}
		return db.audit(ctx, tx, "import", src.Unit, src.Period.String(),
			fmt.Sprintf("%s: thêm %d, đã có %d bút toán", src.File, src.Added, src.Skipped), "")
	})
}

// entryDiff says how two entries with one id differ, or "" if they are the
// same entry.
func entryDiff(a, b *ledger.Entry) string {
	var d []string
	check := func(name string, x, y any) {
		if x != y {
			d = append(d, fmt.Sprintf("%s %v ≠ %v", name, x, y))
		}
	}
	check("đơn vị", a.Unit, b.Unit)
	check("kỳ", a.Period, b.Period)
	check("loại", a.Kind, b.Kind)
	check("tính chất", a.Nature, b.Nature)
	check("Khoản", a.Khoan, b.Khoan)
	check("Tiểu mục", a.TieuMuc, b.TieuMuc)
	check("số tiền", a.Amount, b.Amount)
	check("chứng từ", a.Doc, strings.TrimSpace(b.Doc))
	check("ngày", a.Date, b.Date)
	check("diễn giải", a.Memo, b.Memo)
	check("đảo bút toán", a.Reverses, b.Reverses)
	return strings.Join(d, "; ")
}

// Imports lists the imports of a period, newest first.
func (db *DB) Imports(ctx context.Context, p ledger.Period) ([]ledger.Import, error) {
	const op = "sqlite.Imports"
	rows, err := db.db.QueryContext(ctx, `SELECT unit, file, sha256, added, skipped, warnings, at FROM imports
		WHERE period = ? ORDER BY seq DESC`, p.String())
	if err != nil {
		return nil, storeError(op, err)
	}
	defer rows.Close()
	var out []ledger.Import
	for rows.Next() {
		im := ledger.Import{Period: p}
		var warnings, at string
		if err := rows.Scan(&im.Unit, &im.File, &im.SHA256, &im.Added, &im.Skipped, &warnings, &at); err != nil {
			return nil, storeError(op, err)
		}
		if warnings != "" {
			im.Warnings = strings.Split(warnings, "\n")
		}
		im.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, im)
	}
	return out, storeError(op, rows.Err())
}
