-- 0002: stories — the reports that tell one event.
--
-- story_docs places each stored document in a story (a document without a
-- row has not been through the storyteller yet) and marks republished
-- copies; sketch is the storyteller's near-duplicate sketch of the
-- document. stories holds the listing columns and the story view as JSON.
-- story_state holds the clusterer's state, so that a later ingest continues.
-- (IF NOT EXISTS: the step is safe to re-run on a database whose version
-- was reset by hand.)

CREATE TABLE IF NOT EXISTS story_docs (
    doc         TEXT    PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    story       INTEGER NOT NULL,
    original    TEXT    NOT NULL,          -- the document this one copies; '' for an original
    resemblance REAL    NOT NULL,
    sketch      BLOB,
    marked      INTEGER NOT NULL           -- order of first marking, for the recent sketches
) STRICT;

CREATE INDEX IF NOT EXISTS story_docs_story ON story_docs (story);
CREATE INDEX IF NOT EXISTS story_docs_marked ON story_docs (marked);

CREATE TABLE IF NOT EXISTS stories (
    id        INTEGER PRIMARY KEY,
    label     TEXT    NOT NULL,
    docs      INTEGER NOT NULL,
    copies    INTEGER NOT NULL,
    first     TEXT    NOT NULL,            -- RFC 3339; '' when unknown
    last      TEXT    NOT NULL,
    last_ms   INTEGER,                     -- Unix milliseconds of last, for ordering
    updated   TEXT    NOT NULL,
    view      BLOB    NOT NULL             -- JSON
) STRICT;

CREATE INDEX IF NOT EXISTS stories_latest ON stories (last_ms, id);

CREATE TABLE IF NOT EXISTS story_state (
    name    TEXT    PRIMARY KEY,
    value   BLOB    NOT NULL,              -- empty until a state is saved
    version INTEGER NOT NULL               -- batches saved; guards against two writers
) STRICT;
