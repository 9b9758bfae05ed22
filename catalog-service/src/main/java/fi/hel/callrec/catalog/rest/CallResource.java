package fi.hel.callrec.catalog.rest;

import fi.hel.callrec.catalog.config.CatalogConfig;
import fi.hel.callrec.catalog.service.CallFilters;
import fi.hel.callrec.catalog.service.CallSearch;
import fi.hel.callrec.catalog.service.CatalogService;
import fi.hel.callrec.catalog.service.Cursor;
import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.security.Staff;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

/**
 * Search and detail of recorded calls, scoped by {@link Staff}; auditors and admins are refused by
 * role. A call the viewer may not see is 404, the same as one that does not exist.
 */
@Path("/calls")
@Tag(name = "Calls", description = "Recorded calls' metadata, scoped by role")
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {

    /** The most a count may be asked to stop at: beyond it, an exact count is as cheap as any. */
    static final int MAX_UP_TO = 1_000_000;

    private final CatalogService service;
    private final CatalogConfig config;
    private final SecurityIdentity identity;

    public CallResource(CatalogService service, CatalogConfig config, SecurityIdentity identity) {
        this.service = service;
        this.config = config;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({"agent", "supervisor", "manager"})
    @Operation(summary = "Search calls, newest first", description = "Filters are optional, combined with AND.")
    @APIResponse(responseCode = "200", description = "A page of calls the caller may see")
    @APIResponse(responseCode = "400", description = "A parameter is not valid or not known (problem details)")
    public CallPage search(@BeanParam SearchQuery query,
                           @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
                           @Parameter(description = "calls per page") @QueryParam("limit") String limitText,
                           @Context UriInfo uri) {
        CallFilters filters = query.filters();
        Cursor after = SearchQuery.cursor(cursor);
        int limit = SearchQuery.wholeNumber("limit", limitText, config.search().defaultPageSize(), 1,
                config.search().maxPageSize());
        CallSearch.Page page = service.search(viewer(), filters, after, limit, uri.getQueryParameters());
        List<CallSummary> items = page.calls().stream().map(CallSummary::of).toList();
        return new CallPage(items, limit, page.next() == null ? null : page.next().encode());
    }

    @GET
    @Path("/count")
    @RolesAllowed({"agent", "supervisor", "manager"})
    @Operation(summary = "Count the calls a search would find", description = "With upTo, the count stops there and "
            + "more tells whether further calls match.")
    @APIResponse(responseCode = "400", description = "A parameter is not valid or not known (problem details)")
    public CallCount count(@BeanParam SearchQuery query,
                           @Parameter(description = "1 to " + MAX_UP_TO + "; stop counting there") @QueryParam("upTo")
                           String upToText, @Context UriInfo uri) {
        CallFilters filters = query.filters();
        Integer upTo = StringUtils.isBlank(upToText) ? null : SearchQuery.wholeNumber("upTo", upToText, 0, 1, MAX_UP_TO);
        long count = service.count(viewer(), filters, upTo, uri.getQueryParameters());
        return new CallCount(upTo != null && count > upTo ? upTo : count, upTo != null && count > upTo);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"agent", "supervisor", "manager"})
    @Operation(summary = "The whole record of one call, with its hold state and audio format")
    @APIResponse(responseCode = "200", description = "The call")
    @APIResponse(responseCode = "404", description = "No such call, or not one the caller may see")
    public CallDetail get(@PathParam("id") String id) {
        return service.view(viewer(), id).map(CallDetail::of)
                .orElseThrow(() -> new ProblemException(404, "No call " + StringUtils.abbreviate(id, "…", 41) + "."));
    }

    private Staff viewer() {
        return Staff.of(identity);
    }
}
