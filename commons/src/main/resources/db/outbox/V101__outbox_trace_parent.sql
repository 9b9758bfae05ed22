-- The trace an event was queued in (W3C traceparent), sent as the Kafka record's header so that
-- each consumer's work joins the trace of the request that caused it. Null outside a trace.
ALTER TABLE outbox_event ADD COLUMN trace_parent text;
