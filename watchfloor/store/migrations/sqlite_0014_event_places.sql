-- Events placed on the map (issue 12): the GeoNames place an event's location resolves
-- to (watchfloor/places), copied from the fact JSON as the event is filed, for the
-- filters by country and by distance (store/fact_query.py: a box of latitude and
-- longitude, then the distance). NULL for other sections and unplaced events. Events
-- filed before it are placed by their location (the fact JSON gets the fields too).
-- after: fill_event_places
ALTER TABLE facts ADD COLUMN location_country TEXT;
ALTER TABLE facts ADD COLUMN location_lat REAL;
ALTER TABLE facts ADD COLUMN location_lon REAL;
ALTER TABLE facts ADD COLUMN place_id INTEGER;
CREATE INDEX facts_location_country ON facts (location_country, effective_date)
    WHERE location_country IS NOT NULL;
CREATE INDEX facts_location_point ON facts (location_lat, location_lon)
    WHERE location_lat IS NOT NULL;
