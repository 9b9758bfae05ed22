package fi.hel.callrec.commons.sql;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The one way the services write a statement that Panache does not: Jdbi over the service's own
 * data source, with named parameters bound from records ({@code bindMethods}). A handle opened
 * inside a {@code @Transactional} method uses the transaction's connection, and the transaction
 * is the container's to end, not the handle's.
 */
public class JdbiProducer {

    @Produces
    @ApplicationScoped
    Jdbi jdbi(AgroalDataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
        jdbi.getConfig(Handles.class).setForceEndTransactions(false);
        // Bound values are caller data: an exception's message names no statement and no argument.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        return jdbi;
    }
}
