-- The webhook outbox: one row per event for the host site, written in the same transaction as
-- the upload change that caused it, and kept after delivery so the operator can see what was sent.
-- Times are Unix milliseconds. No foreign key to uploads: an event outlives a pruned upload.
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The Standard Webhooks webhook-id: the same on every attempt, so receivers deduplicate.
    webhook_id      TEXT    NOT NULL UNIQUE,
    event_type      TEXT    NOT NULL,
    upload_id       INTEGER  NOT NULL,
    -- The exact body every attempt sends.
    payload         TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER  NOT NULL DEFAULT 0,
    -- When the next attempt is due; claiming moves it forward, which is the lease that keeps two
    -- instances from sending the same attempt and lets another take over from a dead one.
    next_attempt_at INTEGER  NOT NULL,
    last_attempt_at INTEGER,
    last_status     INTEGER,
    last_error      TEXT,
    created_at      INTEGER  NOT NULL,
    delivered_at    INTEGER
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
-- Events of one upload go out in order: the oldest pending one of each upload goes first.
CREATE INDEX webhook_deliveries_by_upload ON webhook_deliveries (upload_id, id);
