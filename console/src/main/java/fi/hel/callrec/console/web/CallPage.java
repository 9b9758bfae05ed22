package fi.hel.callrec.console.web;

import fi.hel.callrec.console.services.AccessClient;
import fi.hel.callrec.console.services.CatalogClient;
import fi.hel.callrec.console.services.RetentionClient;
import fi.hel.callrec.console.services.ServiceException;
import fi.hel.callrec.console.view.Me;
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
 * One call: its metadata and flags, the player behind a purpose picker, and what the person's
 * role may do with it (holds; rectifications and erasure for the manager).
 */
@Path("/calls/{id}")
@RolesAllowed({"agent", "supervisor", "manager"})
@Produces(MediaType.TEXT_HTML)
public class CallPage {

    /** The purposes of listening (R3), as access-service names them. */
    static final List<String> PURPOSES = List.of("quality", "complaint", "training", "subject-access");

    static final List<String> RECTIFIABLE_FIELDS = List.of("callerProvided.name", "callerProvided.address",
            "callerProvided.vehicleRegistration", "callerProvided.contact", "serviceNotes", "serviceLine",
            "startedAt", "endedAt", "callerNumber", "agentExtension", "audio");

    @Inject
    @Location("call.html")
    Template page;

    @Inject
    @RestClient
    CatalogClient catalog;

    @Inject
    @RestClient
    RetentionClient retention;

    @Inject
    @RestClient
    AccessClient access;

    @Inject
    Me me;

    @GET
    public TemplateInstance show(@RestPath String id, @RestQuery String purpose, @RestQuery String done) {
        return render(Ids.uuid(id), purpose, done, null);
    }

    @POST
    @Path("/hold")
    @RolesAllowed({"supervisor", "manager"})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object placeHold(@RestPath String id, @RestForm String reason, @RestForm String caseReference,
                            @RestForm String note) {
        String recording = Ids.uuid(id);
        try {
            retention.placeHold(recording, Forms.body("reason", reason, "caseReference", caseReference, "note", note));
            return seeCall(recording, "hold-placed");
        } catch (ServiceException e) {
            return render(recording, null, null, e);
        }
    }

    @POST
    @Path("/hold/release")
    @RolesAllowed({"supervisor", "manager"})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object releaseHold(@RestPath String id, @RestForm String releaseReason, @RestForm String note) {
        String recording = Ids.uuid(id);
        try {
            retention.releaseHold(recording, Forms.body("releaseReason", releaseReason, "note", note));
            return seeCall(recording, "hold-released");
        } catch (ServiceException e) {
            return render(recording, null, null, e);
        }
    }

    @POST
    @Path("/rectifications")
    @RolesAllowed({"supervisor", "manager"})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object fileRectification(@RestPath String id, @RestForm String field, @RestForm String changeType,
                                    @RestForm String newValue, @RestForm String initiative,
                                    @RestForm String requesterName, @RestForm String requesterContact,
                                    @RestForm String channel, @RestForm String itemisation) {
        String recording = Ids.uuid(id);
        Map<String, Object> body = Forms.body("field", field, "changeType", changeType, "newValue", newValue,
                "initiative", me.isManager() ? initiative : "controller", "channel", channel, "itemisation", itemisation);
        Map<String, Object> requester = Forms.body("name", requesterName, "contact", requesterContact);
        if (!requester.isEmpty()) {
            body.put("requester", requester);
        }
        try {
            Map<String, Object> filed = catalog.fileRectification(recording, body);
            if (me.isManager()) {
                return Response.seeOther(URI.create("/rectifications/" + filed.get("id"))).build();
            }
            return seeCall(recording, "rectification-filed");
        } catch (ServiceException e) {
            return render(recording, null, null, e);
        }
    }

    @POST
    @Path("/training-copies")
    @RolesAllowed({"supervisor", "manager"})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object makeTrainingCopy(@RestPath String id, @RestForm String title, @RestForm String passages) {
        String recording = Ids.uuid(id);
        try {
            List<Map<String, Object>> spans = Passages.parse(passages);
            access.makeTrainingCopy(recording, Map.of("title", title == null ? "" : title, "spans", spans));
            return Response.seeOther(URI.create("/training-copies?done=training-copy-made")).build();
        } catch (Passages.NotAPassage e) {
            return render(recording, null, null, null).data("passageLine", e.line).data("typedTitle", title)
                    .data("typedPassages", passages);
        } catch (ServiceException e) {
            return render(recording, null, null, e).data("typedTitle", title).data("typedPassages", passages);
        }
    }

    private TemplateInstance render(String id, String purpose, String done, ServiceException problem) {
        Map<String, Object> call = catalog.call(id);
        Map<String, Object> hold = null;
        List<Map<String, Object>> rectifications = List.of();
        if (me.canHold()) {
            try {
                hold = retention.hold(id);
            } catch (ServiceException notScheduled) {
                // Not (yet) known to retention-service: the page shows no hold actions.
            }
        }
        if (me.isManager()) {
            rectifications = catalog.rectifications(id);
        }
        return page.data("call", call)
                .data("hold", hold)
                .data("rectifications", rectifications)
                .data("purpose", purpose != null && PURPOSES.contains(purpose) ? purpose : null)
                .data("purposes", PURPOSES)
                .data("fields", RECTIFIABLE_FIELDS)
                .data("done", done)
                .data("problem", problem)
                .data("passageLine", null)
                .data("typedTitle", null)
                .data("typedPassages", null);
    }

    static Response seeCall(String id, String done) {
        return Response.seeOther(URI.create("/calls/" + id + "?done=" + done)).build();
    }
}
