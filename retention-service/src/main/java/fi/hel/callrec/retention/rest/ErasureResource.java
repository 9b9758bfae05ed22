package fi.hel.callrec.retention.rest;

import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.retention.service.Eraser;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

// The root path, as HoldResource: a class on /recordings would hide recordings/{id}/hold from it.
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Erasure", description = "Destroying a recording found unnecessary before its retention ends")
public class ErasureResource {

    private final Eraser eraser;
    private final SecurityIdentity identity;

    public ErasureResource(Eraser eraser, SecurityIdentity identity) {
        this.eraser = eraser;
        this.identity = identity;
    }

    @DELETE
    @Path("recordings/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("manager")
    @Operation(summary = "Erase a recording",
            description = "Destroys the recording's audio now and records who erased it and why (body {\"reason\": \"...\"}, "
                    + "1-500 characters, no caller data). The deletion is announced as recording-deleted with reason erasure, "
                    + "so the catalog and access-service forget the recording too.")
    @APIResponse(responseCode = "204", description = "The recording is destroyed")
    @APIResponse(responseCode = "400",
            description = "Reason missing, blank or longer than 500 characters, or the id is not a UUID (problem details)")
    @APIResponse(responseCode = "404", description = "No such recording in the schedule")
    @APIResponse(responseCode = "409",
            description = "The recording is on hold (the problem names the reason and case), or the store refused the delete; nothing changed")
    @APIResponse(responseCode = "410", description = "The recording was already deleted; the problem says when")
    @APIResponse(responseCode = "503", description = "The object store did not answer; nothing changed")
    public Response erase(
            @Parameter(description = "the recording id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("id") String id,
            @Valid @NotNull ErasureRequest request) {
        eraser.erase(recordingId(id), request.reason().strip(), identity.getPrincipal().getName());
        return Response.noContent().build();
    }

    private static UUID recordingId(String id) {
        // UUID.fromString also takes short forms such as 1-2-3-4-5, which no recording id has.
        if (id.length() == 36) {
            try {
                return UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                // answered below
            }
        }
        throw new ProblemException(400, "The recording id in the path must be a UUID.");
    }
}
