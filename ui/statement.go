package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wardledger/ledger"
	"wardledger/ui/widgets"
)

// statementTab is "Quyết toán": the settlement statement B01/BCQT of the
// unit and period (rows 01–35, total and one column per Khoản) and the
// spending detail F01-01/BCQT as a tree, recomputed after every entry.
type statementTab struct {
	sh *shell

	unitSel  *widget.Select
	allUnits *widgets.Check
	summary  *widget.Label
	identity *widget.Label
	b01      *widget.Table
	tree     *widget.Tree
	tabs     *container.AppTabs

	st       *ledger.Statement
	lines    []ledger.FormLine // the form's printed lines: its headings and rows
	detail   []ledger.DetailRow
	children map[string][]string
	display  displayUnit
	box      fyne.CanvasObject
	fit      *widgets.Fitter
	// labelWidth shows every row label whole.
	labelWidth float32
	visible    bool // the tab is on screen; hidden, redrawing waits
	stale      bool
}

// The fixed columns of the B01 table before the amounts.
const (
	colSTT = iota
	colLabel
	colCode
	colTotal
	colFirstKhoan
)

func newStatementTab(sh *shell) *statementTab {
	t := &statementTab{sh: sh, display: unitDong, fit: widgets.NewFitter(),
		labelWidth: rowLabelWidth(sh.s.l.Form(), "      ", 380)}
	t.unitSel = widget.NewSelect(displayUnitLabels(), func(label string) { t.setDisplay(displayUnitByLabel(label), true) })
	t.unitSel.SetSelected(unitDong.Label())
	t.allUnits = widgets.NewCheck("Tổng hợp tất cả đơn vị trực thuộc", func(bool) { t.reload(nil) })
	t.summary = widget.NewLabel("")
	t.summary.Wrapping = fyne.TextWrapWord
	t.identity = widget.NewLabel("")
	t.b01 = t.newB01Table()
	t.tree = t.newDetailTree()
	t.tabs = container.NewAppTabs(
		container.NewTabItem("B01/BCQT – Báo cáo quyết toán kinh phí hoạt động", t.b01),
		container.NewTabItem("F01-01/BCQT – Chi tiết chi theo mục lục ngân sách", t.tree),
	)
	export := widgets.NewButton("Xuất Excel…", theme.DocumentSaveIcon(), func() {
		if t.allUnits.Checked {
			sh.exportWorkbook(sh.request(ledger.WorkbookDistrict))
		} else {
			sh.exportWorkbook(sh.request(ledger.WorkbookSettlement))
		}
	})
	bar := widgets.Border(nil, nil, container.NewHBox(widget.NewLabel("Đơn vị tính:"), t.unitSel, t.allUnits, t.identity), export)
	t.box = widgets.Border(container.NewVBox(bar, t.summary), nil, nil, nil, t.tabs)
	return t
}

func (t *statementTab) object() fyne.CanvasObject { return t.box }

// setDisplay changes the unit amounts are shown in; save stores it as the
// ledger's setting, which the exports read too.
func (t *statementTab) setDisplay(u displayUnit, save bool) {
	if u == t.display {
		return
	}
	t.display = u
	t.unitSel.SetSelected(u.Label())
	t.show()
	if save {
		t.sh.u.tasks.run(func(ctx context.Context) error {
			return t.sh.s.l.SaveSettings(ctx, map[string]string{ledger.SettingDisplayUnit: string(u)}, nil)
		}, func(err error) { widgets.ShowError(t.sh.u.win, err) })
	}
}

func (t *statementTab) unitCode() string {
	if t.allUnits.Checked {
		return ledger.AllUnits
	}
	return t.sh.unit.Code
}

// reload reads the totals of the unit and period and rebuilds both forms.
func (t *statementTab) reload(done func()) {
	unit, p := t.unitCode(), t.sh.period
	if unit == "" || p.IsZero() {
		t.st, t.detail, t.lines = nil, nil, nil
		t.show()
		if done != nil {
			done()
		}
		return
	}
	type result struct {
		st      *ledger.Statement
		detail  []ledger.DetailRow
		display displayUnit
	}
	cat := t.sh.s.catalogue()
	background(t.sh.u.tasks, func(ctx context.Context) (result, error) {
		totals, err := t.sh.s.l.Totals(ctx, unit, p)
		if err != nil {
			return result{}, err
		}
		du, err := t.sh.s.l.Setting(ctx, ledger.SettingDisplayUnit)
		if err != nil {
			return result{}, err
		}
		st, err := t.sh.s.l.Form().BuildStatement(unit, p, totals)
		if err != nil {
			return result{}, err
		}
		detail, err := ledger.SpendingDetail(cat, totals)
		if err != nil {
			return result{}, err
		}
		return result{st, detail, parseDisplayUnit(du)}, nil
	}, func(r result, err error) {
		if done != nil {
			defer done()
		}
		if err != nil {
			widgets.ShowError(t.sh.u.win, err)
			return
		}
		if unit != t.unitCode() || p != t.sh.period {
			return // the selection moved on meanwhile
		}
		t.st, t.detail = r.st, r.detail
		t.lines = r.st.Form.Lines()
		t.display = r.display
		t.unitSel.SetSelected(r.display.Label())
		t.show()
	})
}

