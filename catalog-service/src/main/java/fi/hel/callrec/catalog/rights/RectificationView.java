package fi.hel.callrec.catalog.rights;

import fi.hel.callrec.catalog.Rectification;
import java.time.Instant;
import java.util.UUID;

/** A rectification and its decision; after the call's deletion only the decision remains. */
public record RectificationView(UUID id, UUID callId, String field, String changeType, String newValue,
                                String initiative, RectificationInput.Requester requester, String channel,
                                String itemisation, String filedBy, Instant filedAt, String status, String decidedBy,
                                Instant decidedAt, String reason, String replacedValueSha256, String certificate,
                                Instant callDeletedAt) {

    static RectificationView of(Rectification r) {
        boolean hasCertificate = Rectification.REFUSED.equals(r.status) && r.callDeletedAt == null;
        return new RectificationView(r.id, r.recordingId, r.field, r.changeType, r.newValue, r.initiative,
                r.requesterName == null && r.requesterContact == null ? null
                        : new RectificationInput.Requester(r.requesterName, r.requesterContact),
                r.channel, r.itemisation, r.filedBy, r.filedAt, r.status, r.decidedBy, r.decidedAt, r.reason,
                r.replacedValueSha256, hasCertificate ? "/rectifications/" + r.id + "/certificate" : null,
                r.callDeletedAt);
    }
}
