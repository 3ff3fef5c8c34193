-- Remediation: a finding's plan, fix and proof, its history, and follow-up audits
-- (PostgreSQL). Kept in step with the SQLite file of this name.

-- The plan and the fix of a finding. `due_date` is a date in the province's time zone.
ALTER TABLE findings ADD COLUMN due_date DATE;
ALTER TABLE findings ADD COLUMN assignee TEXT;          -- who does the work (the operator by default)
ALTER TABLE findings ADD COLUMN budget_year BIGINT;
ALTER TABLE findings ADD COLUMN reason TEXT;            -- why it will not be fixed
ALTER TABLE findings ADD COLUMN fixed_by UUID REFERENCES users (id);  -- who last marked it fixed
ALTER TABLE findings ADD COLUMN verified_by_audit UUID REFERENCES audits (id);
CREATE INDEX findings_due ON findings (state, due_date);

-- Every change of a finding's state: who, when, why, and the fields it set (JSON). An
-- audit's approval that verifies or reopens a finding names that audit.
CREATE TABLE finding_history (
    id         UUID PRIMARY KEY,
    finding_id UUID NOT NULL REFERENCES findings (id),
    from_state TEXT NOT NULL,
    to_state   TEXT NOT NULL,
    actor_id   UUID NOT NULL REFERENCES users (id),
    audit_id   UUID REFERENCES audits (id),
    comment    TEXT,
    fields     TEXT NOT NULL,
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX finding_history_finding ON finding_history (finding_id, id);

-- A follow-up audit holds only these items (a JSON list of item codes); NULL for a full
-- audit. After-photos of a finding are photos of the audit that found it, linked as
-- `after` in finding_photos, and not part of that audit's own photos.
ALTER TABLE audits ADD COLUMN follow_up_items TEXT;
CREATE INDEX finding_photos_photo ON finding_photos (photo_id, kind);
