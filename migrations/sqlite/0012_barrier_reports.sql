-- Barrier reports from the public (SQLite). Kept in step with the PostgreSQL file of this
-- name.
-- What anyone may send about a barrier, without an account: at a registered place or at a
-- position in the province. The sender's contact and original photo are never public; the
-- description and the photo's public copy are shown only once a moderator accepts them.
CREATE TABLE barrier_reports (
    id              BLOB PRIMARY KEY NOT NULL,
    public_token    TEXT NOT NULL UNIQUE,    -- the unguessable part of its public address
    form_key        TEXT NOT NULL UNIQUE,    -- the form's hidden key or the Idempotency-Key
    site_id         BLOB REFERENCES sites (id),
    lat             REAL NOT NULL,           -- the site's position, or the one given
    lon             REAL NOT NULL,
    area_id         BLOB REFERENCES areas (id),
    department_id   BLOB REFERENCES departments (id),  -- who answers; none: the coordinators
    features        TEXT NOT NULL,           -- feature codes, comma-separated
    description     TEXT NOT NULL,
    lang            TEXT NOT NULL CHECK (lang IN ('vi', 'en')),
    contact         TEXT,                    -- private; emptied a set time after closing
    contact_erased_at TEXT,
    photo_original  TEXT,                    -- SHA-256 of the original as sent (private)
    photo_public    TEXT,                    -- SHA-256 of the re-encoded copy, no metadata
    photo_width     BIGINT,
    photo_height    BIGINT,
    state           TEXT NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'under_review',
                        'confirmed', 'follow_up_planned', 'not_a_barrier', 'duplicate')),
    publication     TEXT NOT NULL DEFAULT 'pending' CHECK (publication IN ('pending', 'accepted', 'withheld')),
    finding_id      BLOB REFERENCES findings (id),
    follow_up_on    TEXT,
    reason          TEXT,
    duplicate_of    BLOB REFERENCES barrier_reports (id),
    sender_digest   TEXT NOT NULL,           -- SHA-256 of the sender's address, for the limit
    created_at      TEXT NOT NULL,
    answered_at     TEXT,                    -- the first answer past "received"
    closed_at       TEXT,
    updated_at      TEXT NOT NULL,
    version         BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX barrier_reports_sender ON barrier_reports (sender_digest, created_at);
CREATE INDEX barrier_reports_department ON barrier_reports (department_id, state);
CREATE INDEX barrier_reports_site ON barrier_reports (site_id);
