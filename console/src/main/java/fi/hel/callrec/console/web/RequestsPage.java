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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Data subjects' requests to see their data (R12), for the manager: the list with overdue ones
 * first, registering one, and the report on screen or as a PDF in Finnish or English. Producing
 * the report closes the request (catalog-service records who and when).
 */
@Path("/requests")
@RolesAllowed("manager")
@Produces(MediaType.TEXT_HTML)
public class RequestsPage {

    private static final int PAGE = 50;
    private static final List<String> REPORT_LANGUAGES = List.of("fi", "en");

    @Inject
    @Location("requests.html")
    Template list;

    @Inject
    @Location("request.html")
    Template one;

    @Inject
    @RestClient
    CatalogClient catalog;

    @GET
    public TemplateInstance list(@RestQuery Integer offset) {
        return render(offset == null || offset < 0 ? 0 : offset, null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object register(@RestForm String subjectNumber, @RestForm String subjectName, @RestForm String channel,
                           @RestForm String identityVerifiedBy, @RestForm String identityVerifiedHow,
                           @RestForm String receivedOn) {
        Map<String, Object> request = Forms.body("subjectNumber", subjectNumber, "subjectName", subjectName,
                "channel", channel, "identityVerifiedBy", identityVerifiedBy, "identityVerifiedHow", identityVerifiedHow,
                "receivedOn", receivedOn);
        try {
            Map<String, Object> registered = catalog.register(request);
            return Response.seeOther(URI.create("/requests/" + registered.get("id"))).build();
        } catch (ServiceException e) {
            return render(0, e, request);
        }
    }

    @GET
    @Path("/{id}")
    public TemplateInstance show(@RestPath String id) {
        return one.data("request", catalog.request(Ids.uuid(id))).data("report", null);
    }

    /** The report on screen; producing it closes the request. */
    @POST
    @Path("/{id}/report")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance report(@RestPath String id) {
        String request = Ids.uuid(id);
        Map<String, Object> report = catalog.report(request);
        return one.data("request", catalog.request(request)).data("report", report);
    }

    /** The report as the PDF the person is given, in Finnish or English. */
    @POST
    @Path("/{id}/report.pdf")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces("application/pdf")
    public Response reportPdf(@RestPath String id, @RestForm String lang) {
        String language = lang != null && REPORT_LANGUAGES.contains(lang) ? lang : "fi";
        byte[] pdf = catalog.reportPdf(Ids.uuid(id), language);
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"subject-access-report-" + language + ".pdf\"").build();
    }

    private TemplateInstance render(int offset, ServiceException problem, Map<String, Object> entered) {
        Map<String, Object> page = catalog.requests(PAGE, offset);
        return list.data("requests", page.get("items")).data("nextOffset", page.get("nextOffset"))
                .data("problem", problem).data("entered", entered == null ? Map.of() : entered);
    }
}
