-- Each process of ingest-service names itself and says every few seconds that it lives; a pending
-- upload names the process that streams it. A process that stopped saying so died (kill -9, a lost
-- node): its pending uploads are settled at once by the other processes, or by itself on its
-- next start, instead of after the orphan grace.
CREATE TABLE ingest_process (
    id       uuid        PRIMARY KEY,
    seen_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

ALTER TABLE pending_upload ADD COLUMN process_id uuid;
CREATE INDEX pending_upload_process ON pending_upload (process_id);
