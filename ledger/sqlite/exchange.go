package sqlite

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"wardledger/ledger"
)

// The exchange of workbooks, the store's side: whose ledger it is, its
// signing key, the keys it has pinned, the superior's notices it has
// received (migration/0005_exchange.sql).

// migrateExchange is the Go step of schema version 5: it makes the
// ledger's key pair, records that its role is not said yet (Create says
// it), and tells how the entries already there came in (tellVia).
func migrateExchange(ctx context.Context, db *DB, tx *sql.Tx) error {
	const op = "sqlite.migrate"
	s, err := ledger.GenerateSigner()
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO signing_key (id, public_key, private_key, created_at) VALUES (1, ?, ?, ?)`,
		[]byte(s.Public()), s.PrivateKey(), db.stamp()); err != nil {
		return storeError(op, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_role (id, role) VALUES (1, '')`); err != nil {
		return storeError(op, err)
	}
	return tellVia(ctx, db, tx)
}

// tellVia says how the entries of a ledger older than version 5 came in,
// as far as their origin and the import history tell: an entry of a
// closing this ledger made ("close:P", the unit's P closed here) came by
// closing, one of another ledger's closing ("close:P", P not closed here)
// by import when the unit's settlement of its period was imported; one a
// workbook brought ("import") by import, or by annex when
// it is an allocation or adjustment of a unit and period an annex
// (PLDT_…) was imported for. Via is part of each entry's hash link, so the
// chains are linked again after — only when they held before, so that a
// ledger damaged behind the program's back is not made to look sound;
// such a ledger keeps every entry as keyed in.
func tellVia(ctx context.Context, db *DB, tx *sql.Tx) error {
	const op = "sqlite.migrate"
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM entries`).Scan(&n); err != nil {
		return storeError(op, err)
	}
	if n == 0 {
		return nil
	}
	broken := false
	if err := db.checkChains(ctx, tx, func(_, _, _ string, _ ...any) { broken = true }); err != nil {
		return err
	}
	if broken {
		return nil
	}
	for _, q := range []string{
		`UPDATE entries SET via = 'closing' WHERE origin LIKE 'close:%'
		 AND EXISTS (SELECT 1 FROM periods p WHERE p.unit = entries.unit AND 'close:' || p.period = entries.origin)`,
		`UPDATE entries SET via = 'annex' WHERE via = '' AND origin = 'import' AND kind IN ('allocation', 'adjustment')
		 AND EXISTS (SELECT 1 FROM imports i WHERE i.unit = entries.unit AND i.period = entries.period AND upper(i.file) LIKE 'PLDT%')`,
		`UPDATE entries SET via = 'import' WHERE via = '' AND origin = 'import'`,
		// A unit's own closing, brought by its settlement: its P was
		// never closed here, and the unit's workbook of that period was
		// imported.
		`UPDATE entries SET via = 'import' WHERE via = '' AND origin LIKE 'close:%'
		 AND EXISTS (SELECT 1 FROM imports i WHERE i.unit = entries.unit AND i.period = entries.period AND upper(i.file) NOT LIKE 'PLDT%')`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return storeError(op, err)
		}
	}
	return relink(ctx, tx)
}

// relink computes every entry's hash link again from its content, in
// order, and the audit trail's over them, each audit row naming the same
// entry it named before.
func relink(ctx context.Context, tx *sql.Tx) error {
	const op = "sqlite.migrate"
	type link struct {
		seq int64
		h   ledger.Hash
	}
	var links []link
	heads := map[ledger.Hash]ledger.Hash{} // old link → new link
	var prev ledger.Hash
	err := eachRow(ctx, tx, `SELECT `+entryColumns+`, hash FROM entries ORDER BY seq`, func(r *sql.Rows) error {
		var old []byte
		e, err := scanEntry(r, &old)
		if err != nil {
			return err
		}
		prev = ledger.EntryHash(prev, e)
		heads[ledger.Hash(old)] = prev
		links = append(links, link{e.Seq, prev})
		return nil
	})
	if err != nil {
		return storeError(op, err)
	}
	for _, l := range links {
		if _, err := tx.ExecContext(ctx, `UPDATE entries SET hash = ? WHERE seq = ?`, l.h[:], l.seq); err != nil {
			return storeError(op, err)
		}
	}
	type row struct {
		rec  ledger.AuditRecord
		head ledger.Hash
	}
	var audits []row
	err = eachRow(ctx, tx, `SELECT seq, at, who, action, unit, period, subject, reason, entries_head FROM audit ORDER BY seq`, func(r *sql.Rows) error {
		var a row
		var at string
		var head []byte
		if err := r.Scan(&a.rec.Seq, &at, &a.rec.Who, &a.rec.Action, &a.rec.Unit, &a.rec.Period, &a.rec.Subject, &a.rec.Reason, &head); err != nil {
			return err
		}
		a.rec.At, _ = parseStamp(at)
		if len(head) == len(a.head) && !ledger.Hash(head).IsZero() {
			a.head = heads[ledger.Hash(head)]
		}
		audits = append(audits, a)
		return nil
	})
	if err != nil {
		return storeError(op, err)
	}
	prev = ledger.Hash{}
	for _, a := range audits {
		prev = ledger.AuditHash(prev, a.head, &a.rec)
		if _, err := tx.ExecContext(ctx, `UPDATE audit SET entries_head = ?, hash = ? WHERE seq = ?`, a.head[:], prev[:], a.rec.Seq); err != nil {
			return storeError(op, err)
		}
	}
	return nil
}

// Role says whose ledger it is.
func (db *DB) Role(ctx context.Context) (ledger.LedgerRole, error) {
	return readRole(ctx, db.db)
}

func readRole(ctx context.Context, q querier) (ledger.LedgerRole, error) {
	var role string
	var unit sql.NullString
	err := q.QueryRowContext(ctx, `SELECT role, unit FROM ledger_role WHERE id = 1`).Scan(&role, &unit)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ledger.LedgerRole{}, nil
	case err != nil:
		return ledger.LedgerRole{}, storeError("sqlite.Role", err)
	case role == "superior":
		return ledger.SuperiorRole(), nil
	case role == "unit":
		return ledger.UnitRole(unit.String), nil
	}
	return ledger.LedgerRole{}, nil
}

// SetRole records whose ledger it is, audited; changing a role already
// set needs a reason. A unit's ledger names one of its subordinate units.
func (db *DB) SetRole(ctx context.Context, r ledger.LedgerRole, reason string) error {
	const op = "sqlite.SetRole"
	return db.write(ctx, op, func(tx *sql.Tx) error {
		cur, err := readRole(ctx, tx)
		if err != nil {
			return err
		}
		if cur == r {
			return nil
		}
		if cur.Set && strings.TrimSpace(reason) == "" {
			return ledger.FieldErrorf("reason", op, "đổi vai trò của sổ (%s → %s) phải ghi lý do", cur.Label(), r.Label())
		}
		return db.setRole(ctx, tx, r, reason)
	})
}

func (db *DB) setRole(ctx context.Context, tx *sql.Tx, r ledger.LedgerRole, reason string) error {
	const op = "sqlite.SetRole"
	role, unit := "", any(nil)
	switch {
	case r.IsUnit():
		u, err := findUnitTx(ctx, tx, r.Unit)
		if err != nil {
			return err
		}
		if u.Superior {
			return ledger.FieldErrorf("unit", op, "đơn vị %s là đơn vị cấp trên: sổ của đơn vị là sổ của một đơn vị trực thuộc", r.Unit)
		}
		role, unit = "unit", r.Unit
	case r.IsSuperior():
		role = "superior"
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_role (id, role, unit) VALUES (1, ?, ?)
		ON CONFLICT (id) DO UPDATE SET role = excluded.role, unit = excluded.unit`, role, unit); err != nil {
		return storeError(op, err)
	}
	return db.audit(ctx, tx, "role.set", r.Unit, "", r.Label(), reason)
}

