package fi.hel.callrec.access.audit;

import fi.hel.callrec.access.config.AccessConfig;
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
import org.apache.commons.lang3.StringUtils;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/audit")
@Tag(name = "Audit", description = "The tamper-evident log of every request for audio")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"auditor", "manager"})
public class AuditResource {

    private static final int MAX_USERNAMES = 200;
    /** Keycloak's limit for a username. */
    private static final int MAX_USERNAME_LENGTH = 255;

    private final AuditListing listing;
    private final AuditVerifier verifier;
    private final LastListening lastListening;
    private final AccessConfig config;

    public AuditResource(AuditListing listing, AuditVerifier verifier, LastListening lastListening, AccessConfig config) {
        this.listing = listing;
        this.verifier = verifier;
        this.lastListening = lastListening;
        this.config = config;
    }

    /** One entry per distinct username asked, in the order asked. */
    public record LastListenings(List<LastListening.User> users) {
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
        int max = config.audit().maxPageSize();
        if (limit < 1 || limit > max) {
            throw invalid("limit", "limit must be a whole number from 1 to " + max + ".", "must be 1.." + max);
        }
        if (after < 0) {
            throw invalid("after", "after must be a sequence number, 0 or more.", "must be 0 or more");
        }
        AuditListing.Filter filter = new AuditListing.Filter(StringUtils.stripToNull(user), StringUtils.stripToNull(recording),
                session == null ? null : uuid(session), instant("from", from), instant("to", to));
        AuditListing.Listing page = listing.list(filter, after, limit);
        return Stream.concat(page.sealed().stream().map(AuditEntryView::of), page.pending().stream().map(AuditEntryView::of))
                .toList();
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Recompute the hash chain and name the first broken entry")
    public AuditVerifier.Verification verify() {
        return verifier.verify();
    }

    @GET
    @Path("/last-listening")
    @Operation(summary = "Each user's last listening, for the access-rights review",
            description = "username: repeatable, 1 to 200 values, and the only parameter. lastListeningAt is the time "
                    + "of the user's newest request answered with audio (200 or 206), sealed or not yet; null when "
                    + "there is none.")
    public LastListenings lastListening(@QueryParam("username") List<String> usernames) {
        if (usernames.isEmpty() || usernames.size() > MAX_USERNAMES) {
            throw invalid("username", "username must be given 1 to " + MAX_USERNAMES + " times.", "1 to " + MAX_USERNAMES + " values");
        }
        List<String> distinct = usernames.stream().map(StringUtils::strip).distinct().toList();
        if (distinct.stream().anyMatch(name -> StringUtils.isEmpty(name) || name.length() > MAX_USERNAME_LENGTH)) {
            throw invalid("username", "Each username must be 1 to " + MAX_USERNAME_LENGTH + " characters.",
                    "1 to " + MAX_USERNAME_LENGTH + " characters");
        }
        return new LastListenings(lastListening.of(distinct));
    }

    private static ProblemException invalid(String field, String detail, String message) {
        return new ProblemException(400, detail, List.of(new Problem.FieldError(field, message)));
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid("session", "session must be a UUID.", "not a UUID");
        }
    }

    private static Instant instant(String name, String value) {
        if (StringUtils.isBlank(value)) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name, name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z.", "not an ISO-8601 instant");
        }
    }
}
