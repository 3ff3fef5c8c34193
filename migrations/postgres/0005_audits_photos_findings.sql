-- Field audits with their answers and photos, the findings approval makes, and each site's
-- public summary (PostgreSQL). Kept in step with the SQLite file of this name.

-- One inspector's answers to one checklist version at one site. The checklist version is
-- an immutable snapshot, so an audit always shows the items it was filled against.
CREATE TABLE audits (
    id                   UUID PRIMARY KEY,
    site_id              UUID NOT NULL REFERENCES sites (id),
    checklist_version_id UUID NOT NULL REFERENCES checklist_versions (id),
    inspector_id         UUID NOT NULL REFERENCES users (id),
    department_id        UUID NOT NULL REFERENCES departments (id),
    state                TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'approved')),
    start_key            TEXT NOT NULL,         -- the client's key: the same key starts one audit
    gps_lat              DOUBLE PRECISION,      -- the fix the inspector's browser offered
    gps_lon              DOUBLE PRECISION,
    gps_accuracy_m       DOUBLE PRECISION,
    started_at           TIMESTAMPTZ NOT NULL,
    submitted_at         TIMESTAMPTZ,
    reviewed_at          TIMESTAMPTZ,
    reviewer_id          UUID REFERENCES users (id),
    review_comment       TEXT,                  -- why it was returned, for the inspector
    version              BIGINT NOT NULL DEFAULT 1,
    updated_at           TIMESTAMPTZ NOT NULL,
    UNIQUE (inspector_id, start_key)
);
CREATE INDEX audits_site ON audits (site_id, state);
CREATE INDEX audits_department_state ON audits (department_id, state);

-- One answer per item. `computed` is what the threshold gave; a different `result` is an
-- override and has a note. `accepted` is the reviewer's word on an offered alternative.
CREATE TABLE audit_answers (
    audit_id    UUID NOT NULL REFERENCES audits (id),
    item_code   TEXT NOT NULL,
    result      TEXT NOT NULL CHECK (result IN ('pass', 'fail', 'not_applicable', 'alternative')),
    computed    TEXT CHECK (computed IN ('pass', 'fail')),
    value       DOUBLE PRECISION,       -- in the item's unit
    total       BIGINT,
    provided    BIGINT,
    note        TEXT,
    accepted    BOOLEAN,
    answered_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (audit_id, item_code)
);

-- Optional sections the inspector marked not applicable ("no lift").
CREATE TABLE audit_sections_not_applicable (
    audit_id     UUID NOT NULL REFERENCES audits (id),
    section_code TEXT NOT NULL,
    marked_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (audit_id, section_code)
);

-- Photos of an audit. The bytes live in the object store, addressed by SHA-256: the
-- original (private evidence) and the display and thumbnail images made from it (no
-- metadata). Capture time and position come from the original's EXIF and stay private.
CREATE TABLE photos (
    id               UUID PRIMARY KEY,
    audit_id         UUID NOT NULL REFERENCES audits (id),
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
    exif_lat         DOUBLE PRECISION,
    exif_lon         DOUBLE PRECISION,
    uploaded_by      UUID NOT NULL REFERENCES users (id),
    uploaded_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX photos_audit ON photos (audit_id);

-- A failed compliance item of an approved audit, for the site's department to fix.
CREATE TABLE findings (
    id            UUID PRIMARY KEY,
    site_id       UUID NOT NULL REFERENCES sites (id),
    audit_id      UUID NOT NULL REFERENCES audits (id),
    item_code     TEXT NOT NULL,
    clause        TEXT NOT NULL,
    severity      TEXT NOT NULL CHECK (severity IN ('critical', 'major', 'minor')),
    feature       TEXT NOT NULL,
    value         DOUBLE PRECISION,
    unit          TEXT,
    total         BIGINT,
    provided      BIGINT,
    department_id UUID NOT NULL REFERENCES departments (id),
    state         TEXT NOT NULL CHECK (state IN ('open', 'planned', 'in_progress', 'fixed', 'verified', 'wont_fix', 'reopened')),
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    version       BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX findings_site ON findings (site_id, state);
CREATE INDEX findings_department ON findings (department_id, state);

-- The photos that show a finding (`before`: from the audit that found it).
CREATE TABLE finding_photos (
    finding_id UUID NOT NULL REFERENCES findings (id),
    photo_id   UUID NOT NULL REFERENCES photos (id),
    kind       TEXT NOT NULL DEFAULT 'before' CHECK (kind IN ('before', 'after')),
    PRIMARY KEY (finding_id, photo_id)
);

-- Each audited site's public level and summary, recomputed at every approval. A site
-- without a row has level `unknown`.
CREATE TABLE site_summaries (
    site_id     UUID PRIMARY KEY REFERENCES sites (id),
    audit_id    UUID NOT NULL REFERENCES audits (id),   -- the latest approved audit
    approved_at TIMESTAMPTZ NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('accessible', 'partly', 'not_accessible')),
    critical    BIGINT NOT NULL,
    major       BIGINT NOT NULL,
    minor       BIGINT NOT NULL,
    score       BIGINT NOT NULL,
    features    TEXT NOT NULL,          -- JSON: [[feature, state], ...]
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX site_summaries_level ON site_summaries (level);
