package ledger

import (
	"context"
	"os"
	"path/filepath"
	"time"
)

// AppID identifies WardLedger to the operating system (config directory,
// Fyne preferences).
const AppID = "vn.wardledger.app"

// DefaultDBPath is the ledger file used when none is given: in the user's
// configuration directory, under the app ID, shared by the desktop app and
// wardctl.
func DefaultDBPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, AppID, "wardledger.db")
}

// UnitService manages the superior unit and its subordinate units.
type UnitService interface {
	// Init records the superior unit of a new ledger; it fails on a ledger
	// that already has one.
	Init(ctx context.Context, superior Unit) error
	Superior(ctx context.Context) (Unit, error)
	// Units lists the subordinate units by code.
	Units(ctx context.Context) ([]Unit, error)
	FindUnit(ctx context.Context, code string) (Unit, error)
	AddUnit(ctx context.Context, u Unit) error
	UpdateUnit(ctx context.Context, u Unit) error
}

// EntryFilter selects and pages entries of one unit and period.
type EntryFilter struct {
	Unit   string
	Period Period
	Kinds  []EntryKind // any of these; all kinds when empty
	Code   string      // Khoản or Tiểu mục starting with this
	Text   string      // document number or memo containing this
	Desc   bool        // newest first
	Offset int
	Limit  int // 0: no limit
}

// EntryService records and reads entries. Every write is one transaction:
// on error nothing is written.
type EntryService interface {
	// AddEntry validates e against the catalogue and the settlement rules,
	// gives it an id if it has none, and records it.
	AddEntry(ctx context.Context, e *Entry) error
	// AddEntries records all of es or none; the error names the failing
	// entry by its position (1-based) in es.
	AddEntries(ctx context.Context, es []*Entry, why string) error
	// ReverseEntry records the reversal of entry id and returns it.
	ReverseEntry(ctx context.Context, id, reason string) (*Entry, error)
	FindEntry(ctx context.Context, id string) (*Entry, error)
	Entries(ctx context.Context, f EntryFilter) ([]*Entry, error)
	CountEntries(ctx context.Context, f EntryFilter) (int, error)
	// ReversedIDs returns which of ids have been reversed.
	ReversedIDs(ctx context.Context, ids []string) (map[string]bool, error)
}

// CarryOver is an amount declared at closing to carry into the next period:
// funds received and unspent (BalanceReceived, rows 31/34) or estimate left
// at the Treasury (BalanceEstimate, rows 32/35).
type CarryOver struct {
	Line    Line
	Balance Balance
	Amount  Money
}

// PeriodService closes and reopens half-years.
type PeriodService interface {
	PeriodStatus(ctx context.Context, unit string, p Period) (PeriodStatus, error)
	// ClosePeriod records the declared carry-overs, locks p, and opens the
	// next period with carry-in entries equal to p's carry-outs.
	ClosePeriod(ctx context.Context, unit string, p Period, carry []CarryOver) error
	// ReopenPeriod unlocks p, reversing what its closing recorded; the
	// reason is audited.
	ReopenPeriod(ctx context.Context, unit string, p Period, reason string) error
	// Periods lists the periods of a unit that have entries or a status.
	Periods(ctx context.Context, unit string) ([]PeriodInfo, error)
}

// PeriodInfo describes one period of one unit.
type PeriodInfo struct {
	Period  Period
	Status  PeriodStatus
	Entries int
}

// AllUnits asks ReportService for the sum over every subordinate unit.
const AllUnits = "*"

// ReportService reads the stored totals that statements are built from.
type ReportService interface {
	// Totals returns the sums per line, Tiểu mục and kind of one unit (or
	// AllUnits) in one period.
	Totals(ctx context.Context, unit string, p Period) ([]Total, error)
	// PeriodUnits returns, in one read, what the superior's reports need of
	// every subordinate unit in p: its status and its totals.
	PeriodUnits(ctx context.Context, p Period) (map[string]UnitPeriod, error)
}

// UnitPeriod is one subordinate unit's status and stored sums in a period.
type UnitPeriod struct {
	Status PeriodStatus
	Totals []Total
}

