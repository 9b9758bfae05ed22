package db.migration;

import fi.hel.callrec.commons.outbox.OutboxMigration;

/** access-service announces training copies through the outbox of callrec-commons. */
public class V7__Outbox extends OutboxMigration {

    public V7__Outbox() {
        super("db/outbox/V1__outbox.sql", "db/outbox/V100__outbox_notify.sql");
    }
}
