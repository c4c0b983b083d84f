package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

const prefExportDir = "exportDir"

// exportRequest is one workbook to write: its kind, the unit it is about
// (settlement, review) and the period; approved, a unit's settlement
// re-made after the superior's notice.
type exportRequest struct {
	kind     ledger.WorkbookKind
	unit     ledger.Unit
	period   ledger.Period
	approved bool
}

// what names the workbook in messages.
func (r exportRequest) what() string {
	switch r.kind {
	case ledger.WorkbookDistrict:
		return "tổng hợp quyết toán các đơn vị trực thuộc"
	case ledger.WorkbookAllocation:
		return "bảng giao dự toán các đơn vị trực thuộc"
	case ledger.WorkbookReview:
		return "biên bản và thông báo xét duyệt quyết toán của " + r.unit.Name
	case ledger.WorkbookReconciliation:
		return "bảng đối chiếu dự toán với Kho bạc của " + r.unit.Name
	}
	if r.approved {
		return "báo cáo quyết toán lập lại theo thông báo xét duyệt của " + r.unit.Name
	}
	return "báo cáo quyết toán của " + r.unit.Name
}

// aboutUnit reports whether the workbook is about one subordinate unit.
func (r exportRequest) aboutUnit() bool {
	switch r.kind {
	case ledger.WorkbookSettlement, ledger.WorkbookReview, ledger.WorkbookReconciliation:
		return true
	}
	return false
}

// next says what to do with the workbook once written.
func (r exportRequest) next() string {
	switch r.kind {
	case ledger.WorkbookSettlement:
		return "Gửi tệp này cho cấp trên (USB, thư điện tử) và không sửa gì trong tệp: cấp trên nhập số liệu từ chính tệp này."
	case ledger.WorkbookReview:
		return "In biên bản và thông báo, ký, rồi gửi đơn vị."
	case ledger.WorkbookReconciliation:
		return "Đối chiếu từng dòng với số liệu đối chiếu dự toán của Kho bạc (mẫu 01a-SDKP/ĐVDT) trước khi ký xác nhận."
	}
	return ""
}

// request is the workbook of kind for the unit and period selected.
func (sh *shell) request(kind ledger.WorkbookKind) exportRequest {
	return exportRequest{kind: kind, unit: sh.unit, period: sh.period}
}

// fileName is the name the save dialog proposes for r's workbook.
func (sh *shell) fileName(r exportRequest) string {
	name := r.kind.FileName(r.unit.Code, r.period, sh.s.superiorUnit().Code)
	if r.approved {
		name = strings.TrimSuffix(name, ".xlsx") + "_lap-lai.xlsx"
	}
	return name
}

// exportWorkbook asks where to save the workbook, proposing its usual
// name, then writes it in the background with a progress bar and a
// Cancel button, and offers to open the folder.
func (sh *shell) exportWorkbook(r exportRequest) {
	if sh.u.opts.Export == nil {
		widgets.ShowInfo(sh.u.win, "Xuất Excel", "Bản chương trình này chưa có chức năng xuất Excel.")
		return
	}
	if r.aboutUnit() && r.unit.Code == "" {
		widgets.ShowInfo(sh.u.win, "Xuất Excel", "Chọn đơn vị trước khi xuất báo cáo của đơn vị.")
		return
	}
	if r.period.IsZero() {
		return
	}
	sh.saving = widgets.ShowSaveAs(sh.u.win, "Lưu "+r.what(), "Lưu", sh.exportDir(), sh.fileName(r), ".xlsx", widgets.AskToReplace, func(path string) {
		sh.u.app.Preferences().SetString(prefExportDir, filepath.Dir(path))
		sh.exportTo(r, path)
	})
}

// exportDir is the folder exports went to last, else the home folder.
func (sh *shell) exportDir() string {
	if dir := sh.u.app.Preferences().String(prefExportDir); isDir(dir) {
		return dir
	}
	return widgets.HomeDir()
}

// exportTo writes r's workbook to out (a file, or a folder for the
// default name).
func (sh *shell) exportTo(r exportRequest, out string) *widgets.Job {
	l, export := sh.s.l, sh.u.opts.Export
	var warnings []string // written by the export, read once it is done
	return sh.runExport("Đang xuất "+r.what()+", "+r.period.Name()+" …", func(ctx context.Context, progress func(int, int)) ([]string, error) {
		path, err := export(ctx, l, ExportJob{Kind: r.kind, Unit: r.unit.Code, Period: r.period, Approved: r.approved, Out: out,
			Progress: progress, Warn: func(msg string) { warnings = append(warnings, msg) }})
		return []string{path}, err
	}, func(paths []string, err error) string {
		say := "Đã xuất " + r.what() + ", " + r.period.Name() + ":"
		for _, w := range warnings {
			say = "CẢNH BÁO: " + w + "\n\n" + say
		}
		return say
	}, r.next())
}

