package fi.hel.callrec.console.web;

import fi.hel.callrec.console.services.CatalogClient;
import fi.hel.callrec.console.services.ServiceException;
import fi.hel.callrec.events.ServiceLine;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Search: the form, the count and one page of calls, newest first; agents find only their own. */
@Path("/calls")
@RolesAllowed({"agent", "supervisor", "manager"})
@Produces(MediaType.TEXT_HTML)
public class SearchPage {

    static final List<String> FLAGS = List.of("no-announcement", "duration-mismatch");

    @Inject
    @Location("search.html")
    Template page;

    @Inject
    @RestClient
    CatalogClient catalog;

    @ConfigProperty(name = "callrec.console.page-size")
    int pageSize;

    /** The form, with the newest calls the person may see. */
    @GET
    public TemplateInstance newest() {
        return search(new SearchForm());
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public TemplateInstance search(@BeanParam SearchForm form) {
        TemplateInstance shown = page.data("form", form)
                .data("serviceLines", Arrays.stream(ServiceLine.values()).map(ServiceLine::code).toList())
                .data("flags", FLAGS);
        try {
            Map<String, Object> result = catalog.search(form.page(pageSize));
            Object count = catalog.count(form.filters()).get("count");
            return shown.data("calls", result.get("items")).data("nextCursor", result.get("nextCursor"))
                    .data("count", count).data("problem", null);
        } catch (ServiceException e) {
            if (e.status() >= 500) {
                throw e;
            }
            // A filter the catalog cannot read: the form comes back as typed, with the catalog's words.
            return shown.data("calls", null).data("nextCursor", null).data("count", null).data("problem", e);
        }
    }
}
