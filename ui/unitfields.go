package ui

import (
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// unitFields are the inputs of a unit (code, name, chapter, how its
// periods are kept), shared by the first-run screen and the units tab.
type unitFields struct {
	code, name, chapter              *widgets.TextEntry
	periods                          *widget.Select
	fCode, fName, fChapter, fPeriods *widgets.Field
}

// periodsChoices are the ways of keeping a unit's periods, in the order
// of ledger.Periodicities, as the forms offer them.
var periodsChoices = []string{"Theo năm (khóa sổ cuối năm)", "Theo 6 tháng (khóa sổ giữa năm và cuối năm)"}

func periodsChoice(w ledger.Periodicity) string {
	for i, p := range ledger.Periodicities {
		if p == w {
			return periodsChoices[i]
		}
	}
	return periodsChoices[1]
}

func chosenPeriods(s string) ledger.Periodicity {
	for i, c := range periodsChoices {
		if c == s {
			return ledger.Periodicities[i]
		}
	}
	return ""
}

func newUnitFields(u ledger.Unit) *unitFields {
	f := &unitFields{
		code:    widgets.NewTextEntry("7 chữ số"),
		name:    widgets.NewTextEntry("vd: UBND phường Quang Trung"),
		chapter: widgets.NewTextEntry("3 chữ số"),
		periods: widget.NewSelect(periodsChoices, nil),
	}
	f.code.SetText(u.Code)
	f.name.SetText(u.Name)
	f.chapter.SetText(u.Chapter)
	f.periods.SetSelected(periodsChoice(u.Periods))
	f.fCode = widgets.NewField("code", "Mã ĐVQHNS", f.code)
	f.fCode.SetHint("mã ĐV quan hệ ngân sách")
	f.fName = widgets.NewField("name", "Tên đơn vị", f.name)
	f.fChapter = widgets.NewField("chapter", "Mã chương", f.chapter)
	f.fChapter.SetHint("in trên báo cáo")
	f.fPeriods = widgets.NewField("periods", "Ghi sổ", f.periods)
	f.fPeriods.SetHint("cho các năm chưa có bút toán; năm đã có bút toán giữ cách đã ghi")
	return f
}

func (f *unitFields) items() []*widgets.Field {
	return []*widgets.Field{f.fCode, f.fName, f.fChapter, f.fPeriods}
}

// unit reads and checks the unit typed.
func (f *unitFields) unit() (ledger.Unit, error) {
	u := ledger.Unit{Code: f.code.Text, Name: f.name.Text, Chapter: f.chapter.Text, Periods: chosenPeriods(f.periods.Selected)}
	u.Normalize()
	return u, u.Validate()
}

func (f *unitFields) fieldFor(name string) *widgets.Field {
	switch name {
	case "code":
		return f.fCode
	case "name":
		return f.fName
	case "chapter":
		return f.fChapter
	case "periods":
		return f.fPeriods
	}
	return nil
}
