package ui

// lazy reloads a tab only while it is on screen: a change made elsewhere
// (a voucher saved, another unit chosen) marks it stale, and it reads the
// ledger again when shown, so keying vouchers never pays for the
// district's screens.
type lazy struct {
	load    func()
	visible bool
	stale   bool
}

// setVisible is told when the tab is shown or hidden.
func (z *lazy) setVisible(v bool) {
	z.visible = v
	if v && z.stale {
		z.stale = false
		z.load()
	}
}

// invalidate reloads now if the tab is shown, else when it is.
func (z *lazy) invalidate() {
	if z.visible {
		z.stale = false
		z.load()
		return
	}
	z.stale = true
}
