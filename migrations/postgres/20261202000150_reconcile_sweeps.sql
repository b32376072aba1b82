-- The reconciler's change detector (issue 13): it lists the site's newest videos once per round
-- and asks about a token only when a video nobody claimed may be that token's. It needs to know
-- when each token was last asked about successfully (a check that started after the unclaimed
-- video was seen covers it), and which claims are still in flight (never marked twice).
-- checked_at is in Unix milliseconds: the comparison is often within one second.
ALTER TABLE uploads ADD COLUMN checked_at BIGINT;
ALTER TABLE uploads ADD COLUMN claimed_at BIGINT;
-- The detector asks which of the newest listed videos are ours, by photo_id alone.
CREATE INDEX photos_by_photo_id ON photos (photo_id);
