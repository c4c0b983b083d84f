package widgets

import (
	"slices"
	"sync"

	"fyne.io/fyne/v2"
)

// The keys of dialogs. Fyne's dialogs answer to neither Enter nor Escape,
// so every dialog of the app says, while it is shown, what the two keys
// do (OnDialogKeys). They reach it from the window when nothing in the
// dialog has the keyboard, and from the app's own entries, drop-downs,
// check boxes, lists and buttons when one has it: each passes on the
// keys it has no use for (PassKey). The dialog shown last answers.

// dialogKeys is what Enter and Escape do in one dialog; nil does nothing.
type dialogKeys struct{ enter, escape func() }

// canvasKeys are the dialogs open on one canvas, the last on top, and the
// handler of the canvas's keys before the first was opened.
type canvasKeys struct {
	stack []*dialogKeys
	prev  func(*fyne.KeyEvent)
}

var (
	keysMu   sync.Mutex
	byCanvas = map[fyne.Canvas]*canvasKeys{}
)

// OnDialogKeys makes Enter run enter and Escape run escape on w's canvas,
// until the release returned is called (when the dialog closes).
func OnDialogKeys(w fyne.Window, enter, escape func()) (release func()) {
	c := w.Canvas()
	k := &dialogKeys{enter: enter, escape: escape}
	keysMu.Lock()
	ck := byCanvas[c]
	if ck == nil {
		ck = &canvasKeys{prev: c.OnTypedKey()}
		byCanvas[c] = ck
		c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
			if !dialogKey(c, ev) && ck.prev != nil {
				ck.prev(ev)
			}
		})
	}
	ck.stack = append(ck.stack, k)
	keysMu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			keysMu.Lock()
			defer keysMu.Unlock()
			if i := slices.Index(ck.stack, k); i >= 0 {
				ck.stack = slices.Delete(ck.stack, i, i+1)
			}
			if len(ck.stack) == 0 && byCanvas[c] == ck {
				delete(byCanvas, c)
				c.SetOnTypedKey(ck.prev)
			}
		})
	}
}

// DialogOpen reports whether a dialog of the app is shown on c: the
// window's own shortcuts then wait.
func DialogOpen(c fyne.Canvas) bool {
	keysMu.Lock()
	defer keysMu.Unlock()
	return byCanvas[c] != nil
}

// PassKey hands Enter or Escape, typed in obj, to the dialog obj is in;
// false when it is no such key or no dialog is open.
func PassKey(obj fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	if !isDialogKey(ev.Name) || fyne.CurrentApp() == nil {
		return false
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(obj)
	if c == nil {
		c = onlyDialogCanvas() // obj is embedded in the widget the window knows
	}
	return c != nil && dialogKey(c, ev)
}

// onlyDialogCanvas is the canvas showing a dialog when there is one.
func onlyDialogCanvas() fyne.Canvas {
	keysMu.Lock()
	defer keysMu.Unlock()
	if len(byCanvas) != 1 {
		return nil
	}
	for c := range byCanvas {
		return c
	}
	return nil
}

func isDialogKey(k fyne.KeyName) bool {
	return k == fyne.KeyReturn || k == fyne.KeyEnter || k == fyne.KeyEscape
}

// dialogKey runs what the top dialog on c does for ev.
func dialogKey(c fyne.Canvas, ev *fyne.KeyEvent) bool {
	if !isDialogKey(ev.Name) {
		return false
	}
	keysMu.Lock()
	ck := byCanvas[c]
	var top *dialogKeys
	if ck != nil && len(ck.stack) > 0 {
		top = ck.stack[len(ck.stack)-1]
	}
	keysMu.Unlock()
	if top == nil {
		return false
	}
	fn := top.enter
	if ev.Name == fyne.KeyEscape {
		fn = top.escape
	}
	if fn != nil {
		fn()
	}
	return true
}
