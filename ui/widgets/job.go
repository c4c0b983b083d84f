package widgets

import (
	"context"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Job is long work (an export, an import) shown in a dialog with a
// progress bar and a Cancel button. The work runs off the UI goroutine;
// the bar and the message move through onUI, which runs a function on
// the UI goroutine (fyne.Do, or the app's queue of background results).
type Job struct {
	onUI func(func())
	d    *dialog.CustomDialog
	msg  *widget.Label
	bar  *widget.ProgressBar
	stop chan struct{}
	once sync.Once
	done chan struct{} // closed when the job has finished (tests)
	pct  atomic.Int64  // last per-mille shown, so a chatty worker posts little
}

// NewJob shows the dialog of a job titled title saying msg; onUI runs a
// function on the UI goroutine.
func NewJob(w fyne.Window, title, msg string, onUI func(func())) *Job {
	j := &Job{onUI: onUI, bar: widget.NewProgressBar(), stop: make(chan struct{}), done: make(chan struct{})}
	j.pct.Store(-1)
	j.msg = widget.NewLabel(msg)
	j.msg.Wrapping = fyne.TextWrapWord
	// Escape cancels; Enter, which would not say what it does, does nothing.
	j.d = ShowDialog(w, title, container.NewVBox(j.msg, j.bar), []fyne.CanvasObject{NewButton("Hủy", nil, j.Cancel)},
		func() {}, j.Cancel, fyne.NewSize(560, 0))
	return j
}

// Cancel is the Hủy button: the work's context is cancelled.
func (j *Job) Cancel() { j.once.Do(func() { close(j.stop) }) }

// Watch returns ctx, also cancelled when Hủy is pressed; call the cancel
// function when the work returns.
func (j *Job) Watch(ctx context.Context) (context.Context, context.CancelFunc) {
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

// Progress moves the bar; the worker calls it on its own goroutine.
func (j *Job) Progress(done, total int) {
	if total <= 0 {
		return
	}
	pm := int64(done) * 1000 / int64(total)
	if j.pct.Swap(pm) == pm {
		return
	}
	j.onUI(func() { j.bar.SetValue(float64(pm) / 1000) })
}

// Say changes the message; the worker calls it on its own goroutine.
func (j *Job) Say(msg string) { j.onUI(func() { j.msg.SetText(msg) }) }

// Finish closes the dialog; call it on the UI goroutine.
func (j *Job) Finish() {
	j.d.Hide()
	close(j.done)
}

// Fraction is how much of the bar is filled, 0 to 1.
func (j *Job) Fraction() float64 { return j.bar.Value }

// Done is closed once the job has finished.
func (j *Job) Done() <-chan struct{} { return j.done }
