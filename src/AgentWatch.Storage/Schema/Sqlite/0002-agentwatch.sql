-- AgentWatch's own tables. The same tables, with the same meaning, exist on PostgreSQL; only the types differ.
-- Times are .NET ticks (100 ns since 0001-01-01, UTC) in INTEGER columns: SQLite has no time type, and ticks compare
-- and sort as numbers without parsing. Tables whose key is composite are WITHOUT ROWID, so the rows live in the key's
-- own b-tree and a range read over one grain or one log is a single ordered scan.

-- The event logs of event-sourced grains: one row per event, numbered by the grain's version.
-- written_at defaults to now so that writers need not supply it (julianday 1721425.5 is 0001-01-01T00:00Z).
CREATE TABLE journal_events
(
    grain_type TEXT NOT NULL,
    grain_key  TEXT NOT NULL,
    version    INTEGER NOT NULL,
    payload    BLOB NOT NULL,
    written_at INTEGER NOT NULL DEFAULT (CAST((julianday('now') - 1721425.5) * 864000000000 AS INTEGER)),
    PRIMARY KEY (grain_type, grain_key, version)
) WITHOUT ROWID;

-- Ordered, gap-free logs (the alert log, agent runs). seq is assigned by the writer under SQLite's single write lock
-- (MAX(seq) + 1 inside the writing transaction), so no head table is needed here; event_id makes appends idempotent.
CREATE TABLE log_events
(
    log      TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    ts       INTEGER NOT NULL,
    payload  BLOB NOT NULL,
    PRIMARY KEY (log, seq),
    UNIQUE (log, event_id)
) WITHOUT ROWID;

-- The index of every signal id and the grain that owns it (home).
CREATE TABLE signals
(
    id          TEXT NOT NULL PRIMARY KEY,
    home        TEXT NOT NULL,
    payload     BLOB NOT NULL,
    recorded_at INTEGER NOT NULL DEFAULT (CAST((julianday('now') - 1721425.5) * 864000000000 AS INTEGER))
);
