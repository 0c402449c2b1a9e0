-- Stories (articles about the same story) and merged events (one real-world
-- event reported by several articles, with all its mentions and sources).
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT,                        -- the headline of its first article
    first_published TEXT,
    last_published TEXT,
    article_count INTEGER NOT NULL DEFAULT 0,
    source_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE story_articles (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
    similarity REAL NOT NULL DEFAULT 1.0
);
CREATE INDEX story_articles_story ON story_articles (story_id);

CREATE TABLE event_clusters (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,                -- PLOVER type
    mode TEXT,
    quad TEXT,                         -- PLOVER quad class: verbal/material cooperation/conflict
    source_actor_id INTEGER REFERENCES actors (id) ON DELETE SET NULL,
    target_actor_id INTEGER REFERENCES actors (id) ON DELETE SET NULL,
    first_date TEXT,                   -- event date, or the article's publication date
    last_date TEXT,
    evidence TEXT NOT NULL,            -- the evidence sentence of its first mention
    fact_id INTEGER REFERENCES facts (id) ON DELETE SET NULL,  -- that first mention
    story_id INTEGER REFERENCES stories (id) ON DELETE SET NULL,
    mention_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0,
    source_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX event_clusters_source ON event_clusters (source_actor_id, first_date);
CREATE INDEX event_clusters_target ON event_clusters (target_actor_id, first_date);
CREATE INDEX event_clusters_type ON event_clusters (type, first_date);

-- Each event fact belongs to one cluster (facts of other sections have none).
ALTER TABLE facts ADD COLUMN cluster_id INTEGER REFERENCES event_clusters (id) ON DELETE SET NULL;
CREATE INDEX facts_cluster ON facts (cluster_id);
