-- Costs of findings and the coordinators' targets (SQLite). Kept in step with the
-- PostgreSQL file of this name.
-- A finding's plan may carry what its fix is estimated to cost and, once fixed, what it
-- cost: whole Vietnamese đồng.
ALTER TABLE findings ADD COLUMN estimated_cost BIGINT CHECK (estimated_cost >= 0);
ALTER TABLE findings ADD COLUMN actual_cost BIGINT CHECK (actual_cost >= 0);
CREATE INDEX findings_budget_year ON findings (budget_year);

-- What a programme asks the province to reach, for sites of one kind (none: every kind) in
-- one area (none: the whole province), by a day: a share of sites audited, a share
-- accessible, or a share of findings fixed.
CREATE TABLE targets (
    id          BLOB PRIMARY KEY NOT NULL,
    year        BIGINT NOT NULL,
    measure     TEXT NOT NULL CHECK (measure IN ('audited', 'accessible', 'fixed')),
    site_kind   TEXT,
    area_id     BLOB REFERENCES areas (id),
    share       REAL NOT NULL CHECK (share >= 0 AND share <= 1),
    by_date     TEXT NOT NULL,
    programme   TEXT NOT NULL,
    created_by  BLOB NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL
);
CREATE INDEX targets_year ON targets (year);
