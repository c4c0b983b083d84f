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

// Setup is what a new ledger starts with, recorded in one transaction:
// the superior unit, its subordinate units and the settings (signers,
// place). A ledger is never half-created.
type Setup struct {
	Superior Unit
	Units    []Unit
	Settings map[string]string
}

// Validate checks the units (unique codes, the superior not among its
// subordinates) and the settings' keys.
func (s *Setup) Validate() error {
	const op = "Setup.Validate"
	s.Superior.Superior = true
	if s.Superior.Chapter == "" {
		s.Superior.Chapter = DefaultChapter
	}
	if err := s.Superior.Validate(); err != nil {
		return err
	}
	seen := map[string]bool{s.Superior.Code: true}
	for i := range s.Units {
		u := &s.Units[i]
		u.Superior = false
		if u.Chapter == "" {
			u.Chapter = s.Superior.Chapter
		}
		if err := u.Validate(); err != nil {
			return AtItem(i+1, "đơn vị", err)
		}
		if seen[u.Code] {
			return AtItem(i+1, "đơn vị", FieldErrorf("code", op, "mã ĐVQHNS %s lặp lại", u.Code))
		}
		seen[u.Code] = true
	}
	for k := range s.Settings {
		if err := ValidSettingKey(k); err != nil {
			return err
		}
	}
	return nil
}

// ValidSettingKey checks the name of a setting.
func ValidSettingKey(key string) error {
	if key == "" || len(key) > 64 {
		return FieldErrorf("key", "ValidSettingKey", "tên thiết lập %q không hợp lệ", key)
	}
	return nil
}

// UnitService manages the superior unit and its subordinate units.
type UnitService interface {
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
	// entry by its position (1-based) in es. src says where they come
	// from; a file already imported (same SHA-256) is refused unless
	// src.Again.
	AddEntries(ctx context.Context, es []*Entry, src BatchSource) error
	// ReverseEntry records the reversal of entry id and returns it.
	ReverseEntry(ctx context.Context, id, reason string) (*Entry, error)
	FindEntry(ctx context.Context, id string) (*Entry, error)
	Entries(ctx context.Context, f EntryFilter) ([]*Entry, error)
	CountEntries(ctx context.Context, f EntryFilter) (int, error)
	// ReversedIDs returns which of ids have been reversed.
	ReversedIDs(ctx context.Context, ids []string) (map[string]bool, error)
}

// BatchSource says where a batch of entries comes from: why (audited),
// and for a file its name and the SHA-256 of its bytes, so that the same
// content is not imported twice by mistake; Again imports it anyway.
type BatchSource struct {
	Reason string
	File   string
	SHA256 string
	Again  bool
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

// CatalogueService manages budget classification codes.
type CatalogueService interface {
	Catalogue(ctx context.Context) (*Catalogue, error)
	AddCode(ctx context.Context, c Code) error
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
	// SaveSettings saves one settings dialog at once, all or nothing: the
	// settings in values and, when superior is not nil, the superior
	// unit's name and chapter.
	SaveSettings(ctx context.Context, values map[string]string, superior *Unit) error
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
	// AuditLog returns the newest limit rows.
	AuditLog(ctx context.Context, limit int) ([]AuditRecord, error)
	// Audit returns the rows f selects, newest first, one page of them.
	Audit(ctx context.Context, f AuditFilter) ([]AuditRecord, error)
	// CountAudit counts the rows f selects (its page ignored).
	CountAudit(ctx context.Context, f AuditFilter) (int, error)
}

// Problem is one broken invariant found by a check.
type Problem struct {
	Unit, Period string
	What         string
}

// BackupKind says why a backup beside the ledger was taken; it is part of
// the file's name so a list can say where each came from.
type BackupKind string

const (
	BackupAuto          BackupKind = "tudong"        // the first start of each day
	BackupManual        BackupKind = "thucong"       // Sao lưu ngay
	BackupBeforeRestore BackupKind = "truockhoiphuc" // the ledger as it was before a restore
)

// Label is the Vietnamese name of the kind.
func (k BackupKind) Label() string {
	switch k {
	case BackupAuto:
		return "tự động"
	case BackupManual:
		return "thủ công"
	case BackupBeforeRestore:
		return "trước khi khôi phục"
	}
	return string(k)
}

// BackupFile is one backup of the ledger found beside it.
type BackupFile struct {
	Path string
	Kind BackupKind
	At   time.Time
	Size int64
}

// MaintenanceService backs up, restores and checks the ledger.
type MaintenanceService interface {
	// Backup writes a checked copy of the ledger to path. A path that is
	// the ledger itself (or its journal), under any spelling, is refused;
	// an existing file is replaced only when overwrite is set.
	Backup(ctx context.Context, path string, overwrite bool) error
	// BackupTo writes a checked copy into dir, named after the ledger, the
	// kind and the moment, and returns its path.
	BackupTo(ctx context.Context, dir string, kind BackupKind) (string, error)
	// AutoBackup takes the day's rotating backup unless one was taken
	// today, keeping the newest keep; it checks the ledger first, so a
	// damaged ledger never rotates a good backup away. taken says whether
	// a backup was written now.
	AutoBackup(ctx context.Context, keep int) (last BackupFile, taken bool, err error)
	// Backups lists the backups beside the ledger, newest first.
	Backups(ctx context.Context) ([]BackupFile, error)
	// Restore puts a checked copy of the backup at src in place of the
	// ledger, after backing the ledger up; it returns that backup's path.
	Restore(ctx context.Context, src string) (safety string, err error)
	// Health is nil when the ledger may be written and exported, and a
	// KindDamaged error pointing to the backups when it is damaged.
	Health(ctx context.Context) error
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
	return l.Form().BuildStatement(unit, p, totals)
}
