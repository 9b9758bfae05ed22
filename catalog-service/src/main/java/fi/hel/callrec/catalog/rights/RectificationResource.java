package fi.hel.callrec.catalog.rights;

import fi.hel.callrec.catalog.Rectification;
import fi.hel.callrec.commons.security.Staff;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Rectification (R13): the manager's decision on a request to correct, delete or complete a
 * call's data, and the refusal certificate. Requests are filed at {@link CallRectificationResource}.
 */
@Path("/rectifications")
@Tag(name = "Rectification", description = "Correcting, deleting or completing a call's data; refusal certificates")
public class RectificationResource {

    private final Rectifications rectifications;
    private final SecurityIdentity identity;

    public RectificationResource(Rectifications rectifications, SecurityIdentity identity) {
        this.rectifications = rectifications;
        this.identity = identity;
    }

    @POST
    @Path("/{id}/decision")
    @RolesAllowed("manager")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or refuse a rectification",
            description = "approve changes the call at once (search included) and records who, when and which "
                    + "field, keeping the replaced value only as a SHA-256; refuse needs a reason and produces the "
                    + "refusal certificate, a PDF in Finnish and English at the certificate link.")
    @APIResponse(responseCode = "200", description = "Decided")
    @APIResponse(responseCode = "400", description = "Malformed JSON, an unknown decision or a refusal without reason")
    @APIResponse(responseCode = "404", description = "No such rectification")
    @APIResponse(responseCode = "409", description = "Decided already, the call was deleted, or an approval of evidence")
    public RectificationView decide(@PathParam("id") String id, DecisionInput body) {
        return RectificationView.of(rectifications.decide(viewer(), id, body));
    }

    @GET
    @Path("/{id}/certificate")
    @RolesAllowed({"manager", "supervisor"})
    @Produces(SubjectAccessResource.PDF)
    @Operation(summary = "The refusal certificate again, as produced at the decision; every copy is logged")
    @APIResponse(responseCode = "200", description = "The PDF", content = @Content(mediaType = SubjectAccessResource.PDF))
    @APIResponse(responseCode = "404", description = "No such rectification")
    @APIResponse(responseCode = "409", description = "The rectification was not refused")
    @APIResponse(responseCode = "410", description = "The call was deleted, and the certificate's personal data with it")
    public Response certificate(@PathParam("id") String id) {
        return Response.ok(rectifications.certificate(viewer(), id), SubjectAccessResource.PDF)
                .header("Content-Disposition", "inline; filename=\"refusal-" + Texts.shorten(id) + ".pdf\"").build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("manager")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One rectification and its decision")
    @APIResponse(responseCode = "404", description = "No such rectification")
    public RectificationView get(@PathParam("id") String id) {
        return RectificationView.of(rectifications.get(id));
    }

    @GET
    @RolesAllowed("manager")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The rectifications of one call, oldest first")
    @APIResponse(responseCode = "400", description = "callId missing or not a UUID, or an unknown parameter")
    public List<RectificationView> list(
            @Parameter(description = "the call's recording id; one call at a time, not every caller's data at once (R7)")
            @QueryParam("callId") @NotNull String callId) {
        return rectifications.ofCall(callId).stream().map(RectificationView::of).toList();
    }

    private Staff viewer() {
        return Staff.of(identity);
    }
}
