-- Accounts, sessions, API tokens, login throttling and the hash-chained event log
-- (PostgreSQL). Kept in step with migrations/sqlite/0002_accounts_events.sql.

-- A merged department stays, so history keeps its name; merged_into says where it went.
ALTER TABLE departments ADD COLUMN merged_into UUID REFERENCES departments (id);

CREATE TABLE users (
    id            UUID PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,          -- argon2id PHC string, never the password
    role          TEXT NOT NULL CHECK (role IN ('inspector', 'reviewer', 'coordinator', 'admin')),
    department_id UUID REFERENCES departments (id),   -- required for inspectors and reviewers
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX users_department ON users (department_id);

-- Browser sessions, by SHA-256 of the cookie value (the cookie itself is never stored).
CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    user_id      UUID NOT NULL REFERENCES users (id),
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL     -- absolute expiry; idle expiry uses last_seen_at
);
CREATE INDEX sessions_user ON sessions (user_id);

-- API tokens, by SHA-256 of the token (shown once at creation, never stored).
CREATE TABLE api_tokens (
    id           UUID PRIMARY KEY,
    user_id      UUID NOT NULL REFERENCES users (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Recent failed sign-ins per key (`user:NAME` or `addr:IP`), shared by all instances.
CREATE TABLE login_failures (
    key     TEXT PRIMARY KEY,
    count   BIGINT NOT NULL,
    last_at TIMESTAMPTZ NOT NULL
);

-- The head of the event chain: one row, updated by each append, which also serialises
-- concurrent appends.
CREATE TABLE event_chain (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq  BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO event_chain (id, last_seq, last_hash) VALUES (1, 0, '');

-- Every change: who, when, what, before and after; each row's hash covers its fields and
-- the previous row's hash, so an edit or a removal breaks the chain.
CREATE TABLE events (
    seq         BIGINT PRIMARY KEY,
    id          UUID NOT NULL UNIQUE,
    at          TIMESTAMPTZ NOT NULL,
    actor_id    UUID,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    before_json TEXT,
    after_json  TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX events_entity ON events (entity_type, entity_id);
CREATE INDEX events_actor ON events (actor);
CREATE INDEX events_at ON events (at);

-- Append-only.
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the event log is append-only';
END;
$$;
CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
