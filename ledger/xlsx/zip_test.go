package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"
)

// zipParts are parts of every size class: empty, small, just over the
// small limit, and large ones written in reused chunks as excelize copies
// a sheet from its temporary file.
func zipParts() map[string][]byte {
	rng := rand.New(rand.NewPCG(1, 2))
	row := func(i int) string {
		return fmt.Sprintf(`<row r="%d"><c r="A%d" t="inlineStr"><is><t>Chi tháng %d</t></is></c><c r="B%d"><v>%d</v></c></row>`,
			i, i, i%12, i, rng.Int64N(1e10))
	}
	sized := func(n int) []byte {
		var b strings.Builder
		for i := 1; b.Len() < n; i++ {
			b.WriteString(row(i))
		}
		return []byte(b.String())
	}
	return map[string][]byte{
		"empty.xml":            nil,
		"xl/styles.xml":        sized(5_000),
		"xl/worksheets/a.xml":  sized(smallPart),
		"xl/worksheets/b.xml":  sized(smallPart + 1),
		"xl/worksheets/c.xml":  sized(3 << 20),
		"xl/worksheets/dữ.xml": sized(200_000),
	}
}

var zipOrder = []string{"xl/worksheets/c.xml", "empty.xml", "xl/worksheets/a.xml", "xl/styles.xml", "xl/worksheets/dữ.xml", "xl/worksheets/b.xml"}

// writeParts writes the parts in zipOrder, each in chunks of 32 KiB from
// one reused buffer.
func writeParts(t *testing.T, zw interface {
	Create(string) (io.Writer, error)
	Close() error
}, parts map[string][]byte) error {
	t.Helper()
	buf := make([]byte, 32<<10)
	for _, name := range zipOrder {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := io.CopyBuffer(w, onlyReader{bytes.NewReader(parts[name])}, buf); err != nil {
			return err
		}
		clear(buf) // a deflater holding on to the caller's chunk would see zeros
	}
	return zw.Close()
}

// onlyReader hides WriteTo so that io.CopyBuffer uses the buffer.
type onlyReader struct{ io.Reader }

func TestParallelZipMatchesArchiveZip(t *testing.T) {
	parts := zipParts()
	var ours, std bytes.Buffer
	if err := writeParts(t, newParallelZip(&ours), parts); err != nil {
		t.Fatal(err)
	}
	if err := writeParts(t, zip.NewWriter(&std), parts); err != nil {
		t.Fatal(err)
	}
	got, err := zip.NewReader(bytes.NewReader(ours.Bytes()), int64(ours.Len()))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := zip.NewReader(bytes.NewReader(std.Bytes()), int64(std.Len()))
	if len(got.File) != len(zipOrder) {
		t.Fatalf("%d files, want %d", len(got.File), len(zipOrder))
	}
	for i, f := range got.File {
		if f.Name != zipOrder[i] {
			t.Errorf("file %d is %q, want %q (order kept)", i, f.Name, zipOrder[i])
		}
		rc, err := f.Open() // checks the CRC on reading to the end
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !bytes.Equal(data, parts[f.Name]) {
			t.Errorf("%s: content differs (%d bytes, want %d)", f.Name, len(data), len(parts[f.Name]))
		}
		if f.Method != zip.Deflate || f.CompressedSize64 != want.File[i].CompressedSize64 {
			t.Errorf("%s: method %d, %d bytes compressed; archive/zip: %d bytes", f.Name, f.Method, f.CompressedSize64, want.File[i].CompressedSize64)
		}
	}
}

// failingWriter fails every write after the first n bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(b []byte) (int, error) {
	if len(b) > w.n {
		return 0, errors.New("disk full")
	}
	w.n -= len(b)
	return len(b), nil
}

func TestParallelZipWriteErrorEndsEveryDeflater(t *testing.T) {
	before := runtime.NumGoroutine()
	err := writeParts(t, newParallelZip(&failingWriter{n: 1000}), zipParts())
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("got %v, want the writer's error", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines left running after Close (were %d)", n, before)
	}
}
