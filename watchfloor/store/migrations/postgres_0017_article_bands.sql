-- The twin of sqlite_0017_article_bands.sql (see there).
-- after: fill_bands
CREATE TABLE article_bands (
    rows_per_band SMALLINT NOT NULL,
    band_hash BIGINT NOT NULL,
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (rows_per_band, band_hash, article_id)
);

CREATE TABLE band_layouts (
    rows_per_band SMALLINT PRIMARY KEY,
    filled_to BIGINT NOT NULL DEFAULT 0,
    complete SMALLINT NOT NULL DEFAULT 0
);
INSERT INTO band_layouts (rows_per_band) VALUES (6);
