-- Issue 23 §4: the host site ends a user's frame sessions. A row holds the time (Unix seconds)
-- before which nothing the host page vouched for this user counts: frame sessions whose newest
-- token was issued earlier end at their next request, and tokens issued earlier are refused.
-- One row per user; a later sign-out only moves the time forward.
CREATE TABLE embed_sign_outs (
    sub TEXT PRIMARY KEY NOT NULL,
    not_before BIGINT NOT NULL
);
