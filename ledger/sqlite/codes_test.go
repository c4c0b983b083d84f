package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/sqlite"
)

func readLines(t *testing.T, cat *ledger.Catalogue, body string) []ledger.CodeLine {
	t.Helper()
	lines, err := ledger.ReadCatalogueCSV(strings.NewReader(body), "", cat)
	must(t, err)
	return lines
}

func auditActions(t *testing.T, db *sqlite.DB, prefix string) []string {
	t.Helper()
	rows, err := db.SQL().Query(`SELECT action || ' ' || subject FROM audit WHERE action LIKE ? ORDER BY seq`, prefix+"%")
	must(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		must(t, rows.Scan(&s))
		out = append(out, s)
	}
	return out
}

// TestNewLedgerCatalogue: a new ledger has the shipped catalogue with its
// sources, years and circulars, without an audit row per seeded code.
func TestNewLedgerCatalogue(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	cat, err := db.Catalogue(ctx)
	must(t, err)
	if cat.Len() != 185 {
		t.Errorf("%d codes", cat.Len())
	}
	if c, _ := cat.Lookup(ledger.LevelTieuMuc, "6106"); c.Until != 2016 || c.Replacement != "6105" || c.Source != "WL-SEED" {
		t.Errorf("6106: %+v", c)
	}
	if c, _ := cat.Lookup(ledger.LevelTieuMuc, "6655"); c.Source != "TKBH-2024" || c.Parent != "6650" {
		t.Errorf("6655: %+v", c)
	}
	if b, ok := cat.Basis(2026); !ok || b.Circular != "Thông tư 130/2025/TT-BTC" {
		t.Errorf("basis 2026: %+v", b)
	}
	if a := auditActions(t, db, "code."); len(a) != 0 {
		t.Errorf("seeding a new ledger audited %d codes", len(a))
	}
}

// TestImportCatalogue: new codes are added and renames wait for
// confirmation; a refused import changes nothing; every change is
// audited; codes cannot be deleted.
func TestImportCatalogue(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	cat, err := db.Catalogue(ctx)
	must(t, err)
	lines := readLines(t, cat, "level,code,name,parent\n"+
		"muc,8000,Chi hỗ trợ khác,\n"+
		"tieu_muc,8001,Hỗ trợ doanh nghiệp,8000\n"+
		"tieu_muc,6105,Phụ cấp làm đêm,6100\n"+
		"tieu_muc,6001,\"Lương theo ngạch, bậc\",6000\n")

	before := snapshot(t, db)
	ch, err := db.ImportCatalogue(ctx, lines, ledger.CatalogueImport{Source: "tt130.csv", Reason: "nhập từ tệp tt130.csv"})
	if ledger.ErrorKind(err) != ledger.KindConflict || !strings.Contains(err.Error(), "Tiểu mục 6105: “Phụ cấp làm đêm, làm thêm giờ” → “Phụ cấp làm đêm”") {
		t.Fatalf("rename without confirmation: %v", err)
	}
	if ch == nil || len(ch.Added) != 2 || len(ch.Renamed) != 1 || ch.Same != 1 {
		t.Fatalf("change returned with the refusal: %+v", ch)
	}
	if snapshot(t, db) != before {
		t.Fatal("a refused import changed the ledger")
	}

	ch, err = db.ImportCatalogue(ctx, lines, ledger.CatalogueImport{Rename: true, Source: "tt130.csv", Reason: "nhập từ tệp tt130.csv"})
	must(t, err)
	cat, err = db.Catalogue(ctx)
	must(t, err)
	if c, _ := cat.Lookup(ledger.LevelTieuMuc, "8001"); c.Name != "Hỗ trợ doanh nghiệp" || c.Source != "tt130.csv" {
		t.Errorf("8001: %+v", c)
	}
	if got := cat.Name(ledger.LevelTieuMuc, "6105"); got != "Phụ cấp làm đêm" {
		t.Errorf("6105 is %q", got)
	}
	want := []string{"code.add muc 8000 Chi hỗ trợ khác", "code.add tieu_muc 8001 Hỗ trợ doanh nghiệp",
		"code.rename Tiểu mục 6105: “Phụ cấp làm đêm, làm thêm giờ” → “Phụ cấp làm đêm” (dòng 4)"}
	if got := auditActions(t, db, "code."); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit:\n%s", strings.Join(got, "\n"))
	}

	// The same file again changes nothing.
	ch, err = db.ImportCatalogue(ctx, lines, ledger.CatalogueImport{})
	must(t, err)
	if ch.Changes() != 0 || ch.Same != 4 {
		t.Errorf("second import: %+v", ch)
	}
	// A Tiểu mục whose Mục is nowhere is refused with its line.
	_, err = db.ImportCatalogue(ctx, readLines(t, cat, "level,code,name,parent\ntieu_muc,8051,x,8050\n"), ledger.CatalogueImport{})
	if ledger.ErrorKind(err) != ledger.KindInvalid || !strings.Contains(err.Error(), "dòng 2: Tiểu mục 8051 thuộc Mục 8050") {
		t.Errorf("unknown Mục: %v", err)
	}
	if _, err := db.SQL().Exec(`DELETE FROM codes WHERE code = '8001'`); err == nil || !strings.Contains(err.Error(), "never deleted") {
		t.Errorf("delete: %v", err)
	}
	mustCheckClean(t, db) // the audit rows of the catalogue keep the chain
}

