-- WardLedger schema, version 6: the year is a settlement period.
--
-- Every period column accepts a whole year ("2026") as well as a half-year
-- ("2026-H1"). SQLite cannot alter a CHECK, so the tables with one are
-- rebuilt: renamed, made anew, their rows copied unchanged (the hash
-- chains hold: a row's hash is over its content, which does not move),
-- the old ones dropped, their indexes and triggers made again. The
-- triggers are dropped first so that no rename rewrites them.
--
-- A unit is kept by half-years (the default, as before) or by whole years.
-- One unit's budget year is never kept both ways; a finished review or a
-- closing of a year locks its halves too.

ALTER TABLE units ADD COLUMN periods TEXT NOT NULL DEFAULT 'half' CHECK (periods IN ('half', 'year'));

DROP TRIGGER entries_no_update;
DROP TRIGGER entries_no_delete;
DROP TRIGGER entries_guard;
DROP TRIGGER approvals_locked_insert;
DROP TRIGGER approvals_locked_update;
DROP TRIGGER approvals_locked_delete;

ALTER TABLE entries RENAME TO entries_v5;
ALTER TABLE periods RENAME TO periods_v5;
ALTER TABLE imports RENAME TO imports_v5;
ALTER TABLE approvals RENAME TO approvals_v5;
ALTER TABLE reviews RENAME TO reviews_v5;

CREATE TABLE periods (
	unit      TEXT NOT NULL REFERENCES units (code),
	period    TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-H[12]'),
	status    TEXT NOT NULL CHECK (status IN ('open', 'closed')),
	closed_at TEXT,
	PRIMARY KEY (unit, period)
) STRICT;

CREATE TABLE entries (
	seq        INTEGER PRIMARY KEY,
	id         TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
	unit       TEXT NOT NULL REFERENCES units (code),
	period     TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-H[12]'),
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
	created_by TEXT NOT NULL DEFAULT '',
	hash       BLOB
) STRICT;

CREATE TABLE imports (
	seq      INTEGER PRIMARY KEY,
	unit     TEXT NOT NULL REFERENCES units (code),
	period   TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-H[12]'),
	file     TEXT NOT NULL,
	sha256   TEXT NOT NULL CHECK (length(sha256) = 64),
	added    INTEGER NOT NULL CHECK (added >= 0),
	skipped  INTEGER NOT NULL CHECK (skipped >= 0),
	warnings TEXT NOT NULL DEFAULT '',
	at       TEXT NOT NULL
) STRICT;

CREATE TABLE reviews (
	unit       TEXT NOT NULL REFERENCES units (code),
	period     TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-H[12]'),
	state      TEXT NOT NULL CHECK (state IN ('draft', 'finished')),
	comment    TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL,
	PRIMARY KEY (unit, period)
) STRICT;

CREATE TABLE approvals (
	unit     TEXT NOT NULL,
	period   TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-H[12]'),
	row      TEXT NOT NULL CHECK (length(row) BETWEEN 1 AND 4 AND row NOT GLOB '*[^0-9]*'),
	khoan    TEXT NOT NULL CHECK (length(khoan) = 3 AND khoan NOT GLOB '*[^0-9]*'),
	approved INTEGER NOT NULL CHECK (approved BETWEEN -1000000000000000000 AND 1000000000000000000),
	reason   TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (unit, period, row, khoan),
	FOREIGN KEY (unit, period) REFERENCES reviews (unit, period)
) STRICT;

-- Entries in the order they were written, so a reversal follows what it
-- reverses (the reverses key is checked row by row).
INSERT INTO entries (seq, id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, memo, reverses, origin,
                     created_at, created_by, hash)
SELECT seq, id, unit, period, kind, nature, khoan, tieu_muc, amount, doc, date, memo, reverses, origin,
       created_at, created_by, hash
FROM entries_v5 ORDER BY seq;
INSERT INTO periods (unit, period, status, closed_at) SELECT unit, period, status, closed_at FROM periods_v5;
INSERT INTO imports (seq, unit, period, file, sha256, added, skipped, warnings, at)
SELECT seq, unit, period, file, sha256, added, skipped, warnings, at FROM imports_v5 ORDER BY seq;
INSERT INTO reviews (unit, period, state, comment, updated_at) SELECT unit, period, state, comment, updated_at FROM reviews_v5;
INSERT INTO approvals (unit, period, row, khoan, approved, reason)
SELECT unit, period, row, khoan, approved, reason FROM approvals_v5;

DROP TABLE approvals_v5;
DROP TABLE reviews_v5;
DROP TABLE imports_v5;
DROP TABLE periods_v5;
DROP TABLE entries_v5;

CREATE INDEX entries_by_date ON entries (unit, period, date, seq);
CREATE UNIQUE INDEX entries_one_reversal ON entries (reverses) WHERE reverses IS NOT NULL;
CREATE INDEX entries_by_origin ON entries (unit, origin) WHERE origin <> '';
CREATE INDEX entries_by_kind ON entries (unit, period, kind, date, seq);
CREATE INDEX imports_by_period ON imports (period, unit);

CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
BEGIN
	SELECT RAISE(ABORT, 'entries are append-only: record a reversing entry instead');
END;

CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
BEGIN
	SELECT RAISE(ABORT, 'entries are append-only: record a reversing entry instead');
END;

-- Every new entry: its chain hash; an open period (a closed year closes
-- its halves, a closed half its year); a review not finished (of its
-- period or of its year); a budget year kept one way only (whole, or by
-- half-years). Each test is one seek of a primary key or an index: an
-- equality each, as an IN list of expressions would build a table per row.
CREATE TRIGGER entries_guard BEFORE INSERT ON entries
BEGIN
	SELECT RAISE(ABORT, 'entry without its chain hash')
	WHERE NEW.hash IS NULL OR typeof(NEW.hash) <> 'blob' OR length(NEW.hash) <> 32;
	SELECT RAISE(ABORT, 'period is closed')
	WHERE EXISTS (SELECT 1 FROM periods WHERE unit = NEW.unit AND period = NEW.period AND status = 'closed')
	   OR CASE WHEN length(NEW.period) = 4
	      THEN EXISTS (SELECT 1 FROM periods WHERE unit = NEW.unit AND period = NEW.period || '-H1' AND status = 'closed')
	        OR EXISTS (SELECT 1 FROM periods WHERE unit = NEW.unit AND period = NEW.period || '-H2' AND status = 'closed')
	      ELSE EXISTS (SELECT 1 FROM periods WHERE unit = NEW.unit AND period = substr(NEW.period, 1, 4) AND status = 'closed') END;
	SELECT RAISE(ABORT, 'review is finished')
	WHERE EXISTS (SELECT 1 FROM reviews WHERE unit = NEW.unit AND period = NEW.period AND state = 'finished')
	   OR (length(NEW.period) > 4
	       AND EXISTS (SELECT 1 FROM reviews WHERE unit = NEW.unit AND period = substr(NEW.period, 1, 4) AND state = 'finished'));
	SELECT RAISE(ABORT, 'a budget year is kept either whole or by half-years')
	WHERE CASE WHEN length(NEW.period) = 4
	      THEN EXISTS (SELECT 1 FROM entries WHERE unit = NEW.unit AND period = NEW.period || '-H1')
	        OR EXISTS (SELECT 1 FROM entries WHERE unit = NEW.unit AND period = NEW.period || '-H2')
	      ELSE EXISTS (SELECT 1 FROM entries WHERE unit = NEW.unit AND period = substr(NEW.period, 1, 4)) END;
END;

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
