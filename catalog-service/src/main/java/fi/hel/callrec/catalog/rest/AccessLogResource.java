package fi.hel.callrec.catalog.rest;

import fi.hel.callrec.catalog.service.StaffActivity;
import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.security.Staff;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.apache.commons.lang3.StringUtils;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the access log tells the manager about staff, for the access-rights review (R14). */
@Path("/access-log")
@Tag(name = "Access log", description = "Staff members' activity in the catalog (manager)")
@Produces(MediaType.APPLICATION_JSON)
public class AccessLogResource {

    static final int MAX_USERNAMES = 200;

    private final StaffActivity activity;
    private final SecurityIdentity identity;

    public AccessLogResource(StaffActivity activity, SecurityIdentity identity) {
        this.activity = activity;
        this.identity = identity;
    }

    /** One entry per distinct username asked, in the order asked. */
    public record LastActivity(List<StaffActivity.LastSearch> users) {
    }

    @GET
    @Path("/last-activity")
    @RolesAllowed("manager")
    @Operation(summary = "Each staff member's last search",
            description = "lastSearchAt is the time of the user's newest search, count or detail view of calls, "
                    + "null when there is none.")
    @APIResponse(responseCode = "200", description = "The users in the order asked")
    @APIResponse(responseCode = "400", description = "username missing, blank, too long or too many, or an unknown "
            + "parameter (problem details)")
    public LastActivity lastActivity(
            @Parameter(required = true, description = "repeatable, 1 to " + MAX_USERNAMES + " values")
            @QueryParam("username") List<String> username, @Context UriInfo uri) {
        return new LastActivity(activity.lastSearches(Staff.of(identity), distinct(username), uri.getQueryParameters()));
    }

    /** The distinct usernames in the order first asked, each 1 to 255 characters (Keycloak's limit). */
    private static List<String> distinct(List<String> usernames) {
        String wrong = usernames.isEmpty() ? "is required"
                : usernames.size() > MAX_USERNAMES ? "at most " + MAX_USERNAMES + " values"
                : usernames.stream().anyMatch(u -> StringUtils.isBlank(u) || u.strip().length() > 255)
                ? "each value must be 1 to 255 characters" : null;
        if (wrong != null) {
            throw new ProblemException(400, "The query is not valid: 1 parameter(s) rejected.",
                    List.of(new Problem.FieldError("username", wrong)));
        }
        return usernames.stream().map(String::strip).distinct().toList();
    }
}
