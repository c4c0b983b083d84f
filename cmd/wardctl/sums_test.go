package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

// TestAllocateSumOverflow: an allocation grid whose cells are each within
// the limit but add up beyond int64 is refused as bad input (exit 2) with
// the limit, before anything is written; so is a cell that lines repeated
// for it take beyond MaxAmount.
func TestAllocateSumOverflow(t *testing.T) {
	ctx := context.Background()
	db := newLedger(t)
	var khoans []string
	for _, l := range strings.Split(strings.TrimSpace(ok(t, db, "catalogue", "list", "--level", "khoan", "--year", "2026", "--format", "csv")), "\n")[1:] {
		khoans = append(khoans, strings.Split(l, ",")[1])
	}
	// Enough units that their cells of 10^15 on every Khoản and nature add
	// up beyond int64 (9224 × 10^15 > MaxInt64); each unit's own stay far
	// under the limit of its half-year.
	n := 9224/(2*len(khoans)) + 1
	l, err := sqlite.Open(ctx, db, sqlite.Options{})
	must(t, err)
	var units []string
	for i := range n {
		u := ledger.Unit{Code: fmt.Sprintf("11%05d", i), Name: fmt.Sprintf("UBND phường %d", i+1), Chapter: "599"}
		must(t, l.AddUnit(ctx, u))
		units = append(units, u.Code)
	}
	must(t, l.Close())
	dir := t.TempDir()
	var grid strings.Builder
	grid.WriteString("unit,khoan,nature,amount\n")
	for _, u := range units {
		for _, k := range khoans {
			for _, n := range []string{"TX", "KTX"} {
				fmt.Fprintf(&grid, "%s,%s,%s,1.000.000.000.000.000\n", u, k, n)
			}
		}
	}
	big := filepath.Join(dir, "big.csv")
	must(t, os.WriteFile(big, []byte(grid.String()), 0o644))
	repeated := filepath.Join(dir, "repeated.csv")
	must(t, os.WriteFile(repeated, []byte("unit,khoan,nature,amount\n1000002,341,TX,1.000.000.000.000.000\n1000002,341,TX,1\n"), 0o644))
	for _, c := range []struct{ file, says string }{
		{big, "tổng số giao của quyết định vượt giới hạn"},
		{repeated, "vượt giới hạn 1.000.000.000.000.000 đồng"},
	} {
		out, stderr, code := wardctl(t, db, "allocate", "--period", "2026-H2", "--doc", "9/QĐ-UBND", "--date", "2026-06-20", "--file", c.file)
		if code != 2 || !strings.Contains(stderr, c.says) || out != "" {
			t.Errorf("%s: exit %d, out %q, stderr %s; want exit 2 with %q", filepath.Base(c.file), code, out, stderr, c.says)
		}
	}
	for _, u := range append(units[:2:2], "1000002") {
		if list := ok(t, db, "entry", "list", "--unit", u, "--period", "2026-H2", "--format", "csv"); strings.Count(strings.TrimSpace(list), "\n") != 0 {
			t.Errorf("a refused decision wrote entries of %s:\n%s", u, list)
		}
	}
}
