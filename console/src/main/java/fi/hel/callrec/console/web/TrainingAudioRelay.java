package fi.hel.callrec.console.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestPath;

/** A training copy's audio for the training page's players, heard for training ({@link AccessAudio}). */
@Path("/training-copies/{id}/audio")
@RolesAllowed({"agent", "supervisor", "manager"})
public class TrainingAudioRelay {

    @Inject
    AccessAudio audio;

    @GET
    public Response get(@RestPath String id, HttpHeaders headers) {
        return audio.relay("GET", "/training-copies/" + Ids.uuid(id) + "/audio", null, headers);
    }

    @HEAD
    public Response head(@RestPath String id, HttpHeaders headers) {
        return audio.relay("HEAD", "/training-copies/" + Ids.uuid(id) + "/audio", null, headers);
    }
}
