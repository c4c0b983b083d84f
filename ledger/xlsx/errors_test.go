package xlsx_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"wardledger/ledger"
	"wardledger/ledger/xlsx"
	"wardledger/ledger/xlsx/xlsxtest"
)

// listDir names what a directory holds, temporary files included.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestBadRequestsLeaveNoFile(t *testing.T) {
	db := xlsxtest.Demo(t, 2, 40)
	blocker := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	settle := func(unit string, p ledger.Period) xlsx.Request {
		return xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: unit, Period: p, Now: xlsxtest.FixedNow}
	}
	cases := []struct {
		name string
		ctx  context.Context
		req  xlsx.Request
		out  func(dir string) string
		kind ledger.Kind
		msg  string
	}{
		{"unknown unit", nil, settle("9999999", h1), nil, ledger.KindNotFound, "không có đơn vị mã 9999999"},
		{"no unit", nil, settle("", h1), nil, ledger.KindInvalid, "chưa chọn đơn vị"},
		{"superior unit", nil, settle("1000001", h1), nil, ledger.KindInvalid, "đơn vị cấp trên"},
		{"period without data", nil, settle("1000002", ledger.MustPeriod("2030-H1")), nil, ledger.KindNotFound, "không có bút toán nào"},
		{"district without data", nil, xlsx.Request{Kind: ledger.WorkbookDistrict, Period: ledger.MustPeriod("2030-H1")}, nil, ledger.KindNotFound, "không đơn vị trực thuộc nào"},
		{"allocation without data", nil, xlsx.Request{Kind: ledger.WorkbookAllocation, Period: ledger.MustPeriod("2030-H1")}, nil, ledger.KindNotFound, "dự toán được giao"},
		{"no period", nil, xlsx.Request{Kind: ledger.WorkbookDistrict}, nil, ledger.KindInvalid, "chưa chọn kỳ"},
		{"unknown kind", nil, xlsx.Request{Kind: "budget", Period: h1}, nil, ledger.KindInvalid, "loại báo cáo"},
		{"missing folder", nil, settle("1000002", h1), func(d string) string { return filepath.Join(d, "no", "x.xlsx") }, ledger.KindInvalid, "không tồn tại"},
		{"folder is a file", nil, settle("1000002", h1), func(string) string { return filepath.Join(blocker, "x.xlsx") }, ledger.KindInvalid, "không tồn tại"},
		{"not .xlsx", nil, settle("1000002", h1), func(d string) string { return filepath.Join(d, "x.pdf") }, ledger.KindInvalid, ".xlsx"},
		{"canceled", canceled, settle("1000002", h1), nil, ledger.KindInvalid, "đã hủy"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			out := dir
			if c.out != nil {
				out = c.out(dir)
			}
			ctx := c.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			path, err := xlsx.Export(ctx, db, c.req, out)
			if err == nil {
				t.Fatalf("wrote %s", path)
			}
			if path != "" {
				t.Errorf("returned path %q with an error", path)
			}
			if ledger.ErrorKind(err) != c.kind || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %v (kind %v), want kind %v with %q", err, ledger.ErrorKind(err), c.kind, c.msg)
			}
			if c.ctx == canceled && !errors.Is(err, context.Canceled) {
				t.Errorf("error %v, want context.Canceled", err)
			}
			if files := listDir(t, dir); len(files) > 0 {
				t.Errorf("left %v behind", files)
			}
		})
	}
}

// A cancellation in the middle of an export leaves the previous file as it
// was and no temporary file.
func TestCancelKeepsPreviousFile(t *testing.T) {
	db := xlsxtest.Demo(t, 2, 40)
	dir := t.TempDir()
	target := filepath.Join(dir, "report.xlsx")
	if err := os.WriteFile(target, []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req := xlsx.Request{Kind: ledger.WorkbookSettlement, Unit: "1000002", Period: h1, Progress: func(done, total int) {
		if done > total/3 {
			cancel()
		}
	}}
	if _, err := xlsx.Export(ctx, db, req, target); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if data, _ := os.ReadFile(target); string(data) != "previous" {
		t.Errorf("the previous file was changed")
	}
	if files := listDir(t, dir); !slices.Equal(files, []string{"report.xlsx"}) {
		t.Errorf("left %v", files)
	}
	// Exporting again replaces it.
	req.Progress = nil
	if _, err := xlsx.Export(context.Background(), db, req, target); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(target); string(data[:2]) != "PK" {
		t.Error("the file was not replaced by a workbook")
	}
	if st, _ := os.Stat(target); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
}

func TestProgress(t *testing.T) {
	db := xlsxtest.Demo(t, 2, 40)
	for _, kind := range []ledger.WorkbookKind{ledger.WorkbookSettlement, ledger.WorkbookDistrict, ledger.WorkbookAllocation} {
		var calls [][2]int
		req := xlsx.Request{Kind: kind, Unit: "1000002", Period: h2, Progress: func(done, total int) {
			calls = append(calls, [2]int{done, total})
		}}
		if _, err := xlsx.Export(t.Context(), db, req, t.TempDir()); err != nil {
			t.Fatal(err)
		}
		if len(calls) < 3 || calls[0][0] != 0 {
			t.Fatalf("%s: progress %v", kind, calls)
		}
		for i, c := range calls {
			if c[1] != calls[0][1] || c[0] > c[1] || (i > 0 && c[0] < calls[i-1][0]) {
				t.Fatalf("%s: progress goes %v", kind, calls)
			}
		}
		if last := calls[len(calls)-1]; last[0] != last[1] {
			t.Errorf("%s: progress ends at %v", kind, last)
		}
	}
}
