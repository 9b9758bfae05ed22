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
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

    /** Beyond this many, a search says "more than": counting all of a broad search costs more than its page. */
    @ConfigProperty(name = "callrec.console.count-up-to")
    int countUpTo;

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
            MultivaluedMap<String, String> counting = form.filters();
            counting.putSingle("upTo", Integer.toString(countUpTo));
            CompletableFuture<Map<String, Object>> count = catalog.count(counting).toCompletableFuture();
            Map<String, Object> result = catalog.search(form.page(pageSize));
            Map<String, Object> counted = counted(count);
            return shown.data("calls", result.get("items")).data("nextCursor", result.get("nextCursor"))
                    .data("count", counted.get("count")).data("more", Boolean.TRUE.equals(counted.get("more")))
                    .data("problem", null);
        } catch (ServiceException e) {
            if (e.status() >= 500) {
                throw e;
            }
            // A filter the catalog cannot read: the form comes back as typed, with the catalog's words.
            return shown.data("calls", null).data("nextCursor", null).data("count", null).data("more", false)
                    .data("problem", e);
        }
    }

    private static Map<String, Object> counted(CompletableFuture<Map<String, Object>> count) {
        try {
            return count.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
