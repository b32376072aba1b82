-- Mail to the operator (issue 22): one row per upload that has a video 23 confirmed, written in
-- the same transaction as that change, so an upload is mailed once (the unique upload_id) and a
-- mail server that is down only delays it. Times are Unix milliseconds. No foreign key to
-- uploads: a pruned upload's row is simply marked sent.
CREATE TABLE mail_notices (
    id              BIGSERIAL PRIMARY KEY,
    upload_id       BIGINT  NOT NULL UNIQUE,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent')),
    attempts        BIGINT  NOT NULL DEFAULT 0,
    -- When the next attempt is due; claiming moves it forward (the lease of the attempt).
    next_attempt_at BIGINT  NOT NULL,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    sent_at         BIGINT
);

CREATE INDEX mail_notices_due ON mail_notices (state, next_attempt_at);
