-- WardLedger schema, version 4: the catalogue of budget codes by year.
-- A code keeps where its name comes from, the budget years it is valid in
-- (0: open) and the code that replaces it once it is retired. Codes are
-- never deleted: entries name them. The codes of the shipped catalogue
-- that an older ledger lacks are added by the program after this file runs
-- (sqlite.seedCatalogue), with the names it corrects.

ALTER TABLE codes ADD COLUMN source TEXT NOT NULL DEFAULT ''
	CHECK (length(source) <= 200);
ALTER TABLE codes ADD COLUMN valid_from INTEGER NOT NULL DEFAULT 0
	CHECK (valid_from = 0 OR valid_from BETWEEN 1900 AND 9999);
ALTER TABLE codes ADD COLUMN valid_until INTEGER NOT NULL DEFAULT 0
	CHECK (valid_until = 0 OR valid_until BETWEEN 1900 AND 9999 AND (valid_from = 0 OR valid_from <= valid_until));
ALTER TABLE codes ADD COLUMN replacement TEXT NOT NULL DEFAULT ''
	CHECK (replacement = '' OR (replacement NOT GLOB '*[^0-9]*' AND length(replacement) = length(code) AND replacement <> code));

CREATE TRIGGER codes_no_delete BEFORE DELETE ON codes
BEGIN
	SELECT RAISE(ABORT, 'codes are never deleted: retire them (valid until a year) instead');
END;

-- The circular that defines the catalogue, by budget year (both ends
-- inclusive, 0: open).
CREATE TABLE catalogue_basis (
	valid_from  INTEGER NOT NULL PRIMARY KEY CHECK (valid_from = 0 OR valid_from BETWEEN 1900 AND 9999),
	valid_until INTEGER NOT NULL DEFAULT 0 CHECK (valid_until = 0 OR valid_until BETWEEN 1900 AND 9999),
	circular    TEXT NOT NULL CHECK (length(trim(circular)) BETWEEN 1 AND 500)
) STRICT;
