package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// unitsTab is "Đơn vị": the superior unit and its subordinate units, with
// adding and renaming. A unit's code (Mã ĐVQHNS) is its identity and
// cannot change.
type unitsTab struct {
	sh       *shell
	list     []ledger.Unit
	table    *widget.Table
	selected int
	editBtn  *widgets.Button
	box      fyne.CanvasObject
	form     *widgets.FormDialog // the last one opened, for tests
}

var unitColumns = []widgets.Column{
	{Title: "Mã ĐVQHNS", Width: 110, Align: fyne.TextAlignCenter},
	{Title: "Tên đơn vị", Width: 520, Align: fyne.TextAlignLeading},
	{Title: "Mã chương", Width: 100, Align: fyne.TextAlignCenter},
	{Title: "Cấp", Width: 160, Align: fyne.TextAlignLeading},
	{Title: "Ghi sổ", Width: 330, Align: fyne.TextAlignLeading},
}

func newUnitsTab(sh *shell) *unitsTab {
	t := &unitsTab{sh: sh, selected: -1}
	t.table = widgets.NewListTable(unitColumns, func() int { return len(t.list) }, func(i int) ([]string, bool) {
		u := t.list[i]
		return []string{u.Code, u.Name, u.Chapter, unitLevel(u), periodsChoice(u.Periods)}, u.Superior
	})
	t.table.OnSelected = func(id widget.TableCellID) {
		t.selected = id.Row
		t.editBtn.Enable()
	}
	add := widgets.NewButton("Thêm đơn vị trực thuộc…", theme.ContentAddIcon(), func() { t.edit(ledger.Unit{}, true) })
	t.editBtn = widgets.NewButton("Sửa tên, mã chương, cách ghi sổ…", theme.DocumentCreateIcon(), func() {
		if t.selected >= 0 && t.selected < len(t.list) {
			t.edit(t.list[t.selected], false)
		}
	})
	t.editBtn.Disable()
	t.box = widgets.Border(container.NewHBox(add, t.editBtn), nil, nil, nil, t.table)
	return t
}

func (t *unitsTab) object() fyne.CanvasObject { return t.box }

func unitLevel(u ledger.Unit) string {
	if u.Superior {
		return "Đơn vị cấp trên"
	}
	return "Đơn vị trực thuộc"
}

// reload shows the units the session holds.
func (t *unitsTab) reload() {
	t.list = append([]ledger.Unit{t.sh.s.superiorUnit()}, t.sh.s.unitList()...)
	t.table.Refresh()
}

// edit opens the unit form: a new subordinate unit, or an existing one
// whose code stays fixed.
func (t *unitsTab) edit(u ledger.Unit, isNew bool) {
	title := "Sửa đơn vị " + u.Code
	if isNew {
		title = "Thêm đơn vị trực thuộc"
		u.Chapter, u.Periods = t.sh.s.superiorUnit().Chapter, t.sh.s.superiorUnit().Periods
	}
	t.form = t.sh.unitForm(title, "Lưu", u, isNew, !isNew, nil)
}

// unitForm opens the form of a unit (new, or existing; fixedCode keeps
// its code as given); saving records it, shows it wherever units are
// listed, then calls saved.
func (sh *shell) unitForm(title, okText string, u ledger.Unit, isNew, fixedCode bool, saved func(ledger.Unit)) *widgets.FormDialog {
	if isNew && u.Periods == "" {
		u.Periods = sh.s.superiorUnit().Periods // the ledger's way
	}
	uf := newUnitFields(u)
	if fixedCode {
		uf.code.Disable()
	}
	items := uf.items()
	if u.Superior {
		items = items[:3] // the superior keeps no periods of its own: its way is the ledger's, set when it was made
	}
	return widgets.ShowFormDialog(sh.u.win, title, okText, items, func(done func(error)) {
		nu, err := uf.unit()
		if err != nil {
			done(err)
			return
		}
		nu.Superior = u.Superior
		sh.writeReference(func(ctx context.Context) error {
			if isNew {
				return sh.s.l.AddUnit(ctx, nu)
			}
			return sh.s.l.UpdateUnit(ctx, nu)
		}, func(err error) {
			done(err)
			if err != nil {
				return
			}
			sh.units.reload()
			sh.loadUnits(sh.unit.Code)
			sh.setStatusBar("Đã lưu đơn vị " + nu.Code + " · " + nu.Name + ".")
			if saved != nil {
				saved(nu)
			}
		})
	}, uf.fieldFor)
}

// writeReference records a change of the reference data (units, codes,
// settings) in the background, reads that data again for every screen,
// then reports to done on the UI goroutine.
func (sh *shell) writeReference(write func(ctx context.Context) error, done func(error)) {
	sh.u.tasks.run(func(ctx context.Context) error {
		if err := write(ctx); err != nil {
			return err
		}
		return sh.s.reload(ctx)
	}, func(err error) {
		if err == nil {
			sh.audit.Invalidate()
		}
		done(err)
	})
}
