package fi.hel.callrec.access.rest;

import fi.hel.callrec.access.service.AuditLog;
import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/audit")
@Tag(name = "Audit", description = "The tamper-evident log of every request for audio")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"auditor", "manager"})
public class AuditResource {

    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Audit entries, oldest first",
            description = "Filters: user (username or subject), recording, session, from and to (ISO-8601 instants, "
                    + "to exclusive). Page with after (the last seq seen) and limit. Entries not yet sealed into the "
                    + "hash chain come last, with sealed false and no seq or hashes; they are listed again, with "
                    + "their seq, once sealed.")
    public List<AuditEntryView> list(@QueryParam("user") String user, @QueryParam("recording") String recording,
                                     @QueryParam("session") String session, @QueryParam("from") String from,
                                     @QueryParam("to") String to, @QueryParam("after") @DefaultValue("0") long after,
                                     @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1) {
            throw new ProblemException(400, "limit must be at least 1.", List.of(new Problem.FieldError("limit", "at least 1")));
        }
        AuditLog.Filter filter = new AuditLog.Filter(blankToNull(user), blankToNull(recording),
                session == null ? null : uuid(session), instant("from", from), instant("to", to));
        AuditLog.Listing page = audit.list(filter, after, limit);
        return Stream.concat(page.sealed().stream().map(AuditEntryView::of), page.pending().stream().map(AuditEntryView::of))
                .toList();
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Recompute the hash chain and name the first broken entry")
    public AuditLog.Verification verify() {
        return audit.verify();
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "session must be a UUID.", List.of(new Problem.FieldError("session", "not a UUID")));
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z.",
                    List.of(new Problem.FieldError(name, "not an ISO-8601 instant")));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
