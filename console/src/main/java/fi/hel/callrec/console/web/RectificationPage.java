package fi.hel.callrec.console.web;

import fi.hel.callrec.console.services.CatalogClient;
import fi.hel.callrec.console.services.ServiceException;
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
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** A rectification request (R13) for the manager: the request, the decision, the refusal certificate. */
@Path("/rectifications/{id}")
@RolesAllowed("manager")
@Produces(MediaType.TEXT_HTML)
public class RectificationPage {

    @Inject
    @Location("rectification.html")
    Template page;

    @Inject
    @RestClient
    CatalogClient catalog;

    @GET
    public TemplateInstance show(@RestPath String id, @RestQuery String done) {
        return page.data("r", catalog.rectification(Ids.uuid(id))).data("done", done).data("problem", null);
    }

    @POST
    @Path("/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object decide(@RestPath String id, @RestForm String decision, @RestForm String reason) {
        String rectification = Ids.uuid(id);
        try {
            catalog.decide(rectification, Forms.body("decision", decision, "reason", reason));
            return Response.seeOther(URI.create("/rectifications/" + rectification + "?done=decided")).build();
        } catch (ServiceException e) {
            return page.data("r", catalog.rectification(rectification)).data("done", null).data("problem", e);
        }
    }

    /** The refusal certificate, the same bytes the person received. */
    @GET
    @Path("/certificate.pdf")
    @Produces("application/pdf")
    public Response certificate(@RestPath String id) {
        return Response.ok(catalog.certificate(Ids.uuid(id)), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"refusal-certificate.pdf\"").build();
    }
}
