-- WardLedger schema, version 7: what the review documents of TT 137/2017
-- print besides the figures, entered by the reviewer: the place, the
-- notice's number and date, the audit and inspection recommendations, the
-- participants of both sides (Thành phần) and the notice's recipients
-- (Nơi nhận). It describes a review, so it belongs to one; it changes no
-- figure, so a finished review still takes it.

CREATE TABLE review_info (
	unit          TEXT NOT NULL,
	period        TEXT NOT NULL,
	place         TEXT NOT NULL DEFAULT '' CHECK (length(place) <= 120),
	notice_number TEXT NOT NULL DEFAULT '' CHECK (length(notice_number) <= 60),
	notice_date   TEXT NOT NULL DEFAULT '' CHECK (notice_date = '' OR notice_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	audit         TEXT NOT NULL DEFAULT '' CHECK (length(audit) <= 4000),
	PRIMARY KEY (unit, period),
	FOREIGN KEY (unit, period) REFERENCES reviews (unit, period)
) STRICT;

CREATE TABLE review_participants (
	unit   TEXT NOT NULL,
	period TEXT NOT NULL,
	seq    INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 30),
	name   TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 500),
	title  TEXT NOT NULL DEFAULT '' CHECK (length(title) <= 500),
	side   TEXT NOT NULL CHECK (side IN ('reviewer', 'reviewed')),
	PRIMARY KEY (unit, period, seq),
	FOREIGN KEY (unit, period) REFERENCES reviews (unit, period)
) STRICT;

CREATE TABLE review_recipients (
	unit      TEXT NOT NULL,
	period    TEXT NOT NULL,
	seq       INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 20),
	recipient TEXT NOT NULL CHECK (length(trim(recipient)) BETWEEN 1 AND 500),
	PRIMARY KEY (unit, period, seq),
	FOREIGN KEY (unit, period) REFERENCES reviews (unit, period)
) STRICT;
