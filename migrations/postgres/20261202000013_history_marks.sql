-- A change counter per visitor, bumped by these triggers whenever something the history page shows
-- is written (by any code path or instance), so polling a history that has not changed costs one
-- indexed read and a 304. Jobs' bookkeeping (next_check_at, attempts) does not bump it.
CREATE TABLE history_marks (
    visitor_id TEXT   PRIMARY KEY,
    version    BIGINT NOT NULL
);

CREATE FUNCTION bump_history_mark(visitor TEXT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO history_marks (visitor_id, version) VALUES (visitor, 1)
        ON CONFLICT (visitor_id) DO UPDATE SET version = history_marks.version + 1;
$$;

CREATE FUNCTION history_mark_upload() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM bump_history_mark(OLD.visitor_id);
    ELSE
        PERFORM bump_history_mark(NEW.visitor_id);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION history_mark_photo() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    visitor TEXT;
BEGIN
    SELECT visitor_id INTO visitor FROM uploads
        WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.upload_id ELSE NEW.upload_id END;
    IF visitor IS NOT NULL THEN
        PERFORM bump_history_mark(visitor);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER history_mark_upload_change AFTER INSERT OR DELETE ON uploads
    FOR EACH ROW EXECUTE FUNCTION history_mark_upload();

CREATE TRIGGER history_mark_upload_update AFTER UPDATE ON uploads FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.error_message IS DISTINCT FROM NEW.error_message
        OR OLD.title IS DISTINCT FROM NEW.title OR OLD.description IS DISTINCT FROM NEW.description
        OR OLD.tags IS DISTINCT FROM NEW.tags OR OLD.publish IS DISTINCT FROM NEW.publish
        OR OLD.max_uploads IS DISTINCT FROM NEW.max_uploads
        OR OLD.valid_until IS DISTINCT FROM NEW.valid_until
        OR OLD.visitor_id IS DISTINCT FROM NEW.visitor_id)
    EXECUTE FUNCTION history_mark_upload();

CREATE TRIGGER history_mark_photo_change AFTER INSERT OR DELETE ON photos
    FOR EACH ROW EXECUTE FUNCTION history_mark_photo();

CREATE TRIGGER history_mark_photo_update AFTER UPDATE ON photos FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.tree_id IS DISTINCT FROM NEW.tree_id
        OR OLD.video_url IS DISTINCT FROM NEW.video_url
        OR OLD.thumbnail_url IS DISTINCT FROM NEW.thumbnail_url
        OR OLD.video_length IS DISTINCT FROM NEW.video_length
        OR OLD.upload_id IS DISTINCT FROM NEW.upload_id)
    EXECUTE FUNCTION history_mark_photo();
