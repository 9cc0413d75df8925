-- 0002: stories — the reports that tell one event.
--
-- story_docs places each stored document in a story (a document without a
-- row has not been through the storyteller yet) and marks republished
-- copies; sketch is the storyteller's near-duplicate sketch of the
-- document. stories holds the listing columns and the story view as JSON.
-- story_state holds the clusterer's state and its version: a writer locks
-- the row (SELECT … FOR UPDATE) and checks the version before it writes a
-- batch, so that writers on several machines serialise on it and a batch
-- computed from an older state is refused. The row exists from the start,
-- so there is always a row to lock.

CREATE TABLE story_docs (
    doc         text    PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    story       bigint  NOT NULL,
    original    text    NOT NULL,           -- the document this one copies; '' for an original
    resemblance float8  NOT NULL,
    sketch      bytea,
    marked      bigint  NOT NULL            -- order of first marking, for the recent sketches
);

CREATE INDEX story_docs_story ON story_docs (story);
CREATE INDEX story_docs_marked ON story_docs (marked);

CREATE TABLE stories (
    id        bigint  PRIMARY KEY,
    label     text    NOT NULL,
    docs      integer NOT NULL,
    copies    integer NOT NULL,
    first     text    NOT NULL,             -- RFC 3339; '' when unknown
    last      text    NOT NULL,
    last_ms   bigint,                       -- Unix milliseconds of last, for ordering; NULL when unknown
    updated   text    NOT NULL,
    view      bytea   NOT NULL              -- JSON, the exact bytes the storyteller wrote
);

CREATE INDEX stories_latest ON stories (last_ms DESC NULLS LAST, id DESC);

CREATE TABLE story_state (
    name    text    PRIMARY KEY,
    value   bytea   NOT NULL,               -- empty until a state is saved
    version bigint  NOT NULL                -- batches saved; guards against two writers
);

INSERT INTO story_state (name, value, version) VALUES ('stories', '', 0);
