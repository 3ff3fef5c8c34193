-- Reporting rounds (SQLite). Kept in step with the PostgreSQL file of this name.
-- The standing agency opens a round (a period, a due date, the departments asked); each
-- department asked writes its part in set sections beside its figures, which are computed
-- from the data and never stored; the agency returns a part with a comment or accepts it.
CREATE TABLE rounds (
    id            BLOB PRIMARY KEY NOT NULL,
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('periodic', 'interim', 'final')),
    period_from   TEXT NOT NULL,
    period_to     TEXT NOT NULL,
    due_on        TEXT NOT NULL,           -- the last day a part is on time, in the province
    opened_by     BLOB NOT NULL REFERENCES users (id),
    created_at    TEXT NOT NULL,
    CHECK (period_from <= period_to)
);
CREATE TABLE round_parts (
    round_id      BLOB NOT NULL REFERENCES rounds (id),
    department_id BLOB NOT NULL REFERENCES departments (id),
    state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'draft',
                      'submitted', 'returned', 'accepted')),
    results       TEXT NOT NULL DEFAULT '',
    difficulties  TEXT NOT NULL DEFAULT '',
    proposals     TEXT NOT NULL DEFAULT '',
    comment       TEXT,                    -- the coordinator's, when returned
    submitted_at  TEXT,                    -- the last submission
    submitted_by  BLOB REFERENCES users (id),
    decided_at    TEXT,                    -- returned or accepted
    decided_by    BLOB REFERENCES users (id),
    updated_at    TEXT NOT NULL,
    version       BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (round_id, department_id)
);
CREATE INDEX round_parts_department ON round_parts (department_id, state);