// findUnitTx reads a unit inside tx.
func findUnitTx(ctx context.Context, q querier, code string) (ledger.Unit, error) {
	u := ledger.Unit{Code: code}
	err := q.QueryRowContext(ctx, `SELECT name, chapter, is_superior FROM units WHERE code = ?`, code).Scan(&u.Name, &u.Chapter, &u.Superior)
	if errors.Is(err, sql.ErrNoRows) {
		return u, &ledger.Error{Kind: ledger.KindNotFound, Op: "sqlite.FindUnit", Field: "unit", Msg: "không có đơn vị mã " + code + " trong sổ"}
	}
	return u, storeError("sqlite.FindUnit", err)
}

// Signer is the ledger's own signing key.
func (db *DB) Signer(ctx context.Context) (*ledger.Signer, error) {
	var priv []byte
	err := db.db.QueryRowContext(ctx, `SELECT private_key FROM signing_key WHERE id = 1`).Scan(&priv)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &ledger.Error{Kind: ledger.KindDamaged, Op: "sqlite.Signer", Msg: "sổ không có khóa ký: " + damagedAdvice}
	}
	if err != nil {
		return nil, storeError("sqlite.Signer", err)
	}
	return ledger.NewSigner(priv)
}

// EntriesHead is the head of the entries' hash chain.
func (db *DB) EntriesHead(ctx context.Context) (ledger.Hash, error) { return entriesHead(ctx, db.db) }

