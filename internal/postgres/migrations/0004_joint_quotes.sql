-- 0004: joint statements — a quote's other speakers ("Putin and Trump both
-- said"), so that a speaker search finds a joint quote under each of them.
--
-- co_speakers holds the actor IDs, co_names their names, in the same order.
-- Quotes indexed before this step keep empty arrays until their documents
-- are stored again.

ALTER TABLE quotes
    ADD COLUMN co_speakers text[] NOT NULL DEFAULT '{}',
    ADD COLUMN co_names    text[] NOT NULL DEFAULT '{}';

CREATE INDEX quotes_co_speakers ON quotes USING gin (co_speakers) WHERE co_speakers <> '{}';
