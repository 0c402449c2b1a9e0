-- The LSH band keys of every article's MinHash signature (watchfloor/store/bands.py), so
-- that near-duplicates are looked up in SQL and no process holds an index of every
-- article (watchfloor/dedup.py). One row per article and band, for each layout kept.
-- after: fill_bands
CREATE TABLE article_bands (
    rows_per_band INTEGER NOT NULL,    -- the layout: bands of this many MinHash values
    band_hash INTEGER NOT NULL,        -- signed 64-bit key of one band
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (rows_per_band, band_hash, article_id)
) WITHOUT ROWID;

-- The layouts whose keys are kept: each new article gets the keys of every one.
-- complete = 1 once every article stored before the layout was added has its keys
-- (filled_to: the backfill has done every article up to this id).
CREATE TABLE band_layouts (
    rows_per_band INTEGER PRIMARY KEY,
    filled_to INTEGER NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 0
);
-- The default threshold's layout (dedup.lsh_bands(0.8): 21 bands of 6 rows), filled
-- for the articles stored before this migration by its after-method.
INSERT INTO band_layouts (rows_per_band) VALUES (6);
