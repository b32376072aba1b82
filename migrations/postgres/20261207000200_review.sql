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
    id              BIGSERIAL PRIMARY KEY,
    upload_id       BIGINT  NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('approve', 'reject', 'withdraw')),
    keep_in_23      BIGINT  NOT NULL DEFAULT 0,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
    attempts        BIGINT  NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    done_at         BIGINT
);

CREATE INDEX decisions_due ON decisions (state, next_attempt_at);
CREATE INDEX uploads_by_review ON uploads (review, id);

CREATE TRIGGER history_mark_upload_review AFTER UPDATE OF review ON uploads FOR EACH ROW
    WHEN (OLD.review IS DISTINCT FROM NEW.review)
    EXECUTE FUNCTION history_mark_upload();
