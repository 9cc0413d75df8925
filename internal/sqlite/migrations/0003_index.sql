-- 0003: the index of actors, quotes and events across documents
-- (dateline.IndexStore).
--
-- PutDocuments writes a new document's rows (dateline.Index) in the same
-- transaction as the document: doc_actors and doc_index per document, and
-- the per-actor aggregates actors,
-- actor_keys (prefix search on every word of every name), actor_aliases and
-- actor_roles, updated once per batch. Documents stored before this step
-- are indexed after it, in batches, by the backfill (index.go): it works
-- through the documents with seq <= index_backfill.until and records its
-- progress in done, so an interrupted backfill resumes where it stopped.

CREATE TABLE IF NOT EXISTS actors (
    id      TEXT    PRIMARY KEY,
    name    TEXT    NOT NULL,              -- as the latest report names it
    type    TEXT    NOT NULL,
    code    TEXT    NOT NULL,
    docs    INTEGER NOT NULL,
    quotes  INTEGER NOT NULL,
    events  INTEGER NOT NULL,
    last    TEXT    NOT NULL,              -- RFC 3339 of the latest report; '' when none is dated
    last_ms INTEGER                        -- Unix milliseconds of last
) STRICT, WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS actors_docs ON actors (docs DESC, name, id);

CREATE TABLE IF NOT EXISTS actor_keys (
    key   TEXT NOT NULL,                   -- dateline.NameKeys of a name or alias
    actor TEXT NOT NULL,
    PRIMARY KEY (key, actor)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS actor_aliases (
    actor TEXT    NOT NULL,
    key   TEXT    NOT NULL,                -- dateline.NameKey of the alias
    alias TEXT    NOT NULL,                -- the first surface form seen
    docs  INTEGER NOT NULL,
    PRIMARY KEY (actor, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS actor_roles (
    actor    TEXT    NOT NULL,
    title    TEXT    NOT NULL,
    code     TEXT    NOT NULL,
    first    TEXT    NOT NULL,
    first_ms INTEGER,
    last     TEXT    NOT NULL,
    last_ms  INTEGER,
    docs     INTEGER NOT NULL,
    PRIMARY KEY (actor, title, code)
) STRICT, WITHOUT ROWID;

-- Per document: doc_actors, a posting list per actor (newest first, with
-- the actor's mentions, quotes and events in the document), and doc_index,
-- one row per document with quotes or events holding them all (data: the
-- JSON of sqlite.indexData) and, to skip documents without decoding them,
-- their counts and the " "-separated codes and statuses of the events. ord
-- is the report's publication date in Unix milliseconds, or
-- -9223372036854775808 when it is unknown (so undated reports list last);
-- doc is the document's seq. A query walks a posting list or doc_index
-- newest first and decodes only the documents on the page: a few B-tree
-- rows per document keep ingest fast. No foreign keys: documents are never
-- deleted or replaced (PutDocuments leaves a stored ID unchanged).

CREATE TABLE IF NOT EXISTS doc_actors (
    actor    TEXT    NOT NULL,
    ord      INTEGER NOT NULL,
    doc      INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    quotes   INTEGER NOT NULL,             -- quotes it is the speaker of
    events   INTEGER NOT NULL,             -- events it is a source or target of
    PRIMARY KEY (actor, ord, doc)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS doc_index (
    ord      INTEGER NOT NULL,
    doc      INTEGER NOT NULL,
    quotes   INTEGER NOT NULL,
    events   INTEGER NOT NULL,
    codes    TEXT    NOT NULL,             -- " 042 0871 ": the events' CAMEO codes
    statuses TEXT    NOT NULL,             -- " happened planned "
    data     BLOB    NOT NULL,
    PRIMARY KEY (ord, doc)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS index_backfill (
    one   INTEGER PRIMARY KEY CHECK (one = 1),
    until INTEGER NOT NULL,                -- the last document seq stored before this step
    done  INTEGER NOT NULL                 -- documents up to this seq are indexed
) STRICT;

INSERT OR IGNORE INTO index_backfill (one, until, done)
    SELECT 1, coalesce(max(seq), 0), 0 FROM documents;
