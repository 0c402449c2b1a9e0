-- Indexes for the read queries of watchfloor.query (store/sql_queries.py): the twin of
-- sqlite_0005_query_indexes.sql (see there for why each one), sized by bench/query.py
-- on a million events.

-- An actor's facts of one section, as source or as target; the columns after the
-- section let profiles, dyads and partners read the index alone (an index-only scan).
CREATE INDEX facts_source_events
    ON facts (source_actor_id, section, target_actor_id, kind, cluster_id, date, article_id);
CREATE INDEX facts_target_events
    ON facts (target_actor_id, section, source_actor_id, kind, cluster_id, date, article_id);
DROP INDEX facts_source;
DROP INDEX facts_target;

-- The mentions of given events: "coalesce(f.cluster_id, -f.id) IN (...)".
CREATE INDEX facts_event_key ON facts (section, (coalesce(cluster_id, -id)));

-- Kinds matched whatever their case ("upper(f.kind) IN (...)").
CREATE INDEX facts_section_kind ON facts (section, upper(kind));
DROP INDEX facts_section;

-- An actor's mentions with their offsets ("named in the evidence sentence").
CREATE INDEX mentions_actor_offsets ON mentions (actor_id, article_id, start, id);
DROP INDEX mentions_actor;

-- Statistics for the new expression indexes (autovacuum does not gather them for
-- an index that is merely created).
ANALYZE facts;
ANALYZE mentions;
