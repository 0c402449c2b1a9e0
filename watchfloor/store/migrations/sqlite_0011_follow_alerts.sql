-- Following sources (polling state per source) and watch rules with their alerts.
CREATE TABLE follow_sources (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL,                -- feed, sitemap or page
    etag TEXT,                         -- validators of the last full answer
    last_modified TEXT,
    polls INTEGER NOT NULL DEFAULT 0,
    not_modified INTEGER NOT NULL DEFAULT 0,  -- polls answered 304
    new_pages INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,        -- failed polls in all
    failures INTEGER NOT NULL DEFAULT 0,      -- failed polls in a row
    last_poll TEXT,
    last_new TEXT,                     -- when the last new article came from it
    last_error TEXT,
    next_poll REAL NOT NULL DEFAULT 0, -- unix seconds
    parked INTEGER NOT NULL DEFAULT 0
);

-- Entries (feed items, sitemap URLs) already taken from a source.
CREATE TABLE follow_seen (
    source_url TEXT NOT NULL,
    item TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (source_url, item)
);

CREATE TABLE watch_rules (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    section TEXT NOT NULL DEFAULT 'events',
    actor TEXT,
    with_actor TEXT,
    types TEXT,                        -- comma-separated, upper case
    country TEXT,
    keyword TEXT,
    min_sources INTEGER NOT NULL DEFAULT 1,
    claim_above REAL,
    webhook TEXT,
    webhook_secret TEXT,
    created_at TEXT NOT NULL
);

-- One alert per rule and merged event (or fact); updated, never repeated.
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    rule_id INTEGER NOT NULL REFERENCES watch_rules (id) ON DELETE CASCADE,
    subject TEXT NOT NULL,             -- event:CLUSTER_ID or fact:FACT_ID
    key TEXT NOT NULL UNIQUE,          -- the idempotency key
    title TEXT NOT NULL,
    payload TEXT NOT NULL,             -- the fact, its evidence and article links (JSON)
    source_count INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (rule_id, subject)
);
CREATE INDEX alerts_created ON alerts (created_at);

-- Webhook deliveries waiting or done, written with the alert that needs them.
CREATE TABLE alert_outbox (
    id INTEGER PRIMARY KEY,
    alert_id INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',  -- pending, sent, dead
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt REAL NOT NULL DEFAULT 0,    -- unix seconds
    last_error TEXT,
    sent_at TEXT,
    UNIQUE (alert_id, url)
);
CREATE INDEX alert_outbox_due ON alert_outbox (status, next_attempt);

CREATE TABLE webhook_endpoints (
    url TEXT PRIMARY KEY,
    failures INTEGER NOT NULL DEFAULT 0,     -- failed deliveries in a row
    dead INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);

-- The last article whose facts the rules were checked against.
CREATE TABLE alert_progress (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    article_id INTEGER NOT NULL
);
INSERT INTO alert_progress (id, article_id) VALUES (1, 0);
