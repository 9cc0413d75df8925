-- 0003: the index of actors, quotes and events across documents
-- (dateline.IndexStore; see index.go).
--
-- PutDocuments writes a new document's rows (dateline.Index) in the same
-- transaction as the document: doc_actors (a posting list per actor, with
-- its mentions, quotes and events in the document), quotes, events and
-- event_actors per document, and the per-actor aggregates actors,
-- actor_keys (prefix search on every word of every name, in the C
-- collation so that a range scan finds a prefix), actor_aliases and
-- actor_roles, upserted in actor order (writers lock rows in one order).
-- ord is the report's publication date in Unix milliseconds, or
-- -9223372036854775808 when it is unknown (undated reports list last);
-- doc is the document's seq. Documents stored before this step are indexed
-- after it by the backfill (index.go), in batches, from index_backfill.

CREATE TABLE actors (
    id      text   PRIMARY KEY,
    name    text   NOT NULL,
    type    text   NOT NULL,
    code    text   NOT NULL,
    docs    bigint NOT NULL,
    quotes  bigint NOT NULL,
    events  bigint NOT NULL,
    last    text   NOT NULL,
    last_ms bigint
);

CREATE INDEX actors_docs ON actors (docs DESC, name, id);

CREATE TABLE actor_keys (
    key   text COLLATE "C" NOT NULL,
    actor text NOT NULL,
    PRIMARY KEY (key, actor)
);

CREATE TABLE actor_aliases (
    actor text   NOT NULL,
    key   text   NOT NULL,
    alias text   NOT NULL,
    docs  bigint NOT NULL,
    PRIMARY KEY (actor, key)
);

CREATE TABLE actor_roles (
    actor    text   NOT NULL,
    title    text   NOT NULL,
    code     text   NOT NULL,
    first    text   NOT NULL,
    first_ms bigint,
    last     text   NOT NULL,
    last_ms  bigint,
    docs     bigint NOT NULL,
    PRIMARY KEY (actor, title, code)
);

CREATE TABLE doc_actors (
    actor    text   NOT NULL,
    ord      bigint NOT NULL,
    doc      bigint NOT NULL,
    mentions int    NOT NULL,
    quotes   int    NOT NULL,
    events   int    NOT NULL,
    PRIMARY KEY (actor, ord, doc)
);

CREATE TABLE quotes (
    ord       bigint NOT NULL,
    doc       bigint NOT NULL,
    idx       int    NOT NULL,
    speaker   text   NOT NULL,
    name      text   NOT NULL,
    kind      text   NOT NULL,
    spans     int4[] NOT NULL,                 -- content, cue, source: start, end, ...
    text      text   NOT NULL,
    cue       text   NOT NULL,
    source    text   NOT NULL,
    PRIMARY KEY (ord, doc, idx)
);

CREATE INDEX quotes_speaker ON quotes (speaker, ord DESC, doc DESC, idx) WHERE speaker <> '';

CREATE TABLE events (
    ord      bigint NOT NULL,
    doc      bigint NOT NULL,
    idx      int    NOT NULL,
    code     text COLLATE "C" NOT NULL,
    plover   text   NOT NULL,
    status   text   NOT NULL,
    date     text   NOT NULL,
    place    text   NOT NULL,
    parties  jsonb  NOT NULL,                  -- {"source": [...], "target": [...]}
    sentence text   NOT NULL,
    spans    int4[] NOT NULL,                  -- evidence, trigger: start, end, ...
    PRIMARY KEY (ord, doc, idx)
);

CREATE TABLE event_actors (
    actor text   NOT NULL,
    ord   bigint NOT NULL,
    doc   bigint NOT NULL,
    idx   int    NOT NULL,
    PRIMARY KEY (actor, ord, doc, idx)
);

CREATE TABLE index_backfill (
    one   int    PRIMARY KEY CHECK (one = 1),
    until bigint NOT NULL,                     -- the last document seq stored before this step
    done  bigint NOT NULL                      -- documents up to this seq are indexed
);

INSERT INTO index_backfill (one, until, done) SELECT 1, coalesce(max(seq), 0), 0 FROM documents;
