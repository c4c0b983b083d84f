-- Put back the append-only triggers lifted while hashing, and require a
-- hash on every new row.

CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
BEGIN
	SELECT RAISE(ABORT, 'entries are append-only: record a reversing entry instead');
END;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER entries_hashed BEFORE INSERT ON entries
WHEN NEW.hash IS NULL OR typeof(NEW.hash) <> 'blob' OR length(NEW.hash) <> 32
BEGIN
	SELECT RAISE(ABORT, 'entry without its chain hash');
END;

CREATE TRIGGER audit_hashed BEFORE INSERT ON audit
WHEN NEW.hash IS NULL OR typeof(NEW.hash) <> 'blob' OR length(NEW.hash) <> 32
BEGIN
	SELECT RAISE(ABORT, 'audit row without its chain hash');
END;
