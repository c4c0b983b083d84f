-- WardLedger schema, version 5: the exchange of workbooks.
--
-- A ledger knows whose it is (the superior unit's, or one subordinate
-- unit's own), holds its own Ed25519 key pair to sign what it exports, and
-- pins the keys of the units whose workbooks it imports. Every entry says
-- how it came in (via), which the program sets and no file does: a reopen
-- reverses only what this ledger's own closing recorded, and an entry of
-- the superior unit, brought by its annex, is never reversed on a unit's
-- ledger. The Go step of this version makes the key pair, says how the
-- entries already there came in (as far as their origin and the import
-- history tell) and links them into the hash chains again; the
-- append-only triggers are lifted for it and put back by
-- 0005_exchange.post.sql.

DROP TRIGGER entries_no_update;
DROP TRIGGER audit_no_update;

-- Whose ledger it is: '' (not said yet: a ledger made before version 5),
-- 'superior', or 'unit' with the unit's code. Changing it is audited.
CREATE TABLE ledger_role (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	role TEXT NOT NULL DEFAULT '' CHECK (role IN ('', 'superior', 'unit')),
	unit TEXT REFERENCES units (code),
	CHECK ((role = 'unit') = (unit IS NOT NULL))
) STRICT;

-- The ledger's own signing key, made once and never changed. It lives in
-- the ledger file (and in its backups): whoever has a copy of the file can
-- sign as this ledger.
CREATE TABLE signing_key (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	public_key  BLOB NOT NULL CHECK (typeof(public_key) = 'blob' AND length(public_key) = 32),
	private_key BLOB NOT NULL CHECK (typeof(private_key) = 'blob' AND length(private_key) = 64),
	created_at  TEXT NOT NULL
) STRICT;

CREATE TRIGGER signing_key_no_update BEFORE UPDATE ON signing_key
BEGIN
	SELECT RAISE(ABORT, 'the signing key is never changed');
END;

CREATE TRIGGER signing_key_no_delete BEFORE DELETE ON signing_key
BEGIN
	SELECT RAISE(ABORT, 'the signing key is never changed');
END;

-- The keys trusted for other units' workbooks: the newest row of a unit
-- is its key now; a new key is a new row, with the reason it was accepted.
CREATE TABLE pinned_keys (
	seq        INTEGER PRIMARY KEY,
	unit       TEXT NOT NULL CHECK (length(unit) = 7 AND unit NOT GLOB '*[^0-9]*'),
	public_key BLOB NOT NULL CHECK (typeof(public_key) = 'blob' AND length(public_key) = 32),
	pinned_at  TEXT NOT NULL,
	file       TEXT NOT NULL DEFAULT '',
	reason     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX pinned_keys_by_unit ON pinned_keys (unit, seq);

CREATE TRIGGER pinned_keys_no_update BEFORE UPDATE ON pinned_keys
BEGIN
	SELECT RAISE(ABORT, 'pinned keys are append-only');
END;

CREATE TRIGGER pinned_keys_no_delete BEFORE DELETE ON pinned_keys
BEGIN
	SELECT RAISE(ABORT, 'pinned keys are append-only');
END;

-- How each entry came in: '' keyed in (or a batch, an allocation decision),
-- 'closing' this ledger's closing or reopening, 'import' a unit's
-- settlement workbook, 'annex' the superior's annex.
ALTER TABLE entries ADD COLUMN via TEXT NOT NULL DEFAULT ''
	CHECK (via IN ('', 'closing', 'import', 'annex'));

CREATE INDEX entries_by_via ON entries (unit, via) WHERE via <> '';

-- The superior's own entries are reversed only by the superior (its next
-- annex), never by this ledger.
CREATE TRIGGER entries_superior_reversal BEFORE INSERT ON entries
WHEN NEW.reverses IS NOT NULL AND NEW.via <> 'annex'
BEGIN
	SELECT RAISE(ABORT, 'entry of the superior unit')
	WHERE (SELECT via FROM entries WHERE id = NEW.reverses) = 'annex';
END;

-- What each import was and what it found.
ALTER TABLE imports ADD COLUMN kind TEXT NOT NULL DEFAULT 'settlement'
	CHECK (kind IN ('settlement', 'annex', 'review'));
ALTER TABLE imports ADD COLUMN signer_key BLOB
	CHECK (signer_key IS NULL OR (typeof(signer_key) = 'blob' AND length(signer_key) = 32));
ALTER TABLE imports ADD COLUMN chain_head TEXT NOT NULL DEFAULT ''
	CHECK (chain_head = '' OR length(chain_head) = 64);

CREATE TABLE import_findings (
	import INTEGER NOT NULL REFERENCES imports (seq),
	n      INTEGER NOT NULL CHECK (n >= 1),
	kind   TEXT NOT NULL CHECK (kind IN ('unsigned', 'new_key', 'key_changed', 'not_issued', 'codes_added',
	                                     'code_differs', 'edited', 'warning')),
	text   TEXT NOT NULL,
	PRIMARY KEY (import, n)
) STRICT;

CREATE TRIGGER import_findings_no_update BEFORE UPDATE ON import_findings
BEGIN
	SELECT RAISE(ABORT, 'import findings are append-only');
END;

CREATE TRIGGER import_findings_no_delete BEFORE DELETE ON import_findings
BEGIN
	SELECT RAISE(ABORT, 'import findings are append-only');
END;

-- The superior's approval of a unit's settlement, as the unit's ledger
-- received it in a review workbook (thông báo xét duyệt): the newest
-- notice of a unit and period replaces the one before, audited.
CREATE TABLE notices (
	unit        TEXT NOT NULL REFERENCES units (code),
	period      TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-H[12]'),
	number      TEXT NOT NULL DEFAULT '',
	date        TEXT NOT NULL DEFAULT '',
	comment     TEXT NOT NULL DEFAULT '',
	file        TEXT NOT NULL,
	received_at TEXT NOT NULL,
	PRIMARY KEY (unit, period)
) STRICT;

CREATE TABLE notice_figures (
	unit     TEXT NOT NULL,
	period   TEXT NOT NULL,
	row      TEXT NOT NULL CHECK (length(row) BETWEEN 1 AND 4 AND row NOT GLOB '*[^0-9]*'),
	khoan    TEXT NOT NULL CHECK (length(khoan) = 3 AND khoan NOT GLOB '*[^0-9]*'),
	approved INTEGER NOT NULL CHECK (approved BETWEEN -1000000000000000000 AND 1000000000000000000),
	reason   TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (unit, period, row, khoan),
	FOREIGN KEY (unit, period) REFERENCES notices (unit, period)
) STRICT;
