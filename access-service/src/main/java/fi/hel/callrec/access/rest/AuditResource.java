package fi.hel.callrec.access.rest;

import fi.hel.callrec.access.config.AccessConfig;
import fi.hel.callrec.access.service.AuditLog;
import fi.hel.callrec.access.service.LastListening;
import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static final String USERNAME = "username";
    private static final int MAX_USERNAMES = 200;
    /** Keycloak's limit for a username. */
    private static final int MAX_USERNAME_LENGTH = 255;

    /** The parameters of the listing; any other is refused rather than silently widening it. */
    private static final Set<String> LISTING = Set.of("user", "recording", "session", "from", "to", "after", "limit");

    private final AuditLog audit;
    private final LastListening lastListening;
    private final AccessConfig config;

    public AuditResource(AuditLog audit, LastListening lastListening, AccessConfig config) {
        this.audit = audit;
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
                                     @QueryParam("limit") @DefaultValue("100") int limit, @Context UriInfo uri) {
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters().entrySet()) {
            if (!LISTING.contains(parameter.getKey())) {
                throw new ProblemException(400, "Unknown query parameter; accepted: user, recording, session, from, to, after, limit.",
                        List.of(new Problem.FieldError(parameter.getKey(), "unknown parameter")));
            }
            if (parameter.getValue().size() > 1) {
                throw new ProblemException(400, parameter.getKey() + " may be given once.",
                        List.of(new Problem.FieldError(parameter.getKey(), "given more than once")));
            }
        }
        int max = config.audit().maxPageSize();
        if (limit < 1 || limit > max) {
            throw new ProblemException(400, "limit must be a whole number from 1 to " + max + ".",
                    List.of(new Problem.FieldError("limit", "must be 1.." + max)));
        }
        if (after < 0) {
            throw new ProblemException(400, "after must be a sequence number, 0 or more.",
                    List.of(new Problem.FieldError("after", "must be 0 or more")));
        }
        AuditLog.Filter filter = new AuditLog.Filter(StringUtils.stripToNull(user), StringUtils.stripToNull(recording),
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

    @GET
    @Path("/last-listening")
    @Operation(summary = "Each user's last listening, for the access-rights review",
            description = "username: repeatable, 1 to 200 values, and the only parameter. lastListeningAt is the time "
                    + "of the user's newest request answered with audio (200 or 206), sealed or not yet; null when "
                    + "there is none.")
    public LastListenings lastListening(@Context UriInfo uri) {
        return new LastListenings(lastListening.of(usernames(uri.getQueryParameters())));
    }

    /** The distinct values of username in the order first asked; any other parameter is refused. */
    private static List<String> usernames(MultivaluedMap<String, String> query) {
        for (String name : query.keySet()) {
            if (!USERNAME.equals(name)) {
                throw new ProblemException(400, "Unknown query parameter; accepted: username.",
                        List.of(new Problem.FieldError(name, "unknown parameter")));
            }
        }
        List<String> values = query.getOrDefault(USERNAME, List.of());
        if (values.isEmpty() || values.size() > MAX_USERNAMES) {
            throw new ProblemException(400, "username must be given 1 to " + MAX_USERNAMES + " times.",
                    List.of(new Problem.FieldError(USERNAME, "1 to " + MAX_USERNAMES + " values")));
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String value : values) {
            String name = value == null ? "" : value.strip();
            if (name.isEmpty() || name.length() > MAX_USERNAME_LENGTH) {
                throw new ProblemException(400, "Each username must be 1 to " + MAX_USERNAME_LENGTH + " characters.",
                        List.of(new Problem.FieldError(USERNAME, "1 to " + MAX_USERNAME_LENGTH + " characters")));
            }
            distinct.add(name);
        }
        return List.copyOf(distinct);
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
}
