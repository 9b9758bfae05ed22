package fi.hel.callrec.console.web;

import fi.hel.callrec.console.review.AccessReview;
import fi.hel.callrec.console.review.StaffMember;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The manager's access-rights review (R14): who holds which role, and when they last searched and listened. */
@Path("/access-review")
@RolesAllowed("manager")
public class AccessReviewPage {

    @Inject
    @Location("access-review.html")
    Template page;

    @Inject
    AccessReview review;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance show() {
        return page.data("staff", review.staff());
    }

    @GET
    @Path("/staff.csv")
    @Produces("text/csv")
    public Response csv() {
        List<StaffMember> staff = review.staff();
        return Response.ok(StaffMember.csv(staff), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"access-review.csv\"").build();
    }
}
