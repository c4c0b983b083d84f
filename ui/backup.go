package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
)

// Backup kinds, part of the file name so a list can say where each came from.
const (
	backupAuto    = "tudong"
	backupManual  = "thucong"
	backupRestore = "truockhoiphuc"
)

// backupDir is the folder of automatic backups, beside the ledger file.
func backupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

// backupName names a backup of dbPath: wardledger-tudong-20261127-081500.db.
func backupName(dbPath, kind string, t time.Time) string {
	base := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
	return fmt.Sprintf("%s-%s-%s.db", base, kind, t.Format("20060102-150405"))
}

// backupFile is one backup found on disk.
type backupFile struct {
	path string
	kind string
	at   time.Time
	size int64
}

func (b backupFile) label() string {
	kind := map[string]string{backupAuto: "tự động", backupManual: "thủ công", backupRestore: "trước khi khôi phục"}[b.kind]
	return fmt.Sprintf("%s  ·  %s  ·  %s MB  ·  %s", b.at.Format("02/01/2006 15:04:05"), kind,
		ledger.Money((b.size+512*1024)/(1024*1024)).String(), filepath.Base(b.path))
}

// listBackups returns the backups of dbPath in dir, newest first.
func listBackups(dir, dbPath string) ([]backupFile, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath)) + "-"
	var out []backupFile
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, base) || !strings.HasSuffix(name, ".db") {
			continue
		}
		rest := strings.TrimSuffix(strings.TrimPrefix(name, base), ".db")
		kind, stamp, ok := strings.Cut(rest, "-")
		if !ok {
			continue
		}
		at, err := time.ParseInLocation("20060102-150405", stamp, time.Local)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, backupFile{path: filepath.Join(dir, name), kind: kind, at: at, size: info.Size()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].at.After(out[j].at) })
	return out, nil
}

// rotateBackups deletes all but the newest keep automatic backups.
func rotateBackups(dir, dbPath string, keep int) error {
	list, err := listBackups(dir, dbPath)
	if err != nil {
		return err
	}
	n := 0
	for _, b := range list {
		if b.kind != backupAuto {
			continue
		}
		if n++; n > keep {
			if err := os.Remove(b.path); err != nil {
				return err
			}
		}
	}
	return nil
}

// lastAutoBackup is the time of the newest automatic backup of dbPath, or
// zero.
func lastAutoBackup(dir, dbPath string) time.Time {
	list, _ := listBackups(dir, dbPath)
	for _, b := range list {
		if b.kind == backupAuto {
			return b.at
		}
	}
	return time.Time{}
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// backupInto writes a checked backup of the ledger into dir.
func backupInto(ctx context.Context, l ledger.Ledger, dbPath, dir, kind string, now time.Time) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", &ledger.Error{Kind: ledger.KindInvalid, Op: "ui.backup", Msg: "không tạo được thư mục sao lưu " + dir, Err: err}
	}
	path := filepath.Join(dir, backupName(dbPath, kind, now))
	return path, l.Backup(ctx, path)
}

// autoBackup takes the rotating backup of the first start of each day, in
// the background, and reports it at the bottom of the window. One a day
// makes the kept copies ten days of history rather than the last ten
// starts, and spares a large ledger a full copy at every start.
func (u *UI) autoBackup(sh *shell) {
	dir, path, keep := backupDir(sh.s.path), sh.s.path, u.opts.KeepBackups
	now := time.Now()
	if last := lastAutoBackup(dir, path); !last.IsZero() && sameDay(last, now) {
		sh.setStatusBar(fmt.Sprintf("Đã có bản sao lưu tự động hôm nay lúc %s (giữ %d ngày gần nhất)", last.Format("15:04"), keep))
		return
	}
	sh.setStatusBar("Đang sao lưu tự động…")
	background(u.tasks, func(ctx context.Context) (string, error) {
		file, err := backupInto(ctx, sh.s.l, path, dir, backupAuto, now)
		if err != nil {
			return "", err
		}
		return file, rotateBackups(dir, path, keep)
	}, func(file string, err error) {
		if err != nil {
			sh.setStatusBar("Sao lưu tự động KHÔNG thành công: " + errorText(err))
			return
		}
		sh.setStatusBar(fmt.Sprintf("Đã sao lưu tự động lúc %s vào %s (giữ %d ngày gần nhất)", time.Now().Format("15:04"), file, keep))
	})
}

