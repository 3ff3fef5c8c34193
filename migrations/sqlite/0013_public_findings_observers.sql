-- no-transaction
-- Findings from the public's reports, and observers (SQLite). Kept in step with the
-- PostgreSQL file of this name.
--
-- A finding may now come from a confirmed barrier report instead of an audit (audit_id
-- empty, report_id set, with the checklist version its item is read from); a photo may be
-- a report's or its finding's (audit_id empty, report_id set, uploaded_by empty when the
-- public sent it); and a user may have the role `observer`. SQLite cannot drop a NOT
-- NULL or change a CHECK in place, so `findings`, `photos` and `users` are rebuilt the way SQLite's
-- documentation gives (https://www.sqlite.org/lang_altertable.html#otheralter): with
-- foreign keys off, which only works outside a transaction, so this file opens its own.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

CREATE TABLE findings_rebuilt (
    id            BLOB PRIMARY KEY NOT NULL,
    site_id       BLOB NOT NULL REFERENCES sites (id),
    audit_id      BLOB REFERENCES audits (id),           -- the approved audit that found it
    report_id     BLOB REFERENCES barrier_reports (id),  -- or the report it was confirmed from
    checklist_version_id BLOB REFERENCES checklist_versions (id),  -- a report's: its item's checklist
    item_code     TEXT NOT NULL,
    clause        TEXT NOT NULL,
    severity      TEXT NOT NULL CHECK (severity IN ('critical', 'major', 'minor')),
    feature       TEXT NOT NULL,
    value         REAL,
    unit          TEXT,
    total         BIGINT,
    provided      BIGINT,
    department_id BLOB NOT NULL REFERENCES departments (id),
    state         TEXT NOT NULL CHECK (state IN ('open', 'planned', 'in_progress', 'fixed', 'verified', 'wont_fix', 'reopened')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       BIGINT NOT NULL DEFAULT 1,
    due_date      TEXT,
    assignee      TEXT,
    budget_year   BIGINT,
    reason        TEXT,
    fixed_by      BLOB REFERENCES users (id),
    verified_by_audit BLOB REFERENCES audits (id),
    CHECK ((audit_id IS NULL) <> (report_id IS NULL)),
    CHECK ((report_id IS NULL) = (checklist_version_id IS NULL))
);
INSERT INTO findings_rebuilt (id, site_id, audit_id, item_code, clause, severity, feature,
        value, unit, total, provided, department_id, state, created_at, updated_at, version,
        due_date, assignee, budget_year, reason, fixed_by, verified_by_audit)
    SELECT id, site_id, audit_id, item_code, clause, severity, feature, value, unit, total,
        provided, department_id, state, created_at, updated_at, version, due_date, assignee,
        budget_year, reason, fixed_by, verified_by_audit
    FROM findings;
DROP TABLE findings;
ALTER TABLE findings_rebuilt RENAME TO findings;
CREATE INDEX findings_site ON findings (site_id, state);
CREATE INDEX findings_department ON findings (department_id, state);
CREATE INDEX findings_due ON findings (state, due_date);

CREATE TABLE photos_rebuilt (
    id               BLOB PRIMARY KEY NOT NULL,
    audit_id         BLOB REFERENCES audits (id),           -- an audit's photo
    report_id        BLOB REFERENCES barrier_reports (id),  -- or a barrier report's, or of its finding
    item_code        TEXT,
    caption          TEXT,
    original_sha256  TEXT NOT NULL,
    original_type    TEXT NOT NULL CHECK (original_type IN ('jpeg', 'png', 'webp')),
    original_bytes   BIGINT NOT NULL,
    width            BIGINT NOT NULL,
    height           BIGINT NOT NULL,
    display_sha256   TEXT NOT NULL,
    display_width    BIGINT NOT NULL,
    display_height   BIGINT NOT NULL,
    thumb_sha256     TEXT NOT NULL,
    thumb_width      BIGINT NOT NULL,
    thumb_height     BIGINT NOT NULL,
    taken_at         TEXT,              -- as the camera wrote it (its own local time)
    exif_lat         REAL,
    exif_lon         REAL,
    uploaded_by      BLOB REFERENCES users (id),             -- none: sent by the public
    uploaded_at      TEXT NOT NULL,
    CHECK ((audit_id IS NULL) <> (report_id IS NULL)),
    CHECK (uploaded_by IS NOT NULL OR report_id IS NOT NULL)
);
INSERT INTO photos_rebuilt (id, audit_id, item_code, caption, original_sha256, original_type,
        original_bytes, width, height, display_sha256, display_width, display_height,
        thumb_sha256, thumb_width, thumb_height, taken_at, exif_lat, exif_lon, uploaded_by,
        uploaded_at)
    SELECT id, audit_id, item_code, caption, original_sha256, original_type, original_bytes,
        width, height, display_sha256, display_width, display_height, thumb_sha256,
        thumb_width, thumb_height, taken_at, exif_lat, exif_lon, uploaded_by, uploaded_at
    FROM photos;
DROP TABLE photos;
ALTER TABLE photos_rebuilt RENAME TO photos;
CREATE INDEX photos_audit ON photos (audit_id);
CREATE INDEX photos_report ON photos (report_id);

-- A report's photo is a row of `photos` (above), so these were never used.
ALTER TABLE barrier_reports DROP COLUMN photo_original;
ALTER TABLE barrier_reports DROP COLUMN photo_public;
ALTER TABLE barrier_reports DROP COLUMN photo_width;
ALTER TABLE barrier_reports DROP COLUMN photo_height;

CREATE TABLE users_rebuilt (
    id            BLOB PRIMARY KEY NOT NULL,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,          -- argon2id PHC string, never the password
    role          TEXT NOT NULL CHECK (role IN ('inspector', 'reviewer', 'coordinator', 'admin', 'observer')),
    department_id BLOB REFERENCES departments (id),   -- required for inspectors and reviewers
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       BIGINT NOT NULL DEFAULT 1
);
INSERT INTO users_rebuilt (id, username, display_name, password_hash, role, department_id,
        active, created_at, updated_at, version)
    SELECT id, username, display_name, password_hash, role, department_id, active,
        created_at, updated_at, version
    FROM users;
DROP TABLE users;
ALTER TABLE users_rebuilt RENAME TO users;
CREATE INDEX users_department ON users (department_id);

-- Who took part in an audit besides its inspector: a person of an organisation (the
-- provincial association of people with disabilities, the Fatherland Front, another
-- department), with the account they sign in with when they have one.
CREATE TABLE audit_participants (
    id            BLOB PRIMARY KEY NOT NULL,
    audit_id      BLOB NOT NULL REFERENCES audits (id),
    name          TEXT NOT NULL,
    organisation  TEXT NOT NULL,
    user_id       BLOB REFERENCES users (id),   -- an observer's account, if they have one
    added_by      BLOB NOT NULL REFERENCES users (id),
    added_at      TEXT NOT NULL
);
CREATE INDEX audit_participants_audit ON audit_participants (audit_id);
CREATE INDEX audit_participants_user ON audit_participants (user_id);

-- What a participant said about the audit, or about one of its findings.
CREATE TABLE audit_remarks (
    id             BLOB PRIMARY KEY NOT NULL,
    audit_id       BLOB NOT NULL REFERENCES audits (id),
    participant_id BLOB NOT NULL REFERENCES audit_participants (id),
    finding_id     BLOB REFERENCES findings (id),
    body           TEXT NOT NULL,
    written_by     BLOB NOT NULL REFERENCES users (id),  -- the observer, or who noted it down
    created_at     TEXT NOT NULL
);
CREATE INDEX audit_remarks_audit ON audit_remarks (audit_id);

COMMIT;
PRAGMA foreign_keys = ON;
