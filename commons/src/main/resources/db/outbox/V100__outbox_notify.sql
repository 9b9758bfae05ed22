-- A commit that queues events wakes the relays at once, in this instance and every other:
-- PostgreSQL delivers the notification when the transaction commits (and not if it rolls back),
-- one per transaction however many rows it queued. Numbered past the services' own migrations.
CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_event', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
