package ui

import (
	"wardledger/ledger"
)

// unitFields are the inputs of a unit (code, name, chapter), shared by the
// first-run screen and the units tab.
type unitFields struct {
	code, name, chapter    *textEntry
	fCode, fName, fChapter *field
}

func newUnitFields(u ledger.Unit) *unitFields {
	f := &unitFields{
		code:    newTextEntry("7 chữ số"),
		name:    newTextEntry("vd: UBND phường Quang Trung"),
		chapter: newTextEntry("3 chữ số"),
	}
	f.code.SetText(u.Code)
	f.name.SetText(u.Name)
	f.chapter.SetText(u.Chapter)
	f.fCode = newField("code", "Mã ĐVQHNS", f.code)
	f.fCode.setHint("mã ĐV quan hệ ngân sách")
	f.fName = newField("name", "Tên đơn vị", f.name)
	f.fChapter = newField("chapter", "Mã chương", f.chapter)
	f.fChapter.setHint("in trên báo cáo")
	return f
}

func (f *unitFields) items() []*field { return []*field{f.fCode, f.fName, f.fChapter} }

// unit reads and checks the unit typed.
func (f *unitFields) unit() (ledger.Unit, error) {
	u := ledger.Unit{Code: f.code.Text, Name: f.name.Text, Chapter: f.chapter.Text}
	u.Normalize()
	return u, u.Validate()
}

func (f *unitFields) fieldFor(name string) *field {
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
