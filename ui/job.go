package ui

import (
	"context"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// job is long work (an export, an import) shown in a dialog with a
// progress bar and a Cancel button. The work runs off the UI goroutine;
// the bar and the message move through the tasks' UI queue.
type job struct {
	t    *tasks
	d    *dialog.CustomDialog
	msg  *widget.Label
	bar  *widget.ProgressBar
	stop chan struct{}
	once sync.Once
	done chan struct{} // closed when the job has finished (tests)
	pct  atomic.Int64  // last per-mille shown, so a chatty worker posts little
}

func newJob(t *tasks, w fyne.Window, title, msg string) *job {
	j := &job{t: t, bar: widget.NewProgressBar(), stop: make(chan struct{}), done: make(chan struct{})}
	j.pct.Store(-1)
	j.msg = widget.NewLabel(msg)
	j.msg.Wrapping = fyne.TextWrapWord
	j.d = dialog.NewCustomWithoutButtons(title, container.NewVBox(j.msg, j.bar), w)
	j.d.SetButtons([]fyne.CanvasObject{widget.NewButton("Hủy", j.cancel)})
	j.d.Resize(fyne.NewSize(560, 0))
	j.d.Show()
	return j
}

// cancel is the Hủy button: the work's context is cancelled.
func (j *job) cancel() { j.once.Do(func() { close(j.stop) }) }

// watch returns ctx, also cancelled when Hủy is pressed; call the cancel
// function when the work returns.
func (j *job) watch(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		select {
		case <-j.stop:
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, cancel
}

// progress moves the bar; the worker calls it on its own goroutine.
func (j *job) progress(done, total int) {
	if total <= 0 {
		return
	}
	pm := int64(done) * 1000 / int64(total)
	if j.pct.Swap(pm) == pm {
		return
	}
	j.t.ui(func() { j.bar.SetValue(float64(pm) / 1000) })
}

// say changes the message; the worker calls it on its own goroutine.
func (j *job) say(msg string) { j.t.ui(func() { j.msg.SetText(msg) }) }

// finish closes the dialog; call it on the UI goroutine.
func (j *job) finish() {
	j.d.Hide()
	close(j.done)
}
