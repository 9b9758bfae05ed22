-- The reconciliation pass asks, for each listed object, whether any schedule row knows its key.
CREATE INDEX retention_schedule_object_key ON retention_schedule (object_key);
