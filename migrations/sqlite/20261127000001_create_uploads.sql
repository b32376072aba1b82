-- One row per upload token minted for a visitor.
CREATE TABLE uploads (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    visitor_id    TEXT    NOT NULL,
    -- The random capability carried by return_url; the callback finds the upload by it.
    nonce         TEXT    NOT NULL UNIQUE,
    upload_token  TEXT    NOT NULL UNIQUE,
    title         TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    tags          TEXT    NOT NULL,
    publish       INTEGER NOT NULL CHECK (publish IN (0, 1)),
    status        TEXT    NOT NULL
        CHECK (status IN ('pending', 'uploaded', 'ready', 'failed', 'expired', 'unverified')),
    error_message TEXT,
    max_uploads   INTEGER NOT NULL CHECK (max_uploads >= 1),
    valid_until   INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE INDEX uploads_by_visitor ON uploads (visitor_id, id DESC);
CREATE INDEX uploads_by_status ON uploads (status, valid_until);

-- Videos 23 made from a token: one token may yield several (max_uploads > 1), each recorded once.
CREATE TABLE photos (
    upload_id  INTEGER NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
    photo_id   INTEGER NOT NULL,
    tree_id    INTEGER,
    token      TEXT,
    status     TEXT    NOT NULL CHECK (status IN ('unverified', 'uploaded', 'ready')),
    video_url  TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (upload_id, photo_id)
);
