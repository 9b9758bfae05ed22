package fi.hel.callrec.console.services;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

/** retention-service, called with the signed-in person's token: holds, erasure, status and sweeps. */
@RegisterRestClient(configKey = "retention")
@RegisterProvider(ServiceProblems.class)
@RegisterClientHeaders(PersonToken.class)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface RetentionClient {

    @GET
    @Path("/recordings/{id}/hold")
    Map<String, Object> hold(@PathParam("id") String id);

    @PUT
    @Path("/recordings/{id}/hold")
    Map<String, Object> placeHold(@PathParam("id") String id, Map<String, Object> hold);

    @DELETE
    @Path("/recordings/{id}/hold")
    Map<String, Object> releaseHold(@PathParam("id") String id, Map<String, Object> release);

    @GET
    @Path("/holds")
    java.util.List<Map<String, Object>> holds(@RestQuery String caseReference, @RestQuery int limit);

    @DELETE
    @Path("/recordings/{id}")
    void erase(@PathParam("id") String id, Map<String, Object> erasure);

    @GET
    @Path("/retention/status")
    Map<String, Object> status();

    @POST
    @Path("/retention/sweep")
    Map<String, Object> sweep();

    @POST
    @Path("/retention/reconcile")
    Map<String, Object> reconcile();
}
