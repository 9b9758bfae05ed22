package fi.hel.callrec.retention.rest;

import fi.hel.callrec.retention.service.ReconcileResult;
import fi.hel.callrec.retention.service.Reconciler;
import fi.hel.callrec.retention.service.RetentionStatus;
import fi.hel.callrec.retention.service.SweepResult;
import fi.hel.callrec.retention.service.Sweeper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/retention")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Retention status and sweeps, for operators")
public class RetentionResource {

    private final RetentionStatus status;
    private final Sweeper sweeper;
    private final Reconciler reconciler;

    public RetentionResource(RetentionStatus status, Sweeper sweeper, Reconciler reconciler) {
        this.status = status;
        this.sweeper = sweeper;
        this.reconciler = reconciler;
    }

    @GET
    @Path("status")
    @RolesAllowed("admin")
    @Operation(summary = "Counts of scheduled, due, overdue, held and deleted recordings, the next due time and the last sweep")
    public RetentionStatus.Snapshot status() {
        return status.count();
    }

    @POST
    @Path("sweep")
    @RolesAllowed("admin")
    @Operation(summary = "Run a sweep now and return what it did")
    public SweepResult sweep() {
        return sweeper.sweep();
    }

    @POST
    @Path("reconcile")
    @RolesAllowed("admin")
    @Operation(summary = "Reconcile the bucket with the schedule now: remove recordings older than retention + grace that no schedule row knows")
    public ReconcileResult reconcile() {
        return reconciler.reconcile();
    }
}
