-- AgentWatch's own tables. The same tables, with the same meaning, exist on SQLite; only the types differ.

-- The event logs of event-sourced grains: one row per event, numbered by the grain's version.
CREATE TABLE journal_events
(
    grain_type text NOT NULL,
    grain_key  text NOT NULL,
    version    bigint NOT NULL,
    payload    bytea NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key, version)
);

-- Ordered, gap-free logs (the alert log, agent runs). ts is .NET ticks (UTC), as on SQLite, so readers of both
-- databases share one representation; event_id makes appends idempotent.
CREATE TABLE log_events
(
    log      text NOT NULL,
    seq      bigint NOT NULL,
    event_id text NOT NULL,
    ts       bigint NOT NULL,
    payload  bytea NOT NULL,
    PRIMARY KEY (log, seq),
    UNIQUE (log, event_id)
);

-- The last seq of each log. PostgreSQL writers run concurrently, so an append takes the next number by updating this
-- row (UPDATE ... SET last_seq = last_seq + 1 RETURNING last_seq): the row lock orders appenders, and a rolled-back
-- append rolls its number back too, which keeps the log free of gaps (a sequence object would not).
CREATE TABLE log_heads
(
    log      text PRIMARY KEY,
    last_seq bigint NOT NULL
);

-- The index of every signal id and the grain that owns it (home).
CREATE TABLE signals
(
    id          text PRIMARY KEY,
    home        text NOT NULL,
    payload     bytea NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
