package fi.hel.callrec.catalog.rest;

import fi.hel.callrec.catalog.service.StaffActivity;
import fi.hel.callrec.catalog.service.Viewer;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the access log tells the manager about staff, for the access-rights review (R14). */
@Path("/access-log")
@Tag(name = "Access log", description = "Staff members' activity in the catalog (manager)")
@Produces(MediaType.APPLICATION_JSON)
public class AccessLogResource {

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
    @Parameter(name = "username", in = ParameterIn.QUERY, required = true,
            description = "repeatable, 1 to " + SearchParameters.MAX_USERNAMES + " values")
    @APIResponse(responseCode = "200", description = "The users in the order asked")
    @APIResponse(responseCode = "400", description = "username missing, blank, too long or too many, or an unknown "
            + "parameter (problem details)")
    public LastActivity lastActivity(@Context UriInfo uri) {
        var query = uri.getQueryParameters();
        List<String> usernames = SearchParameters.usernames(query);
        return new LastActivity(activity.lastSearches(Viewer.of(identity), usernames, query));
    }
}
