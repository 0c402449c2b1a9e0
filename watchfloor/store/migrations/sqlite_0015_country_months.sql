-- Events per country, month and PLOVER type, for the dashboard's map (issue 15): the
-- map filtered by type or dates is summed from these rows instead of counting every
-- matching event (store/sql_map.py). Kept as facts are filed (store/sql_map_rollup.py)
-- and filled here from the stored rows. An event counts for the countries of its
-- source and target actors, as the country filter of the queries reads them.
-- after: refresh_country_months

-- Distinct events per month (YYYY-MM of the effective date, '' when undated), type
-- (upper case, '' when none) and country (alpha-3, upper case).
CREATE TABLE country_months (
    period TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (period, kind, country)
);
CREATE INDEX country_months_kind ON country_months (kind, period, country, events);

-- The cells of an event that falls in more than one (month, type) cell of a country
-- (reports on either side of a month's end): a sum over cells counts it once per
-- cell, and these rows take the extra counts off again.
CREATE TABLE country_event_spans (
    event_key INTEGER NOT NULL,
    country TEXT NOT NULL,
    period TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (event_key, country, period, kind)
);
CREATE INDEX country_event_spans_cells ON country_event_spans (period, kind, country, event_key);

-- The months a date filter cuts are counted over their facts, read from this index
-- alone (partial: the map's query alone names section = 'events' and the month).
CREATE INDEX facts_event_months ON facts (substr(effective_date, 1, 7), effective_date, kind,
    source_actor_id, target_actor_id, cluster_id, section) WHERE section = 'events';

-- Actors whose country changed (an actor first filed without one gains it): their
-- events' cells are recounted when the next article is filed.
CREATE TABLE country_map_stale (
    actor_id INTEGER NOT NULL,
    country TEXT
);
CREATE TRIGGER actors_country_map AFTER UPDATE OF country ON actors
WHEN coalesce(old.country, '') <> coalesce(new.country, '')
BEGIN
    INSERT INTO country_map_stale (actor_id, country) VALUES (old.id, old.country);
END;
CREATE INDEX actors_country_upper ON actors (upper(country));

-- Bumped whenever the rows above change: the dashboard keeps maps until it moves.
CREATE TABLE country_map_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO country_map_version (id, version) VALUES (1, 0);