// SetVisible is told when the tab is shown or hidden: a hidden statement
// is redrawn only when it is shown again, so saving a voucher does not pay
// for tables nobody sees.
func (t *statementTab) SetVisible(v bool) {
	t.visible = v
	if v && t.stale {
		t.show()
	}
}

func (t *statementTab) show() {
	t.children = detailChildren(t.detail)
	t.showSummary()
	if !t.visible {
		t.stale = true
		return
	}
	t.stale = false
	for i := range t.khoanCount() + colFirstKhoan {
		t.b01.SetColumnWidth(i, t.b01Width(i))
	}
	t.b01.Refresh()
	t.tree.Refresh()
	t.tree.OpenAllBranches()
}

func (t *statementTab) khoanCount() int {
	if t.st == nil {
		return 0
	}
	return len(t.st.Khoans)
}

func (t *statementTab) b01Width(col int) float32 {
	switch col {
	case colSTT:
		return 42
	case colLabel:
		return t.labelWidth
	case colCode:
		return 56
	case colTotal:
		return 150
	}
	return b01KhoanWidth
}

// b01KhoanWidth is a Khoản column's width: four of them (the demo
// district's, a ward's common most) fit the window beside the labels.
const b01KhoanWidth = 138

// showSummary says, per nature, what is left to use before closing, and
// whether the statement balances.
func (t *statementTab) showSummary() {
	if t.st == nil {
		t.summary.SetText("")
		t.identity.SetText("")
		return
	}
	f := t.st.Form
	row := func(b ledger.Balance, n ledger.Nature) string {
		return t.display.report(t.st.Total[f.BalanceRow(b, n)])
	}
	t.summary.SetText(fmt.Sprintf("Còn lại %s (%s) — Dự toán còn ở Kho bạc: TX %s · KTX %s    Kinh phí đã nhận chưa dùng: TX %s · KTX %s",
		f.Text("{trong}", t.st.Period), t.display.Label(), row(ledger.BalanceEstimate, ledger.TX), row(ledger.BalanceEstimate, ledger.KTX),
		row(ledger.BalanceReceived, ledger.TX), row(ledger.BalanceReceived, ledger.KTX)))
	if d, ok := f.CheckIdentity(t.st.Total); ok {
		t.identity.Importance = widget.SuccessImportance
		t.identity.SetText("Cân đối " + spacedFormula(f.Identity) + ": khớp")
	} else {
		t.identity.Importance = widget.DangerImportance
		t.identity.SetText(fmt.Sprintf("Cân đối %s: LỆCH %s đồng", spacedFormula(f.Identity), d.String()))
	}
}

