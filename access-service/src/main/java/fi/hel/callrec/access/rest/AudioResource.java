package fi.hel.callrec.access.rest;

import fi.hel.callrec.access.service.ListeningService;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audio of a recording, for players: whole or one byte range at a time, streamed from the
 * object store. Every realm role gets an answer from the method, so that a caller who may not
 * listen (an agent to another's call; auditor, admin, recorder to any) gets the same 404 as for
 * an unknown id, and the refusal is audited.
 */
@Path("/recordings/{id}/audio")
@Tag(name = "Audio", description = "Listening to recordings")
@RolesAllowed({"agent", "supervisor", "manager", "auditor", "admin", "recorder"})
public class AudioResource {

    private final ListeningService listening;
    private final Callers callers;
    private final Executor worker;

    public AudioResource(ListeningService listening, Callers callers) {
        this.listening = listening;
        this.callers = callers;
        // An interrupted listening is written to the audit log off the event loop that noticed it.
        this.worker = Infrastructure.getDefaultWorkerPool();
    }

    @GET
    @Operation(summary = "Stream a recording's audio",
            description = "Agents hear their own calls, supervisors and the manager all. `purpose` (query parameter or "
                    + "header) is required: quality, complaint, training or subject-access. One byte range per request.")
    @APIResponse(responseCode = "200", description = "The whole WAV")
    @APIResponse(responseCode = "206", description = "The requested byte range; see Content-Range")
    @APIResponse(responseCode = "304", description = "If-None-Match matched the ETag")
    @APIResponse(responseCode = "400", description = "Purpose missing or unknown (problem details)")
    @APIResponse(responseCode = "404", description = "No such recording, or not one the caller may hear")
    @APIResponse(responseCode = "410", description = "The recording was deleted")
    @APIResponse(responseCode = "416", description = "The range lies outside the recording")
    @APIResponse(responseCode = "503", description = "Object store or audit log unavailable; see Retry-After")
    public Response get(@PathParam("id") String id, @QueryParam("purpose") String purpose,
                        @HeaderParam("purpose") String purposeHeader, @HeaderParam("Range") String range,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @HeaderParam("If-Range") String ifRange,
                        @Context HttpServerResponse out) {
        ListeningService.Request request = new ListeningService.Request(callers.current(), false, id,
                purpose != null ? purpose : purposeHeader, range, ifNoneMatch, ifRange);
        return AudioResponses.of(listening, request, listening.open(request), worker, out);
    }

    @HEAD
    @Operation(summary = "The headers a GET would answer, without the audio")
    public Response head(@PathParam("id") String id, @QueryParam("purpose") String purpose,
                         @HeaderParam("purpose") String purposeHeader, @HeaderParam("Range") String range,
                         @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @HeaderParam("If-Range") String ifRange) {
        return AudioResponses.headers(listening.open(new ListeningService.Request(callers.current(), true, id,
                purpose != null ? purpose : purposeHeader, range, ifNoneMatch, ifRange))).build();
    }
}
