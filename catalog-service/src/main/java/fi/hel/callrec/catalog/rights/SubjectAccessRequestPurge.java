package fi.hel.callrec.catalog.rights;

import io.quarkus.hibernate.orm.panache.Panache;
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
 * A subject-access request names the subject's number and how their identity was checked, so it
 * is personal data too and is not kept for ever: a closed request is deleted once it is older
 * than {@code callrec.rights.keep-requests}. It must be kept at least a year, since the first
 * request in twelve months is free and later ones are judged against it.
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
        var em = Panache.getEntityManager();
        // A later request names the free one it was judged against; that link goes with the old one.
        em.createNativeQuery("""
                UPDATE subject_access_request SET earlier_request_id = NULL
                WHERE earlier_request_id IN (SELECT id FROM subject_access_request
                                             WHERE closed_at IS NOT NULL AND received_on < :before)""")
                .setParameter("before", before).executeUpdate();
        return em.createNativeQuery("DELETE FROM subject_access_request WHERE closed_at IS NOT NULL AND received_on < :before")
                .setParameter("before", before).executeUpdate();
    }
}
