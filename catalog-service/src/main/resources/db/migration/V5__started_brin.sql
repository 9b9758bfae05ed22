-- A search by notes words intersects the word index with this one over the recent window first
-- (CallSearch), so that only that window's rows are read. Calls are indexed in about the order
-- they start, and retention removes the oldest first, whose pages new calls then fill: a range of
-- pages holds calls of a few hours, whichever pages they are. Summaries are kept up to date as
-- ranges fill (autosummarize), so the newest calls are not read as unknown ranges.
CREATE INDEX call_record_started_brin ON call_record USING brin (started_at) WITH (pages_per_range = 16, autosummarize = on);
