-- Versions for optimistic concurrency, idempotency keys for retried creates, and a staging
-- table so an import writes its rows in short steps and publishes them in one (SQLite).
-- Kept in step with migrations/postgres/0003_versions_retries_imports.sql.

-- Every editable record carries a version, raised by each change; a client that read
-- version N may send `If-Match: "N"` and is refused (412) if someone changed it since.
ALTER TABLE sites ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE departments ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- The first answer to a creating request sent with `Idempotency-Key`, per person and key,
-- written in the same transaction as what it created: a retry gets this answer back.
CREATE TABLE idempotency_keys (
    actor       TEXT NOT NULL,        -- the user id, or `cli`
    key         TEXT NOT NULL,
    fingerprint TEXT NOT NULL,        -- SHA-256 of method, path and body
    status      BIGINT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (actor, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Checked import rows waiting to be published; invisible to every query of sites.
CREATE TABLE site_import_rows (
    import_id     BLOB NOT NULL,
    id            BLOB NOT NULL,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    subtype       TEXT NOT NULL,
    address       TEXT,
    lon           REAL NOT NULL,
    lat           REAL NOT NULL,
    area_id       BLOB,
    department_id BLOB NOT NULL,
    operator      TEXT,
    search_key    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (import_id, id)
);
