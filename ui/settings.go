package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// settingKeys are the text settings the dialog edits, in display order,
// with their caption and the default the exports print when empty.
var settingKeys = []struct {
	key, caption, placeholder string
}{
	{ledger.SettingOperator, "Người nhập liệu (ghi vào nhật ký sổ)", "họ tên người đang dùng máy"},
	{ledger.SettingPlace, "Địa danh trên dòng ngày tháng", "vd: Hà Đông"},
	{ledger.SettingPreparerTitle, "Chức danh người lập biểu", "NGƯỜI LẬP BIỂU"},
	{ledger.SettingPreparerName, "Họ tên người lập biểu", ""},
	{ledger.SettingAccountTitle, "Chức danh kế toán", "KẾ TOÁN TRƯỞNG hoặc PHỤ TRÁCH KẾ TOÁN"},
	{ledger.SettingAccountName, "Họ tên kế toán", ""},
	{ledger.SettingHeadTitle, "Chức danh thủ trưởng", "THỦ TRƯỞNG ĐƠN VỊ"},
	{ledger.SettingHeadName, "Họ tên thủ trưởng", ""},
}

// settingsDialog edits the ledger's settings: the superior unit's details,
// the signers printed under the reports, the display unit and who is
// keying in. Only what changed is written, each change audited.
type settingsDialog struct {
	sh      *shell
	values  map[string]string
	entries map[string]*widgets.TextEntry
	unit    *unitFields
	display *widgets.KeySelect
	note    *widget.Label
	ok      *widgets.Button
	d       *dialog.CustomDialog
}

func (sh *shell) settings() {
	background(sh.u.tasks, func(ctx context.Context) (map[string]string, error) {
		out := map[string]string{}
		for _, k := range append(settingKeyList(), ledger.SettingDisplayUnit) {
			v, err := sh.s.l.Setting(ctx, k)
			if err != nil {
				return nil, err
			}
			out[k] = v
		}
		return out, nil
	}, func(values map[string]string, err error) {
		if err != nil {
			widgets.ShowError(sh.u.win, err)
			return
		}
		sh.settingsDlg = newSettingsDialog(sh, values)
	})
}

func settingKeyList() []string {
	out := make([]string, len(settingKeys))
	for i, s := range settingKeys {
		out[i] = s.key
	}
	return out
}

func newSettingsDialog(sh *shell, values map[string]string) *settingsDialog {
	s := &settingsDialog{sh: sh, values: values, entries: map[string]*widgets.TextEntry{}}
	s.unit = newUnitFields(sh.s.superiorUnit())
	s.unit.code.Disable()
	signers := container.NewGridWithColumns(2)
	for _, k := range settingKeys {
		e := widgets.NewTextEntry(k.placeholder)
		e.SetText(values[k.key])
		s.entries[k.key] = e
		signers.Add(widgets.NewField(k.key, k.caption, e).Object())
	}
	s.display = widgets.NewKeySelect(displayUnitLabels(), nil, nil)
	s.display.SetSelected(parseDisplayUnit(values[ledger.SettingDisplayUnit]).Label())
	s.note = widget.NewLabel("")
	s.note.Importance = widget.DangerImportance
	s.note.Wrapping = fyne.TextWrapWord
	unitBox := container.NewGridWithColumns(3)
	for _, f := range s.unit.items() {
		unitBox.Add(f.Object())
	}
	heading := func(t string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	body := container.NewVBox(
		heading("Đơn vị cấp trên (giữ sổ)"), unitBox,
		widget.NewSeparator(), heading("Người ký và nhập liệu (in dưới báo cáo)"), signers,
		widget.NewSeparator(), heading("Hiển thị số tiền trên báo cáo"), widgets.NewField("display_unit", "Đơn vị tính", s.display).Object(),
		s.note)
	s.d, s.ok = widgets.ActionDialog(sh.u.win, "Thiết lập", body, "Lưu", widget.HighImportance, fyne.NewSize(760, 0), s.save)
	return s
}

// save writes the settings that changed and the superior unit if edited.
func (s *settingsDialog) save() {
	changed := map[string]string{}
	for k, e := range s.entries {
		if v := strings.TrimSpace(e.Text); v != s.values[k] {
			changed[k] = v
		}
	}
	du := string(displayUnitByLabel(s.display.Selected))
	if du != s.values[ledger.SettingDisplayUnit] {
		changed[ledger.SettingDisplayUnit] = du
	}
	for _, f := range s.unit.items() {
		f.ClearError()
	}
	sup, err := s.unit.unit()
	if err != nil {
		if f := s.unit.fieldFor(ledger.ErrorField(err)); f != nil {
			f.SetError(widgets.ErrorText(err))
		}
		s.note.SetText(widgets.ErrorText(err))
		return
	}
	old := s.sh.s.superiorUnit()
	sup.Superior = true
	s.ok.Disable()
	var supChanged *ledger.Unit
	if sup != old {
		supChanged = &sup
	}
	s.sh.writeReference(func(ctx context.Context) error {
		return s.sh.s.l.SaveSettings(ctx, changed, supChanged) // one save, one transaction
	}, func(err error) {
		s.ok.Enable()
		if err != nil {
			s.note.SetText(widgets.ErrorText(err))
			return
		}
		s.d.Hide()
		if v, ok := changed[ledger.SettingDisplayUnit]; ok {
			s.sh.stmt.setDisplay(parseDisplayUnit(v), false)
		}
		s.sh.units.reload()
		s.sh.setStatusBar("Đã lưu thiết lập.")
	})
}
