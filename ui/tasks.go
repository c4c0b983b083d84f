package ui

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// tasks runs ledger work off the UI goroutine and hands the result back to
// it through fyne.Do, so the window never freezes on a slow disk. It counts
// what is in flight: closing the ledger waits for the work to return, and
// tests wait for the results to reach the widgets.
type tasks struct {
	mu     sync.Mutex
	ctx    context.Context // of the open ledger; replaced by stop
	cancel context.CancelFunc

	working  sync.WaitGroup // until the work function has returned
	inflight atomic.Int64   // until the UI callback has run

	// queued, in tests, keeps the callbacks in queue until wait runs them
	// on the test goroutine. The test driver's fyne.Do would run each one
	// at once on the worker's goroutine, while the test may still be
	// inside the key event that started the work; a real driver never
	// does that. Like fyne.Do, posting never blocks.
	queued bool
	qmu    sync.Mutex
	queue  []func()
	posted chan struct{}
}

func newTasks(queued bool) *tasks {
	ctx, cancel := context.WithCancel(context.Background())
	return &tasks{ctx: ctx, cancel: cancel, queued: queued, posted: make(chan struct{}, 1)}
}

func (t *tasks) current() context.Context {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.ctx
}

// ui runs fn on the UI goroutine; workers use it to show progress.
func (t *tasks) ui(fn func()) {
	t.inflight.Add(1)
	t.post(func() {
		defer t.inflight.Add(-1)
		fn()
	})
}

func (t *tasks) post(fn func()) {
	if !t.queued {
		fyne.Do(fn)
		return
	}
	t.qmu.Lock()
	t.queue = append(t.queue, fn)
	t.qmu.Unlock()
	select {
	case t.posted <- struct{}{}:
	default:
	}
}

// run calls work on a new goroutine, then done with its error on the UI
// goroutine, unless the ledger was closed meanwhile: then no screen is
// left to update.
func (t *tasks) run(work func(ctx context.Context) error, done func(error)) {
	ctx := t.current()
	t.inflight.Add(1)
	t.working.Add(1)
	go func() {
		err := work(ctx)
		t.working.Done()
		t.post(func() {
			defer t.inflight.Add(-1)
			if done != nil && ctx.Err() == nil {
				done(err)
			}
		})
	}()
}

// background runs work and hands its value to done on the UI goroutine.
func background[T any](t *tasks, work func(ctx context.Context) (T, error), done func(T, error)) {
	var v T
	t.run(func(ctx context.Context) error {
		var err error
		v, err = work(ctx)
		return err
	}, func(err error) { done(v, err) })
}

// stop cancels the running work, waits for it to return and starts a new
// generation for the next ledger. Call it on the UI goroutine.
func (t *tasks) stop() {
	t.mu.Lock()
	t.cancel()
	t.ctx, t.cancel = context.WithCancel(context.Background())
	t.mu.Unlock()
	t.working.Wait()
}

// wait blocks until every task has finished and its result is on screen.
// Only tests call it, on the goroutine that plays the UI goroutine.
func (t *tasks) wait() {
	for t.inflight.Load() > 0 {
		if !t.queued {
			time.Sleep(time.Millisecond)
			continue
		}
		t.qmu.Lock()
		q := t.queue
		t.queue = nil
		t.qmu.Unlock()
		for _, fn := range q {
			fn()
		}
		if len(q) == 0 {
			select {
			case <-t.posted:
			case <-time.After(10 * time.Millisecond):
			}
		}
	}
}

// debouncer calls a function once typing has paused, so a filter query
// runs once per pause rather than once per key. Use it on the UI goroutine.
type debouncer struct {
	tasks *tasks
	delay time.Duration
	timer *time.Timer
}

func (d *debouncer) call(fn func()) {
	if d.timer != nil && d.timer.Stop() {
		d.tasks.inflight.Add(-1) // the stopped call will never run
	}
	ctx := d.tasks.current()
	d.tasks.inflight.Add(1)
	d.timer = time.AfterFunc(d.delay, func() {
		d.tasks.post(func() {
			defer d.tasks.inflight.Add(-1)
			if ctx.Err() == nil {
				fn()
			}
		})
	})
}