func (t *statementTab) newB01Table() *widget.Table {
	tb := widget.NewTable(
		func() (int, int) {
			if t.st == nil {
				return 0, colFirstKhoan
			}
			return len(t.lines), colFirstKhoan + t.khoanCount()
		},
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if t.st == nil || id.Row >= len(t.lines) {
				t.fit.SetCell(l, "", fyne.TextAlignLeading, widget.MediumImportance, fyne.TextStyle{})
				return
			}
			line := t.lines[id.Row]
			if h := line.Heading; h != nil { // "A  NGÂN SÁCH NHÀ NƯỚC", as the form prints it
				align, text := fyne.TextAlignCenter, h.STT
				if id.Col == colLabel {
					align, text = fyne.TextAlignLeading, h.Label
				} else if id.Col != colSTT {
					text = ""
				}
				t.fit.SetCell(l, text, align, widget.MediumImportance, fyne.TextStyle{Bold: true})
				return
			}
			r := line.Row
			style := fyne.TextStyle{Bold: r.Bold}
			align, text := fyne.TextAlignTrailing, ""
			switch id.Col {
			case colSTT:
				align, text = fyne.TextAlignCenter, r.STT
			case colLabel:
				align, text = fyne.TextAlignLeading, strings.Repeat("      ", r.Level)+r.Label
			case colCode:
				align, text = fyne.TextAlignCenter, r.Code
			case colTotal:
				text = t.display.report(t.st.Total[r.Code])
			default:
				k := t.st.Khoans[id.Col-colFirstKhoan]
				text = t.display.report(t.st.ByKhoan[k][r.Code])
			}
			t.fit.SetCell(l, text, align, widget.MediumImportance, style)
		})
	tb.ShowHeaderRow = true
	tb.CreateHeader = func() fyne.CanvasObject {
		// One line here: the table makes every cell at least as tall as
		// this template. The header row is set two lines high below.
		l := widget.NewLabel("")
		l.TextStyle = fyne.TextStyle{Bold: true}
		l.Alignment = fyne.TextAlignCenter
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	tb.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		switch id.Col {
		case colSTT:
			l.SetText("STT")
		case colLabel:
			l.SetText("CHỈ TIÊU")
		case colCode:
			l.SetText("MÃ SỐ")
		case colTotal:
			l.SetText("TỔNG SỐ")
		default:
			if t.st != nil && id.Col-colFirstKhoan < len(t.st.Khoans) {
				k := t.st.Khoans[id.Col-colFirstKhoan]
				l.SetText(khoanHeading(t.sh.s.catalogue(), k))
			}
		}
	}
	for i := 0; i < colFirstKhoan; i++ {
		tb.SetColumnWidth(i, t.b01Width(i))
	}
	tb.SetRowHeight(-1, b01HeaderHeight())
	return tb
}

// b01HeaderHeight is the height of B01's header row: two lines, as the
// form prints a Khoản's column ("LOẠI 340" over "KHOẢN 341"), whose
// heading on one line is wider than its amounts.
func b01HeaderHeight() float32 {
	l := widget.NewLabelWithStyle("LOẠI\nKHOẢN", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	return l.MinSize().Height
}

// khoanHeading is the heading of a Khoản's column of B01.
func khoanHeading(cat *ledger.Catalogue, k string) string {
	return "LOẠI " + ledger.LoaiOf(cat, k) + "\nKHOẢN " + k
}

// detailChildren links the F01-01 rows into a tree: each row's children
// are the rows one level deeper that follow it; the root is "".
func detailChildren(rows []ledger.DetailRow) map[string][]string {
	out := map[string][]string{}
	for i, parent := range ledger.DetailParents(rows) {
		id := ""
		if parent >= 0 {
			id = strconv.Itoa(parent)
		}
		out[id] = append(out[id], strconv.Itoa(i))
	}
	return out
}

func (t *statementTab) newDetailTree() *widget.Tree {
	tr := widget.NewTree(
		func(id widget.TreeNodeID) []widget.TreeNodeID { return t.children[id] },
		func(id widget.TreeNodeID) bool { return len(t.children[id]) > 0 || id == "" },
		func(branch bool) fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			amount := widget.NewLabel("")
			amount.Alignment = fyne.TextAlignTrailing
			return widgets.Border(nil, nil, nil, amount, name)
		},
		func(id widget.TreeNodeID, branch bool, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			name, amount := c.Objects[0].(*widget.Label), c.Objects[1].(*widget.Label)
			i, err := strconv.Atoi(id)
			if err != nil || i >= len(t.detail) {
				return
			}
			r := t.detail[i]
			name.TextStyle = fyne.TextStyle{Bold: r.Level < ledger.DetailTieuMuc}
			amount.TextStyle = name.TextStyle
			name.SetText(detailLabel(r))
			amount.SetText(t.display.report(r.Amount))
		})
	return tr
}

func detailLabel(r ledger.DetailRow) string {
	switch r.Level {
	case ledger.DetailTotal:
		return "Tổng số chi đề nghị quyết toán"
	case ledger.DetailLoai:
		return "Loại " + r.Code + " – " + r.Name
	case ledger.DetailKhoan:
		return "Khoản " + r.Code + " – " + r.Name
	case ledger.DetailNature:
		return ledger.NatureHeading(r.Nature)
	case ledger.DetailMuc:
		return "Mục " + r.Code + " – " + r.Name
	}
	return "Tiểu mục " + r.Code + " – " + r.Name
}

// spacedFormula writes "11=17+20+29" as "11 = 17 + 20 + 29".
func spacedFormula(s string) string {
	return strings.NewReplacer("=", " = ", "+", " + ", "-", " − ").Replace(s)
}
