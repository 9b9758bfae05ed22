package fi.hel.callrec.catalog.rights;

import fi.hel.callrec.catalog.SubjectAccessRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A subject-access request with its due date, whether it is free, and its state. */
public record SubjectAccessRequestView(UUID id, String subjectNumber, String subjectName, String channel,
                                       String identityVerifiedBy, String identityVerifiedHow, LocalDate receivedOn,
                                       LocalDate dueOn, boolean free, UUID earlierRequestId, String status,
                                       boolean overdue, String registeredBy, Instant registeredAt, String closedBy,
                                       Instant closedAt, String report) {

    static SubjectAccessRequestView of(SubjectAccessRequest r, LocalDate today) {
        return new SubjectAccessRequestView(r.id, r.subjectNumber, r.subjectName, r.channel, r.verifiedBy,
                r.verification, r.receivedOn, r.dueOn, r.free, r.earlierRequestId, r.open() ? "open" : "closed",
                r.overdue(today), r.registeredBy, r.registeredAt, r.closedBy, r.closedAt,
                "/subject-access-requests/" + r.id + "/report");
    }
}
