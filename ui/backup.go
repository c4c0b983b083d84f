package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// Backups and restore: the screens. Where backups go, how they are named,
// checked, rotated and swapped in is the store's (ledger.MaintenanceService).

// backupDir is the folder of the backups beside the ledger file.
func backupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

func backupLabel(b ledger.BackupFile) string {
	return fmt.Sprintf("%s  ·  %s  ·  %s MB  ·  %s", b.At.Format("02/01/2006 15:04:05"), b.Kind.Label(),
		ledger.Money((b.Size+512*1024)/(1024*1024)).String(), filepath.Base(b.Path))
}

// autoBackup takes the rotating backup of the first start of each day, in
// the background, and reports it at the bottom of the window. One a day
// makes the kept copies ten days of history rather than the last ten
// starts, and spares a large ledger a full copy at every start. The store
// checks the ledger first: a damaged ledger is said so at once, and never
// rotates a good backup away.
func (u *UI) autoBackup(sh *shell) {
	keep := u.opts.KeepBackups
	sh.setStatusBar("Đang kiểm tra và sao lưu tự động…")
	type result struct {
		b     ledger.BackupFile
		taken bool
	}
	background(u.tasks, func(ctx context.Context) (result, error) {
		b, taken, err := sh.s.l.AutoBackup(ctx, keep)
		return result{b, taken}, err
	}, func(r result, err error) {
		switch {
		case ledger.ErrorKind(err) == ledger.KindDamaged:
			sh.setStatusBar("SỔ BỊ HỎNG: không ghi thêm, không xuất báo cáo được. Hãy khôi phục từ bản sao lưu (Tệp → Khôi phục…)")
			widgets.ShowError(u.win, err)
		case err != nil:
			sh.setStatusBar("Sao lưu tự động KHÔNG thành công: " + widgets.ErrorText(err))
		case r.taken:
			sh.setStatusBar(fmt.Sprintf("Đã sao lưu tự động lúc %s vào %s (giữ %d ngày gần nhất)", time.Now().Format("15:04"), r.b.Path, keep))
		default:
			sh.setStatusBar(fmt.Sprintf("Đã có bản sao lưu tự động hôm nay lúc %s (giữ %d ngày gần nhất)", r.b.At.Format("15:04"), keep))
		}
	})
}

// backupNow writes a manual backup into the backups folder.
func (sh *shell) backupNow() { sh.backupToDir(backupDir(sh.s.path)) }

// backupTo asks for a folder (a USB stick) and writes a backup there.
func (sh *shell) backupTo() {
	sh.saving = widgets.ShowChooseFolder(sh.u.win, "Sao lưu ra thư mục khác (USB)", "Sao lưu vào thư mục này", filepath.Dir(sh.s.path), sh.backupToDir)
}

func (sh *shell) backupToDir(dir string) {
	sh.setStatusBar("Đang sao lưu…")
	background(sh.u.tasks, func(ctx context.Context) (string, error) {
		return sh.s.l.BackupTo(ctx, dir, ledger.BackupManual)
	}, func(file string, err error) {
		if err != nil {
			sh.setStatusBar("Sao lưu KHÔNG thành công")
			widgets.ShowError(sh.u.win, err)
			return
		}
		sh.setStatusBar("Đã sao lưu vào " + file)
		widgets.ShowInfo(sh.u.win, "Sao lưu", "Đã sao lưu sổ và kiểm tra bản sao lưu:\n"+file)
	})
}

// restore lets the accountant pick a backup (the list of those beside the
// ledger, or any file) and puts it in place of the ledger.
func (sh *shell) restore() {
	background(sh.u.tasks, func(ctx context.Context) ([]ledger.BackupFile, error) {
		return sh.s.l.Backups(ctx)
	}, func(list []ledger.BackupFile, err error) {
		if err != nil {
			widgets.ShowError(sh.u.win, err)
			return
		}
		sh.chooseBackup(list)
	})
}

