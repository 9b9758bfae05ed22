package db.migration;

import fi.hel.callrec.commons.outbox.OutboxMigration;

/** access-service announces training copies through the outbox of callrec-commons. */
public class V7__Outbox extends OutboxMigration {
}
