package ledger

import "strings"

// Ledgers exchange workbooks: a subordinate unit sends its settlement up,
// the superior unit sends allocation annexes down. This file holds what
// the domain decides about them: the kinds of workbook and their names,
// and every rule about what an imported workbook may bring into a ledger.
// Reading and writing the files is the adapters' (ledger/xlsx writes
// them, ledger/xlsximport reads them back and asks DecideImport).

// WorkbookKind is a kind of workbook the program writes.
type WorkbookKind string

const (
	// WorkbookSettlement is one subordinate unit's settlement of one
	// period (QT_…): B01/BCQT, F01-01/BCQT, the entry register and every
	// entry in its payload, which the superior unit imports.
	WorkbookSettlement WorkbookKind = "settlement"
	// WorkbookDistrict is the superior unit's consolidation of every
	// subordinate unit for one period (THQT_…).
	WorkbookDistrict WorkbookKind = "district"
	// WorkbookAllocation is the table of estimates allocated to every
	// subordinate unit for one period (DT_…).
	WorkbookAllocation WorkbookKind = "allocation"
	// WorkbookReview is the superior unit's review of one subordinate
	// unit's settlement (XD_…): the minutes and the approval notice.
	WorkbookReview WorkbookKind = "review"
	// WorkbookAnnex is one subordinate unit's allocation for one period
	// (PLDT_…), whose payload carries the allocation entries with their
	// ids so that the unit imports them into its own ledger.
	WorkbookAnnex WorkbookKind = "annex"
)

// WorkbookKinds lists every kind.
var WorkbookKinds = []WorkbookKind{WorkbookSettlement, WorkbookDistrict, WorkbookAllocation, WorkbookReview, WorkbookAnnex}

// ParseWorkbookKind reads a workbook kind by name.
func ParseWorkbookKind(s string) (WorkbookKind, error) {
	k := WorkbookKind(strings.ToLower(strings.TrimSpace(s)))
	for _, x := range WorkbookKinds {
		if k == x {
			return k, nil
		}
	}
	return "", FieldErrorf("kind", "ParseWorkbookKind", "loại báo cáo %q không hợp lệ: settlement, district, allocation, review hoặc annex", s)
}

// Label names the kind for a person.
func (k WorkbookKind) Label() string {
	switch k {
	case WorkbookSettlement:
		return "báo cáo quyết toán của đơn vị trực thuộc"
	case WorkbookDistrict:
		return "báo cáo tổng hợp của đơn vị cấp trên"
	case WorkbookAllocation:
		return "bảng giao dự toán của cả đơn vị cấp trên"
	case WorkbookReview:
		return "biên bản và thông báo xét duyệt"
	case WorkbookAnnex:
		return "phụ lục giao dự toán"
	}
	return string(k)
}

// FilePrefix begins the name of every workbook of the kind: "QT_" for a
// settlement, "PLDT_" for an annex.
func (k WorkbookKind) FilePrefix() string {
	switch k {
	case WorkbookDistrict:
		return "THQT_"
	case WorkbookAllocation:
		return "DT_"
	case WorkbookReview:
		return "XD_"
	case WorkbookAnnex:
		return "PLDT_"
	}
	return "QT_"
}

// FileName is the usual name of a workbook of the kind about unit (a
// settlement, review or annex) or about every subordinate unit of
// superior (a consolidation or allocation table) for period p:
// QT_1000002_2026-H1.xlsx, THQT_1000001_2026-H1.xlsx.
func (k WorkbookKind) FileName(unit string, p Period, superior string) string {
	if k == WorkbookDistrict || k == WorkbookAllocation {
		unit = superior
	}
	return k.FilePrefix() + unit + "_" + p.String() + ".xlsx"
}
