-- Resumable photo uploads (tus 1.0) (SQLite). Kept in step with the PostgreSQL file of this
-- name.
-- A photo sent in pieces over a weak link: the upload and every piece received are kept
-- here, not in one server's memory, so an upload survives a restart and any instance
-- sharing the database takes its next piece. The last piece is not stored: it commits with
-- the photo it completes, in one transaction, and the pieces go then.
CREATE TABLE uploads (
    id          BLOB PRIMARY KEY NOT NULL,
    owner_id    BLOB NOT NULL REFERENCES users (id),      -- only they may send or see it
    audit_id    BLOB NOT NULL REFERENCES audits (id),
    metadata    TEXT NOT NULL,        -- the Upload-Metadata header as sent, given back by HEAD
    length      BIGINT NOT NULL,      -- Upload-Length: the whole file, in bytes
    received    BIGINT NOT NULL,      -- Upload-Offset: bytes kept so far
    photo_id    BLOB REFERENCES photos (id) ON DELETE SET NULL,  -- the photo it made, once complete
    completed   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL         -- then it answers 410 and the periodic clean-up removes it
);
CREATE INDEX uploads_expires ON uploads (expires_at);

-- The pieces of an upload, in order of their first byte.
CREATE TABLE upload_pieces (
    upload_id   BLOB NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
    start       BIGINT NOT NULL,
    bytes       BLOB NOT NULL,
    PRIMARY KEY (upload_id, start)
);
