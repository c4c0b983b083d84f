-- Every new entry, in one trigger (each BEFORE INSERT trigger is a program
-- of its own per row): its chain hash; an open period (a closed year
-- closes its halves, a closed half its year); a review not finished (of
-- its period or, for a half, of its year); a budget year kept one way only
-- (whole, or by half-years); and the superior's own entries reversed only
-- by the superior (its next annex), never by this ledger. The periods and
-- reviews of a unit's budget year ("2026", "2026-H1", "2026-H2") are
-- neighbours in their primary keys, so each lock is one seek and at most
-- three rows, and the way of the year one seek of entries_by_date; the
-- tests are the same as version 6's and 5's.
CREATE TRIGGER entries_guard BEFORE INSERT ON entries
BEGIN
	SELECT RAISE(ABORT, 'entry without its chain hash')
	WHERE NEW.hash IS NULL OR typeof(NEW.hash) <> 'blob' OR length(NEW.hash) <> 32;
	SELECT RAISE(ABORT, 'period is closed')
	WHERE EXISTS (SELECT 1 FROM periods WHERE unit = NEW.unit
	                AND period BETWEEN substr(NEW.period, 1, 4) AND substr(NEW.period, 1, 4) || '-H2'
	                AND status = 'closed' AND (period = NEW.period OR length(period) = 4 OR length(NEW.period) = 4));
	SELECT RAISE(ABORT, 'review is finished')
	WHERE EXISTS (SELECT 1 FROM reviews WHERE unit = NEW.unit
	                AND period BETWEEN substr(NEW.period, 1, 4) AND substr(NEW.period, 1, 4) || '-H2'
	                AND state = 'finished' AND (period = NEW.period OR length(period) = 4));
	SELECT RAISE(ABORT, 'a budget year is kept either whole or by half-years')
	WHERE CASE WHEN length(NEW.period) = 4
	      THEN EXISTS (SELECT 1 FROM entries WHERE unit = NEW.unit AND period BETWEEN NEW.period || '-H1' AND NEW.period || '-H2')
	      ELSE EXISTS (SELECT 1 FROM entries WHERE unit = NEW.unit AND period = substr(NEW.period, 1, 4)) END;
	SELECT RAISE(ABORT, 'entry of the superior unit')
	WHERE NEW.reverses IS NOT NULL AND NEW.via <> 'annex'
	  AND (SELECT via FROM entries WHERE id = NEW.reverses) = 'annex';
END;
