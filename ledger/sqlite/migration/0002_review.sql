-- WardLedger schema, version 2: the district's side — workbooks imported
-- from wards, and reviews (xét duyệt) of their settlements.

CREATE TABLE imports (
	seq      INTEGER PRIMARY KEY,
	unit     TEXT NOT NULL REFERENCES units (code),
	period   TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-H[12]'),
	file     TEXT NOT NULL,
	sha256   TEXT NOT NULL CHECK (length(sha256) = 64),
	added    INTEGER NOT NULL CHECK (added >= 0),
	skipped  INTEGER NOT NULL CHECK (skipped >= 0),
	warnings TEXT NOT NULL DEFAULT '',
	at       TEXT NOT NULL
) STRICT;

CREATE INDEX imports_by_period ON imports (period, unit);

CREATE TABLE reviews (
	unit       TEXT NOT NULL REFERENCES units (code),
	period     TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-H[12]'),
	state      TEXT NOT NULL CHECK (state IN ('draft', 'finished')),
	comment    TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL,
	PRIMARY KEY (unit, period)
) STRICT;

CREATE TABLE approvals (
	unit     TEXT NOT NULL,
	period   TEXT NOT NULL,
	row      TEXT NOT NULL CHECK (length(row) BETWEEN 1 AND 4 AND row NOT GLOB '*[^0-9]*'),
	khoan    TEXT NOT NULL CHECK (length(khoan) = 3 AND khoan NOT GLOB '*[^0-9]*'),
	approved INTEGER NOT NULL CHECK (approved BETWEEN -1000000000000000000 AND 1000000000000000000),
	reason   TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (unit, period, row, khoan),
	FOREIGN KEY (unit, period) REFERENCES reviews (unit, period)
) STRICT;

-- A finished review is locked: its approvals cannot change.
CREATE TRIGGER approvals_locked_insert BEFORE INSERT ON approvals
WHEN (SELECT state FROM reviews WHERE unit = NEW.unit AND period = NEW.period) = 'finished'
BEGIN
	SELECT RAISE(ABORT, 'review is finished');
END;

CREATE TRIGGER approvals_locked_update BEFORE UPDATE ON approvals
WHEN (SELECT state FROM reviews WHERE unit = OLD.unit AND period = OLD.period) = 'finished'
BEGIN
	SELECT RAISE(ABORT, 'review is finished');
END;

CREATE TRIGGER approvals_locked_delete BEFORE DELETE ON approvals
WHEN (SELECT state FROM reviews WHERE unit = OLD.unit AND period = OLD.period) = 'finished'
BEGIN
	SELECT RAISE(ABORT, 'review is finished');
END;

-- The entry table filtered by kind pages through this index instead of
-- scanning the ward-period.
CREATE INDEX entries_by_kind ON entries (unit, period, kind, date, seq);
