package ledger_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"wardledger/assets"
	"wardledger/ledger"
)

// lineCodes prints codes read as "level code parent name" lines.
func lineCodes(ls []ledger.CodeLine) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = fmt.Sprintf("%s %s %s %s @%d", l.Level, l.Code.Code, l.Parent, l.Name, l.Line)
	}
	return out
}

// readSheet feeds rows (cells separated by |) to a catalogue reader as a
// workbook's sheet.
func readSheet(known *ledger.Catalogue, rows ...string) ([]ledger.CodeLine, error) {
	r := ledger.NewCatalogueReader(known, true)
	s := r.Sheet("Phụ lục")
	for i, row := range rows {
		if s.Row(i+1, strings.Split(row, "|")) != nil {
			break
		}
	}
	return r.Codes()
}

// TestReadCatalogueLayouts: the layouts a ward meets — the official
// annex with a column per level under a title and a two-row header, a
// "Mã số | Tên | Thuộc" list, and the CSV form of the seed.
func TestReadCatalogueLayouts(t *testing.T) {
	annex, err := readSheet(nil,
		"PHỤ LỤC III||",
		"DANH MỤC MÃ MỤC, TIỂU MỤC||",
		"(Kèm theo Thông tư số 130/2025/TT-BTC)||",
		"Mã số||Tên gọi",
		"Mục|Tiểu mục|",
		"A|B|C",
		"|| I. Chi thường xuyên",
		"6650||Hội nghị",
		"|6651|In, mua tài liệu",
		"6650|6655|Thuê hội trường,\n  phương tiện vận chuyển",
		"7150||Chi về công tác người có công với cách mạng",
		"|7152|Trợ cấp hằng tháng",
	)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"muc 6650  Hội nghị @8", "tieu_muc 6651 6650 In, mua tài liệu @9",
		"tieu_muc 6655 6650 Thuê hội trường, phương tiện vận chuyển @10",
		"muc 7150  Chi về công tác người có công với cách mạng @11", "tieu_muc 7152 7150 Trợ cấp hằng tháng @12",
	}
	if got := lineCodes(annex); !slices.Equal(got, want) {
		t.Errorf("annex layout:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Loại–Khoản: the codes are numbers in the workbook (010 became 10).
	lk, err := readSheet(nil,
		"STT|Loại|Khoản|Tên",
		"1|10||Quốc phòng",
		"2||11|Quốc phòng",
		"3|340||Hoạt động của các cơ quan quản lý nhà nước, Đảng, đoàn thể",
		"4||341|Quản lý nhà nước",
	)
	if err != nil {
		t.Fatal(err)
	}
	want = []string{"loai 010  Quốc phòng @2", "khoan 011 010 Quốc phòng @3",
		"loai 340  Hoạt động của các cơ quan quản lý nhà nước, Đảng, đoàn thể @4", "khoan 341 340 Quản lý nhà nước @5"}
	if got := lineCodes(lk); !slices.Equal(got, want) {
		t.Errorf("Loại–Khoản layout:\n%s", strings.Join(got, "\n"))
	}

	// A plain list: the level follows from the number and the group.
	plain, err := readSheet(seedCatalogue(t),
		"Mã số|Tên|Thuộc|Hiệu lực đến năm|Mã thay thế",
		"6650|Hội nghị||",
		"6655|Thuê hội trường||",
		"341|Quản lý nhà nước|340|",
		"340|Quản lý nhà nước, Đảng, đoàn thể||",
		"6106|Phụ cấp thêm giờ|6100|2016|6105",
	)
	if err != nil {
		t.Fatal(err)
	}
	want = []string{"muc 6650  Hội nghị @2", "tieu_muc 6655 6650 Thuê hội trường @3", "khoan 341 340 Quản lý nhà nước @4",
		"loai 340  Quản lý nhà nước, Đảng, đoàn thể @5", "tieu_muc 6106 6100 Phụ cấp thêm giờ @6"}
	if got := lineCodes(plain); !slices.Equal(got, want) {
		t.Errorf("plain layout:\n%s", strings.Join(got, "\n"))
	}
	if l := plain[4]; l.Until != 2016 || l.Replacement != "6105" || !l.HasUntil || l.HasFrom || l.HasSource {
		t.Errorf("6106 read as %+v", l)
	}

	// CSV, semicolons (Excel where the list separator is one), BOM.
	csvCodes, err := ledger.ReadCatalogueCSV(strings.NewReader("\ufeff# ghi chú\nlevel;code;name;parent\nmuc;6650;Hội nghị;\ntieu_muc;6655;\"Thuê hội trường; phương tiện\";6650\n"), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	want = []string{"muc 6650  Hội nghị @3", "tieu_muc 6655 6650 Thuê hội trường; phương tiện @4"}
	if got := lineCodes(csvCodes); !slices.Equal(got, want) {
		t.Errorf("csv:\n%s", strings.Join(got, "\n"))
	}
}

// TestReadCatalogueRefusals: every refusal names its line; a file with
// any error gives no code.
func TestReadCatalogueRefusals(t *testing.T) {
	for _, c := range []struct {
		name string
		body string
		want []string
	}{
		{"bad code", "level,code,name,parent\nmuc,6650,Hội nghị,\ntieu_muc,66551,Thuê,6650\n", []string{"dòng 3: mã \"66551\" không hợp lệ"}},
		{"short code in a CSV", "level,code,name,parent\nkhoan,34,Quản lý,340\n", []string{"dòng 2:"}},
		{"no name", "level,code,name,parent\nmuc,6650,,\n", []string{"dòng 2: chưa nhập tên cho mã 6650"}},
		{"duplicate", "level,code,name,parent\nmuc,6650,Hội nghị,\nmuc,6650,Hội thảo,\n", []string{"dòng 3: Mục 6650 đã có ở dòng 2"}},
		{"unknown level", "level,code,name,parent\nchuong,599,Chương,\n", []string{"dòng 2: cấp mã \"chuong\" không hợp lệ"}},
		{"Loại or Khoản", "Mã số,Tên\n345,Khác\n", []string{"dòng 2: không rõ mã 345 là Loại hay Khoản"}},
		{"Khoản without Loại", "level,code,name,parent\nkhoan,341,Quản lý,\n", []string{"dòng 2: không rõ Khoản 341 thuộc Loại nào"}},
		{"bad year", "level,code,name,parent,valid_until\nmuc,6650,Hội nghị,,năm sau\n", []string{"dòng 2: năm hiệu lực \"năm sau\""}},
		{"several", "level,code,name,parent\nmuc,66x0,A,\nmuc,6700,,\nmuc,6750,Thuê mướn,\nmuc,6750,Thuê,\n",
			[]string{"tệp danh mục có 3 lỗi", "dòng 2:", "dòng 3:", "dòng 5:"}},
		{"no header", "a,b,c\n1,2,3\n", []string{"không tìm thấy dòng tiêu đề"}},
		{"no codes", "level,code,name,parent\n", []string{"không có mã nào"}},
		{"broken CSV", "level,code,name,parent\nmuc,6650,\"Hội nghị,\n", []string{"dòng 2: dòng CSV hỏng"}},
	} {
		got, err := ledger.ReadCatalogueCSV(strings.NewReader(c.body), "", nil)
		if err == nil {
			t.Errorf("%s: accepted: %v", c.name, lineCodes(got))
			continue
		}
		if ledger.ErrorKind(err) != ledger.KindInvalid {
			t.Errorf("%s: kind %v", c.name, ledger.ErrorKind(err))
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q lacks %q", c.name, err, w)
			}
		}
	}
	// The line of the first problem travels with the error.
	_, err := ledger.ReadCatalogueCSV(strings.NewReader("level,code,name,parent\nmuc,6650,A,\n\nmuc,67,B,\n"), "", nil)
	if ledger.ErrorItem(err) != 4 {
		t.Errorf("item %d: %v", ledger.ErrorItem(err), err)
	}
}

// TestReadCatalogueBounded: a file beyond the limits is refused without
// being read whole.
func TestReadCatalogueBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("level,code,name,parent\n")
	for i := 0; b.Len() < 17<<20; i++ {
		fmt.Fprintf(&b, "muc,%04d,%s,\n", i%10000, strings.Repeat("x", 200))
	}
	if _, err := ledger.ReadCatalogueCSV(strings.NewReader(b.String()), "", nil); err == nil ||
		!(strings.Contains(err.Error(), "lớn quá") || strings.Contains(err.Error(), "đã dừng đọc")) {
		t.Errorf("a 17 MB file: %v", err)
	}
	// Many rows, each fine but for being a duplicate: reading stops at
	// the problem limit.
	r := ledger.NewCatalogueReader(nil, false)
	s := r.Sheet("")
	s.Row(1, []string{"level", "code", "name", "parent"})
	n := 2
	for ; n < 100_000; n++ {
		if s.Row(n, []string{"muc", "6650", "Hội nghị", ""}) != nil {
			break
		}
	}
	if n > 100 {
		t.Errorf("kept reading %d rows", n)
	}
	if _, err := r.Codes(); err == nil || !strings.Contains(err.Error(), "đã dừng đọc") {
		t.Errorf("%v", err)
	}
}

