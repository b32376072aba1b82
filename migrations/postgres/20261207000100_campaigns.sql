-- Campaigns: collection pages at /c/<slug>, each with its own prompt, album, tags, publishing
-- policy, limits, opening times, custom fields and consent text. The default campaign behind `/`
-- is not a row: it is described by the settings, as before.
CREATE TABLE campaigns (
    id                 BIGSERIAL PRIMARY KEY,
    slug               TEXT    NOT NULL UNIQUE,
    name               TEXT    NOT NULL,
    prompt             TEXT    NOT NULL DEFAULT '',
    album_id           TEXT,
    fixed_tags         TEXT    NOT NULL DEFAULT '',
    publish_policy     TEXT    NOT NULL
        CHECK (publish_policy IN ('visitor_chooses', 'always_unpublished', 'approval_first')),
    -- Upload tokens one visitor may start in this campaign.
    max_files          BIGINT  NOT NULL CHECK (max_files >= 1),
    max_file_mb        BIGINT  CHECK (max_file_mb >= 1),
    max_recording_secs BIGINT  CHECK (max_recording_secs >= 1),
    -- Unix seconds; NULL: open since ever, or never closing.
    opens_at           BIGINT,
    closes_at          BIGINT,
    -- The custom fields as JSON: [{"id", "label", "kind", "required", "choices"}].
    fields             TEXT    NOT NULL DEFAULT '[]',
    consent_text       TEXT    NOT NULL DEFAULT '',
    terms_url          TEXT,
    language           TEXT,
    brand_color        TEXT,
    thank_you_text     TEXT    NOT NULL DEFAULT '',
    thank_you_url      TEXT,
    created_at         BIGINT  NOT NULL,
    updated_at         BIGINT  NOT NULL,
    CHECK (closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at)
);

-- What came with an upload besides its metadata: the campaign, the answers to its fields, and the
-- consent given. Written in the same transaction as the upload, so there is never one without
-- the other; an upload of the default campaign without consent text has no row.
CREATE TABLE upload_answers (
    upload_id       BIGINT  PRIMARY KEY REFERENCES uploads (id) ON DELETE CASCADE,
    campaign_id     BIGINT  REFERENCES campaigns (id),
    -- JSON: [{"id", "label", "value"}], in the campaign's order of fields.
    answers         TEXT    NOT NULL DEFAULT '[]',
    -- A hash of the consent text as shown, when and by whom it was given.
    consent_version TEXT,
    consent_at      BIGINT,
    consent_visitor TEXT
);

CREATE INDEX upload_answers_by_campaign ON upload_answers (campaign_id, consent_visitor);
