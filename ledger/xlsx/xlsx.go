// Package xlsx writes WardLedger's Excel workbooks with
// github.com/xuri/excelize/v2: the settlement workbook a subordinate unit
// sends up (B01/BCQT, F01-01/BCQT, the entry register), the superior
// unit's consolidation of every subordinate unit (with the approved
// figures once reviews exist, and the execution chart), the allocation
// table of a period, one unit's allocation annex, and the review's
// minutes and approval notice. Each carries a hidden sheet with its
// ledger/payload. It holds the page layout of these reports (report.go,
// pages.go, book.go) and a parallel deflater for saving them (zip.go).
//
// It only writes. Reading a workbook back (an untrusted file) is
// ledger/xlsxread and ledger/xlsximport, which do without excelize. It
// reads the ledger only through the interfaces of package ledger.
//
// A caller (the desktop app, wardctl) builds a Request, proposes
// DefaultName, and calls Export off its UI goroutine with a cancellable
// context and a Progress callback; Export writes a temporary file beside
// the target and renames it, so a failed or cancelled export leaves nothing.
package xlsx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"wardledger/ledger"
	"wardledger/ledger/payload"
	"wardledger/ledger/xlsxread"
)

// Source is what the exports read. ledger.Ledger satisfies it.
type Source interface {
	Superior(ctx context.Context) (ledger.Unit, error)
	Units(ctx context.Context) ([]ledger.Unit, error)
	FindUnit(ctx context.Context, code string) (ledger.Unit, error)
	Entries(ctx context.Context, f ledger.EntryFilter) ([]*ledger.Entry, error)
	CountEntries(ctx context.Context, f ledger.EntryFilter) (int, error)
	PeriodStatus(ctx context.Context, unit string, p ledger.Period) (ledger.PeriodStatus, error)
	ledger.ReportService
	Catalogue(ctx context.Context) (*ledger.Catalogue, error)
	Setting(ctx context.Context, key string) (string, error)
	// Review is read for the review workbook and for the approved figures
	// of the consolidation.
	Review(ctx context.Context, unit string, p ledger.Period) (*ledger.Review, error)
	Reviews(ctx context.Context, p ledger.Period) (map[string]*ledger.Review, error)
	// Whose ledger it is, the key that signs every payload, the entries'
	// chain head the payload carries, and a unit's received approval.
	Role(ctx context.Context) (ledger.LedgerRole, error)
	Signer(ctx context.Context) (*ledger.Signer, error)
	EntriesHead(ctx context.Context) (ledger.Hash, error)
	Notice(ctx context.Context, unit string, p ledger.Period) (*ledger.Notice, error)
	Form() *ledger.Form
}

var _ Source = ledger.Ledger(nil)

// Request says which workbook to write.
type Request struct {
	Kind   ledger.WorkbookKind
	Unit   string // Mã ĐVQHNS of the subordinate unit: ledger.WorkbookSettlement, ledger.WorkbookReview, ledger.WorkbookAnnex
	Period ledger.Period

	// AppVersion is recorded in the payload; empty means the module
	// version from the build information.
	AppVersion string
	// Now dates the report (date line, payload); nil means time.Now.
	Now func() time.Time
	// Approved makes a unit's settlement "lập lại theo Thông báo xét
	// duyệt": its B01 with the approved figures of the superior's notice
	// the unit's ledger received.
	Approved bool

	// Progress, if set, is told how far the export has gone. It is called
	// on the exporting goroutine; a UI must hand the value to its own.
	Progress func(done, total int)
	// Warn, if set, is told (on the exporting goroutine) when the workbook
	// written would be refused by an import: larger than the reader of
	// untrusted workbooks accepts, or with more payload records than an
	// import reads.
	Warn func(msg string)
}

func (r Request) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r Request) appVersion() string {
	if r.AppVersion != "" {
		return r.AppVersion
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "dev"
}

// progress reports step of total, ignoring a nil callback.
func (r Request) progress(done, total int) {
	if r.Progress != nil {
		r.Progress(done, total)
	}
}

// DefaultName is the workbook's usual name (ledger.WorkbookKind.FileName),
// with the superior unit read from src: the name a save dialog proposes.
func DefaultName(ctx context.Context, src Source, r Request) (string, error) {
	superior, err := src.Superior(ctx)
	if err != nil {
		return "", err
	}
	name := r.Kind.FileName(r.Unit, r.Period, superior.Code)
	if r.Approved {
		name = strings.TrimSuffix(name, ".xlsx") + "_lap-lai.xlsx"
	}
	return name, nil
}

// Write builds the requested workbook and writes it to w. On error w may
// have received part of a file; Export never leaves one behind.
func Write(ctx context.Context, src Source, r Request, w io.Writer) error {
	b, err := build(ctx, src, r)
	if err != nil {
		return err
	}
	defer b.close()
	return b.write(ctx, w)
}

// write saves the workbook to w and reports the last step.
func (b *book) write(ctx context.Context, w io.Writer) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := b.f.WriteTo(w); err != nil {
		return &ledger.Error{Kind: ledger.KindInternal, Op: "xlsx.Write", Msg: "không ghi được tệp Excel", Err: err}
	}
	b.step(1)
	return nil
}

