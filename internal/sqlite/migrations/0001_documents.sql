-- 0001: documents and their full-text index.
--
-- A document is kept once: the listing columns, the text split in two (body:
-- the text the passes analyse, which the index covers; aside: the credit,
-- byline and boilerplate blocks cut out of it, which it does not), and every
-- other field and layer as one encoded value (see codec.go). The text is not
-- stored a second time: the index reads body as its external content.

PRAGMA application_id = 1685351534; -- 0x64746c6e, "dtln": marks a dateline database

CREATE TABLE documents (
    seq          INTEGER PRIMARY KEY,       -- insertion order; the rowid of the index
    id           TEXT    NOT NULL UNIQUE,   -- dateline.DocID
    title        TEXT    NOT NULL,
    url          TEXT    NOT NULL,
    outlet       TEXT    NOT NULL,
    published    TEXT    NOT NULL,          -- RFC 3339 with the report's offset; '' when unknown
    published_ms INTEGER,                   -- Unix milliseconds, for ordering; NULL when unknown
    ingested     TEXT    NOT NULL,          -- RFC 3339, UTC
    body         TEXT    NOT NULL,          -- Document.Text without the cuts
    aside        TEXT    NOT NULL,          -- the text of the cuts, concatenated
    layers       BLOB    NOT NULL           -- codec byte + the encoded document without its text
) STRICT;

-- Newest first: a backward scan of this index (unknown dates sort last).
CREATE INDEX documents_newest ON documents (published_ms, seq);

CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, body,
    content = 'documents', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- A title hit weighs ten body hits.
INSERT INTO documents_fts (documents_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');

-- New rows are indexed by PutDocuments with one INSERT ... SELECT per batch,
-- not by a trigger: FTS5 flushes its pending terms at every statement
-- savepoint, and a trigger would make that one flush (and one segment to
-- merge) per document, which halves ingest speed. Deletes and updates,
-- rare, keep the index in step through triggers.

CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
END;

CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, body ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
    INSERT INTO documents_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
END;