// TestRetireCode: an entry on a retired code is refused for the years
// after, with its replacement; the entries already there stay; a code
// valid again takes entries again.
func TestRetireCode(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	fund(t, db, h1, ledger.TX, 1_000_000, 500_000, 100_000) // spends on 6001
	must(t, db.RetireCode(ctx, ledger.LevelTieuMuc, "6001", 2025, "6003"))
	before := snapshot(t, db)
	err := db.AddEntry(ctx, mk(h1, ledger.EntrySpending, ledger.TX, "341", "6001", 1000, h1.Start()))
	if ledger.ErrorKind(err) != ledger.KindInvalid || ledger.ErrorField(err) != "tieu_muc" ||
		!strings.Contains(err.Error(), "hết hiệu lực sau năm 2025") || !strings.Contains(err.Error(), "dùng Tiểu mục 6003 “Lương hợp đồng theo chế độ”") {
		t.Fatalf("entry on a retired code: %v", err)
	}
	if snapshot(t, db) != before {
		t.Fatal("the refusal changed the ledger")
	}
	// The spending already recorded on it can still be reversed.
	es, err := db.Entries(ctx, ledger.EntryFilter{Unit: ward, Period: h1, Kinds: []ledger.EntryKind{ledger.EntrySpending}})
	must(t, err)
	if _, err := db.ReverseEntry(ctx, es[0].ID, "nhầm"); err != nil {
		t.Errorf("reversing an entry on a retired code: %v", err)
	}
	if got := auditActions(t, db, "code.update"); len(got) != 1 || !strings.Contains(got[0], "đến năm 2025, thay bằng 6003") {
		t.Errorf("audit %q", got)
	}
	must(t, db.RetireCode(ctx, ledger.LevelTieuMuc, "6001", 0, ""))
	add(t, db, mk(h1, ledger.EntrySpending, ledger.TX, "341", "6001", 1000, h1.Start()))
	if err := db.RetireCode(ctx, ledger.LevelTieuMuc, "6002", 2025, "6998"); ledger.ErrorKind(err) != ledger.KindInvalid {
		t.Errorf("replacement unknown: %v", err)
	}
	if err := db.RetireCode(ctx, ledger.LevelTieuMuc, "6997", 2025, ""); ledger.ErrorKind(err) != ledger.KindNotFound {
		t.Errorf("unknown code: %v", err)
	}
}

// TestMigrateCatalogue: a ledger made before codes had years keeps its
// codes and names its user chose, takes the corrected names of the codes
// it still calls by the first seed's names, gains the codes it lacks, and
// every change is audited.
func TestMigrateCatalogue(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v2.db")
	mustOldLedger(t, path, 2,
		`INSERT INTO codes VALUES ('loai', '340', 'Hoạt động của các cơ quan quản lý nhà nước, tổ chức chính trị và các tổ chức chính trị - xã hội', ''),
			('khoan', '341', 'Quản lý nhà nước', '340'), ('muc', '6100', 'Phụ cấp lương', ''),
			('tieu_muc', '6105', 'Phụ cấp làm đêm', '6100'), ('tieu_muc', '6107', 'Phụ cấp độc hại (tên do người dùng sửa)', '6100'),
			('tieu_muc', '6106', 'Phụ cấp thêm giờ', '6100'), ('muc', '8000', 'Mục do người dùng thêm', '')`)
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	must(t, err)
	defer db.Close()
	cat, err := db.Catalogue(ctx)
	must(t, err)
	for _, c := range []struct{ level, code, name string }{
		{"loai", "340", "Hoạt động của các cơ quan quản lý nhà nước, Đảng, đoàn thể"},
		{"tieu_muc", "6105", "Phụ cấp làm đêm, làm thêm giờ"},
		{"tieu_muc", "6107", "Phụ cấp độc hại (tên do người dùng sửa)"},
		{"muc", "8000", "Mục do người dùng thêm"},
		{"tieu_muc", "6655", "Thuê hội trường, phương tiện vận chuyển"},
	} {
		if got := cat.Name(ledger.CodeLevel(c.level), c.code); got != c.name {
			t.Errorf("%s %s: %q, want %q", c.level, c.code, got, c.name)
		}
	}
	if cat.Len() != 186 || cat.Valid(ledger.LevelTieuMuc, "6106", 2026) {
		t.Errorf("%d codes; 6106 valid in 2026: %v", cat.Len(), cat.Valid(ledger.LevelTieuMuc, "6106", 2026))
	}
	if c, _ := cat.Lookup(ledger.LevelTieuMuc, "6107"); c.Source != "" {
		t.Errorf("6107, renamed by its user, took the seed's source: %+v", c)
	}
	audit := auditActions(t, db, "code.")
	// 179 codes added, 340 and 6105 renamed, 341, 6100 and 6106 given a
	// source (and 6106 its years).
	if len(audit) != 179+2+3 || !strings.Contains(strings.Join(audit, "\n"), "code.rename Loại 340") {
		t.Errorf("%d audit rows:\n%s", len(audit), strings.Join(audit, "\n"))
	}
	if _, ok := cat.Basis(2025); !ok {
		t.Error("no basis after migration")
	}
	mustCheckClean(t, db)
}

// mustOldLedger makes at path a ledger of an older schema: the first
// version migrations, then stmts.
func mustOldLedger(t *testing.T, path string, version int, stmts ...string) {
	t.Helper()
	all, err := filepath.Glob("migration/*.sql")
	must(t, err)
	var files []string // a version's .post.sql runs with it, after its Go step
	for _, f := range all {
		if !strings.HasSuffix(f, ".post.sql") {
			files = append(files, f)
		}
	}
	raw, err := sql.Open("sqlite", path)
	must(t, err)
	defer raw.Close()
	for _, f := range files[:version] {
		body, err := os.ReadFile(f)
		must(t, err)
		_, err = raw.Exec(string(body))
		must(t, err)
	}
	for _, q := range append([]string{fmt.Sprintf("PRAGMA user_version = %d", version)}, stmts...) {
		_, err := raw.Exec(q)
		must(t, err)
	}
}
