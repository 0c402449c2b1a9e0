-- The ledger of a cluster ingest (watchfloor ingest --dask): each partition of the input
-- (a file, a URL, or a range of WARC records) once its pages are filed, so that a run
-- stopped halfway continues where it stopped and a finished partition is not read again.
CREATE TABLE ingest_partitions (
    key TEXT PRIMARY KEY,              -- input and range: warc:PATH#records=300-600
    pages INTEGER NOT NULL,            -- pages and skips the partition gave
    articles INTEGER NOT NULL,         -- new articles it filed
    seconds REAL NOT NULL,             -- the worker's time on it
    worker TEXT NOT NULL DEFAULT '',   -- the Dask worker that read it
    finished_at TEXT NOT NULL
);
