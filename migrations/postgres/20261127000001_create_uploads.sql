-- One row per upload token minted for a visitor. Same shape as the SQLite schema; integers are
-- BIGINT so both backends decode them as i64.
CREATE TABLE uploads (
    id            BIGSERIAL PRIMARY KEY,
    visitor_id    TEXT    NOT NULL,
    -- The random capability carried by return_url; the callback finds the upload by it.
    nonce         TEXT    NOT NULL UNIQUE,
    upload_token  TEXT    NOT NULL UNIQUE,
    title         TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    tags          TEXT    NOT NULL,
    publish       BIGINT  NOT NULL CHECK (publish IN (0, 1)),
    status        TEXT    NOT NULL
        CHECK (status IN ('pending', 'uploaded', 'ready', 'failed', 'expired', 'unverified')),
    error_message TEXT,
    max_uploads   BIGINT  NOT NULL CHECK (max_uploads >= 1),
    valid_until   BIGINT  NOT NULL,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);

CREATE INDEX uploads_by_visitor ON uploads (visitor_id, id DESC);
CREATE INDEX uploads_by_status ON uploads (status, valid_until);

-- Videos 23 made from a token: one token may yield several (max_uploads > 1), each recorded once.
CREATE TABLE photos (
    upload_id  BIGINT  NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
    photo_id   BIGINT  NOT NULL,
    tree_id    BIGINT,
    token      TEXT,
    status     TEXT    NOT NULL CHECK (status IN ('unverified', 'uploaded', 'ready')),
    video_url  TEXT,
    created_at BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL,
    PRIMARY KEY (upload_id, photo_id)
);
