-- Background work: when each upload is next asked about (reconciler), and each video (refresher).
-- A NULL next_check_at means "due now"; claiming moves it forward, which is the lease that keeps
-- two instances from doing the same work.
ALTER TABLE uploads ADD COLUMN next_check_at BIGINT;
ALTER TABLE uploads ADD COLUMN check_attempts BIGINT NOT NULL DEFAULT 0;
CREATE INDEX uploads_due_for_check ON uploads (next_check_at);

ALTER TABLE photos ADD COLUMN thumbnail_url TEXT;
ALTER TABLE photos ADD COLUMN video_length DOUBLE PRECISION;
ALTER TABLE photos ADD COLUMN next_refresh_at BIGINT;
ALTER TABLE photos ADD COLUMN refresh_attempts BIGINT NOT NULL DEFAULT 0;
CREATE INDEX photos_due_for_refresh ON photos (status, next_refresh_at);
