-- A tidy history (issue 21 §6). `retry_of`: the upload a "Try again" started this one from; the
-- history folds the earlier one under it instead of listing the same title twice. `file_name` and
-- `file_size`: the file the visitor's page last chose for this upload (23 does not report them).
ALTER TABLE uploads ADD COLUMN retry_of BIGINT;
ALTER TABLE uploads ADD COLUMN file_name TEXT;
ALTER TABLE uploads ADD COLUMN file_size BIGINT;

CREATE INDEX uploads_by_retry_of ON uploads (retry_of) WHERE retry_of IS NOT NULL;

-- The page shows these too, so writing them bumps the visitor's change marker like the rest.
CREATE TRIGGER history_mark_upload_tidy AFTER UPDATE ON uploads FOR EACH ROW
    WHEN (OLD.retry_of IS DISTINCT FROM NEW.retry_of OR OLD.file_name IS DISTINCT FROM NEW.file_name
        OR OLD.file_size IS DISTINCT FROM NEW.file_size)
    EXECUTE FUNCTION history_mark_upload();
