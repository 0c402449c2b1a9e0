-- The forecast ledger (watchfloor/ledger): every forecast with its mentions, its due day,
-- its status and the resolutions proposed or made for it; per-source tallies kept for
-- GET /ledger (bench/ledger.py: 10,000 sources, 1,000,000 forecasts).
CREATE TABLE ledger_forecasts (
    id INTEGER PRIMARY KEY,
    fkey TEXT NOT NULL UNIQUE,         -- source, proposition and probability, normalised
    statement TEXT NOT NULL,
    source_key TEXT NOT NULL,          -- actor registry key, or 'outlet:<name>'
    source TEXT NOT NULL,              -- the source's name
    source_kind TEXT NOT NULL,         -- person, organisation, state, group or outlet
    plover TEXT,                       -- the PLOVER type the proposition maps to, if any
    actor1_id INTEGER REFERENCES actors (id) ON DELETE SET NULL,
    actor2_id INTEGER REFERENCES actors (id) ON DELETE SET NULL,
    actors TEXT NOT NULL DEFAULT '[]', -- registry keys of the proposition's actors (JSON)
    p REAL,                            -- NULL: no stated range, kept but not scored
    made TEXT NOT NULL,                -- YYYY-MM-DD of the first mention
    due TEXT,                          -- YYYY-MM-DD from the horizon; NULL when none
    horizon TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'due', 'resolved', 'void')),
    outcome TEXT CHECK (outcome IN ('yes', 'no')),
    doc_id TEXT NOT NULL,              -- the first mention's article and sentence
    evidence TEXT NOT NULL,
    mentions INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ledger_forecasts_source ON ledger_forecasts (source_key, made);
CREATE INDEX ledger_forecasts_made ON ledger_forecasts (made, id);
CREATE INDEX ledger_forecasts_status ON ledger_forecasts (status, made, id);
-- A period's tallies (--since) from the index alone.
CREATE INDEX ledger_forecasts_made_cells
    ON ledger_forecasts (made, source_key, status, outcome, p);

-- Each forecast fact, once: the ledger forecast it is a mention of.
CREATE TABLE ledger_mentions (
    fact_id INTEGER PRIMARY KEY REFERENCES facts (id) ON DELETE CASCADE,
    forecast_id INTEGER NOT NULL REFERENCES ledger_forecasts (id) ON DELETE CASCADE
);
CREATE INDEX ledger_mentions_forecast ON ledger_mentions (forecast_id);

-- Resolutions: the engine's (proposed, or applied when strong) and the analysts' (always
-- applied; the latest wins). An engine proposal is filed once per piece of evidence.
CREATE TABLE ledger_resolutions (
    id INTEGER PRIMARY KEY,
    forecast_id INTEGER NOT NULL REFERENCES ledger_forecasts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('engine', 'analyst')),
    outcome TEXT NOT NULL CHECK (outcome IN ('yes', 'no', 'void')),
    doc_id TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '',
    confidence REAL NOT NULL,
    applied INTEGER NOT NULL DEFAULT 0,
    who TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    made_at TEXT NOT NULL
);
CREATE INDEX ledger_resolutions_forecast ON ledger_resolutions (forecast_id, kind, made_at);
CREATE UNIQUE INDEX ledger_resolutions_engine
    ON ledger_resolutions (forecast_id, doc_id, evidence, outcome) WHERE kind = 'engine';

-- Resolved forecasts per source, outcome and probability (-1 when none), and the others
-- per source and status (outcome '', p -1): a source's counts, Brier score, interval and
-- calibration come from these cells alone.
CREATE TABLE ledger_cells (
    source_key TEXT NOT NULL,
    status TEXT NOT NULL,
    outcome TEXT NOT NULL,
    p REAL NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (source_key, status, outcome, p)
) WITHOUT ROWID;

-- Per-source totals, to list the most scored sources first.
CREATE TABLE ledger_sources (
    source_key TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    made INTEGER NOT NULL,
    resolved INTEGER NOT NULL,
    scored INTEGER NOT NULL
);
CREATE INDEX ledger_sources_top ON ledger_sources (scored DESC, made DESC, source_key);
CREATE INDEX ledger_sources_name ON ledger_sources (source);
