-- One row per upload token a request is allowed to ask 23 for, written *before* 23 is called:
-- the hourly limits count these rows inside the same transaction that adds one, so concurrent
-- requests (on one instance or several) cannot all read the same old count. Rows older than an
-- hour are deleted as new ones are reserved.
CREATE TABLE mint_reservations (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    visitor_id TEXT    NOT NULL,
    client_ip  TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX mint_reservations_by_time ON mint_reservations (created_at);

-- The last time a visitor's request made 23 check this upload (the per-upload budget).
ALTER TABLE uploads ADD COLUMN visitor_check_at INTEGER;
