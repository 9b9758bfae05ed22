package fi.hel.callrec.commons.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Runs scripts of {@code db/outbox} as one migration of a service whose own migrations already use
 * the numbers of those scripts. A service that had an outbox from its start lists {@code db/outbox}
 * among its Flyway locations instead; one that gained it later runs each new outbox script through
 * a subclass, as its own next version.
 */
public abstract class OutboxMigration extends BaseJavaMigration {

    private final String[] scripts;

    protected OutboxMigration(String... scripts) {
        this.scripts = scripts;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String script : scripts) {
                statement.execute(read(script));
            }
        }
    }

    private static String read(String script) throws IOException {
        try (InputStream in = OutboxMigration.class.getClassLoader().getResourceAsStream(script)) {
            if (in == null) {
                throw new IOException(script + " is missing from callrec-commons");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
