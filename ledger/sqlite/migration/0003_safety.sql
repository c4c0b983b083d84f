-- WardLedger schema, version 3: data safety.
--
-- Entries and audit rows form hash chains (tamper evidence): each entry
-- stores the SHA-256 of the previous entry's hash and its own canonical
-- content (ledger.EntryHash); each audit row the same over its content and
-- the entries' chain head at the time it was written (ledger.AuditHash), so
-- entries cannot be cut from the end without the audit trail showing it.
-- The Go step of this version hashes the rows already there; the
-- append-only triggers are lifted for it and put back by 0003_safety.post.sql.

DROP TRIGGER entries_no_update;
DROP TRIGGER audit_no_update;

ALTER TABLE entries ADD COLUMN hash BLOB;
ALTER TABLE audit ADD COLUMN entries_head BLOB;
ALTER TABLE audit ADD COLUMN hash BLOB;

-- Files of entries imported (wardctl entry import, allocate): the same
-- content twice is refused unless asked for.
CREATE TABLE file_imports (
	seq     INTEGER PRIMARY KEY,
	sha256  TEXT NOT NULL CHECK (length(sha256) = 64),
	file    TEXT NOT NULL,
	entries INTEGER NOT NULL CHECK (entries >= 0),
	at      TEXT NOT NULL
) STRICT;

CREATE INDEX file_imports_by_sha256 ON file_imports (sha256);

-- The stored totals are kept by the writer, one upsert per key and batch
-- (ledger/sqlite/batch.go), not by a trigger per row; Check proves them
-- against the entries. The checks every insert must pass — a chain hash, an
-- open period, an unfinished review — are one trigger, run once per row.
DROP TRIGGER entries_totals;
DROP TRIGGER entries_closed_period;
