package fi.hel.callrec.retention.rest;

import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.retention.config.RetentionConfig;
import fi.hel.callrec.retention.service.HoldService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.apache.commons.lang3.StringUtils;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"supervisor", "manager"})
@Tag(name = "Holds", description = "Keeping recordings past their retention for a reported crime or accident")
public class HoldResource {

    private final HoldService holds;
    private final SecurityIdentity identity;
    private final RetentionConfig config;

    public HoldResource(HoldService holds, SecurityIdentity identity, RetentionConfig config) {
        this.holds = holds;
        this.identity = identity;
        this.config = config;
    }

    @PUT
    @Path("recordings/{id}/hold")
    @Operation(summary = "Place a hold", description = "Keeps the recording until the hold is released. The same hold again changes nothing.")
    @APIResponse(responseCode = "200", description = "The recording is on hold")
    @APIResponse(responseCode = "400", description = "Reason or case reference missing or not valid (problem details)")
    @APIResponse(responseCode = "404", description = "No such recording in the schedule")
    @APIResponse(responseCode = "410", description = "The recording was already deleted; the problem says when")
    @APIResponse(responseCode = "503", description = "The object store did not accept the legal hold; nothing changed")
    public HoldView place(@PathParam("id") UUID id, @Valid @NotNull HoldRequest request) {
        return HoldView.of(holds.place(id, request.reason(), request.caseReference().strip(), StringUtils.stripToNull(request.note()), user()), null);
    }

    @DELETE
    @Path("recordings/{id}/hold")
    @Operation(summary = "Release a hold", description = "The recording is deleted by the next sweep once it is due.")
    @APIResponse(responseCode = "200", description = "The hold is released")
    @APIResponse(responseCode = "400", description = "Release reason missing (problem details)")
    @APIResponse(responseCode = "404", description = "No such recording in the schedule")
    @APIResponse(responseCode = "409", description = "The recording is not on hold")
    @APIResponse(responseCode = "410", description = "The recording was already deleted")
    public HoldView release(@PathParam("id") UUID id, @Valid @NotNull ReleaseRequest request) {
        return HoldView.of(holds.release(id, request.releaseReason().strip(), StringUtils.stripToNull(request.note()), user()), null);
    }

    @GET
    @Path("recordings/{id}/hold")
    @Operation(summary = "A recording's hold, due time and the history of its hold changes")
    @APIResponse(responseCode = "404", description = "No such recording in the schedule")
    public HoldView get(@PathParam("id") UUID id) {
        return HoldView.of(holds.find(id), holds.history(id));
    }

    @GET
    @Path("holds")
    @Operation(summary = "Recordings on hold, oldest hold first; optionally those of one case")
    public List<HoldView> list(@QueryParam("caseReference") String caseReference, @QueryParam("limit") Integer limit) {
        int max = config.maxHoldsPage();
        if (limit != null && (limit < 1 || limit > max)) {
            throw new ProblemException(400, "limit must be between 1 and " + max + ".");
        }
        return holds.holds(StringUtils.stripToNull(caseReference), limit == null ? max : limit).stream().map(row -> HoldView.of(row, null)).toList();
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
