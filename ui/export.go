package ui

import (
	"context"
	"errors"
	"os"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// Workbook kinds the desktop app offers, as Options.Export names them.
const (
	exportSettlement = "settlement" // one unit's settlement (B01, F01-01, entries)
	exportDistrict   = "district"   // every subordinate unit consolidated
	exportAllocation = "allocation" // estimates allocated per unit
)

const prefExportDir = "exportDir"

// exportJob is one workbook being written, with its progress dialog.
type exportJob struct {
	d      *dialog.CustomDialog
	bar    *widget.ProgressBar
	cancel func()
	done   chan struct{} // closed when the job has finished (tests)
}

// exportWorkbook asks for a folder, then writes the workbook there in the
// background with a progress bar and a Cancel button.
func (sh *shell) exportWorkbook(kind string) {
	if sh.u.opts.Export == nil {
		showInfo(sh.u.win, "Xuất Excel", "Bản chương trình này chưa có chức năng xuất Excel.")
		return
	}
	if kind == exportSettlement && sh.unit.Code == "" {
		return
	}
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		sh.u.app.Preferences().SetString(prefExportDir, dir.Path())
		sh.exportTo(kind, dir.Path())
	}, sh.u.win)
	start := sh.u.app.Preferences().String(prefExportDir)
	if start == "" {
		if home, err := os.UserHomeDir(); err == nil {
			start = home
		}
	}
	if loc, err := storage.ListerForURI(storage.NewFileURI(start)); err == nil {
		d.SetLocation(loc)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// exportTo writes the workbook of the selected period into dir.
func (sh *shell) exportTo(kind, dir string) *exportJob {
	j := &exportJob{bar: widget.NewProgressBar(), done: make(chan struct{})}
	stop := make(chan struct{})
	var once sync.Once
	j.cancel = func() { once.Do(func() { close(stop) }) }
	what := map[string]string{
		exportSettlement: "báo cáo quyết toán của " + sh.unit.Name,
		exportDistrict:   "tổng hợp quyết toán các đơn vị",
		exportAllocation: "bảng giao dự toán",
	}[kind]
	msg := widget.NewLabel("Đang xuất " + what + ", " + sh.period.Label() + " …")
	msg.Wrapping = fyne.TextWrapWord
	j.d = dialog.NewCustomWithoutButtons("Xuất Excel", container.NewVBox(msg, j.bar), sh.u.win)
	j.d.SetButtons([]fyne.CanvasObject{widget.NewButton("Hủy", j.cancel)})
	j.d.Resize(fyne.NewSize(520, 0))
	j.d.Show()
	unit, p, l, t := sh.unit.Code, sh.period, sh.s.l, sh.u.tasks
	bar := j.bar
	background(sh.u.tasks, func(ctx context.Context) (string, error) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go func() {
			select {
			case <-stop:
				cancel()
			case <-ctx.Done():
			}
		}()
		return sh.u.opts.Export(ctx, l, kind, unit, p, dir, func(done, total int) {
			if total > 0 {
				t.ui(func() { bar.SetValue(float64(done) / float64(total)) })
			}
		})
	}, func(path string, err error) {
		defer close(j.done)
		j.d.Hide()
		switch {
		case errors.Is(err, context.Canceled):
			sh.setStatusBar("Đã hủy xuất Excel.")
		case err != nil:
			showError(sh.u.win, err)
		default:
			sh.setStatusBar("Đã xuất " + path)
			showInfo(sh.u.win, "Xuất Excel", "Đã xuất "+what+":\n"+path+"\n\nGửi tệp này cho cấp trên (USB, thư điện tử).")
		}
	})
	return j
}
