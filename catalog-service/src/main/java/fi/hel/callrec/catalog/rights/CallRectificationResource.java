package fi.hel.callrec.catalog.rights;

import fi.hel.callrec.catalog.Rectification;
import fi.hel.callrec.commons.security.Staff;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Filing a rectification of one call's data (R13); decided at {@link RectificationResource}. */
@Path("/calls/{id}/rectifications")
@Tag(name = "Rectification", description = "Correcting, deleting or completing a call's data; refusal certificates")
public class CallRectificationResource {

    private final Rectifications rectifications;
    private final SecurityIdentity identity;

    public CallRectificationResource(Rectifications rectifications, SecurityIdentity identity) {
        this.rectifications = rectifications;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({"manager", "supervisor"})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "File a rectification of one field of a call",
            description = "The manager files a data subject's written, itemised request (initiative subject: "
                    + "requester, channel and itemisation required) or one on the controller's initiative; a "
                    + "supervisor only the latter. Fields: callerProvided.name, callerProvided.address, "
                    + "callerProvided.vehicleRegistration, callerProvided.contact, serviceNotes, serviceLine; a "
                    + "request about startedAt, endedAt, callerNumber, agentExtension or audio can be filed but only "
                    + "refused (or the recording erased at retention-service).")
    @APIResponse(responseCode = "201", description = "Filed, pending a decision; Location names it")
    @APIResponse(responseCode = "400", description = "Malformed JSON, an unknown field or an invalid value (problem details)")
    @APIResponse(responseCode = "403", description = "Not a manager, or a supervisor filing on a subject's behalf")
    @APIResponse(responseCode = "404", description = "No such call")
    public Response file(@PathParam("id") String callId, RectificationInput body) {
        Rectification r = rectifications.file(Staff.of(identity), callId, body);
        return Response.created(URI.create("/rectifications/" + r.id)).type(MediaType.APPLICATION_JSON)
                .entity(RectificationView.of(r)).build();
    }
}
