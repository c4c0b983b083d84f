package widgets

// Lazy reloads a tab only while it is on screen: a change made elsewhere
// (a voucher saved, another unit chosen) marks it stale, and it reads the
// ledger again when shown, so keying vouchers never pays for the
// district's screens.
type Lazy struct {
	Load    func()
	visible bool
	stale   bool
}

// SetVisible is told when the tab is shown or hidden.
func (z *Lazy) SetVisible(v bool) {
	z.visible = v
	if v && z.stale {
		z.stale = false
		z.Load()
	}
}

// Invalidate reloads now if the tab is shown, else when it is.
func (z *Lazy) Invalidate() {
	if z.visible {
		z.stale = false
		z.Load()
		return
	}
	z.stale = true
}
