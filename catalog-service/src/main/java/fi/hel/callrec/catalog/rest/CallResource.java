package fi.hel.callrec.catalog.rest;

import fi.hel.callrec.catalog.config.CatalogConfig;
import fi.hel.callrec.catalog.service.CallFilters;
import fi.hel.callrec.catalog.service.CallSearch;
import fi.hel.callrec.catalog.service.CatalogService;
import fi.hel.callrec.catalog.service.Cursor;
import fi.hel.callrec.catalog.service.Viewer;
import fi.hel.callrec.commons.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

/**
 * Search and detail of recorded calls. Agents see their own calls only (the token's agent_id is
 * the call's agent extension); supervisors and managers see all; auditors and admins, who have no
 * business with caller data, are refused by role. A call the viewer may not see is 404, the same
 * as one that does not exist.
 */
@Path("/calls")
@Tag(name = "Calls", description = "Recorded calls' metadata, scoped by role")
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {

    private static final String SEARCH_DOC = "Filters (all optional, combined with AND): from, to (date or "
            + "date-time with offset; from inclusive, to exclusive, a date as to includes that day), callerNumber (any "
            + "Finnish or E.164 spelling, or anonymous), agentExtension, plate (separators and case ignored), name "
            + "and notes (words, case and accents ignored, each word matches the start of a word), serviceLine, "
            + "held (true/false), flagged (true/false), flag (repeatable: no-announcement, duration-mismatch).";

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
    @Operation(summary = "Search calls, newest first", description = SEARCH_DOC
            + " Paging: limit (default and maximum configured), cursor (nextCursor of the previous page).")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "start at or after: date or date-time with offset")
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "start before: date (that day included) or date-time with offset")
    @Parameter(name = "callerNumber", in = ParameterIn.QUERY, description = "any Finnish or E.164 spelling, or anonymous")
    @Parameter(name = "agentExtension", in = ParameterIn.QUERY, description = "the answering agent's extension")
    @Parameter(name = "plate", in = ParameterIn.QUERY, description = "vehicle plate; separators and case ignored")
    @Parameter(name = "name", in = ParameterIn.QUERY, description = "words of the caller's name; case and accents ignored")
    @Parameter(name = "notes", in = ParameterIn.QUERY, description = "words of the service notes; case and accents ignored")
    @Parameter(name = "serviceLine", in = ParameterIn.QUERY, description = "a service-line code")
    @Parameter(name = "held", in = ParameterIn.QUERY, description = "true: on hold; false: not")
    @Parameter(name = "flagged", in = ParameterIn.QUERY, description = "true: any flag; false: none")
    @Parameter(name = "flag", in = ParameterIn.QUERY, description = "repeatable: has this flag")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "nextCursor of the previous page")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "calls per page")
    @APIResponse(responseCode = "200", description = "A page of calls the caller may see")
    @APIResponse(responseCode = "400", description = "A parameter is not valid or not known (problem details)")
    public CallPage search(@Context UriInfo uri) {
        var query = uri.getQueryParameters();
        CallFilters filters = SearchParameters.filters(query, SearchParameters.PAGING);
        Cursor after = SearchParameters.cursor(query);
        int limit = SearchParameters.limit(query, config.search().defaultPageSize(), config.search().maxPageSize());
        CallSearch.Page page = service.search(viewer(), filters, after, limit, query);
        List<CallSummary> items = page.calls().stream().map(CallSummary::of).toList();
        return new CallPage(items, limit, page.next() == null ? null : page.next().encode());
    }

    @GET
    @Path("/count")
    @RolesAllowed({"agent", "supervisor", "manager"})
    @Operation(summary = "Count the calls a search would find", description = SEARCH_DOC)
    @APIResponse(responseCode = "400", description = "A parameter is not valid or not known (problem details)")
    public CallCount count(@Context UriInfo uri) {
        var query = uri.getQueryParameters();
        CallFilters filters = SearchParameters.filters(query, SearchParameters.COUNTING);
        Integer upTo = SearchParameters.upTo(query);
        long count = service.count(viewer(), filters, upTo, query);
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
                .orElseThrow(() -> new ProblemException(404, "No call " + shorten(id) + "."));
    }

    private Viewer viewer() {
        return Viewer.of(identity);
    }

    private static String shorten(String id) {
        return id.length() > 40 ? id.substring(0, 40) + "…" : id;
    }
}