// backupNow writes a manual backup into the backups folder.
func (sh *shell) backupNow() { sh.backupToDir(backupDir(sh.s.path)) }

// backupTo asks for a folder (a USB stick) and writes a backup there.
func (sh *shell) backupTo() {
	d := folderDialog(sh.u.win, sh.backupToDir)
	d.SetTitleText("Chọn thư mục sao lưu (USB)")
	showIn(d, filepath.Dir(sh.s.path))
}

func (sh *shell) backupToDir(dir string) {
	sh.setStatusBar("Đang sao lưu…")
	background(sh.u.tasks, func(ctx context.Context) (string, error) {
		return backupInto(ctx, sh.s.l, sh.s.path, dir, backupManual, time.Now())
	}, func(file string, err error) {
		if err != nil {
			sh.setStatusBar("Sao lưu KHÔNG thành công")
			showError(sh.u.win, err)
			return
		}
		sh.setStatusBar("Đã sao lưu vào " + file)
		showInfo(sh.u.win, "Sao lưu", "Đã sao lưu sổ và kiểm tra bản sao lưu:\n"+file)
	})
}

// restore lets the accountant pick a backup (the list of those beside the
// ledger, or any file) and puts it in place of the ledger.
func (sh *shell) restore() {
	dir := backupDir(sh.s.path)
	list, err := listBackups(dir, sh.s.path)
	if err != nil {
		showError(sh.u.win, err)
		return
	}
	selected := -1
	var d *dialog.CustomDialog
	ok := widget.NewButton("Khôi phục bản đã chọn", nil)
	ok.Importance = widget.DangerImportance
	ok.Disable()
	lst := widget.NewList(func() int { return len(list) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(list[i].label()) })
	lst.OnSelected = func(i widget.ListItemID) { selected = i; ok.Enable() }
	ok.OnTapped = func() {
		if selected >= 0 {
			d.Hide()
			sh.confirmRestore(list[selected].path)
		}
	}
	other := widget.NewButton("Chọn tệp khác…", func() {
		d.Hide()
		showIn(openFileDialog(sh.u.win, []string{".db"}, sh.confirmRestore), dir)
	})
	intro := widget.NewLabel("Chọn bản sao lưu để đưa sổ về đúng như lúc sao lưu. Bản sao lưu được kiểm tra trước; sổ hiện tại được sao lưu lại trước khi thay.")
	intro.Wrapping = fyne.TextWrapWord
	if len(list) == 0 {
		intro.SetText("Chưa có bản sao lưu nào trong " + dir + ". Dùng “Chọn tệp khác…” để chọn tệp sao lưu ở nơi khác (USB).")
	}
	body := container.NewBorder(intro, nil, nil, nil, lst)
	d = dialog.NewCustomWithoutButtons("Khôi phục từ bản sao lưu", body, sh.u.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Hủy", d.Hide), other, ok})
	d.Resize(fyne.NewSize(820, 460))
	d.Show()
}

func (sh *shell) confirmRestore(src string) {
	confirm(sh.u.win, "Xác nhận khôi phục",
		"Thay sổ đang dùng bằng bản sao lưu\n"+src+"?\nCác bút toán ghi sau thời điểm sao lưu sẽ không còn trong sổ (sổ hiện tại vẫn được sao lưu lại trước khi thay).",
		"Khôi phục", func() { sh.u.restoreFrom(src, nil) })
}

// restoreFrom checks the backup at src, keeps a copy of the current
// ledger, closes it, puts the backup in its place and opens it again. The
// instance lock is held throughout so no other window slips in. done, if
// set, is told the outcome (tests).
func (u *UI) restoreFrom(src string, done func(error)) {
	s := u.sess
	dst := s.path
	tmp := dst + ".restore"
	progress := dialog.NewCustomWithoutButtons("Khôi phục", loadingScreen("Đang kiểm tra bản sao lưu…"), u.win)
	progress.Show()
	finish := func(err error) {
		progress.Hide()
		if err != nil {
			showError(u.win, err)
		}
		if done != nil {
			done(err)
		}
	}
	var safety string
	u.tasks.run(func(ctx context.Context) error {
		if err := u.opts.CheckFile(ctx, src); err != nil {
			return fmt.Errorf("bản sao lưu không dùng được: %w", err)
		}
		if err := copyFile(src, tmp); err != nil {
			return err
		}
		if err := checkLedgerFile(ctx, u.opts.Open, tmp); err != nil {
			removeDB(tmp)
			return err
		}
		var err error
		safety, err = backupInto(ctx, s.l, dst, backupDir(dst), backupRestore, time.Now())
		if err != nil {
			removeDB(tmp)
		}
		return err
	}, func(err error) {
		if err != nil {
			finish(err)
			return
		}
		lock := s.lock
		u.closeLedger(lock)
		u.tasks.run(func(context.Context) error { return swapDB(tmp, dst) }, func(err error) {
			u.open(dst, lock)
			if err == nil {
				showInfo(u.win, "Khôi phục", "Đã khôi phục sổ từ\n"+src+"\nSổ trước khi khôi phục được lưu tại\n"+safety)
			}
			finish(err)
		})
	})
}

// checkLedgerFile opens a copy of a backup to make sure it is a
// WardLedger ledger, not just any database.
func checkLedgerFile(ctx context.Context, open func(context.Context, string) (ledger.Ledger, error), path string) error {
	l, err := open(ctx, path)
	if err != nil {
		return err
	}
	defer l.Close()
	if _, err := l.Superior(ctx); err != nil {
		return fmt.Errorf("tệp này không phải sổ WardLedger có dữ liệu: %w", err)
	}
	return nil
}

// swapDB puts the checked copy in place of the closed ledger file.
func swapDB(tmp, dst string) error {
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(dst + suffix)
		os.Remove(tmp + suffix)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return &ledger.Error{Kind: ledger.KindInternal, Op: "ui.restore", Msg: "không thay được tệp sổ " + dst, Err: err}
	}
	return nil
}

