package fi.hel.callrec.console.web;

import fi.hel.callrec.console.services.CatalogClient;
import fi.hel.callrec.console.services.RetentionClient;
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
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Erasure of a recording found unnecessary (R13), for the manager: a confirmation that names what
 * will be lost, then retention-service destroys it and announces the deletion.
 */
@Path("/calls/{id}/erase")
@RolesAllowed("manager")
@Produces(MediaType.TEXT_HTML)
public class ErasurePage {

    @Inject
    @Location("erase.html")
    Template page;

    @Inject
    @RestClient
    CatalogClient catalog;

    @Inject
    @RestClient
    RetentionClient retention;

    @GET
    public TemplateInstance confirm(@RestPath String id) {
        return page.data("call", catalog.call(Ids.uuid(id))).data("erased", false).data("problem", null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance erase(@RestPath String id, @RestForm String reason, @RestForm String confirmed) {
        String recording = Ids.uuid(id);
        Map<String, Object> call = catalog.call(recording);
        if (!"yes".equals(confirmed)) {
            return page.data("call", call).data("erased", false).data("problem", null)
                    .data("unconfirmed", true);
        }
        try {
            retention.erase(recording, Forms.body("reason", reason));
            return page.data("call", call).data("erased", true).data("problem", null);
        } catch (ServiceException e) {
            return page.data("call", call).data("erased", false).data("problem", e);
        }
    }
}
