package fi.hel.callrec.catalog.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.hel.callrec.catalog.SubjectAccessRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Closed subject-access requests older than the configured period (P2Y) go; everything else stays. */
@QuarkusTest
class SubjectAccessRequestPurgeTest {

    @Inject
    SubjectAccessRequestPurge purge;

    @Test
    void closed_requests_older_than_two_years_are_deleted_and_nothing_else() {
        LocalDate today = LocalDate.parse("2031-06-15");
        Subjects s = Subjects.fresh();
        UUID old = stored(s, today.minusYears(3), true, null);
        UUID later = stored(s, today.minusMonths(20), true, old);
        UUID oldButOpen = stored(s, today.minusYears(3), false, null);
        UUID exactlyTwoYears = stored(s, today.minusYears(2), true, null);

        assertThat(purge.purge(today)).isGreaterThanOrEqualTo(1);

        assertThat(find(old)).isNull();
        assertThat(find(later)).isNotNull().satisfies(r -> assertThat(r.earlierRequestId).isNull());
        assertThat(find(oldButOpen)).isNotNull();
        assertThat(find(exactlyTwoYears)).isNotNull();
    }

    @Test
    void a_period_shorter_than_a_year_is_refused_at_start() {
        assertThatThrownBy(() -> new SubjectAccessRequestPurge(Period.parse("P11M")).checkAtStart(null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shorter than a year");
        assertThatThrownBy(() -> new SubjectAccessRequestPurge(Period.parse("P360D")).checkAtStart(null))
                .isInstanceOf(IllegalStateException.class);
        new SubjectAccessRequestPurge(Period.parse("P1Y")).checkAtStart(null);
    }

    private static SubjectAccessRequest find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> SubjectAccessRequest.findById(id));
    }

    private static UUID stored(Subjects s, LocalDate received, boolean closed, UUID earlier) {
        return QuarkusTransaction.requiringNew().call(() -> {
            SubjectAccessRequest r = new SubjectAccessRequest();
            r.id = UUID.randomUUID();
            r.subjectNumber = s.e164();
            r.channel = "signed-letter";
            r.verifiedBy = "manager1";
            r.verification = "signature compared with the passport copy on file";
            r.receivedOn = received;
            r.dueOn = received.plusMonths(1);
            r.free = earlier == null;
            r.earlierRequestId = earlier;
            r.registeredBy = "manager1";
            r.registeredAt = Instant.now();
            if (closed) {
                r.closedBy = "manager1";
                r.closedAt = Instant.now();
            }
            r.persist();
            return r.id;
        });
    }
}