func build(ctx context.Context, src Source, r Request) (*book, error) {
	if err := checkRole(ctx, src, r); err != nil {
		return nil, err
	}
	switch r.Kind {
	case ledger.WorkbookSettlement:
		return buildSettlement(ctx, src, r)
	case ledger.WorkbookDistrict:
		return buildDistrict(ctx, src, r)
	case ledger.WorkbookAllocation:
		return buildAllocation(ctx, src, r)
	case ledger.WorkbookReview:
		return buildReview(ctx, src, r)
	case ledger.WorkbookAnnex:
		return buildAnnex(ctx, src, r)
	case ledger.WorkbookReconciliation:
		return buildReconciliation(ctx, src, r)
	}
	_, err := ledger.ParseWorkbookKind(string(r.Kind))
	return nil, err
}

// checkRole refuses, on a unit's own ledger, every workbook but the unit's
// own settlement: the superior's workbooks (consolidation, allocation,
// annexes, reviews) are the superior's to make and sign.
func checkRole(ctx context.Context, src Source, r Request) error {
	role, err := src.Role(ctx)
	if err != nil || !role.IsUnit() {
		return err
	}
	switch {
	case r.Kind != ledger.WorkbookSettlement:
		return &ledger.Error{Kind: ledger.KindInvalid, Op: "xlsx.Export", Field: "kind", Msg: fmt.Sprintf(
			"đây là sổ của đơn vị %s: %s do đơn vị cấp trên lập, sổ của đơn vị chỉ xuất báo cáo quyết toán của mình", role.Unit, r.Kind.Label())}
	case r.Unit != "" && r.Unit != role.Unit:
		return &ledger.Error{Kind: ledger.KindInvalid, Op: "xlsx.Export", Field: "unit", Msg: fmt.Sprintf(
			"đây là sổ của đơn vị %s: không xuất báo cáo của đơn vị %s", role.Unit, r.Unit)}
	}
	return nil
}

// Export writes the requested workbook to out and returns the path written.
// out is a file ending in .xlsx or an existing directory, in which case
// FileName is used. The workbook is written to a temporary file beside the
// target and renamed over it only when complete, so an error or a
// cancellation never leaves a half-written file.
func Export(ctx context.Context, src Source, r Request, out string) (string, error) {
	name, err := DefaultName(ctx, src, r)
	if err != nil {
		return "", err
	}
	path, err := targetPath(out, name)
	if err != nil {
		return "", err
	}
	records := 0
	err = writeAtomic(path, func(w io.Writer) error {
		b, err := build(ctx, src, r)
		if err != nil {
			return err
		}
		defer b.close()
		records = b.records
		return b.write(ctx, w)
	})
	if err != nil {
		return "", err
	}
	if r.Warn != nil {
		warnLimits(path, records, r.Warn)
	}
	return path, nil
}

// warnLimits tells warn when the workbook at path, whose payload has
// records rows, would be refused by an import: the reader of untrusted
// workbooks opens it with its caps (file size, parts, unpacked sizes) and
// the payload reader reads at most payload.MaxRows rows.
func warnLimits(path string, records int, warn func(string)) {
	const advice = ": đơn vị cấp trên sẽ không nhập được tệp này; hãy xuất từng kỳ, hoặc báo cho cấp trên"
	if records > payload.MaxRows {
		warn(fmt.Sprintf("trang dữ liệu ẩn có %d dòng, quá giới hạn %d dòng một lần nhập%s", records, payload.MaxRows, advice))
	}
	b, err := xlsxread.OpenFile(path)
	if err != nil {
		warn("tệp vượt giới hạn nhập: " + err.Error() + advice)
		return
	}
	b.Close()
}

// targetPath resolves out to the file to write.
func targetPath(out, name string) (string, error) {
	const op = "xlsx.Export"
	if strings.TrimSpace(out) == "" {
		out = "."
	}
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		return filepath.Join(out, name), nil
	}
	if strings.HasSuffix(out, string(os.PathSeparator)) || strings.HasSuffix(out, "/") {
		return "", &ledger.Error{Kind: ledger.KindInvalid, Op: op, Field: "out",
			Msg: fmt.Sprintf("thư mục %s không tồn tại", out)}
	}
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return "", &ledger.Error{Kind: ledger.KindInvalid, Op: op, Field: "out",
			Msg: fmt.Sprintf("tệp %s phải có đuôi .xlsx", out)}
	}
	dir := filepath.Dir(out)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return "", &ledger.Error{Kind: ledger.KindInvalid, Op: op, Field: "out",
			Msg: fmt.Sprintf("thư mục %s không tồn tại", dir)}
	}
	return out, nil
}

// writeAtomic creates a temporary file in path's directory, lets write
// fill it, syncs it and renames it to path; on any error the temporary file
// is removed and path is untouched.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	const op = "xlsx.Export"
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return unwritable(op, dir, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	// CreateTemp makes the file private; a report is an ordinary file.
	if err := tmp.Chmod(0o644); err != nil {
		return unwritable(op, path, err)
	}
	if err := tmp.Sync(); err != nil {
		return unwritable(op, path, err)
	}
	if err := tmp.Close(); err != nil {
		return unwritable(op, path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return &ledger.Error{Kind: ledger.KindConflict, Op: op, Field: "out",
			Msg: fmt.Sprintf("không thay được tệp %s — tệp có đang mở trong Excel không?", path), Err: err}
	}
	return nil
}

func unwritable(op, path string, err error) error {
	msg := fmt.Sprintf("không ghi được vào %s", path)
	if errors.Is(err, fs.ErrPermission) {
		msg = fmt.Sprintf("không có quyền ghi vào %s", path)
	}
	return &ledger.Error{Kind: ledger.KindInvalid, Op: op, Field: "out", Msg: msg, Err: err}
}
