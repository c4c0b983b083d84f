package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
)

// unitsTab is "Đơn vị": the superior unit and its subordinate units, with
// adding and renaming. A unit's code (Mã ĐVQHNS) is its identity and
// cannot change.
type unitsTab struct {
	sh       *shell
	list     []ledger.Unit
	table    *widget.Table
	selected int
	editBtn  *widget.Button
	box      fyne.CanvasObject
	form     *formDialog // the last one opened, for tests
}

var unitColumns = []column{
	{"Mã ĐVQHNS", 110, fyne.TextAlignCenter},
	{"Tên đơn vị", 520, fyne.TextAlignLeading},
	{"Mã chương", 100, fyne.TextAlignCenter},
	{"Cấp", 160, fyne.TextAlignLeading},
}

func newUnitsTab(sh *shell) *unitsTab {
	t := &unitsTab{sh: sh, selected: -1}
	t.table = newListTable(unitColumns, func() int { return len(t.list) }, func(i int) ([]string, bool) {
		u := t.list[i]
		return []string{u.Code, u.Name, u.Chapter, unitLevel(u)}, u.Superior
	})
	t.table.OnSelected = func(id widget.TableCellID) {
		t.selected = id.Row
		t.editBtn.Enable()
	}
	add := widget.NewButtonWithIcon("Thêm đơn vị trực thuộc…", theme.ContentAddIcon(), func() { t.edit(ledger.Unit{}, true) })
	t.editBtn = widget.NewButtonWithIcon("Sửa tên, mã chương…", theme.DocumentCreateIcon(), func() {
		if t.selected >= 0 && t.selected < len(t.list) {
			t.edit(t.list[t.selected], false)
		}
	})
	t.editBtn.Disable()
	t.box = container.NewBorder(container.NewHBox(add, t.editBtn), nil, nil, nil, t.table)
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
		u.Chapter = t.sh.s.superiorUnit().Chapter
	}
	uf := newUnitFields(u)
	if !isNew {
		uf.code.Disable()
	}
	t.form = showFormDialog(t.sh.u.win, title, "Lưu", uf.items(), func(done func(error)) {
		nu, err := uf.unit()
		if err != nil {
			done(err)
			return
		}
		nu.Superior = u.Superior
		t.sh.u.tasks.run(func(ctx context.Context) error {
			if isNew {
				if err := t.sh.s.l.AddUnit(ctx, nu); err != nil {
					return err
				}
			} else if err := t.sh.s.l.UpdateUnit(ctx, nu); err != nil {
				return err
			}
			return t.sh.s.reload(ctx)
		}, func(err error) {
			done(err)
			if err == nil {
				t.reload()
				t.sh.loadUnits(t.sh.unit.Code)
				t.sh.setStatusBar("Đã lưu đơn vị " + nu.Code + " · " + nu.Name + ".")
			}
		})
	}, uf.fieldFor)
}