// PinnedKey is the key trusted now for unit's workbooks.
func (db *DB) PinnedKey(ctx context.Context, unit string) (ledger.PinnedKey, bool, error) {
	return pinnedKey(ctx, db.db, unit)
}

func pinnedKey(ctx context.Context, q querier, unit string) (ledger.PinnedKey, bool, error) {
	keys, err := pinnedKeys(ctx, q, `WHERE unit = ? ORDER BY seq DESC LIMIT 1`, unit)
	if err != nil || len(keys) == 0 {
		return ledger.PinnedKey{}, false, err
	}
	return keys[0], true, nil
}

// PinnedKeys lists the keys trusted now, one per unit, by unit.
func (db *DB) PinnedKeys(ctx context.Context) ([]ledger.PinnedKey, error) {
	return pinnedKeys(ctx, db.db, `WHERE seq IN (SELECT max(seq) FROM pinned_keys GROUP BY unit) ORDER BY unit`)
}

func pinnedKeys(ctx context.Context, q querier, where string, args ...any) ([]ledger.PinnedKey, error) {
	var out []ledger.PinnedKey
	err := eachRowArgs(ctx, q, `SELECT unit, public_key, pinned_at, file, reason FROM pinned_keys `+where, args, func(r *sql.Rows) error {
		var k ledger.PinnedKey
		var at string
		var key []byte
		if err := r.Scan(&k.Unit, &key, &at, &k.File, &k.Reason); err != nil {
			return err
		}
		k.Key = ed25519.PublicKey(key)
		k.PinnedAt, _ = parseStamp(at)
		out = append(out, k)
		return nil
	})
	return out, storeError("sqlite.PinnedKeys", err)
}

// Notice is the superior's approval of unit's settlement of p received in a
// review workbook, nil when none was.
func (db *DB) Notice(ctx context.Context, unit string, p ledger.Period) (*ledger.Notice, error) {
	const op = "sqlite.Notice"
	n := &ledger.Notice{Unit: unit, Period: p}
	var at string
	err := db.db.QueryRowContext(ctx, `SELECT number, date, comment, file, received_at FROM notices WHERE unit = ? AND period = ?`,
		unit, p.String()).Scan(&n.Number, &n.Date, &n.Comment, &n.File, &at)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, nil
	case err != nil:
		return nil, storeError(op, err)
	}
	n.ReceivedAt, _ = parseStamp(at)
	err = eachRowArgs(ctx, db.db, `SELECT row, khoan, approved, reason FROM notice_figures WHERE unit = ? AND period = ? ORDER BY khoan, length(row), row`,
		[]any{unit, p.String()}, func(r *sql.Rows) error {
			var a ledger.Approval
			var v int64
			if err := r.Scan(&a.Row, &a.Khoan, &v, &a.Reason); err != nil {
				return err
			}
			a.Approved = ledger.Money(v)
			n.Figures = append(n.Figures, a)
			return nil
		})
	return n, storeError(op, err)
}

