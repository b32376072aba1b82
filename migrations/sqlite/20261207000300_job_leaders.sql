-- One leader per background job (issue 23): a lease now names the instance holding it, so the
-- leader renews its own lease every half round while the others wait for it to run out, and
-- counts in milliseconds, so a lease can be as short as a round of a few seconds. The old rows
-- (an hour's prune lease at most) are safe to lose: at worst one extra pruning.
DROP TABLE job_leases;
CREATE TABLE job_leases (
    name          TEXT    PRIMARY KEY,
    holder        TEXT    NOT NULL,
    held_until_ms INTEGER NOT NULL
);
