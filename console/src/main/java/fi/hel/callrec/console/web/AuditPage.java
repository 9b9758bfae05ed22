package fi.hel.callrec.console.web;

import fi.hel.callrec.console.services.AccessClient;
import fi.hel.callrec.console.services.ServiceException;
import fi.hel.callrec.console.view.Formats;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The listening audit for the auditor (and the manager): entries by person, recording, session
 * and time, a session's requests, and the verification of the hash chain. No caller data.
 */
@Path("/audit")
@RolesAllowed({"auditor", "manager"})
@Produces(MediaType.TEXT_HTML)
public class AuditPage {

    private static final int PAGE = 100;

    @Inject
    @Location("audit.html")
    Template page;

    @Inject
    @RestClient
    AccessClient access;

    @GET
    public TemplateInstance list(@RestQuery String user, @RestQuery String recording, @RestQuery String session,
                                 @RestQuery String from, @RestQuery String to, @RestQuery Long after) {
        MultivaluedMap<String, String> filters = new MultivaluedHashMap<>();
        put(filters, "user", user);
        put(filters, "recording", recording);
        put(filters, "session", session);
        put(filters, "from", instant("from", from));
        put(filters, "to", instant("to", to));
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>(filters);
        if (after != null && after > 0) {
            query.putSingle("after", after.toString());
        }
        query.putSingle("limit", Integer.toString(PAGE));
        List<Map<String, Object>> entries = access.audit(query);
        Object lastSeq = entries.stream().map(e -> e.get("seq")).filter(s -> s != null).reduce((a, b) -> b).orElse(null);
        return page.data("entries", entries)
                .data("user", user).data("recording", recording).data("session", session).data("from", from).data("to", to)
                .data("nextAfter", entries.size() >= PAGE ? lastSeq : null)
                .data("verification", null);
    }

    @GET
    @Path("/verify")
    public TemplateInstance verify() {
        return page.data("entries", List.of()).data("user", null).data("recording", null).data("session", null)
                .data("from", null).data("to", null).data("nextAfter", null).data("verification", access.verify());
    }

    /** A time the form gives in Helsinki time (datetime-local), as the instant access-service reads. */
    static String instant(String field, String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local.strip()).atZone(Formats.HELSINKI).toInstant().toString();
        } catch (DateTimeParseException e) {
            throw new ServiceException(400, field + ": not a date and time");
        }
    }

    private static void put(MultivaluedMap<String, String> query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.putSingle(name, value.strip());
        }
    }
}
