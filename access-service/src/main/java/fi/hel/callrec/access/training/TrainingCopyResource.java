package fi.hel.callrec.access.training;

import fi.hel.callrec.access.audit.Purpose;
import fi.hel.callrec.access.rest.AudioResponses;
import fi.hel.callrec.access.rest.Callers;
import fi.hel.callrec.access.service.ListeningService;
import fi.hel.callrec.access.config.AccessConfig;
import fi.hel.callrec.commons.problem.ProblemException;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Anonymised training copies (R4): supervisors and the manager make them from a recording; agents,
 * supervisors and the manager list and hear them. Nothing an agent receives names the source.
 */
@Path("/")
@Tag(name = "Training copies", description = "Anonymised copies of calls for training")
public class TrainingCopyResource {

    private final TrainingCopies copies;
    private final ListeningService listening;
    private final Callers callers;
    private final AccessConfig config;
    private final Executor worker = Infrastructure.getDefaultWorkerPool();

    public TrainingCopyResource(TrainingCopies copies, ListeningService listening, Callers callers, AccessConfig config) {
        this.copies = copies;
        this.listening = listening;
        this.callers = callers;
        this.config = config;
    }

    @POST
    @Path("recordings/{id}/training-copies")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"supervisor", "manager"})
    @Operation(summary = "Make an anonymised training copy of a recording",
            description = "Every span is replaced by a steady tone; every voice is pitch-shifted by a factor drawn for this "
                    + "copy, the duration unchanged. Mark every stretch where someone says a name, number, plate, address "
                    + "or anything else that identifies a person: an unmarked identifier stays audible. The title must not "
                    + "name the caller.")
    @APIResponse(responseCode = "201", description = "The copy is made; Location is its address")
    @APIResponse(responseCode = "400", description = "Title or spans missing or not valid (problem details)")
    @APIResponse(responseCode = "404", description = "No such recording")
    @APIResponse(responseCode = "410", description = "The recording was deleted")
    @APIResponse(responseCode = "503", description = "Object store or audit log unavailable; see Retry-After")
    public Response make(@PathParam("id") UUID id, @Valid @NotNull TrainingCopyRequest request) {
        TrainingCopy copy = copies.make(callers.current(), id, request);
        return Response.created(URI.create("/training-copies/" + copy.id)).entity(TrainingCopyView.full(copy)).build();
    }

    @GET
    @Path("training-copies")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"agent", "supervisor", "manager"})
    @Operation(summary = "Training copies, newest first",
            description = "Agents see each copy's id, title and date; supervisors and the manager also its source and maker.")
    public List<TrainingCopyView> list(@QueryParam("limit") Integer limit) {
        int max = config.training().maxPageSize();
        if (limit != null && (limit < 1 || limit > max)) {
            throw new ProblemException(400, "limit must be between 1 and " + max + ".");
        }
        boolean full = callers.current().staff().seesAll();
        return copies.list(limit == null ? max : limit).stream()
                .map(copy -> full ? TrainingCopyView.full(copy) : TrainingCopyView.forAgent(copy)).toList();
    }

    @GET
    @Path("training-copies/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"agent", "supervisor", "manager"})
    @Operation(summary = "One training copy")
    @APIResponse(responseCode = "404", description = "No such copy")
    @APIResponse(responseCode = "410", description = "The copy was deleted with its source")
    public TrainingCopyView get(@PathParam("id") UUID id) {
        TrainingCopy copy = copies.find(id);
        if (copy == null) {
            throw new ProblemException(404, "No training copy " + id + ".");
        }
        if (copy.deletedAt != null) {
            throw new ProblemException(410, "Training copy " + id + " was deleted with its source recording.");
        }
        return callers.current().staff().seesAll() ? TrainingCopyView.full(copy) : TrainingCopyView.forAgent(copy);
    }

    @GET
    @Path("training-copies/{id}/audio")
    @RolesAllowed({"agent", "supervisor", "manager"})
    @Operation(summary = "Stream a training copy", description = "Like a recording's audio: one byte range per request, "
            + "audited under the copy's id with purpose training (the default; no other purpose is accepted).")
    @APIResponse(responseCode = "200", description = "The whole WAV")
    @APIResponse(responseCode = "206", description = "The requested byte range")
    @APIResponse(responseCode = "400", description = "A purpose other than training")
    @APIResponse(responseCode = "404", description = "No such copy")
    @APIResponse(responseCode = "410", description = "The copy was deleted with its source")
    public Response audio(@PathParam("id") String id, @QueryParam("purpose") String purpose, @HeaderParam("Range") String range,
                          @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @HeaderParam("If-Range") String ifRange,
                          @Context HttpServerResponse out) {
        ListeningService.Request request = request(id, false, purpose, range, ifNoneMatch, ifRange);
        return AudioResponses.of(listening, request, listening.open(request, copies::target), worker, out);
    }

    @HEAD
    @Path("training-copies/{id}/audio")
    @RolesAllowed({"agent", "supervisor", "manager"})
    @Operation(summary = "The headers a GET would answer, without the audio")
    public Response audioHeaders(@PathParam("id") String id, @QueryParam("purpose") String purpose, @HeaderParam("Range") String range,
                                 @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @HeaderParam("If-Range") String ifRange) {
        return AudioResponses.headers(listening.open(request(id, true, purpose, range, ifNoneMatch, ifRange), copies::target)).build();
    }

    private ListeningService.Request request(String id, boolean head, String purpose, String range, String ifNoneMatch, String ifRange) {
        return new ListeningService.Request(callers.current(), head, id, purpose == null ? Purpose.TRAINING.code() : purpose,
                range, ifNoneMatch, ifRange);
    }
}
