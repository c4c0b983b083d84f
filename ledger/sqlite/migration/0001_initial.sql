-- WardLedger schema, version 1.
-- Entries and the audit trail are append-only; totals are kept by trigger
-- so statements and rule checks read a few rows, not every entry.

CREATE TABLE settings (
	key   TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
	value TEXT NOT NULL
) STRICT;

CREATE TABLE units (
	code        TEXT PRIMARY KEY CHECK (length(code) = 7 AND code NOT GLOB '*[^0-9]*'),
	name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
	chapter     TEXT NOT NULL CHECK (length(chapter) = 3 AND chapter NOT GLOB '*[^0-9]*'),
	is_superior INTEGER NOT NULL DEFAULT 0 CHECK (is_superior IN (0, 1)),
	created_at  TEXT NOT NULL
) STRICT;

-- At most one superior unit.
CREATE UNIQUE INDEX units_one_superior ON units (is_superior) WHERE is_superior = 1;

CREATE TABLE codes (
	level  TEXT NOT NULL CHECK (level IN ('loai', 'khoan', 'muc', 'tieu_muc')),
	code   TEXT NOT NULL CHECK (code NOT GLOB '*[^0-9]*' AND
	                            length(code) = CASE WHEN level IN ('loai', 'khoan') THEN 3 ELSE 4 END),
	name   TEXT NOT NULL CHECK (length(trim(name)) > 0),
	parent TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (level, code)
) STRICT;

CREATE TABLE periods (
	unit      TEXT NOT NULL REFERENCES units (code),
	period    TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-H[12]'),
	status    TEXT NOT NULL CHECK (status IN ('open', 'closed')),
	closed_at TEXT,
	PRIMARY KEY (unit, period)
) STRICT;

CREATE TABLE entries (
	seq        INTEGER PRIMARY KEY,
	id         TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
	unit       TEXT NOT NULL REFERENCES units (code),
	period     TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-H[12]'),
	kind       TEXT NOT NULL CHECK (kind IN ('allocation', 'adjustment', 'withdrawal', 'spending', 'returned',
	                                         'carry_in_received', 'carry_in_estimate',
	                                         'carry_out_received', 'carry_out_estimate')),
	nature     TEXT NOT NULL CHECK (nature IN ('TX', 'KTX')),
	khoan      TEXT NOT NULL CHECK (length(khoan) = 3 AND khoan NOT GLOB '*[^0-9]*'),
	tieu_muc   TEXT NOT NULL CHECK (tieu_muc = '' OR (length(tieu_muc) = 4 AND tieu_muc NOT GLOB '*[^0-9]*')),
	amount     INTEGER NOT NULL CHECK (amount <> 0 AND amount BETWEEN -1000000000000000 AND 1000000000000000),
	doc        TEXT NOT NULL CHECK (length(trim(doc)) > 0),
	date       TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	memo       TEXT NOT NULL DEFAULT '',
	reverses   TEXT REFERENCES entries (id),
	origin     TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX entries_by_date ON entries (unit, period, date, seq);
CREATE UNIQUE INDEX entries_one_reversal ON entries (reverses) WHERE reverses IS NOT NULL;
CREATE INDEX entries_by_origin ON entries (unit, origin) WHERE origin <> '';

CREATE TABLE totals (
	unit     TEXT NOT NULL,
	period   TEXT NOT NULL,
	khoan    TEXT NOT NULL,
	nature   TEXT NOT NULL,
	tieu_muc TEXT NOT NULL,
	kind     TEXT NOT NULL,
	amount   INTEGER NOT NULL,
	entries  INTEGER NOT NULL,
	PRIMARY KEY (unit, period, khoan, nature, tieu_muc, kind)
) WITHOUT ROWID, STRICT;

CREATE TABLE audit (
	seq     INTEGER PRIMARY KEY,
	at      TEXT NOT NULL,
	who     TEXT NOT NULL,
	action  TEXT NOT NULL,
	unit    TEXT NOT NULL DEFAULT '',
	period  TEXT NOT NULL DEFAULT '',
	subject TEXT NOT NULL DEFAULT '',
	reason  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
BEGIN
	SELECT RAISE(ABORT, 'entries are append-only: record a reversing entry instead');
END;

CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
BEGIN
	SELECT RAISE(ABORT, 'entries are append-only: record a reversing entry instead');
END;

CREATE TRIGGER entries_closed_period BEFORE INSERT ON entries
WHEN EXISTS (SELECT 1 FROM periods WHERE unit = NEW.unit AND period = NEW.period AND status = 'closed')
BEGIN
	SELECT RAISE(ABORT, 'period is closed');
END;

CREATE TRIGGER entries_totals AFTER INSERT ON entries
BEGIN
	INSERT INTO totals (unit, period, khoan, nature, tieu_muc, kind, amount, entries)
	VALUES (NEW.unit, NEW.period, NEW.khoan, NEW.nature, NEW.tieu_muc, NEW.kind, NEW.amount, 1)
	ON CONFLICT (unit, period, khoan, nature, tieu_muc, kind)
	DO UPDATE SET amount = amount + excluded.amount, entries = entries + 1;
END;

-- Totals change only through the entries trigger above.
CREATE TRIGGER totals_no_delete BEFORE DELETE ON totals
BEGIN
	SELECT RAISE(ABORT, 'totals are derived from entries');
END;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