// checkExchange checks again, inside the import's transaction, what
// DecideImport saw: the ledger's role, and the key pinned for the signing
// unit.
func (db *DB) checkExchange(ctx context.Context, tx *sql.Tx, src *ledger.Import) error {
	const op = "sqlite.ImportEntries"
	role, err := readRole(ctx, tx)
	if err != nil {
		return err
	}
	in := &ledger.Incoming{Kind: src.Kind, Unit: ledger.Unit{Code: src.Unit}}
	if err := ledger.CheckRole(role, in); err != nil {
		return err
	}
	if src.SignerUnit == "" {
		return nil
	}
	cur, pinned, err := pinnedKey(ctx, tx, src.SignerUnit)
	if err != nil {
		return err
	}
	if pinned != (src.Pinned != nil) || pinned && !bytes.Equal(cur.Key, src.Pinned) {
		return ledger.Errorf(ledger.KindConflict, op, "khóa ký của đơn vị %s vừa thay đổi trong lúc nhập: hãy nhập lại tệp", src.SignerUnit)
	}
	return nil
}

// recordExchange pins the signer's key, records the findings and the
// notice of an import whose row is seq, inside its transaction, audited.
func (db *DB) recordExchange(ctx context.Context, tx *sql.Tx, src *ledger.Import, seq int64) error {
	const op = "sqlite.ImportEntries"
	if src.PinKey {
		if _, err := tx.ExecContext(ctx, `INSERT INTO pinned_keys (unit, public_key, pinned_at, file, reason) VALUES (?, ?, ?, ?, ?)`,
			src.SignerUnit, []byte(src.Signer), db.stamp(), src.File, src.KeyReason); err != nil {
			return storeError(op, err)
		}
		if err := db.audit(ctx, tx, "key.pin", src.SignerUnit, src.Period.String(),
			fmt.Sprintf("%s: khóa %s", src.File, ledger.Fingerprint(src.Signer)), src.KeyReason); err != nil {
			return err
		}
	}
	for i, f := range src.Findings {
		if _, err := tx.ExecContext(ctx, `INSERT INTO import_findings (import, n, kind, text) VALUES (?, ?, ?, ?)`,
			seq, i+1, string(f.Kind), f.Text); err != nil {
			return storeError(op, err)
		}
		if err := db.audit(ctx, tx, "import.finding", src.Unit, src.Period.String(), src.File+": "+f.String(), ""); err != nil {
			return err
		}
	}
	if src.Notice == nil {
		return nil
	}
	n := src.Notice
	unit, period := src.Unit, src.Period.String()
	if _, err := tx.ExecContext(ctx, `DELETE FROM notice_figures WHERE unit = ? AND period = ?`, unit, period); err != nil {
		return storeError(op, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO notices (unit, period, number, date, comment, file, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (unit, period) DO UPDATE SET number = excluded.number, date = excluded.date, comment = excluded.comment,
		file = excluded.file, received_at = excluded.received_at`, unit, period, n.Number, n.Date, n.Comment, src.File, db.stamp()); err != nil {
		return storeError(op, err)
	}
	for _, a := range n.Figures {
		if _, err := tx.ExecContext(ctx, `INSERT INTO notice_figures (unit, period, row, khoan, approved, reason) VALUES (?, ?, ?, ?, ?, ?)`,
			unit, period, a.Row, a.Khoan, int64(a.Approved), a.Reason); err != nil {
			return storeError(op, err)
		}
	}
	return db.audit(ctx, tx, "notice.receive", unit, period, fmt.Sprintf("%s: thông báo xét duyệt %s, %d số duyệt", src.File, n.Reference(), len(n.Figures)), "")
}

// importFindings reads the findings of the imports of a period, by the
// import's row.
func importFindings(ctx context.Context, q querier, p ledger.Period) (map[int64][]ledger.Finding, error) {
	out := map[int64][]ledger.Finding{}
	err := eachRowArgs(ctx, q, `SELECT f.import, f.kind, f.text FROM import_findings f JOIN imports i ON i.seq = f.import
		WHERE i.period IN (?, ?, ?) ORDER BY f.import, f.n`, coveredArgs(p), func(r *sql.Rows) error {
		var seq int64
		var f ledger.Finding
		if err := r.Scan(&seq, &f.Kind, &f.Text); err != nil {
			return err
		}
		out[seq] = append(out[seq], f)
		return nil
	})
	return out, storeError("sqlite.Imports", err)
}
