package fi.hel.callrec.console.web;

import fi.hel.callrec.console.services.AccessClient;
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

/**
 * Training copies with a player each. What a person sees is what access-service answers for their
 * token: an agent gets titles and dates only, supervisors and the manager also the source call.
 */
@Path("/training-copies")
@RolesAllowed({"agent", "supervisor", "manager"})
@Produces(MediaType.TEXT_HTML)
public class TrainingPage {

    private static final int LIMIT = 200;

    @Inject
    @Location("training.html")
    Template page;

    @Inject
    @RestClient
    AccessClient access;

    @GET
    public TemplateInstance list(@RestQuery String done) {
        return page.data("copies", access.trainingCopies(LIMIT)).data("done", done);
    }
}
