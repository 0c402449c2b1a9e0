-- Articles, their copies (syndication and re-ingestion), and the ingestion log.
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    url TEXT,
    title TEXT,
    published TEXT,
    author TEXT,
    source TEXT,
    language TEXT,
    text TEXT NOT NULL,
    paragraphs TEXT NOT NULL,          -- JSON: [{"text", "kind", "start", "end"}]
    word_count INTEGER NOT NULL,
    text_hash TEXT NOT NULL UNIQUE,    -- sha256 of the normalised text
    minhash BLOB,                      -- MinHash signature for near-duplicate search
    origin TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);

-- Every place an article was seen: the original, exact and near duplicates.
CREATE TABLE copies (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    origin TEXT NOT NULL,
    url TEXT,
    source TEXT,
    title TEXT,
    published TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('original', 'exact', 'near')),
    similarity REAL NOT NULL,
    ingested_at TEXT NOT NULL,
    UNIQUE (article_id, origin)
);
CREATE INDEX copies_article ON copies (article_id, url);

-- What happened to every input: ingested, duplicate or skipped, with the reason.
CREATE TABLE ingestion_log (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ingested', 'duplicate', 'skipped')),
    reason TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    logged_at TEXT NOT NULL,
    UNIQUE (origin, status, reason)
);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content='articles', content_rowid='id', tokenize='porter unicode61'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
