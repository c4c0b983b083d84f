package ledger

import (
	"context"
	"crypto/ed25519"
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
// the superior unit, its subordinate units, whose ledger it is and the
// settings (signers, place). A ledger is never half-created.
type Setup struct {
	Superior Unit
	Units    []Unit
	// Role says whose ledger it is; the zero LedgerRole is the superior
	// unit's. A unit's own ledger names one of Units.
	Role     LedgerRole
	Settings map[string]string
	// Periods is how the ledger is kept (by half-years when empty): the
	// way of every unit that does not say its own, and of units added
	// later (the setting SettingPeriods).
	Periods Periodicity
}

// Validate checks the units (unique codes, the superior not among its
// subordinates), the role and the settings' keys.
func (s *Setup) Validate() error {
	const op = "Setup.Validate"
	s.Superior.Superior = true
	if s.Superior.Chapter == "" {
		s.Superior.Chapter = DefaultChapter
	}
	way, err := ParsePeriodicity(string(s.Periods))
	if err != nil {
		return err
	}
	s.Periods = way
	if s.Settings == nil {
		s.Settings = map[string]string{}
	}
	s.Settings[SettingPeriods] = string(way)
	if s.Superior.Periods == "" {
		s.Superior.Periods = way
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
		if u.Periods == "" {
			u.Periods = way
		}
		if err := u.Validate(); err != nil {
			return AtItem(i+1, "đơn vị", err)
		}
		if seen[u.Code] {
			return AtItem(i+1, "đơn vị", FieldErrorf("code", op, "mã ĐVQHNS %s lặp lại", u.Code))
		}
		seen[u.Code] = true
	}
	if !s.Role.Set {
		s.Role = SuperiorRole()
	}
	if s.Role.IsUnit() && (!seen[s.Role.Unit] || s.Role.Unit == s.Superior.Code) {
		return FieldErrorf("unit", op, "sổ của đơn vị %s: đơn vị này phải là một đơn vị trực thuộc của sổ", s.Role.Unit)
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

// PeriodService closes and reopens periods: half-years, or whole years
// for a unit kept by years.
type PeriodService interface {
	// PeriodStatus says whether p is closed; a year kept by half-years is
	// closed once its second half is (and its first, if it has entries).
	PeriodStatus(ctx context.Context, unit string, p Period) (PeriodStatus, error)
	// Periodicity says how unit's budget year is kept: the way its entries
	// and closings were recorded, or the unit's way for a year not begun.
	Periodicity(ctx context.Context, unit string, year int) (Periodicity, error)
	// ClosePeriod records the declared carry-overs, locks p, and opens the
	// next period with carry-in entries equal to p's carry-outs. Only a
	// period of the way its year is kept closes: a year kept by halves
	// closes half by half.
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
	// AllUnits) in one period; a year's are its own, or its halves' folded
	// by Form.YearTotals, unit by unit.
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
	// SettingPeriods is how the ledger is kept, "half" or "year": the way
	// of the units added without saying theirs.
	SettingPeriods = "periods"
	// SettingFormCircular, when set, is printed under the form's name in
	// place of the circular the form cites for the year
	// (Form.CircularFor).
	SettingFormCircular = "form_circular"
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
	ExchangeService
	Form() *Form
	Close() error
}

// Import describes a workbook brought into the ledger: what the history
// keeps of it, and what DecideImport decided the store must do with it in
// the same transaction as its entries.
type Import struct {
	Kind   WorkbookKind
	Unit   string
	Period Period
	File   string // the file name, for the history
	SHA256 string // the payload checksum
	// Warnings are the texts of Findings, for a person.
	Warnings []string
	Findings []Finding
	At       time.Time
	Added    int
	Skipped  int

	// Signer is the key that signed the workbook (nil: unsigned), of the
	// unit SignerUnit (the unit of a settlement, the superior of an annex
	// or review). Pinned is the key this ledger trusted for SignerUnit
	// when the import was decided (nil: none yet); the store refuses the
	// import if that changed meanwhile, and pins Signer when PinKey.
	Signer     ed25519.PublicKey
	SignerUnit string
	Pinned     ed25519.PublicKey
	PinKey     bool
	KeyReason  string // why a new key (or an unsigned file) was accepted
	ChainHead  Hash   // the exporting ledger's entries chain head (zero when not carried)
	Via        EntryVia
	AddCodes   []CodeLine // codes the ledger lacks, added in the same transaction
	Notice     *Notice    // a review workbook: the superior's approval
}

// ImportService brings entries made in another ledger (a ward's) into this
// one, keeping their ids.
type ImportService interface {
	// ImportEntries records the entries of src that the ledger does not
	// have, in the order given (the order they were recorded in); entries
	// already present with the same content are skipped. Any entry whose
	// id is present with other content refuses the whole import with a
	// conflict error listing them (Error.Problems). In the same
	// transaction it adds src.AddCodes, pins src.Signer, records
	// src.Notice and src.Findings, and enforces again what the store must
	// (the role, the pinned key, the allocations this ledger issued).
	// src.Added and src.Skipped are filled in.
	ImportEntries(ctx context.Context, src *Import, entries []*Entry) error
	// Imports lists what was imported for a period, newest first, with
	// their findings.
	Imports(ctx context.Context, p Period) ([]Import, error)
}

// ExchangeService is what a ledger knows of the exchange of workbooks:
// whose ledger it is, its signing key, the keys it has pinned, and the
// superior's approvals it has received.
type ExchangeService interface {
	Role(ctx context.Context) (LedgerRole, error)
	// SetRole records whose ledger it is; changing a role already set
	// needs a reason. It is audited.
	SetRole(ctx context.Context, r LedgerRole, reason string) error
	// Signer is the ledger's own signing key.
	Signer(ctx context.Context) (*Signer, error)
	// EntriesHead is the head of the entries' hash chain, which exported
	// workbooks carry.
	EntriesHead(ctx context.Context) (Hash, error)
	// PinnedKey is the key trusted for unit's workbooks, if any.
	PinnedKey(ctx context.Context, unit string) (PinnedKey, bool, error)
	// PinnedKeys lists the keys trusted now, by unit.
	PinnedKeys(ctx context.Context) ([]PinnedKey, error)
	// Notice is the superior's approval of unit's settlement of p
	// received in a review workbook; nil when none was received.
	Notice(ctx context.Context, unit string, p Period) (*Notice, error)
}

// Settlement builds the settlement statement of unit (or AllUnits) for p.
func Settlement(ctx context.Context, l Ledger, unit string, p Period) (*Statement, error) {
	totals, err := l.Totals(ctx, unit, p)
	if err != nil {
		return nil, err
	}
	return l.Form().BuildStatement(unit, p, totals)
}
