package fi.hel.callrec.console.services;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

/** catalog-service, called with the signed-in person's token: search, calls, data subjects' rights. */
@RegisterRestClient(configKey = "catalog")
@RegisterProvider(ServiceProblems.class)
@RegisterClientHeaders(PersonToken.class)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface CatalogClient {

    @GET
    @Path("/calls")
    Map<String, Object> search(@RestQuery MultivaluedMap<String, String> filters);

    /** Asked beside the page of calls, so that the search page waits for the slower of the two rather than both. */
    @GET
    @Path("/calls/count")
    CompletionStage<Map<String, Object>> count(@RestQuery MultivaluedMap<String, String> filters);

    @GET
    @Path("/calls/{id}")
    Map<String, Object> call(@PathParam("id") String id);

    @POST
    @Path("/subject-access-requests")
    Map<String, Object> register(Map<String, Object> request);

    @GET
    @Path("/subject-access-requests")
    Map<String, Object> requests(@RestQuery int limit, @RestQuery int offset);

    @GET
    @Path("/subject-access-requests/{id}")
    Map<String, Object> request(@PathParam("id") String id);

    @GET
    @Path("/subject-access-requests/{id}/report")
    Map<String, Object> report(@PathParam("id") String id);

    @GET
    @Path("/subject-access-requests/{id}/report")
    @Produces("application/pdf")
    byte[] reportPdf(@PathParam("id") String id, @RestQuery String lang);

    @POST
    @Path("/calls/{id}/rectifications")
    Map<String, Object> fileRectification(@PathParam("id") String callId, Map<String, Object> rectification);

    @GET
    @Path("/rectifications")
    List<Map<String, Object>> rectifications(@RestQuery String callId);

    @GET
    @Path("/rectifications/{id}")
    Map<String, Object> rectification(@PathParam("id") String id);

    @POST
    @Path("/rectifications/{id}/decision")
    Map<String, Object> decide(@PathParam("id") String id, Map<String, Object> decision);

    @GET
    @Path("/rectifications/{id}/certificate")
    @Produces("application/pdf")
    byte[] certificate(@PathParam("id") String id);

    @GET
    @Path("/access-log/last-activity")
    Map<String, Object> lastActivity(@RestQuery List<String> username);
}
