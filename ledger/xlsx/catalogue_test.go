package xlsx_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"wardledger/assets"
	"wardledger/ledger"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsx/xlsxtest"
	"wardledger/ledger/xlsximport"
)

func seedCatalogue(t *testing.T) *ledger.Catalogue {
	t.Helper()
	seed, err := ledger.LoadCatalogueSeed(bytes.NewReader(assets.Catalogue), bytes.NewReader(assets.CatalogueBasis), bytes.NewReader(assets.CatalogueRenames))
	if err != nil {
		t.Fatal(err)
	}
	cat := ledger.NewCatalogue(seed.Codes)
	cat.SetBasis(seed.Basis)
	return cat
}

func codesRead(lines []ledger.CodeLine) []ledger.Code {
	out := make([]ledger.Code, len(lines))
	for i, l := range lines {
		out[i] = l.Code
	}
	return out
}

// TestCatalogueWorkbookRoundTrip: the catalogue exported as a workbook
// (and as CSV) reads back the same, and the workbook follows the house's
// print conventions.
func TestCatalogueWorkbookRoundTrip(t *testing.T) {
	ctx := context.Background()
	cat := seedCatalogue(t)
	dir := t.TempDir()
	path, err := xlsx.ExportCatalogue(ctx, cat, dir, xlsxtest.FixedNow())
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != xlsx.CatalogueFileName {
		t.Errorf("wrote %s", path)
	}
	back, err := xlsximport.ReadCatalogue(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(codesRead(back), cat.Ordered()) {
		t.Errorf("the workbook reads back otherwise")
	}
	csvPath, err := xlsx.ExportCatalogue(ctx, cat, filepath.Join(dir, "codes.csv"), xlsxtest.FixedNow())
	if err != nil {
		t.Fatal(err)
	}
	back, err = xlsximport.ReadCatalogue(ctx, csvPath, nil)
	if err != nil || !slices.Equal(codesRead(back), cat.Ordered()) {
		t.Errorf("the CSV reads back otherwise: %v", err)
	}

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g := xlsxtest.ReadGrid(t, f, "Danh mục")
	if !strings.HasPrefix(g.At(1, 0), "Căn cứ: Thông tư 324/2016/TT-BTC") || !strings.Contains(g.At(1, 0), "Thông tư 130/2025/TT-BTC (từ năm 2026)") {
		t.Errorf("basis line %q", g.At(1, 0))
	}
	if g.At(3, 1) != "Mã số" || g.At(4, 0) != "Loại" || g.At(4, 1) != "010" || g.At(5, 1) != "011" {
		t.Errorf("first rows %q %q", g[3], g[4])
	}
	pl, err := f.GetPageLayout("Danh mục")
	if err != nil || *pl.Size != 9 || *pl.Orientation != "landscape" || *pl.FitToWidth != 1 {
		t.Errorf("page layout %+v %v", pl, err)
	}
	if panes, err := f.GetPanes("Danh mục"); err != nil || !panes.Freeze || panes.TopLeftCell != "A5" {
		t.Errorf("panes %+v %v", panes, err)
	}
	titles := false
	for _, d := range f.GetDefinedName() {
		titles = titles || d.Name == "_xlnm.Print_Titles" && d.Scope == "Danh mục"
	}
	if font, _ := f.GetDefaultFont(); font != "Times New Roman" || !titles {
		t.Errorf("font %q, header repeated on printed pages %v", font, titles)
	}

	if _, err := xlsx.ExportCatalogue(ctx, cat, filepath.Join(dir, "codes.pdf"), xlsxtest.FixedNow()); ledger.ErrorKind(err) != ledger.KindInvalid {
		t.Errorf("export to .pdf: %v", err)
	}
}

// annexWorkbook writes a workbook laid out like the circular's annex, as
// a ward would receive or type it: title rows, a two-row header with
// merged cells, codes stored as numbers, a hidden sheet and a second sheet
// of Loại–Khoản.
func annexWorkbook(t *testing.T, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Phụ lục III"))
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(f.SetSheetRow("Phụ lục III", cell, &r))
		if len(r) > 0 && r[0] == "Mã số" { // over the Mục and Tiểu mục columns
			must(f.MergeCell("Phụ lục III", cell, "B"+cell[1:]))
		}
	}
	_, err := f.NewSheet("Phụ lục II")
	must(err)
	for i, r := range [][]any{{"Loại", "Khoản", "Tên"}, {340, nil, "Hoạt động của các cơ quan quản lý nhà nước, Đảng, đoàn thể"}, {nil, 341, "Quản lý nhà nước"}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(f.SetSheetRow("Phụ lục II", cell, &r))
	}
	_, err = f.NewSheet("ẩn")
	must(err)
	must(f.SetCellValue("ẩn", "A1", "Mã số"))
	must(f.SetCellValue("ẩn", "B1", "Tên"))
	must(f.SetCellValue("ẩn", "A2", "bad"))
	must(f.SetSheetVisible("ẩn", false))
	path := filepath.Join(t.TempDir(), "phu-luc.xlsx")
	must(f.SaveAs(path))
	return path
}

