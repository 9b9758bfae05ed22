package fi.hel.callrec.catalog.rights;

import fi.hel.callrec.catalog.CallHold;
import fi.hel.callrec.catalog.CallRecord;
import fi.hel.callrec.catalog.SubjectAccessRequest;
import fi.hel.callrec.catalog.config.RightsConfig;
import fi.hel.callrec.catalog.service.AccessLog;
import fi.hel.callrec.commons.phone.PhoneNumbers;
import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.security.Staff;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.lang3.StringUtils;
import org.jdbi.v3.core.Jdbi;

/**
 * Right of access (R12): requests are registered with their due date and whether they are free,
 * and answered with a report of every call still held from the subject's number. Each report is
 * logged with who produced it (R7) and closes its request.
 */
@ApplicationScoped
public class SubjectAccessRequests {

    public static final String REPORT = "subject-access-report";
    public static final String LIST = "subject-access-list";
    private static final String WHAT = "subject-access request";

    private final AccessLog log;
    private final RightsConfig config;
    private final Validator validator;
    private final Jdbi jdbi;

    public SubjectAccessRequests(AccessLog log, RightsConfig config, Validator validator, Jdbi jdbi) {
        this.log = log;
        this.config = config;
        this.validator = validator;
        this.jdbi = jdbi;
    }

    /** A report and the request it answers, as it is after producing the report. */
    public record Produced(SubjectAccessReport report, SubjectAccessRequest request) {
    }

    public static LocalDate today() {
        return LocalDate.now(RightsDocuments.HELSINKI);
    }

    @Transactional
    public SubjectAccessRequest register(Staff viewer, SubjectAccessRequestInput in) {
        List<Problem.FieldError> errors = Texts.violations(validator, in);
        String number = null;
        if (in.subjectNumber() != null) {
            try {
                number = PhoneNumbers.normalize(in.subjectNumber());
                if (PhoneNumbers.ANONYMOUS.equals(number)) {
                    errors.add(new Problem.FieldError("subjectNumber", "a withheld number identifies no subject"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("subjectNumber", e.getMessage()));
            }
        }
        if (in.receivedOn() != null && in.receivedOn().isAfter(today())) {
            errors.add(new Problem.FieldError("receivedOn", "must not be in the future"));
        }
        Texts.refuseIfAny(errors, "The request");
        // Two requests of one subject registered at once must not both be the free one of the year.
        String lockedNumber = number;
        jdbi.useHandle(h -> h.createQuery("SELECT pg_advisory_xact_lock(hashtext(:number))")
                .bind("number", lockedNumber).mapTo(String.class).one());
        SubjectAccessRequest earlier = SubjectAccessRequest.<SubjectAccessRequest>find(
                "subjectNumber = :number and free = true and receivedOn > :since and receivedOn <= :received "
                        + "order by receivedOn desc, registeredAt desc",
                Parameters.with("number", number).and("since", in.receivedOn().minusYears(1))
                        .and("received", in.receivedOn())).firstResult();
        SubjectAccessRequest r = new SubjectAccessRequest();
        r.id = UUID.randomUUID();
        r.subjectNumber = number;
        r.subjectName = StringUtils.stripToNull(in.subjectName());
        r.channel = in.channel().code();
        r.verifiedBy = in.identityVerifiedBy().strip();
        r.verification = in.identityVerifiedHow().strip();
        r.receivedOn = in.receivedOn();
        r.dueOn = in.receivedOn().plusMonths(1);
        r.free = earlier == null;
        r.earlierRequestId = earlier == null ? null : earlier.id;
        r.registeredBy = viewer.username();
        r.registeredAt = Instant.now();
        r.persist();
        return r;
    }

    /** Open requests before closed ones, the overdue first; one page, logged like a search. */
    @Transactional
    public List<SubjectAccessRequest> list(Staff viewer, int offset, int limit, Map<String, List<String>> asAsked) {
        List<SubjectAccessRequest> page = SubjectAccessRequest.<SubjectAccessRequest>find(
                "order by case when closedAt is null and dueOn < ?1 then 0 when closedAt is null then 1 else 2 end, "
                        + "case when closedAt is null then dueOn end asc, receivedOn desc, id", today())
                .range(offset, offset + limit - 1).list();
        log.record(viewer, LIST, null, asAsked, page.stream().map(r -> r.id).toList(), page.size());
        return page;
    }

    @Transactional
    public SubjectAccessRequest get(String id) {
        return SubjectAccessRequest.<SubjectAccessRequest>findByIdOptional(Texts.uuid(id, WHAT))
                .orElseThrow(() -> Texts.notFound(id, WHAT));
    }

    /** Every call still held from the subject's number; closes the request and logs the report. */
    @Transactional
    public Produced report(Staff viewer, String id, String format, String lang) {
        SubjectAccessRequest r = SubjectAccessRequest.<SubjectAccessRequest>findByIdOptional(Texts.uuid(id, WHAT),
                LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> Texts.notFound(id, WHAT));
        List<CallRecord> calls = CallRecord.list("callerNumber = ?1 order by startedAt, recordingId", r.subjectNumber);
        Map<UUID, CallHold> holds = calls.isEmpty() ? Map.of()
                : CallHold.<CallHold>list("recordingId in ?1", calls.stream().map(c -> c.recordingId).toList())
                        .stream().collect(Collectors.toMap(h -> h.recordingId, Function.identity()));
        Instant now = Instant.now();
        String base = config.baseUrl().replaceAll("/+$", "");
        List<SubjectAccessReport.Call> items = calls.stream().map(c -> {
            CallHold h = holds.get(c.recordingId);
            boolean held = h != null && h.held;
            return new SubjectAccessReport.Call(c.recordingId, c.startedAtLocal(), c.endedAtLocal(),
                    c.durationMillis / 1000, c.serviceLine, c.callerName, c.callerAddress, c.vehicleRegistration,
                    c.callerContact, c.serviceNotes, held, held ? h.changedAt : null,
                    base + "/recordings/" + c.recordingId + "/audio?purpose=subject-access");
        }).toList();
        if (r.open()) {
            r.closedAt = now;
            r.closedBy = viewer.username();
        }
        log.record(viewer, REPORT, null,
                Map.of("request", List.of(r.id.toString()), "format", List.of(format), "lang", List.of(lang)),
                calls.stream().map(c -> c.recordingId).toList(), calls.size());
        return new Produced(new SubjectAccessReport(r.id, r.subjectNumber, r.subjectName, r.receivedOn, now,
                viewer.username(), items), r);
    }
}
