package fi.hel.callrec.catalog.rights;

import fi.hel.callrec.catalog.SubjectAccessRequest;
import fi.hel.callrec.catalog.config.CatalogConfig;
import fi.hel.callrec.catalog.rest.SearchQuery;
import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.security.Staff;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Variant;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Right of access (R12), the customer-service manager's work: registering a data subject's
 * request and producing the report of their calls, as JSON, HTML or PDF.
 */
@Path("/subject-access-requests")
@Tag(name = "Subject access", description = "Data subjects' requests to see the data about them (manager)")
@RolesAllowed("manager")
public class SubjectAccessResource {

    static final String PDF = "application/pdf";
    private static final MediaType PDF_TYPE = MediaType.valueOf(PDF);
    private static final List<Variant> REPORT_TYPES = Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE,
            MediaType.TEXT_HTML_TYPE, PDF_TYPE).build();

    private final SubjectAccessRequests requests;
    private final RightsDocuments documents;
    private final CatalogConfig config;
    private final SecurityIdentity identity;

    public SubjectAccessResource(SubjectAccessRequests requests, RightsDocuments documents, CatalogConfig config,
                                 SecurityIdentity identity) {
        this.requests = requests;
        this.documents = documents;
        this.config = config;
        this.identity = identity;
    }

    /** A list page: the requests and, when more follow, the offset of the next page. */
    public record RequestPage(List<SubjectAccessRequestView> items, int limit, Integer nextOffset) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a data subject's request to see their data",
            description = "The answer gives the due date (one month from receipt) and whether the request is free: "
                    + "the first of the same number (in any spelling) in twelve months is; a later one is chargeable "
                    + "and names the earlier request.")
    @APIResponse(responseCode = "201", description = "Registered; Location names it")
    @APIResponse(responseCode = "400", description = "Malformed JSON, an unknown field or an invalid value (problem details)")
    public Response register(SubjectAccessRequestInput body) {
        SubjectAccessRequest r = requests.register(viewer(), body);
        return Response.created(URI.create("/subject-access-requests/" + r.id))
                .type(MediaType.APPLICATION_JSON).entity(SubjectAccessRequestView.of(r, SubjectAccessRequests.today()))
                .build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open and closed requests, overdue first, then open by due date, then closed; one page")
    @APIResponse(responseCode = "400", description = "A parameter is not valid or not known (problem details)")
    public RequestPage list(@Parameter(description = "requests per page") @QueryParam("limit") String limitText,
                            @Parameter(description = "nextOffset of the previous page") @QueryParam("offset")
                            String offsetText, @Context UriInfo uri) {
        int limit = SearchQuery.wholeNumber("limit", limitText, config.search().defaultPageSize(), 1,
                config.search().maxPageSize());
        int offset = SearchQuery.wholeNumber("offset", offsetText, 0, 0, Integer.MAX_VALUE);
        List<SubjectAccessRequest> page = requests.list(viewer(), offset, limit + 1, uri.getQueryParameters());
        LocalDate today = SubjectAccessRequests.today();
        List<SubjectAccessRequestView> items = page.stream().limit(limit)
                .map(r -> SubjectAccessRequestView.of(r, today)).toList();
        return new RequestPage(items, limit, page.size() > limit ? offset + limit : null);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One request")
    @APIResponse(responseCode = "404", description = "No such request")
    public SubjectAccessRequestView get(@PathParam("id") String id) {
        return SubjectAccessRequestView.of(requests.get(id), SubjectAccessRequests.today());
    }

    @GET
    @Path("/{id}/report")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, PDF})
    @Operation(summary = "The report for the subject: every call still held from their number",
            description = "Times, service line, what the caller said, notes, hold state and the audio link at "
                    + "access-service (purpose subject-access). JSON, or with Accept text/html or application/pdf a "
                    + "printable document in the language of lang (fi or en). Producing it closes the request and is "
                    + "logged with who produced it.")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubjectAccessReport.class)),
                    @Content(mediaType = MediaType.TEXT_HTML), @Content(mediaType = PDF)})
    @APIResponse(responseCode = "400", description = "lang is not fi or en, or an unknown parameter")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "406", description = "None of the accepted types can be produced")
    public Response report(@PathParam("id") String id, @Parameter(description = "fi or en, for the printable documents")
                           @QueryParam("lang") @DefaultValue("fi") @Pattern(regexp = "fi|en") String lang,
                           @Context Request request) {
        // Chosen before the report is produced: producing it closes the request and is logged, which
        // must not happen for an answer the client cannot take.
        Variant chosen = request.selectVariant(REPORT_TYPES);
        if (chosen == null) {
            throw new ProblemException(406, "The report is available as application/json, text/html or application/pdf.");
        }
        MediaType type = chosen.getMediaType();
        String format = type.isCompatible(MediaType.TEXT_HTML_TYPE) ? "html" : type.isCompatible(PDF_TYPE) ? "pdf" : "json";
        SubjectAccessRequests.Produced produced = requests.report(viewer(), id, format, lang);
        Response.ResponseBuilder answer = switch (format) {
            case "html" -> Response.ok(documents.html(produced.report(), lang), MediaType.TEXT_HTML + ";charset=utf-8");
            case "pdf" -> Response.ok(documents.pdf(produced.report(), lang), PDF).header("Content-Disposition",
                    "inline; filename=\"subject-access-" + produced.request().id + ".pdf\"");
            default -> Response.ok(produced.report(), MediaType.APPLICATION_JSON);
        };
        return answer.build();
    }

    private Staff viewer() {
        return Staff.of(identity);
    }
}
