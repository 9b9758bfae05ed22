package fi.hel.callrec.catalog.rights;

import fi.hel.callrec.catalog.SubjectAccessRequest;
import fi.hel.callrec.catalog.config.CatalogConfig;
import fi.hel.callrec.catalog.service.Viewer;
import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Variant;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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
    private static final List<Variant> REPORT_TYPES = Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE,
            MediaType.TEXT_HTML_TYPE, MediaType.valueOf(PDF)).build();

    private final SubjectAccessRequests requests;
    private final RightsDocuments documents;
    private final StrictJson json;
    private final CatalogConfig config;
    private final SecurityIdentity identity;

    public SubjectAccessResource(SubjectAccessRequests requests, RightsDocuments documents, StrictJson json,
                                 CatalogConfig config, SecurityIdentity identity) {
        this.requests = requests;
        this.documents = documents;
        this.json = json;
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
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SubjectAccessRequestInput.class)))
    @APIResponse(responseCode = "201", description = "Registered; Location names it")
    @APIResponse(responseCode = "400", description = "Malformed JSON, an unknown field or an invalid value (problem details)")
    public Response register(String body) {
        SubjectAccessRequest r = requests.register(viewer(), json.read(body, SubjectAccessRequestInput.class));
        return Response.created(URI.create("/subject-access-requests/" + r.id))
                .type(MediaType.APPLICATION_JSON).entity(SubjectAccessRequestView.of(r, SubjectAccessRequests.today()))
                .build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open and closed requests, overdue first, then open by due date, then closed; one page")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "requests per page")
    @Parameter(name = "offset", in = ParameterIn.QUERY, description = "nextOffset of the previous page")
    @APIResponse(responseCode = "400", description = "A parameter is not valid or not known (problem details)")
    public RequestPage list(@Context UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        onlyKnown(query, Set.of("limit", "offset"));
        int limit = number(query, "limit", config.search().defaultPageSize(), 1, config.search().maxPageSize());
        int offset = number(query, "offset", 0, 0, Integer.MAX_VALUE);
        List<SubjectAccessRequest> page = requests.list(viewer(), offset, limit + 1, query);
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
    @Parameter(name = "lang", in = ParameterIn.QUERY, description = "fi (default) or en, for the printable documents")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubjectAccessReport.class)),
                    @Content(mediaType = MediaType.TEXT_HTML), @Content(mediaType = PDF)})
    @APIResponse(responseCode = "400", description = "lang is not fi or en, or an unknown parameter")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "406", description = "None of the accepted types can be produced")
    public Response report(@PathParam("id") String id, @Context UriInfo uri, @Context Request request) {
        String lang = lang(uri);
        // Chosen before the report is produced: producing it closes the request and is logged, which
        // must not happen for an answer the client cannot take.
        Variant chosen = request.selectVariant(REPORT_TYPES);
        if (chosen == null) {
            throw new ProblemException(406, "The report is available as application/json, text/html or application/pdf.");
        }
        MediaType type = chosen.getMediaType();
        if (type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            SubjectAccessReport report = requests.report(viewer(), id, "html", lang).report();
            return Response.ok(documents.html(report, lang), MediaType.TEXT_HTML + ";charset=utf-8").build();
        }
        if (type.isCompatible(MediaType.valueOf(PDF))) {
            SubjectAccessRequests.Produced produced = requests.report(viewer(), id, "pdf", lang);
            return Response.ok(documents.pdf(produced.report(), lang), PDF).header("Content-Disposition",
                    "inline; filename=\"subject-access-" + produced.request().id + ".pdf\"").build();
        }
        return Response.ok(requests.report(viewer(), id, "json", lang).report(), MediaType.APPLICATION_JSON).build();
    }

    private static String lang(UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        onlyKnown(query, Set.of("lang"));
        String lang = query.getFirst("lang");
        if (lang == null) {
            return "fi";
        }
        if (!lang.equals("fi") && !lang.equals("en")) {
            throw new ProblemException(400, "Query parameter 'lang' must be fi or en.",
                    List.of(new Problem.FieldError("lang", "must be fi or en")));
        }
        return lang;
    }

    static void onlyKnown(MultivaluedMap<String, String> query, Set<String> known) {
        for (var entry : query.entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw new ProblemException(400, "Unknown query parameter '" + Texts.shorten(entry.getKey())
                        + "'; accepted: " + known.stream().sorted().toList() + ".",
                        List.of(new Problem.FieldError(entry.getKey(), "unknown parameter")));
            }
            if (entry.getValue().size() > 1) {
                throw new ProblemException(400, "Query parameter '" + entry.getKey() + "' is given more than once.",
                        List.of(new Problem.FieldError(entry.getKey(), "repeated")));
            }
        }
    }

    private static int number(MultivaluedMap<String, String> query, String name, int fallback, int min, int max) {
        String value = query.getFirst(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw new ProblemException(400, "Query parameter '" + name + "' must be a whole number from " + min + " to "
                + max + ".", List.of(new Problem.FieldError(name, "out of range or not a number")));
    }

    private Viewer viewer() {
        return Viewer.of(identity);
    }
}
