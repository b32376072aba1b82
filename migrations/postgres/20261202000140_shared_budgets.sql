-- Limits that must hold across instances sharing this database, so they live here, not in memory.

-- The per-upload budget of detail edits (each one a signed update-upload-token call to 23): the
-- start of the current window and how many edits it has used.
ALTER TABLE uploads ADD COLUMN edit_window_at BIGINT;
ALTER TABLE uploads ADD COLUMN edits_in_window BIGINT NOT NULL DEFAULT 0;

-- Failed /admin and /metrics logins per client address (an IPv6 client by its /64), in
-- milliseconds: any instance sees the failures made on another.
CREATE TABLE login_failures (
    client_ip    TEXT    PRIMARY KEY,
    failures     BIGINT NOT NULL,
    last_at      BIGINT NOT NULL,
    locked_until BIGINT NOT NULL
);

-- Who runs a periodic job, and until when: the instance that takes a lease does the work.
CREATE TABLE job_leases (
    name       TEXT    PRIMARY KEY,
    held_until BIGINT NOT NULL
);
