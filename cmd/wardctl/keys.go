package main

import (
	"context"
	"encoding/hex"
	"fmt"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

func init() {
	register(
		command{"keys", "[--format table|csv|json]   (this ledger's signing key and the keys recorded for its units)", runKeys},
		command{"role", "[--superior | --unit CODE] [--reason TEXT]   (whose ledger this is; without a flag, prints it)", runRole},
	)
}

type keyJSON struct {
	Unit        string `json:"unit"`
	Fingerprint string `json:"fingerprint"`
	PublicKey   string `json:"public_key"`
	PinnedAt    string `json:"pinned_at,omitempty"`
	File        string `json:"file,omitempty"`
	Reason      string `json:"reason,omitempty"`
}

type keysJSON struct {
	Role   string    `json:"role"`
	Own    keyJSON   `json:"own"`
	Pinned []keyJSON `json:"pinned"`
}

// runKeys prints this ledger's fingerprint and the keys it has pinned.
func runKeys(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "keys", true)
	if err := f.parseFlags(args); err != nil {
		return err
	}
	return f.withReadDB(ctx, func(db *sqlite.DB) error {
		s, err := db.Signer(ctx)
		if err != nil {
			return err
		}
		role, err := db.Role(ctx)
		if err != nil {
			return err
		}
		pinned, err := db.PinnedKeys(ctx)
		if err != nil {
			return err
		}
		own := keyJSON{Unit: ownUnit(ctx, db, role), Fingerprint: ledger.Fingerprint(s.Public()), PublicKey: hex.EncodeToString(s.Public())}
		js := keysJSON{Role: role.String(), Own: own, Pinned: []keyJSON{}}
		t := &table{header: []string{"unit", "fingerprint", "pinned_at", "file", "reason"}}
		for _, k := range pinned {
			at := k.PinnedAt.Local().Format("2006-01-02 15:04")
			js.Pinned = append(js.Pinned, keyJSON{k.Unit, ledger.Fingerprint(k.Key), hex.EncodeToString(k.Key), at, k.File, k.Reason})
			t.rows = append(t.rows, []string{k.Unit, ledger.Fingerprint(k.Key), at, k.File, k.Reason})
		}
		t.json = js
		if *f.format == "table" {
			fmt.Fprintf(e.stdout, "Sổ này (%s): khóa ký %s\n", role.Label(), own.Fingerprint)
			if len(pinned) == 0 {
				fmt.Fprintln(e.stdout, "Chưa ghi nhận khóa ký của đơn vị nào (khóa được ghi nhận ở lần nhập tệp đầu tiên của mỗi đơn vị).")
				return nil
			}
			fmt.Fprintln(e.stdout, "Khóa đã ghi nhận:")
		}
		return f.print(e.stdout, t)
	})
}

// ownUnit is the unit whose key this ledger's is: its own unit, or the
// superior unit.
func ownUnit(ctx context.Context, db *sqlite.DB, role ledger.LedgerRole) string {
	if role.IsUnit() {
		return role.Unit
	}
	if sup, err := db.Superior(ctx); err == nil {
		return sup.Code
	}
	return ""
}

// runRole prints whose ledger this is, or records it.
func runRole(ctx context.Context, e *env, args []string) error {
	f := newFlags(e, "role", false)
	superior := f.Bool("superior", false, "the superior unit's ledger")
	unit := f.String("unit", "", "Mã ĐVQHNS of the subordinate unit whose own ledger this is")
	reason := f.String("reason", "", "why the role changes (needed once a role is set)")
	if err := f.parseFlags(args); err != nil {
		return err
	}
	if *superior && *unit != "" {
		return ledger.Errorf(ledger.KindInvalid, "role", "role: dùng --superior hoặc --unit, không dùng cả hai")
	}
	if !*superior && *unit == "" {
		return f.withReadDB(ctx, func(db *sqlite.DB) error {
			r, err := db.Role(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, r.Label())
			return nil
		})
	}
	r := ledger.SuperiorRole()
	if *unit != "" {
		r = ledger.UnitRole(*unit)
	}
	return f.withDB(ctx, func(db *sqlite.DB) error {
		if err := db.SetRole(ctx, r, *reason); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, r.Label())
		return nil
	})
}
