-- Mail (PostgreSQL). Kept in step with the SQLite file of this name.
--
-- Each person may give an email address and turn the daily digest off; mail is written in
-- their language. Every message goes first into the outbox, in the transaction of what
-- caused it, and a worker sends it later: a mail server that is down loses nothing.
ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE users ADD COLUMN digest BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en'));

-- Messages to send, and sent. A row is claimed by moving `next_attempt_at` past now (to when
-- it may be tried again), so two workers never send one row at once; `sent_at` is set once
-- the mail server accepted it, and a sent row is never sent again. `failed_at` is set when the
-- server refused it for good (a 5xx answer): such a row is kept, and never tried again.
CREATE TABLE outbox (
    id              UUID PRIMARY KEY NOT NULL,
    message_id      TEXT NOT NULL UNIQUE,    -- RFC 5322 Message-ID, with its angle brackets
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,           -- plain text, UTF-8
    created_at      TIMESTAMPTZ NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    failed_at       TIMESTAMPTZ,
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);

-- One row per person and day whose daily mail is written (a digest, or a coordinator's
-- escalations); `outbox_id` is empty when there was nothing to say. The key makes two
-- instances, or a restart, write a day's mail once.
CREATE TABLE mail_days (
    user_id    UUID NOT NULL REFERENCES users (id),
    day        DATE NOT NULL,
    outbox_id  UUID REFERENCES outbox (id),
    written_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, day)
);

-- Each finding a coordinator was told of as long overdue: once per finding and person.
CREATE TABLE mail_escalations (
    finding_id     UUID NOT NULL REFERENCES findings (id),
    user_id        UUID NOT NULL REFERENCES users (id),
    outbox_id      UUID NOT NULL REFERENCES outbox (id),
    PRIMARY KEY (finding_id, user_id)
);