// exportAnnexes asks for a folder, then writes there the allocation annex
// of period p of every subordinate unit, one file each.
func (sh *shell) exportAnnexes(p ledger.Period) {
	if sh.u.opts.ExportAnnexes == nil {
		widgets.ShowInfo(sh.u.win, "Xuất Excel", "Bản chương trình này chưa có chức năng xuất phụ lục giao dự toán.")
		return
	}
	sh.saving = widgets.ShowChooseFolder(sh.u.win, "Lưu phụ lục giao dự toán "+p.Name()+" (mỗi đơn vị một tệp)", "Lưu vào thư mục này",
		sh.exportDir(), func(dir string) {
			sh.u.app.Preferences().SetString(prefExportDir, dir)
			sh.exportAnnexesTo(p, dir)
		})
}

func (sh *shell) exportAnnexesTo(p ledger.Period, dir string) *widgets.Job {
	l, export := sh.s.l, sh.u.opts.ExportAnnexes
	// On an error the annexes already written stay: each is whole.
	return sh.runExport("Đang xuất phụ lục giao dự toán "+p.Name()+" của từng đơn vị …", func(ctx context.Context, progress func(int, int)) ([]string, error) {
		return export(ctx, l, p, dir, progress)
	}, func(paths []string, err error) string {
		return fmt.Sprintf("Đã xuất %d phụ lục giao dự toán %s:", len(paths), p.Name())
	}, "Gửi mỗi đơn vị tệp phụ lục của mình (tên tệp có mã đơn vị); đơn vị nhập bằng Tệp → Nhập quyết định giao dự toán…")
}

// runExport writes files in the background under a progress bar with a
// Cancel button. finished is told the outcome first (to clean up after a
// failure) and returns what to say above the files on success; the files
// are then shown with "Mở thư mục", and note under them.
func (sh *shell) runExport(msg string, write func(ctx context.Context, progress func(int, int)) ([]string, error),
	finished func(paths []string, err error) string, note string) *widgets.Job {
	j := widgets.NewJob(sh.u.win, "Xuất Excel", msg, sh.u.tasks.ui)
	background(sh.u.tasks, func(ctx context.Context) ([]string, error) {
		ctx, cancel := j.Watch(ctx)
		defer cancel()
		return write(ctx, j.Progress)
	}, func(paths []string, err error) {
		j.Finish()
		say := finished(paths, err)
		switch {
		case errors.Is(err, context.Canceled):
			sh.setStatusBar("Đã hủy xuất Excel.")
		case err != nil:
			widgets.ShowError(sh.u.win, err)
		case len(paths) == 0:
			widgets.ShowInfo(sh.u.win, "Xuất Excel", "Không có tệp nào được xuất.")
		default:
			if len(paths) == 1 {
				sh.setStatusBar("Đã xuất " + paths[0])
			} else {
				sh.setStatusBar(fmt.Sprintf("Đã xuất %d tệp vào %s", len(paths), folderOf(paths[0])))
			}
			sh.showExported(say, paths, note)
		}
	})
	return j
}

// exportedDialog tells where the files went and offers to open the folder.
type exportedDialog struct {
	d    *dialog.CustomDialog
	text *widget.Label
	open *widgets.Button
	dir  string
}

func (sh *shell) showExported(msg string, paths []string, note string) *exportedDialog {
	var b strings.Builder
	b.WriteString(msg)
	for i, p := range paths {
		if i == 12 {
			fmt.Fprintf(&b, "\n… và %d tệp khác", len(paths)-12)
			break
		}
		b.WriteString("\n" + filepath.Base(p))
	}
	e := &exportedDialog{}
	if len(paths) > 0 {
		e.dir = filepath.Dir(paths[0])
		b.WriteString("\n\nThư mục: " + e.dir)
	}
	if note != "" {
		b.WriteString("\n\n" + note)
	}
	e.text = widget.NewLabel(b.String())
	e.text.Wrapping = fyne.TextWrapWord
	e.open = widgets.NewButton("Mở thư mục (Enter)", theme.FolderOpenIcon(), func() {
		e.d.Hide()
		sh.openFolder(e.dir)
	})
	e.open.Importance = widget.HighImportance
	closeBtn := widgets.NewButton("Đóng (Esc)", nil, func() { e.d.Hide() })
	e.d = widgets.ShowDialog(sh.u.win, "Xuất Excel xong", e.text, []fyne.CanvasObject{closeBtn, e.open},
		func() { e.open.Tapped(nil) }, nil, fyne.NewSize(620, 0))
	sh.exported = e
	return e
}

// openFolder shows dir in the file manager, off the UI goroutine (Finder
// and Explorer may take a moment to start).
func (sh *shell) openFolder(dir string) {
	open := sh.u.opts.OpenFolder
	if open == nil {
		open = openFolder
	}
	sh.u.tasks.run(func(context.Context) error {
		if err := open(dir); err != nil {
			return fmt.Errorf("máy không mở được thư mục bằng trình quản lý tệp (%v). Tệp đã lưu trong thư mục:\n%s", err, dir)
		}
		return nil
	}, func(err error) { widgets.ShowError(sh.u.win, err) })
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return path != "" && err == nil && st.IsDir()
}