func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return &ledger.Error{Kind: ledger.KindNotFound, Op: "ui.copyFile", Msg: "không đọc được " + src, Err: err}
	}
	defer in.Close()
	removeDB(dst)
	out, err := os.Create(dst)
	if err != nil {
		return &ledger.Error{Kind: ledger.KindInternal, Op: "ui.copyFile", Msg: "không ghi được " + dst, Err: err}
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return &ledger.Error{Kind: ledger.KindInternal, Op: "ui.copyFile", Msg: "không ghi được " + dst, Err: err}
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return &ledger.Error{Kind: ledger.KindInternal, Op: "ui.copyFile", Msg: "không ghi được " + dst, Err: err}
	}
	return out.Close()
}

// check runs the ledger's own checks and reports what they found.
func (sh *shell) check() {
	sh.setStatusBar("Đang kiểm tra sổ…")
	background(sh.u.tasks, func(ctx context.Context) ([]ledger.Problem, error) {
		return sh.s.l.Check(ctx)
	}, func(ps []ledger.Problem, err error) {
		sh.setStatusBar("")
		if err != nil {
			showError(sh.u.win, err)
			return
		}
		if len(ps) == 0 {
			showInfo(sh.u.win, "Kiểm tra sổ", "Sổ không có lỗi: tệp nguyên vẹn, số tổng khớp bút toán, mọi báo cáo cân đối.")
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
		showInfo(sh.u.win, "Kiểm tra sổ: có lỗi", b.String())
	})
}
