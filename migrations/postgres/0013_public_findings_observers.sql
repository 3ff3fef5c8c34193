-- Findings from the public's reports, and observers (PostgreSQL). Kept in step with the
-- SQLite file of this name.
--
-- A finding may now come from a confirmed barrier report instead of an audit (audit_id
-- empty, report_id set, with the checklist version its item is read from); a photo may be
-- a report's or its finding's (audit_id empty, report_id set, uploaded_by empty when the
-- public sent it); and a user may have the role `observer`.
ALTER TABLE findings ALTER COLUMN audit_id DROP NOT NULL;
ALTER TABLE findings ADD COLUMN report_id UUID REFERENCES barrier_reports (id);
ALTER TABLE findings ADD COLUMN checklist_version_id UUID REFERENCES checklist_versions (id);
ALTER TABLE findings ADD CONSTRAINT findings_one_source
    CHECK ((audit_id IS NULL) <> (report_id IS NULL));
ALTER TABLE findings ADD CONSTRAINT findings_report_checklist
    CHECK ((report_id IS NULL) = (checklist_version_id IS NULL));

ALTER TABLE photos ALTER COLUMN audit_id DROP NOT NULL;
ALTER TABLE photos ALTER COLUMN uploaded_by DROP NOT NULL;
ALTER TABLE photos ADD COLUMN report_id UUID REFERENCES barrier_reports (id);
ALTER TABLE photos ADD CONSTRAINT photos_one_owner CHECK ((audit_id IS NULL) <> (report_id IS NULL));
ALTER TABLE photos ADD CONSTRAINT photos_sender CHECK (uploaded_by IS NOT NULL OR report_id IS NOT NULL);
CREATE INDEX photos_report ON photos (report_id);

-- A report's photo is a row of `photos` (above), so these were never used.
ALTER TABLE barrier_reports DROP COLUMN photo_original;
ALTER TABLE barrier_reports DROP COLUMN photo_public;
ALTER TABLE barrier_reports DROP COLUMN photo_width;
ALTER TABLE barrier_reports DROP COLUMN photo_height;

ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('inspector', 'reviewer', 'coordinator', 'admin', 'observer'));

-- Who took part in an audit besides its inspector: a person of an organisation (the
-- provincial association of people with disabilities, the Fatherland Front, another
-- department), with the account they sign in with when they have one.
CREATE TABLE audit_participants (
    id            UUID PRIMARY KEY NOT NULL,
    audit_id      UUID NOT NULL REFERENCES audits (id),
    name          TEXT NOT NULL,
    organisation  TEXT NOT NULL,
    user_id       UUID REFERENCES users (id),   -- an observer's account, if they have one
    added_by      UUID NOT NULL REFERENCES users (id),
    added_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_participants_audit ON audit_participants (audit_id);
CREATE INDEX audit_participants_user ON audit_participants (user_id);

-- What a participant said about the audit, or about one of its findings.
CREATE TABLE audit_remarks (
    id             UUID PRIMARY KEY NOT NULL,
    audit_id       UUID NOT NULL REFERENCES audits (id),
    participant_id UUID NOT NULL REFERENCES audit_participants (id),
    finding_id     UUID REFERENCES findings (id),
    body           TEXT NOT NULL,
    written_by     UUID NOT NULL REFERENCES users (id),  -- the observer, or who noted it down
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_remarks_audit ON audit_remarks (audit_id);
