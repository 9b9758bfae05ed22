package fi.hel.callrec.console.web;

import fi.hel.callrec.console.services.RetentionClient;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

/** Recordings on hold, oldest hold first, all or those of one case. */
@Path("/holds")
@RolesAllowed({"supervisor", "manager"})
@Produces(MediaType.TEXT_HTML)
public class HoldsPage {

    private static final int LIMIT = 200;

    @Inject
    @Location("holds.html")
    Template page;

    @Inject
    @RestClient
    RetentionClient retention;

    @GET
    public TemplateInstance list(@RestQuery String caseReference) {
        String wanted = caseReference == null || caseReference.isBlank() ? null : caseReference.strip();
        return page.data("holds", retention.holds(wanted, LIMIT)).data("caseReference", wanted).data("limit", LIMIT);
    }
}
