package db.migration;

import fi.hel.callrec.commons.outbox.OutboxMigration;

/** The outbox keeps each event's trace (db/outbox V101). */
public class V8__OutboxTraceParent extends OutboxMigration {

    public V8__OutboxTraceParent() {
        super("db/outbox/V101__outbox_trace_parent.sql");
    }
}
