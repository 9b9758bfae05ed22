package fi.hel.callrec.console.web;

import fi.hel.callrec.console.services.RetentionClient;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Technical maintenance: retention status, and a sweep or reconciliation run now. No caller data. */
@Path("/admin")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminPage {

    @Inject
    @Location("admin.html")
    Template page;

    @Inject
    @RestClient
    RetentionClient retention;

    @GET
    public TemplateInstance status() {
        return render(null, null);
    }

    @POST
    @Path("/sweep")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance sweep() {
        return render("sweep", retention.sweep());
    }

    @POST
    @Path("/reconcile")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance reconcile() {
        return render("reconcile", retention.reconcile());
    }

    private TemplateInstance render(String ran, Map<String, Object> result) {
        return page.data("status", retention.status()).data("ran", ran).data("result", result);
    }
}
