-- WardLedger schema, version 6: the year is a settlement period.
--
-- Every period column accepts a whole year ("2026") as well as a half-year
-- ("2026-H1"): the Go step of this version (widenPeriods,
-- migrate_year.go) rebuilds each table whose CHECK allowed half-years
-- only, rows copied unchanged. The entries' guard trigger is lifted for it
-- and made anew by 0006_year.post.sql.
--
-- A unit is kept by half-years (the default, as before) or by whole years.

ALTER TABLE units ADD COLUMN periods TEXT NOT NULL DEFAULT 'half' CHECK (periods IN ('half', 'year'));

DROP TRIGGER entries_guard;
