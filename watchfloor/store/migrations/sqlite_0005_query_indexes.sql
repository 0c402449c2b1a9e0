-- Indexes for the read queries of watchfloor.query (store/sql_queries.py), sized by
-- bench/query.py on a million events. Measured there: without them (and without
-- statistics) an actor profile scanned every event fact, and the mentions of a page
-- of events were found by scanning them all.

-- An actor's facts of one section, as source or as target: profiles, dyads, partners
-- and timelines ("f.section = ? AND (f.source_actor_id = ? OR f.target_actor_id = ?)").
-- The columns after the section answer event_partners and the event keys, counts and
-- timelines from the index alone; the other actor comes third so that a dyad seeks
-- straight to its pair. They replace facts_source and facts_target (their prefixes).
CREATE INDEX facts_source_events
    ON facts (source_actor_id, section, target_actor_id, kind, cluster_id, date, article_id);
CREATE INDEX facts_target_events
    ON facts (target_actor_id, section, source_actor_id, kind, cluster_id, date, article_id);
DROP INDEX facts_source;
DROP INDEX facts_target;

-- The mentions of given events: "coalesce(f.cluster_id, -f.id) IN (...)".
CREATE INDEX facts_event_key ON facts (section, coalesce(cluster_id, -id));

-- Kinds are matched whatever their case ("upper(f.kind) IN (...)"): events by PLOVER
-- type, quotes by kind. Replaces facts_section (section, kind), which no query could
-- use beyond the section.
CREATE INDEX facts_section_kind ON facts (section, upper(kind));
DROP INDEX facts_section;

-- An actor's mentions with their offsets: "named in the evidence sentence" (an EXISTS
-- on actor, article and offset range) is answered from the index. Replaces
-- mentions_actor (actor_id, article_id), its prefix.
CREATE INDEX mentions_actor_offsets ON mentions (actor_id, article_id, start, id);
DROP INDEX mentions_actor;

-- Statistics for the query planner: without them SQLite takes "f.section = ?" for a
-- selective filter and walks every event of the section instead of one actor's. A
-- database that already holds facts gets them now; the store keeps them up to date.
ANALYZE;
