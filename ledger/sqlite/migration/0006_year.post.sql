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
