-- Full names of the people the knowledge base does not know, by first letter and length
-- of their folded form: filing a new person looks up spelling variants already filed
-- ("Oleksander" / "Oleksandr Kovalenko") in one index range. Before this table that
-- look-up scanned every actor, once per new person: ingest slowed as the store grew.
-- A name can only score as the same person against names of similar length
-- (store/actors.py, name_lengths), so the range holds every possible variant.
CREATE TABLE person_names (
    actor_id BIGINT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL,           -- the folded name (actor_aliases.alias_key)
    initial TEXT NOT NULL,             -- its first character
    length INTEGER NOT NULL,           -- characters of the folded name
    UNIQUE (actor_id, alias)
);
CREATE INDEX person_names_lookup ON person_names (initial, length);
-- after: refresh_person_names
