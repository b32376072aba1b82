-- Which uploads each change of a visitor's history was about (issue 23 §2), so the first view
-- after a change renders only those rows and keeps the others as this instance rendered them.
-- The history-mark triggers write it in the same statement as the marker, so the log and the
-- marker cannot disagree; only the last 64 versions per visitor are kept (an older page is
-- rendered whole). `upload_id` is the upload written and, for a retry, the upload it folds.
CREATE TABLE history_changes (
    visitor_id TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    upload_id  INTEGER NOT NULL
);
CREATE INDEX history_changes_by_visitor ON history_changes (visitor_id, version);

CREATE TRIGGER history_changes_pruned AFTER UPDATE OF version ON history_marks
BEGIN
    DELETE FROM history_changes WHERE visitor_id = NEW.visitor_id AND version <= NEW.version - 64;
END;

-- The marker triggers again, each now also noting the uploads it was about.
DROP TRIGGER history_mark_upload_insert;
DROP TRIGGER history_mark_upload_delete;
DROP TRIGGER history_mark_upload_update;
DROP TRIGGER history_mark_upload_review;
DROP TRIGGER history_mark_upload_tidy;
DROP TRIGGER history_mark_photo_insert;
DROP TRIGGER history_mark_photo_delete;
DROP TRIGGER history_mark_photo_update;

CREATE TRIGGER history_mark_upload_insert AFTER INSERT ON uploads
BEGIN
    INSERT INTO history_marks (visitor_id, version) VALUES (NEW.visitor_id, 1)
        ON CONFLICT (visitor_id) DO UPDATE SET version = version + 1;
    INSERT INTO history_changes (visitor_id, version, upload_id)
        SELECT m.visitor_id, m.version, x.id FROM history_marks m,
            (SELECT NEW.id AS id UNION SELECT NEW.retry_of) x
        WHERE m.visitor_id = NEW.visitor_id AND x.id IS NOT NULL;
END;

CREATE TRIGGER history_mark_upload_delete AFTER DELETE ON uploads
BEGIN
    INSERT INTO history_marks (visitor_id, version) VALUES (OLD.visitor_id, 1)
        ON CONFLICT (visitor_id) DO UPDATE SET version = version + 1;
    INSERT INTO history_changes (visitor_id, version, upload_id)
        SELECT m.visitor_id, m.version, x.id FROM history_marks m,
            (SELECT OLD.id AS id UNION SELECT OLD.retry_of) x
        WHERE m.visitor_id = OLD.visitor_id AND x.id IS NOT NULL;
END;

-- One trigger for every column the page shows (they were three: status and the rest, review,
-- and the tidy columns), so one write is one version.
CREATE TRIGGER history_mark_upload_update AFTER UPDATE ON uploads
WHEN OLD.status IS NOT NEW.status OR OLD.error_message IS NOT NEW.error_message
    OR OLD.title IS NOT NEW.title OR OLD.description IS NOT NEW.description
    OR OLD.tags IS NOT NEW.tags OR OLD.publish IS NOT NEW.publish
    OR OLD.max_uploads IS NOT NEW.max_uploads OR OLD.valid_until IS NOT NEW.valid_until
    OR OLD.visitor_id IS NOT NEW.visitor_id OR OLD.review IS NOT NEW.review
    OR OLD.retry_of IS NOT NEW.retry_of OR OLD.file_name IS NOT NEW.file_name
    OR OLD.file_size IS NOT NEW.file_size
BEGIN
    INSERT INTO history_marks (visitor_id, version) VALUES (NEW.visitor_id, 1)
        ON CONFLICT (visitor_id) DO UPDATE SET version = version + 1;
    INSERT INTO history_changes (visitor_id, version, upload_id)
        SELECT m.visitor_id, m.version, x.id FROM history_marks m,
            (SELECT NEW.id AS id UNION SELECT NEW.retry_of UNION SELECT OLD.retry_of) x
        WHERE m.visitor_id = NEW.visitor_id AND x.id IS NOT NULL;
END;

CREATE TRIGGER history_mark_photo_insert AFTER INSERT ON photos
BEGIN
    INSERT INTO history_marks (visitor_id, version)
        SELECT visitor_id, 1 FROM uploads WHERE id = NEW.upload_id
        ON CONFLICT (visitor_id) DO UPDATE SET version = version + 1;
    INSERT INTO history_changes (visitor_id, version, upload_id)
        SELECT m.visitor_id, m.version, u.id FROM uploads u JOIN history_marks m USING (visitor_id)
        WHERE u.id = NEW.upload_id;
END;

CREATE TRIGGER history_mark_photo_delete AFTER DELETE ON photos
BEGIN
    INSERT INTO history_marks (visitor_id, version)
        SELECT visitor_id, 1 FROM uploads WHERE id = OLD.upload_id
        ON CONFLICT (visitor_id) DO UPDATE SET version = version + 1;
    INSERT INTO history_changes (visitor_id, version, upload_id)
        SELECT m.visitor_id, m.version, u.id FROM uploads u JOIN history_marks m USING (visitor_id)
        WHERE u.id = OLD.upload_id;
END;

CREATE TRIGGER history_mark_photo_update AFTER UPDATE ON photos
WHEN OLD.status IS NOT NEW.status OR OLD.tree_id IS NOT NEW.tree_id
    OR OLD.video_url IS NOT NEW.video_url OR OLD.thumbnail_url IS NOT NEW.thumbnail_url
    OR OLD.video_length IS NOT NEW.video_length OR OLD.upload_id IS NOT NEW.upload_id
BEGIN
    INSERT INTO history_marks (visitor_id, version)
        SELECT visitor_id, 1 FROM uploads WHERE id = NEW.upload_id
        ON CONFLICT (visitor_id) DO UPDATE SET version = version + 1;
    INSERT INTO history_changes (visitor_id, version, upload_id)
        SELECT m.visitor_id, m.version, u.id FROM uploads u JOIN history_marks m USING (visitor_id)
        WHERE u.id IN (NEW.upload_id, OLD.upload_id) AND u.visitor_id = (
            SELECT visitor_id FROM uploads WHERE id = NEW.upload_id);
END;
