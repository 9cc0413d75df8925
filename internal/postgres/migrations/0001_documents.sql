-- 0001: documents and their full-text index.
--
-- A document is kept once: the listing columns, its text (bytea: the exact
-- bytes, whatever they hold), the spans the index skips (cuts: credit,
-- byline and boilerplate blocks, as start, end pairs), every other field and
-- layer as JSON (layers), and the words of the title and the indexed text as
-- a tsvector that dateline builds itself (see text.go): the title at weight
-- A, the text at weight D.

CREATE TABLE documents (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- insertion order
    id           text        NOT NULL UNIQUE,  -- dateline.DocID
    title        text        NOT NULL,
    url          text        NOT NULL,
    outlet       text        NOT NULL,
    published    text        NOT NULL,        -- RFC 3339 with the report's offset; '' when unknown
    published_ms bigint,                       -- Unix milliseconds, for ordering; NULL when unknown
    ingested     timestamptz NOT NULL,
    text         bytea       NOT NULL,         -- Document.Text
    cuts         int4[]      NOT NULL,         -- skipped spans: start, end, start, end, ...
    layers       bytea       NOT NULL,         -- JSON of the document without its text
    tsv          tsvector    NOT NULL
);

-- Newest first; unknown dates last, latest ingested first.
CREATE INDEX documents_newest ON documents (published_ms DESC NULLS LAST, seq DESC);

CREATE INDEX documents_tsv ON documents USING gin (tsv);

-- A search reads the vector of every candidate row: kept in the row (a
-- few KB) rather than in the TOAST table, that read is one page instead of
-- an index lookup and two chunks, five times faster.
ALTER TABLE documents ALTER COLUMN tsv SET STORAGE MAIN;

-- lz4 compresses the large values several times faster than the default
-- pglz; servers built without it keep pglz.
DO $$
BEGIN
    ALTER TABLE documents ALTER COLUMN layers SET COMPRESSION lz4;
    ALTER TABLE documents ALTER COLUMN text SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    NULL;
END
$$;
