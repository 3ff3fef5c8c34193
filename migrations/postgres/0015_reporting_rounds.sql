-- Reporting rounds (PostgreSQL). Kept in step with the SQLite file of this name.
-- The standing agency opens a round (a period, a due date, the departments asked); each
-- department asked writes its part in set sections beside its figures, which are computed
-- from the data and never stored; the agency returns a part with a comment or accepts it.
CREATE TABLE rounds (
    id            UUID PRIMARY KEY NOT NULL,
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('periodic', 'interim', 'final')),
    period_from   DATE NOT NULL,
    period_to     DATE NOT NULL,
    due_on        DATE NOT NULL,           -- the last day a part is on time, in the province
    opened_by     UUID NOT NULL REFERENCES users (id),
    created_at    TIMESTAMPTZ NOT NULL,
    CHECK (period_from <= period_to)
);
CREATE TABLE round_parts (
    round_id      UUID NOT NULL REFERENCES rounds (id),
    department_id UUID NOT NULL REFERENCES departments (id),
    state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'draft',
                      'submitted', 'returned', 'accepted')),
    results       TEXT NOT NULL DEFAULT '',
    difficulties  TEXT NOT NULL DEFAULT '',
    proposals     TEXT NOT NULL DEFAULT '',
    comment       TEXT,                    -- the coordinator's, when returned
    submitted_at  TIMESTAMPTZ,                    -- the last submission
    submitted_by  UUID REFERENCES users (id),
    decided_at    TIMESTAMPTZ,                    -- returned or accepted
    decided_by    UUID REFERENCES users (id),
    updated_at    TIMESTAMPTZ NOT NULL,
    version       BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (round_id, department_id)
);
CREATE INDEX round_parts_department ON round_parts (department_id, state);
