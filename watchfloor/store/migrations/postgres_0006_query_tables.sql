-- The twin of sqlite_0006_query_tables.sql (see there). Dates compare byte by byte
-- (COLLATE "C") whatever the database locale: ISO text sorts as the dates do.
-- after: refresh_query_tables

-- When a fact happened: its own date, else its article's publication time ('' when
-- neither is known). Lists of facts are ordered by it and date filters compare it.
-- Events by type and dates are read from the index alone, up to their actors' countries.
-- It replaces facts_section_kind (its prefix).
ALTER TABLE facts ADD COLUMN effective_date TEXT COLLATE "C" NOT NULL DEFAULT '';
-- (PostgreSQL reads an index alone only when it holds every column a query reads: the
-- fact's id, and kind itself beside upper(kind).)
CREATE INDEX facts_kind_when ON facts
    (section, upper(kind), effective_date, source_actor_id, target_actor_id, cluster_id)
    INCLUDE (id, kind);
DROP INDEX facts_section_kind;

-- A pair's events (dyads): the effective date in place of the fact's own date, so that
-- a dyad's timeline and events are read from these indexes alone.
DROP INDEX facts_source_events;
DROP INDEX facts_target_events;
CREATE INDEX facts_source_events
    ON facts (source_actor_id, section, target_actor_id, effective_date, kind, cluster_id)
    INCLUDE (id);
CREATE INDEX facts_target_events
    ON facts (target_actor_id, section, source_actor_id, effective_date, kind, cluster_id)
    INCLUDE (id);

-- Every actor a fact involves, one row per fact and actor: as its source, as its
-- target, or named in its evidence sentence. An actor's facts of one section, newest
-- first, are one range of the index, which answers counts alone.
CREATE TABLE fact_actors (
    fact_id BIGINT NOT NULL REFERENCES facts (id) ON DELETE CASCADE,
    actor_id BIGINT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    effective_date TEXT COLLATE "C" NOT NULL,
    is_source INTEGER NOT NULL DEFAULT 0,
    is_target INTEGER NOT NULL DEFAULT 0,
    named INTEGER NOT NULL DEFAULT 0,
    source_actor_id BIGINT,                -- the fact's source: "quotes by A naming B"
    PRIMARY KEY (fact_id, actor_id)
);
CREATE INDEX fact_actors_by_actor ON fact_actors
    (actor_id, section, effective_date DESC, fact_id, is_source, is_target, named,
     source_actor_id);

-- Facts per actor, section and part (source, target, named in the evidence): the
-- totals of an actor's lists (quotes by, quotes about, claims, forecasts).
CREATE TABLE actor_fact_counts (
    actor_id BIGINT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    is_source INTEGER NOT NULL,
    is_target INTEGER NOT NULL,
    named INTEGER NOT NULL,
    facts INTEGER NOT NULL,
    PRIMARY KEY (actor_id, section, is_source, is_target, named)
);

-- Events per actor, month (YYYY-MM of the effective date, '' when undated) and PLOVER
-- type: distinct events (clusters) in which the actor is the source or the target.
CREATE TABLE actor_months (
    actor_id BIGINT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    period TEXT COLLATE "C" NOT NULL,
    kind TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (actor_id, period, kind)
);

-- Events per actor, counterpart, PLOVER type and direction ('out': the actor is the
-- source).
CREATE TABLE actor_partners (
    actor_id BIGINT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    partner_id BIGINT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    events INTEGER NOT NULL,
    PRIMARY KEY (actor_id, partner_id, kind, direction)
);

-- Events per actor and counterpart, all types and both directions: the top partners
-- are the first rows of the index.
CREATE TABLE actor_partner_totals (
    actor_id BIGINT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    partner_id BIGINT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    events INTEGER NOT NULL,
    PRIMARY KEY (actor_id, partner_id)
);
CREATE INDEX actor_partner_totals_top ON actor_partner_totals (actor_id, events DESC, partner_id);

-- How much an actor is reported: articles and mentions, first and last seen.
CREATE TABLE actor_totals (
    actor_id BIGINT PRIMARY KEY REFERENCES actors (id) ON DELETE CASCADE,
    articles INTEGER NOT NULL DEFAULT 0,
    mentions INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT COLLATE "C",
    last_seen TEXT COLLATE "C"
);
CREATE INDEX actor_totals_articles ON actor_totals (articles DESC, mentions DESC);

-- Each role an actor was given, with the last time an article gave it.
CREATE TABLE actor_role_seen (
    actor_id BIGINT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    organisation TEXT NOT NULL,
    country TEXT NOT NULL,
    last_seen TEXT COLLATE "C",
    PRIMARY KEY (actor_id, role, organisation, country)
);

-- Search reads the tsvector of every candidate match (and the snippet the text of each
-- hit): LZ4 decompresses several times faster than PostgreSQL's default pglz
-- (bench/query.py: a search for a word in one article in six, 44 -> 28 ms). New rows
-- only; a server built without LZ4 keeps pglz.
DO $$
BEGIN
    ALTER TABLE articles ALTER COLUMN fts SET COMPRESSION lz4;
    ALTER TABLE articles ALTER COLUMN text SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'LZ4 is not available: articles stay compressed with pglz';
END
$$;
