-- Facts: events, quotes, claims, forecasts and watch items, each with its evidence.
CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    section TEXT NOT NULL
        CHECK (section IN ('events', 'quotes', 'claims', 'forecasts', 'watch_items')),
    ordinal INTEGER NOT NULL,          -- position within the article's section
    kind TEXT,                         -- event type, quote kind, claim unit, forecast phrase
    source_actor_id INTEGER REFERENCES actors (id) ON DELETE SET NULL,
    target_actor_id INTEGER REFERENCES actors (id) ON DELETE SET NULL,
    date TEXT,                         -- when it happened / is due, where the text says
    evidence TEXT NOT NULL,
    evidence_start INTEGER,
    evidence_end INTEGER,
    data TEXT NOT NULL,                -- the fact as JSON (actor references as registry keys)
    UNIQUE (article_id, section, ordinal)
);
CREATE INDEX facts_section ON facts (section, kind);
CREATE INDEX facts_source ON facts (source_actor_id);
CREATE INDEX facts_target ON facts (target_actor_id);
CREATE INDEX facts_date ON facts (date);

-- Articles analysed before facts existed are analysed again on the next run.
DELETE FROM analysed;
