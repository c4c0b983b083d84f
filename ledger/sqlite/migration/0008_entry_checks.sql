-- WardLedger schema, version 8: the entries' checks at bulk speed.
--
-- SQLite builds a temporary table for an IN list of more than two values
-- in a CHECK, and builds it again for every row written (a CHECK has no
-- once-only code): the lists of the kind and of how an entry came in cost
-- an import more than the row itself. The Go step of this version
-- (entryChecks, migrate_checks.go) rebuilds the entries table with the
-- same lists written as CASE expressions, which accept and refuse exactly
-- the same values, rows copied unchanged. The two triggers every new
-- entry runs are lifted for it and made again as one by
-- 0008_entry_checks.post.sql.

DROP TRIGGER entries_guard;
DROP TRIGGER entries_superior_reversal;
