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

-- Every new entry: its chain hash, an open period, a review not finished
-- (a finished review locks the unit's period for every writer).
CREATE TRIGGER entries_guard BEFORE INSERT ON entries
BEGIN
	SELECT RAISE(ABORT, 'entry without its chain hash')
	WHERE NEW.hash IS NULL OR typeof(NEW.hash) <> 'blob' OR length(NEW.hash) <> 32;
	SELECT RAISE(ABORT, 'period is closed')
	WHERE EXISTS (SELECT 1 FROM periods WHERE unit = NEW.unit AND period = NEW.period AND status = 'closed');
	SELECT RAISE(ABORT, 'review is finished')
	WHERE EXISTS (SELECT 1 FROM reviews WHERE unit = NEW.unit AND period = NEW.period AND state = 'finished');
END;

CREATE TRIGGER audit_hashed BEFORE INSERT ON audit
WHEN NEW.hash IS NULL OR typeof(NEW.hash) <> 'blob' OR length(NEW.hash) <> 32
BEGIN
	SELECT RAISE(ABORT, 'audit row without its chain hash');
END;
