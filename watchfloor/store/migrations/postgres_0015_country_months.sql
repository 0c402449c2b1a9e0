-- The twin of sqlite_0015_country_months.sql (see there). Months compare byte by byte
-- (COLLATE "C") whatever the database locale.
-- after: refresh_country_months
CREATE TABLE country_months (
    period TEXT COLLATE "C" NOT NULL,
    kind TEXT NOT NULL,
    country TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (period, kind, country)
);
CREATE INDEX country_months_kind ON country_months (kind, period, country, events);

CREATE TABLE country_event_spans (
    event_key BIGINT NOT NULL,
    country TEXT NOT NULL,
    period TEXT COLLATE "C" NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (event_key, country, period, kind)
);
CREATE INDEX country_event_spans_cells ON country_event_spans (period, kind, country, event_key);

CREATE INDEX facts_event_months ON facts ((substr(effective_date, 1, 7)), effective_date)
    INCLUDE (kind, source_actor_id, target_actor_id, cluster_id, id) WHERE section = 'events';

CREATE TABLE country_map_stale (
    actor_id BIGINT NOT NULL,
    country TEXT
);
CREATE FUNCTION country_map_stale_actor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO country_map_stale (actor_id, country) VALUES (OLD.id, OLD.country);
    RETURN NULL;
END
$$;
CREATE TRIGGER actors_country_map AFTER UPDATE OF country ON actors FOR EACH ROW
    WHEN (coalesce(OLD.country, '') <> coalesce(NEW.country, ''))
    EXECUTE FUNCTION country_map_stale_actor();
CREATE INDEX actors_country_upper ON actors ((upper(country)));

CREATE TABLE country_map_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO country_map_version (id, version) VALUES (1, 0);
