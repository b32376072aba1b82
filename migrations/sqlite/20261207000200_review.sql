-- Approval and withdrawal. `review` is where an upload stands with the operator (NULL: nobody
-- reviews it): waiting, approving/approved, rejecting/rejected, withdrawing/withdrawn. The -ing
-- states are decided but not yet carried out on 23.
ALTER TABLE uploads ADD COLUMN review TEXT
    CHECK (review IN ('waiting', 'approving', 'approved', 'rejecting', 'rejected',
                      'withdrawing', 'withdrawn'));
-- The operator's optional reason for a rejection (shown in the admin only).
ALTER TABLE uploads ADD COLUMN review_reason TEXT;

-- The 23 calls decisions need, written in the same transaction as the decision and carried out
-- by the jobs until 23 has done them: the outbox of decisions. Times are Unix seconds.
CREATE TABLE decisions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    upload_id       INTEGER NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('approve', 'reject', 'withdraw')),
    -- For a rejection: keep the video unpublished in 23 instead of deleting it.
    keep_in_23      INTEGER NOT NULL DEFAULT 0,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    -- Claiming moves it forward: the lease that keeps two instances from making the same call.
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER
);

CREATE INDEX decisions_due ON decisions (state, next_attempt_at);
CREATE INDEX uploads_by_review ON uploads (review, id);

CREATE TRIGGER history_mark_upload_review AFTER UPDATE OF review ON uploads
WHEN OLD.review IS NOT NEW.review
BEGIN
    INSERT INTO history_marks (visitor_id, version) VALUES (NEW.visitor_id, 1)
        ON CONFLICT (visitor_id) DO UPDATE SET version = version + 1;
END;
