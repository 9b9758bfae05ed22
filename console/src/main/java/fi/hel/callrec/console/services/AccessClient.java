package fi.hel.callrec.console.services;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * access-service's audit log and training copies, called with the signed-in person's token. Audio
 * goes through {@code AudioRelay}.
 */
@RegisterRestClient(configKey = "access")
@RegisterProvider(ServiceProblems.class)
@RegisterClientHeaders(PersonToken.class)
@Produces(MediaType.APPLICATION_JSON)
public interface AccessClient {

    @GET
    @Path("/audit")
    List<Map<String, Object>> audit(@RestQuery MultivaluedMap<String, String> filters);

    @GET
    @Path("/audit/verify")
    Map<String, Object> verify();

    @GET
    @Path("/audit/last-listening")
    Map<String, Object> lastListening(@RestQuery List<String> username);

    @GET
    @Path("/training-copies")
    List<Map<String, Object>> trainingCopies(@RestQuery int limit);

    @POST
    @Path("/recordings/{id}/training-copies")
    @Consumes(MediaType.APPLICATION_JSON)
    Map<String, Object> makeTrainingCopy(@RestPath String id, Map<String, Object> request);
}
