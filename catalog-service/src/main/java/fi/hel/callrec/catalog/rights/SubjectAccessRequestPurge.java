package fi.hel.callrec.catalog.rights;

import fi.hel.callrec.catalog.SubjectAccessRequest;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.Period;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes closed subject-access requests (personal data too) older than
 * {@code callrec.rights.keep-requests}: at least a year, which the free-once-a-year rule needs.
 */
@ApplicationScoped
public class SubjectAccessRequestPurge {

    private static final Logger LOG = Logger.getLogger(SubjectAccessRequestPurge.class);

    private final Period keep;

    public SubjectAccessRequestPurge(@ConfigProperty(name = "callrec.rights.keep-requests", defaultValue = "P2Y") Period keep) {
        this.keep = keep;
    }

    void checkAtStart(@Observes StartupEvent start) {
        LocalDate today = SubjectAccessRequests.today();
        if (keep.isNegative() || today.minus(keep).isAfter(today.minusYears(1))) {
            throw new IllegalStateException("callrec.rights.keep-requests=" + keep
                    + " is shorter than a year; the free-once-a-year rule needs the requests of the last twelve months");
        }
    }

    @Scheduled(cron = "{callrec.rights.purge-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        int purged = purge(SubjectAccessRequests.today());
        if (purged > 0) {
            LOG.infof("Deleted %d closed subject-access request(s) received before %s", purged,
                    SubjectAccessRequests.today().minus(keep));
        }
    }

    /** Deletes closed requests received before {@code today - keep}; answers how many. */
    @Transactional
    public int purge(LocalDate today) {
        LocalDate before = today.minus(keep);
        String old = "closedAt is not null and receivedOn < ?1";
        // A later request names the free one it was judged against; that link goes with the old one.
        SubjectAccessRequest.update("earlierRequestId = null where earlierRequestId in "
                + "(select id from SubjectAccessRequest where " + old + ")", before);
        return (int) SubjectAccessRequest.delete(old, before);
    }
}
