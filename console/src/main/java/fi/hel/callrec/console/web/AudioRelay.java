package fi.hel.callrec.console.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** A recording's audio for the call page's player, under the purpose the listener picked ({@link AccessAudio}). */
@Path("/calls/{id}/audio")
@RolesAllowed({"agent", "supervisor", "manager"})
public class AudioRelay {

    @Inject
    AccessAudio audio;

    @GET
    public Response get(@RestPath String id, @RestQuery String purpose, HttpHeaders headers) {
        return audio.relay("GET", "/recordings/" + Ids.uuid(id) + "/audio", purpose, headers);
    }

    @HEAD
    public Response head(@RestPath String id, @RestQuery String purpose, HttpHeaders headers) {
        return audio.relay("HEAD", "/recordings/" + Ids.uuid(id) + "/audio", purpose, headers);
    }
}