// TestPlanCatalogue: new codes are added, renames and moves are listed
// apart, years and sources not given are kept, nothing is removed.
func TestPlanCatalogue(t *testing.T) {
	cat := seedCatalogue(t)
	in, err := ledger.ReadCatalogueCSV(strings.NewReader(
		"level,code,name,parent\n"+
			"tieu_muc,6106,Phụ cấp thêm giờ,6100\n"+ // same; its retirement is kept
			"tieu_muc,6105,Phụ cấp làm đêm,6100\n"+ // renamed back
			"muc,8000,Chi hỗ trợ khác,\n"+
			"tieu_muc,8001,Hỗ trợ,8000\n"), "", cat)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := ledger.PlanCatalogue(cat, in, "tt130.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if ch.Same != 1 || len(ch.Added) != 2 || len(ch.Renamed) != 1 || len(ch.Updated) != 0 {
		t.Fatalf("plan %+v", ch)
	}
	if a := ch.Added[0]; a.Source != "tt130.xlsx" || a.Code.Code != "8000" {
		t.Errorf("added %+v", a)
	}
	if got := ch.RenameProblems(); len(got) != 1 || got[0] != "Tiểu mục 6105: “Phụ cấp làm đêm, làm thêm giờ” → “Phụ cấp làm đêm” (dòng 3)" {
		t.Errorf("renames %q", got)
	}

	// Years given change the code; 0 clears one.
	in, _ = ledger.ReadCatalogueCSV(strings.NewReader("level,code,name,parent,valid_until,replacement\ntieu_muc,6106,Phụ cấp thêm giờ,6100,0,\ntieu_muc,6002,\"Lương tập sự, công chức dự bị\",6000,2025,6001\n"), "", cat)
	ch, err = ledger.PlanCatalogue(cat, in, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Updated) != 2 || ch.Updated[0].New.Until != 0 || ch.Updated[0].New.Replacement != "" || ch.Updated[1].New.Until != 2025 {
		t.Errorf("updated %+v", ch.Updated)
	}
	if d := ch.Updated[1].Describe(); d != "Tiểu mục 6002: hiệu lực: luôn có hiệu lực → đến năm 2025, thay bằng 6001 (dòng 3)" {
		t.Errorf("describe %q", d)
	}

	// Groups and replacements must exist, in the ledger or in the file.
	in, _ = ledger.ReadCatalogueCSV(strings.NewReader("level,code,name,parent,replacement\ntieu_muc,8051,Hỗ trợ,8050,\ntieu_muc,6107,x,6100,6148\n"), "", cat)
	_, err = ledger.PlanCatalogue(cat, in, "")
	if err == nil || !strings.Contains(err.Error(), "dòng 2: Tiểu mục 8051 thuộc Mục 8050, nhưng Mục 8050 chưa có") ||
		!strings.Contains(err.Error(), "dòng 3: mã thay thế 6148") || ledger.ErrorItem(err) != 2 {
		t.Errorf("missing group: %v", err)
	}
}

// FuzzReadCatalogueCSV: never panics; every code accepted is valid and
// read from a line of the file.
func FuzzReadCatalogueCSV(f *testing.F) {
	f.Add(string(assets.Catalogue))
	f.Add("Mã số;Tên;Thuộc\n6650;Hội nghị;\n6655;Thuê;6650\n")
	f.Add("STT,Loại,Khoản,Tên\n1,010,,Quốc phòng\n2,,011,Quốc phòng\n")
	f.Fuzz(func(t *testing.T, body string) {
		lines, err := ledger.ReadCatalogueCSV(strings.NewReader(body), "", nil)
		if err != nil {
			return
		}
		n := bytes.Count([]byte(body), []byte("\n")) + 1
		for _, l := range lines {
			if err := l.Code.Validate(); err != nil {
				t.Fatalf("accepted invalid code %+v: %v", l, err)
			}
			if l.Line < 1 || l.Line > n {
				t.Fatalf("line %d of a %d-line file", l.Line, n)
			}
		}
	})
}
