-- A change counter per visitor, bumped by these triggers whenever something the history page shows
-- is written (by any code path or instance), so polling a history that has not changed costs one
-- indexed read and a 304. Jobs' bookkeeping (next_check_at, attempts) does not bump it.
CREATE TABLE history_marks (
    visitor_id TEXT    PRIMARY KEY,
    version    INTEGER NOT NULL
);

CREATE TRIGGER history_mark_upload_insert AFTER INSERT ON uploads
BEGIN
    INSERT INTO history_marks (visitor_id, version) VALUES (NEW.visitor_id, 1)
        ON CONFLICT (visitor_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER history_mark_upload_delete AFTER DELETE ON uploads
BEGIN
    INSERT INTO history_marks (visitor_id, version) VALUES (OLD.visitor_id, 1)
        ON CONFLICT (visitor_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER history_mark_upload_update AFTER UPDATE ON uploads
WHEN OLD.status IS NOT NEW.status OR OLD.error_message IS NOT NEW.error_message
    OR OLD.title IS NOT NEW.title OR OLD.description IS NOT NEW.description
    OR OLD.tags IS NOT NEW.tags OR OLD.publish IS NOT NEW.publish
    OR OLD.max_uploads IS NOT NEW.max_uploads OR OLD.valid_until IS NOT NEW.valid_until
    OR OLD.visitor_id IS NOT NEW.visitor_id
BEGIN
    INSERT INTO history_marks (visitor_id, version) VALUES (NEW.visitor_id, 1)
        ON CONFLICT (visitor_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER history_mark_photo_insert AFTER INSERT ON photos
BEGIN
    INSERT INTO history_marks (visitor_id, version)
        SELECT visitor_id, 1 FROM uploads WHERE id = NEW.upload_id
        ON CONFLICT (visitor_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER history_mark_photo_delete AFTER DELETE ON photos
BEGIN
    INSERT INTO history_marks (visitor_id, version)
        SELECT visitor_id, 1 FROM uploads WHERE id = OLD.upload_id
        ON CONFLICT (visitor_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER history_mark_photo_update AFTER UPDATE ON photos
WHEN OLD.status IS NOT NEW.status OR OLD.tree_id IS NOT NEW.tree_id
    OR OLD.video_url IS NOT NEW.video_url OR OLD.thumbnail_url IS NOT NEW.thumbnail_url
    OR OLD.video_length IS NOT NEW.video_length OR OLD.upload_id IS NOT NEW.upload_id
BEGIN
    INSERT INTO history_marks (visitor_id, version)
        SELECT visitor_id, 1 FROM uploads WHERE id = NEW.upload_id
        ON CONFLICT (visitor_id) DO UPDATE SET version = version + 1;
END;
