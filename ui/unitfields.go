package ui

import (
	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// unitFields are the inputs of a unit (code, name, chapter), shared by the
// first-run screen and the units tab.
type unitFields struct {
	code, name, chapter    *widgets.TextEntry
	fCode, fName, fChapter *widgets.Field
}

func newUnitFields(u ledger.Unit) *unitFields {
	f := &unitFields{
		code:    widgets.NewTextEntry("7 chữ số"),
		name:    widgets.NewTextEntry("vd: UBND phường Quang Trung"),
		chapter: widgets.NewTextEntry("3 chữ số"),
	}
	f.code.SetText(u.Code)
	f.name.SetText(u.Name)
	f.chapter.SetText(u.Chapter)
	f.fCode = widgets.NewField("code", "Mã ĐVQHNS", f.code)
	f.fCode.SetHint("mã ĐV quan hệ ngân sách")
	f.fName = widgets.NewField("name", "Tên đơn vị", f.name)
	f.fChapter = widgets.NewField("chapter", "Mã chương", f.chapter)
	f.fChapter.SetHint("in trên báo cáo")
	return f
}

func (f *unitFields) items() []*widgets.Field { return []*widgets.Field{f.fCode, f.fName, f.fChapter} }

// unit reads and checks the unit typed.
func (f *unitFields) unit() (ledger.Unit, error) {
	u := ledger.Unit{Code: f.code.Text, Name: f.name.Text, Chapter: f.chapter.Text}
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
	}
	return nil
}
