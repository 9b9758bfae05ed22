-- An erasure (a recording found unnecessary, removed before its time by the customer-service
-- manager) records who decided it and why. The reason is the manager's own words about the
-- decision; it must not repeat caller data, and the API says so.
ALTER TABLE deletion_log ADD COLUMN requested_by text;
ALTER TABLE deletion_log ADD COLUMN request_reason text;
ALTER TABLE deletion_log ADD CONSTRAINT deletion_log_erasure_has_who_and_why
    CHECK (reason <> 'erasure' OR (requested_by IS NOT NULL AND request_reason IS NOT NULL));
