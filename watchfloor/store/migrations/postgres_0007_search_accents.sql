-- Search folds accents, as SQLite's FTS5 does (its unicode61 tokenizer removes
-- diacritics): "Sao Paulo" finds "São Paulo" and "Erdogan" finds "Erdoğan". Words with
-- letters outside ASCII go through the unaccent dictionary before stemming; the stored
-- tsvectors are computed again. unaccent ships with Debian's postgresql package
-- (contrib) and is a trusted extension (a database owner may create it); it is made in
-- a schema of its own, so that no store's schema holds it. Without it, search stays
-- accent-sensitive.
DO $$
DECLARE
    dictionary TEXT;
BEGIN
    SELECT quote_ident(n.nspname) || '.unaccent' INTO dictionary
    FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace
    WHERE d.dictname = 'unaccent' ORDER BY n.nspname LIMIT 1;
    IF dictionary IS NULL THEN
        CREATE SCHEMA IF NOT EXISTS watchfloor_ext;
        CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA watchfloor_ext;
        dictionary := 'watchfloor_ext.unaccent';
    END IF;
    EXECUTE format(
        'ALTER TEXT SEARCH CONFIGURATION watchfloor_english'
        ' ALTER MAPPING FOR word, hword, hword_part WITH %s, watchfloor_stem', dictionary
    );
    UPDATE articles SET title = title;  -- the stored tsvectors follow the new mapping
EXCEPTION WHEN undefined_file OR insufficient_privilege OR feature_not_supported THEN
    RAISE NOTICE 'unaccent is not available (%): search stays accent-sensitive', SQLERRM;
END
$$;