func TestReadAnnexWorkbook(t *testing.T) {
	ctx := context.Background()
	path := annexWorkbook(t, [][]any{
		{"PHỤ LỤC III"},
		{"DANH MỤC MÃ MỤC, TIỂU MỤC"},
		{},
		{"Mã số", nil, "Tên gọi"},
		{"Mục", "Tiểu mục"},
		{"A", "B", "C"},
		{6650, nil, "Hội nghị"},
		{nil, 6651, "In, mua tài liệu"},
		{6650, 6659, "Chi khác phục vụ\nhội nghị"},
	})
	lines, err := xlsximport.ReadCatalogue(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lines {
		got = append(got, l.Where()+" "+string(l.Level)+" "+l.Code.Code+" "+l.Parent+" "+l.Name)
	}
	want := []string{
		"trang Phụ lục III, dòng 7 muc 6650  Hội nghị",
		"trang Phụ lục III, dòng 8 tieu_muc 6651 6650 In, mua tài liệu",
		"trang Phụ lục III, dòng 9 tieu_muc 6659 6650 Chi khác phục vụ hội nghị",
		"trang Phụ lục II, dòng 2 loai 340  Hoạt động của các cơ quan quản lý nhà nước, Đảng, đoàn thể",
		"trang Phụ lục II, dòng 3 khoan 341 340 Quản lý nhà nước",
	}
	if !slices.Equal(got, want) {
		t.Errorf("read:\n%s", strings.Join(got, "\n"))
	}

	// A bad row is refused with its sheet and row; nothing is read.
	bad := annexWorkbook(t, [][]any{{"Mã số", nil, "Tên gọi"}, {"Mục", "Tiểu mục"}, {6650, nil, "Hội nghị"}, {nil, "66x1", "In"}})
	_, err = xlsximport.ReadCatalogue(ctx, bad, nil)
	if ledger.ErrorKind(err) != ledger.KindInvalid || !strings.Contains(err.Error(), "trang Phụ lục III, dòng 4: mã \"66x1\" không hợp lệ") {
		t.Errorf("bad row: %v", err)
	}

	// Not a workbook, not a catalogue, not a known extension.
	notes := filepath.Join(t.TempDir(), "notes.xlsx")
	if err := os.WriteFile(notes, []byte("ghi chú"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{notes, filepath.Join(t.TempDir(), "x.pdf")} {
		if _, err := xlsximport.ReadCatalogue(ctx, p, nil); ledger.ErrorKind(err) != ledger.KindInvalid {
			t.Errorf("%s: %v", p, err)
		}
	}
	if _, err := xlsximport.ReadCatalogue(ctx, filepath.Join(t.TempDir(), "none.csv"), nil); ledger.ErrorKind(err) != ledger.KindNotFound {
		t.Errorf("missing file: %v", err)
	}
}
