package ledger

import "strings"

// AuditFilter selects rows of the audit trail and pages them, newest
// first.
type AuditFilter struct {
	Unit   string // a unit's code; "" for every unit and none
	Period Period // zero for every period and none
	// Action is an action ("entry.reverse") or a group of actions, the
	// part before the dot ("entry"); "" for all.
	Action string
	Offset int
	Limit  int // 0: no limit
}

// Matches reports whether an action is the one f asks for or in its
// group.
func (f AuditFilter) Matches(action string) bool {
	return f.Action == "" || action == f.Action || strings.HasPrefix(action, f.Action+".")
}

// AuditGroup is a group of actions of the audit trail, as a filter offers
// them.
type AuditGroup struct {
	Action string // the prefix, as AuditFilter.Action takes it
	Label  string
}

// AuditGroups are the groups of actions the ledger records, in the order
// a filter lists them.
var AuditGroups = []AuditGroup{
	{"entry", "Bút toán (ghi, đảo)"},
	{"period", "Khóa sổ, mở lại sổ"},
	{"import", "Nhập tệp Excel"},
	{"review", "Xét duyệt"},
	{"notice", "Thông báo xét duyệt nhận được"},
	{"unit", "Đơn vị"},
	{"code", "Danh mục mã"},
	{"key", "Khóa ký của đơn vị"},
	{"role", "Sổ của ai"},
	{"setting", "Thiết lập"},
	{"init", "Tạo sổ"},
}

// auditLabels name the actions the store records.
var auditLabels = map[string]string{
	"init":           "Tạo sổ",
	"unit.add":       "Thêm đơn vị",
	"unit.update":    "Sửa đơn vị",
	"code.add":       "Thêm mã vào danh mục",
	"code.rename":    "Đổi tên mã trong danh mục",
	"code.update":    "Sửa hiệu lực, nguồn của mã",
	"role.set":       "Ghi sổ của ai",
	"key.pin":        "Ghi nhận khóa ký của đơn vị",
	"notice.receive": "Nhận thông báo xét duyệt",
	"import.finding": "Điều phát hiện khi nhập tệp",
	"review.info":    "Sửa thành phần, số thông báo xét duyệt",
	"setting":        "Sửa thiết lập",
	"entry.add":      "Ghi bút toán",
	"entry.batch":    "Ghi một lô bút toán",
	"entry.reverse":  "Đảo bút toán",
	"period.close":   "Khóa sổ",
	"period.reopen":  "Mở lại sổ",
	"import":         "Nhập tệp Excel",
	"review.set":     "Sửa số xét duyệt",
	"review.comment": "Ghi ý kiến xét duyệt",
	"review.finish":  "Duyệt xong",
	"review.reopen":  "Mở lại xét duyệt",
}

// AuditActionLabel names an action of the audit trail in Vietnamese; an
// action it does not know (written by a later version) is shown as is.
func AuditActionLabel(action string) string {
	if l, ok := auditLabels[action]; ok {
		return l
	}
	return action
}