// CatalogueService manages budget classification codes. The catalogue
// only grows: codes are added, renamed or retired (valid until a year),
// never deleted, because entries name them. Every change is audited.
type CatalogueService interface {
	Catalogue(ctx context.Context) (*Catalogue, error)
	// AddCode adds a code, or gives an existing one a new name or group.
	AddCode(ctx context.Context, c Code) error
	// ImportCatalogue brings codes read from a file in, all or none, in
	// one transaction (see PlanCatalogue). Renames are applied only with
	// opt.Rename; without it they refuse the import with a conflict error
	// listing them (Error.Problems), and the change is returned with it.
	ImportCatalogue(ctx context.Context, codes []CodeLine, opt CatalogueImport) (*CatalogueChange, error)
	// RetireCode records that a code is valid until year (0: valid again)
	// and which code replaces it ("" for none).
	RetireCode(ctx context.Context, level CodeLevel, code string, until int, replacement string) error
}

// CatalogueImport says how an import treats the catalogue.
type CatalogueImport struct {
	Rename bool   // apply the renames the file brings
	Source string // recorded as the source of new codes that name none (the file)
	Reason string // written in the audit trail
}

// Setting keys used by the exports and the desktop app.
const (
	SettingOperator      = "operator"       // who is typing; written into audit rows
	SettingPreparerTitle = "preparer_title" // NGƯỜI LẬP BIỂU
	SettingPreparerName  = "preparer_name"
	SettingAccountTitle  = "accountant_title" // KẾ TOÁN TRƯỞNG / PHỤ TRÁCH KẾ TOÁN
	SettingAccountName   = "accountant_name"
	SettingHeadTitle     = "head_title" // THỦ TRƯỞNG ĐƠN VỊ
	SettingHeadName      = "head_name"
	SettingPlace         = "place" // place on the date line: "Hà Đông"
	SettingDisplayUnit   = "display_unit"
)

// SettingsService stores the ledger's settings as text.
type SettingsService interface {
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// AuditRecord is one row of the audit trail.
type AuditRecord struct {
	Seq     int64
	At      time.Time
	Who     string
	Action  string
	Unit    string
	Period  string
	Subject string
	Reason  string
}

// AuditService reads the audit trail.
type AuditService interface {
	AuditLog(ctx context.Context, limit int) ([]AuditRecord, error)
}

// Problem is one broken invariant found by a check.
type Problem struct {
	Unit, Period string
	What         string
}

// MaintenanceService backs up and checks the ledger.
type MaintenanceService interface {
	// Backup writes a consistent copy of the ledger to path and checks it.
	Backup(ctx context.Context, path string) error
	// Check runs the database integrity check and the ledger invariants.
	Check(ctx context.Context) ([]Problem, error)
}

// Ledger is everything a ledger file offers.
type Ledger interface {
	UnitService
	EntryService
	PeriodService
	ReportService
	CatalogueService
	SettingsService
	AuditService
	MaintenanceService
	ReviewService
	ImportService
	Form() *Form
	Close() error
}

// Import describes a workbook brought into the ledger.
type Import struct {
	Unit     string
	Period   Period
	File     string // the file name, for the history
	SHA256   string // the payload checksum
	Warnings []string
	At       time.Time
	Added    int
	Skipped  int
}

// ImportService brings entries made in another ledger (a ward's) into this
// one, keeping their ids.
type ImportService interface {
	// ImportEntries records the entries of src that the ledger does not
	// have, in the order given (the order they were recorded in); entries
	// already present with the same content are skipped. Any entry whose
	// id is present with other content refuses the whole import with a
	// conflict error listing them (Error.Problems). src.Added and
	// src.Skipped are filled in.
	ImportEntries(ctx context.Context, src *Import, entries []*Entry) error
	// Imports lists what was imported for a period, newest first.
	Imports(ctx context.Context, p Period) ([]Import, error)
}

// Settlement builds the settlement statement of unit (or AllUnits) for p.
func Settlement(ctx context.Context, l Ledger, unit string, p Period) (*Statement, error) {
	totals, err := l.Totals(ctx, unit, p)
	if err != nil {
		return nil, err
	}
	return l.Form().BuildStatement(unit, p, totals), nil
}