func (sh *shell) chooseBackup(list []ledger.BackupFile) {
	dir := backupDir(sh.s.path)
	selected := -1
	var d *dialog.CustomDialog
	ok := widgets.NewButton("Khôi phục bản đã chọn", nil, nil)
	ok.Importance = widget.DangerImportance
	ok.Disable()
	lst := widgets.NewList(func() int { return len(list) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(backupLabel(list[i])) })
	lst.OnSelected = func(i widget.ListItemID) { selected = i; ok.Enable() }
	ok.OnTapped = func() {
		if selected >= 0 {
			d.Hide()
			sh.confirmRestore(list[selected].Path)
		}
	}
	other := widgets.NewButton("Chọn tệp khác…", nil, func() {
		d.Hide()
		widgets.ShowOpenFile(sh.u.win, "Chọn tệp sao lưu để khôi phục", []string{".db"}, sh.confirmRestore, dir, filepath.Dir(sh.s.path))
	})
	intro := widget.NewLabel("Chọn bản sao lưu để đưa sổ về đúng như lúc sao lưu (↑ ↓ rồi phím cách để chọn, Enter để khôi phục). " +
		"Bản sao lưu được kiểm tra trước; sổ hiện tại được sao lưu lại trước khi thay.")
	intro.Wrapping = fyne.TextWrapWord
	if len(list) == 0 {
		intro.SetText("Chưa có bản sao lưu nào trong " + dir + ". Dùng “Chọn tệp khác…” để chọn tệp sao lưu ở nơi khác (USB).")
	}
	body := widgets.Border(intro, nil, nil, nil, lst)
	cancel := widgets.NewButton("Hủy", nil, func() { d.Hide() })
	d = widgets.ShowDialog(sh.u.win, "Khôi phục từ bản sao lưu", body, []fyne.CanvasObject{cancel, other, ok},
		func() { ok.Tapped(nil) }, nil, fyne.NewSize(820, 460))
	if len(list) > 0 {
		sh.u.win.Canvas().Focus(lst)
	}
}

func (sh *shell) confirmRestore(src string) {
	widgets.Confirm(sh.u.win, "Xác nhận khôi phục",
		"Thay sổ đang dùng bằng bản sao lưu\n"+src+"?\nCác bút toán ghi sau thời điểm sao lưu sẽ không còn trong sổ (sổ hiện tại vẫn được sao lưu lại trước khi thay).",
		"Khôi phục", func() { sh.u.restoreFrom(src, nil) })
}

// restoreFrom puts the backup at src in place of the ledger — checked,
// the current ledger backed up first, all done by the store while this
// window keeps the ledger's lock — and shows the ledger again. done, if
// set, is told the outcome (tests).
func (u *UI) restoreFrom(src string, done func(error)) {
	s := u.sess
	// Nothing to press while the backup is checked: the keys wait.
	progress := widgets.ShowDialog(u.win, "Khôi phục", widgets.LoadingScreen("Đang kiểm tra bản sao lưu…"), nil, func() {}, func() {}, fyne.Size{})
	background(u.tasks, func(ctx context.Context) (string, error) {
		safety, err := s.l.Restore(ctx, src)
		if err != nil {
			return safety, err
		}
		return safety, s.reload(ctx)
	}, func(safety string, err error) {
		progress.Hide()
		if err != nil {
			widgets.ShowError(u.win, err)
		} else {
			u.showShell()
			widgets.ShowInfo(u.win, "Khôi phục", "Đã khôi phục sổ từ\n"+src+"\nSổ trước khi khôi phục được lưu tại\n"+safety)
		}
		if done != nil {
			done(err)
		}
	})
}

// check runs the ledger's own checks and reports what they found.
func (sh *shell) check() {
	sh.setStatusBar("Đang kiểm tra sổ…")
	background(sh.u.tasks, func(ctx context.Context) ([]ledger.Problem, error) {
		return sh.s.l.Check(ctx)
	}, func(ps []ledger.Problem, err error) {
		sh.setStatusBar("")
		if err != nil {
			widgets.ShowError(sh.u.win, err)
			return
		}
		if len(ps) == 0 {
			widgets.ShowInfo(sh.u.win, "Kiểm tra sổ", "Sổ không có lỗi: tệp nguyên vẹn, số tổng khớp bút toán, mọi báo cáo cân đối, chuỗi băm của bút toán và nhật ký liền mạch.")
			return
		}
		var b strings.Builder
		for i, p := range ps {
			if i == 20 {
				fmt.Fprintf(&b, "… và %d lỗi khác\n", len(ps)-20)
				break
			}
			fmt.Fprintf(&b, "%s %s: %s\n", p.Unit, p.Period, p.What)
		}
		widgets.ShowInfo(sh.u.win, "Kiểm tra sổ: có lỗi", b.String())
	})
}
