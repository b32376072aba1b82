-- Which uploads each change of a visitor's history was about (issue 23 §2), so the first view
-- after a change renders only those rows and keeps the others as this instance rendered them.
-- The history-mark triggers write it with the marker, in the same statement, under the marker's
-- row lock (no new lock, so no new lock order); only the last 64 versions per visitor are kept
-- (an older page is rendered whole). `upload_id` is the upload written and, for a retry, the
-- upload it folds.
CREATE TABLE history_changes (
    visitor_id TEXT   NOT NULL,
    version    BIGINT NOT NULL,
    upload_id  BIGINT NOT NULL
);
CREATE INDEX history_changes_by_visitor ON history_changes (visitor_id, version);

CREATE FUNCTION note_history_change(visitor TEXT, ids BIGINT[]) RETURNS void LANGUAGE sql AS $$
    WITH bumped AS (
        INSERT INTO history_marks (visitor_id, version) VALUES (visitor, 1)
            ON CONFLICT (visitor_id) DO UPDATE SET version = history_marks.version + 1
            RETURNING version
    )
    INSERT INTO history_changes (visitor_id, version, upload_id)
        SELECT DISTINCT visitor, bumped.version, id FROM bumped, unnest(ids) AS id
        WHERE id IS NOT NULL;
    DELETE FROM history_changes WHERE visitor_id = visitor
        AND version <= (SELECT version FROM history_marks WHERE visitor_id = visitor) - 64;
$$;

CREATE OR REPLACE FUNCTION history_mark_upload() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM note_history_change(OLD.visitor_id, ARRAY[OLD.id, OLD.retry_of]);
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM note_history_change(NEW.visitor_id, ARRAY[NEW.id, NEW.retry_of]);
    ELSE
        PERFORM note_history_change(NEW.visitor_id, ARRAY[NEW.id, NEW.retry_of, OLD.retry_of]);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION history_mark_photo() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    visitor TEXT;
    upload BIGINT;
BEGIN
    upload := CASE WHEN TG_OP = 'DELETE' THEN OLD.upload_id ELSE NEW.upload_id END;
    SELECT visitor_id INTO visitor FROM uploads WHERE id = upload;
    IF visitor IS NOT NULL THEN
        IF TG_OP = 'UPDATE' AND OLD.upload_id IS DISTINCT FROM NEW.upload_id THEN
            PERFORM note_history_change(visitor, ARRAY[upload, OLD.upload_id]);
        ELSE
            PERFORM note_history_change(visitor, ARRAY[upload]);
        END IF;
    END IF;
    RETURN NULL;
END $$;

DROP FUNCTION bump_history_mark(TEXT);
