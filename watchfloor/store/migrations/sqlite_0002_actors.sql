-- The actor registry: one row per real-world actor across all articles.
CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,          -- knowledge-base id, or a registry key for unknown actors
    name TEXT NOT NULL,
    type TEXT NOT NULL,                -- PERSON, ORG, GPE or GROUP
    country TEXT,
    wikidata TEXT,
    known INTEGER NOT NULL DEFAULT 0   -- 1 when the knowledge base knows the actor
);
CREATE INDEX actors_country ON actors (country);

-- Every name an actor went by; alias_key is the folded form used for look-ups.
CREATE TABLE actor_aliases (
    actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    UNIQUE (actor_id, alias)
);
CREATE INDEX actor_aliases_key ON actor_aliases (alias_key);

-- Roles and affiliations as the articles gave them (titles change over time).
CREATE TABLE actor_roles (
    actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    role TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    UNIQUE (actor_id, article_id, role, organisation, country)
);

-- Every mention, with its character offsets in the article text.
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (article_id, start)
);
CREATE INDEX mentions_actor ON mentions (actor_id, article_id);

-- Which articles went through the actor stage (so re-ingestion and backfills skip them).
CREATE TABLE analysed (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    analysed_at TEXT NOT NULL
);
