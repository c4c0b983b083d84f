package xlsx

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"wardledger/ledger/payload"
)

// TestWarnLimits: an export is told when the workbook written would be
// refused by an import — more payload rows than an import reads, or a
// file the reader of untrusted workbooks refuses — and not otherwise.
func TestWarnLimits(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.xlsx")
	f := excelize.NewFile()
	if err := f.SaveAs(good); err != nil {
		t.Fatal(err)
	}
	f.Close()
	big := filepath.Join(dir, "big.xlsx")
	if err := os.WriteFile(big, []byte("PK\x03\x04 but not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path    string
		records int
		says    string
	}{
		{good, 10, ""},
		{good, payload.MaxRows + 1, "quá giới hạn 250000 dòng"},
		{big, 10, "tệp vượt giới hạn nhập"},
	} {
		var got []string
		warnLimits(c.path, c.records, func(msg string) { got = append(got, msg) })
		switch {
		case c.says == "" && len(got) > 0:
			t.Errorf("%s: warned %q", c.path, got)
		case c.says != "" && (len(got) != 1 || !strings.Contains(got[0], c.says) || !strings.Contains(got[0], "cấp trên sẽ không nhập được")):
			t.Errorf("%s, %d rows: %q, want %q", c.path, c.records, got, c.says)
		}
	}
}
