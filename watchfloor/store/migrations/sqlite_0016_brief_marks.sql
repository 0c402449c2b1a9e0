-- When each brief was produced, so that the next one lists what the watch rules
-- caught since (watchfloor/brief/marks.py). A preview (watchfloor brief --no-mark,
-- the dashboard, GET /brief) reads the last mark and writes none.
CREATE TABLE brief_marks (
    id INTEGER PRIMARY KEY,
    produced_at TEXT NOT NULL,         -- UTC, ISO 8601 to the second
    last_alert INTEGER NOT NULL,       -- the highest alert id then (0: none)
    since TEXT NOT NULL                -- the window the brief was asked for
);
