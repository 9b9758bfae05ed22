package fi.hel.callrec.catalog.rights;

import fi.hel.callrec.catalog.CallRecord;
import fi.hel.callrec.catalog.Rectification;
import fi.hel.callrec.catalog.rights.RectificationInput.ChangeType;
import fi.hel.callrec.catalog.rights.RectificationInput.Channel;
import fi.hel.callrec.catalog.rights.RectificationInput.Initiative;
import fi.hel.callrec.catalog.service.AccessLog;
import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.security.Staff;
import fi.hel.callrec.events.ServiceLine;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.lang3.StringUtils;

/**
 * Rectification (R13): requests to correct, delete or complete a call's data, and the manager's
 * decisions. An approval changes the call in the same transaction, with its search keys; a refusal
 * produces the refusal certificate, whose every production is logged (R7).
 */
@ApplicationScoped
public class Rectifications {

    public static final String CERTIFICATE = "rectification-certificate";
    private static final String WHAT = "rectification";

    private final AccessLog log;
    private final RightsDocuments documents;
    private final Validator validator;

    public Rectifications(AccessLog log, RightsDocuments documents, Validator validator) {
        this.log = log;
        this.documents = documents;
        this.validator = validator;
    }

    @Transactional
    public Rectification file(Staff viewer, String callId, RectificationInput in) {
        UUID recordingId = Texts.uuid(callId, "call");
        List<Problem.FieldError> errors = Texts.violations(validator, in);
        Initiative initiative = in.initiative() == null ? Initiative.SUBJECT : in.initiative();
        CallField field = CallField.fromPath(in.field()).orElse(null);
        if (field == null) {
            errors.add(new Problem.FieldError("field", "must be one of " + String.join(", ", CallField.paths())));
        }
        if (in.changeType() == ChangeType.DELETE) {
            if (in.newValue() != null) {
                errors.add(new Problem.FieldError("newValue", "a deletion has no new value"));
            }
            if (field == CallField.SERVICE_LINE) {
                errors.add(new Problem.FieldError("changeType", "every call has a service line; it can be replaced, "
                        + "not deleted"));
            }
        } else if (in.changeType() != null) {
            if (StringUtils.isBlank(in.newValue())) {
                errors.add(new Problem.FieldError("newValue", "is required"));
            } else if (field == CallField.SERVICE_LINE && in.changeType() == ChangeType.COMPLETE) {
                errors.add(new Problem.FieldError("changeType", "a service line can only be replaced"));
            } else if (field == CallField.SERVICE_LINE && ServiceLine.fromCode(in.newValue().strip()).isEmpty()) {
                errors.add(new Problem.FieldError("newValue", "unknown service line; accepted: " + Arrays.stream(
                        ServiceLine.values()).map(ServiceLine::code).toList()));
            }
        }
        RectificationInput.Requester requester = in.requester();
        if (initiative == Initiative.SUBJECT) {
            // R13: on the person's initiative the request is written and itemised.
            if (requester == null || StringUtils.isBlank(requester.name())) {
                errors.add(new Problem.FieldError("requester.name", "is required on the subject's initiative"));
            }
            if (in.channel() == null || in.channel() == Channel.CONTROLLER) {
                errors.add(new Problem.FieldError("channel", "the written request came by letter, e-mail or in-person"));
            }
            if (StringUtils.isBlank(in.itemisation())) {
                errors.add(new Problem.FieldError("itemisation", "is required on the subject's initiative"));
            }
        } else if (in.channel() != null && in.channel() != Channel.CONTROLLER) {
            errors.add(new Problem.FieldError("channel", "none on the controller's initiative"));
        }
        Texts.refuseIfAny(errors, "The rectification");
        if (!viewer.roles().contains(Staff.MANAGER) && initiative != Initiative.CONTROLLER) {
            throw new ProblemException(403, "A supervisor files rectifications on the controller's initiative only; "
                    + "a data subject's request goes to the customer-service manager.");
        }
        if (CallRecord.findByIdOptional(recordingId).isEmpty()) {
            throw Texts.notFound(callId, "call");
        }
        Rectification r = new Rectification();
        r.id = UUID.randomUUID();
        r.recordingId = recordingId;
        r.field = field.path();
        r.changeType = in.changeType().code();
        r.newValue = StringUtils.stripToNull(in.newValue());
        r.initiative = initiative.code();
        r.requesterName = requester == null ? null : StringUtils.stripToNull(requester.name());
        r.requesterContact = requester == null ? null : StringUtils.stripToNull(requester.contact());
        r.channel = initiative == Initiative.CONTROLLER ? Channel.CONTROLLER.code() : in.channel().code();
        r.itemisation = StringUtils.stripToNull(in.itemisation());
        r.filedBy = viewer.username();
        r.filedAt = Instant.now();
        r.status = Rectification.PENDING;
        r.persist();
        return r;
    }

    @Transactional
    public Rectification decide(Staff viewer, String id, DecisionInput in) {
        List<Problem.FieldError> errors = Texts.violations(validator, in);
        boolean approve = in.decision() == DecisionInput.Decision.APPROVE;
        if (in.decision() == DecisionInput.Decision.REFUSE && StringUtils.isBlank(in.reason())) {
            errors.add(new Problem.FieldError("reason", "is required to refuse"));
        }
        Texts.refuseIfAny(errors, "The decision");
        Rectification r = Rectification.<Rectification>findByIdOptional(Texts.uuid(id, WHAT),
                LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> Texts.notFound(id, WHAT));
        if (!Rectification.PENDING.equals(r.status)) {
            throw new ProblemException(409, "The rectification was " + r.status + " already on " + r.decidedAt + ".");
        }
        CallRecord call = r.callDeletedAt == null
                ? CallRecord.<CallRecord>findByIdOptional(r.recordingId, LockModeType.PESSIMISTIC_WRITE).orElse(null)
                : null;
        if (call == null) {
            throw new ProblemException(409, "The call was deleted; there is nothing left to decide on.");
        }
        CallField field = CallField.fromPath(r.field).orElseThrow();
        if (approve && !field.rectifiable()) {
            throw new ProblemException(409, "'" + r.field + "' is evidence of the call and cannot be changed: the "
                    + "request can only be refused, or the recording erased at retention-service.");
        }
        r.decidedBy = viewer.username();
        r.decidedAt = Instant.now();
        r.reason = StringUtils.stripToNull(in.reason());
        if (approve) {
            String old = field.get(call);
            field.set(call, changed(field, old, r.changeType, r.newValue));
            call.deriveSearchKeys();
            r.replacedValueSha256 = old == null ? null : sha256(r.id + ":" + old);
            r.status = Rectification.APPROVED;
        } else {
            r.status = Rectification.REFUSED;
            r.certificatePdf = documents.refusalCertificate(r, call);
            logCertificate(viewer, r);
        }
        return r;
    }

    /** The refusal certificate again, as it was produced; each copy is logged. */
    @Transactional
    public byte[] certificate(Staff viewer, String id) {
        Rectification r = get(id);
        if (r.callDeletedAt != null) {
            throw new ProblemException(410, "The call was deleted, and with it the certificate's personal data.");
        }
        if (!Rectification.REFUSED.equals(r.status) || r.certificatePdf == null) {
            throw new ProblemException(409, "Only a refused rectification has a refusal certificate; this one is "
                    + r.status + ".");
        }
        logCertificate(viewer, r);
        return r.certificatePdf;
    }

    @Transactional
    public Rectification get(String id) {
        return Rectification.<Rectification>findByIdOptional(Texts.uuid(id, WHAT))
                .orElseThrow(() -> Texts.notFound(id, WHAT));
    }

    @Transactional
    public List<Rectification> ofCall(String callId) {
        UUID recordingId;
        try {
            recordingId = UUID.fromString(callId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "Query parameter 'callId' must be a call's id (a UUID).",
                    List.of(new Problem.FieldError("callId", "not a UUID")));
        }
        return Rectification.list("recordingId = :id order by filedAt, id", Parameters.with("id", recordingId));
    }

    /** The call's recording was deleted: its rectifications keep their decisions, not the caller's data. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetCall(UUID recordingId, Instant deletedAt) {
        Rectification.update("callDeletedAt = coalesce(callDeletedAt, :at), newValue = null, requesterName = null, "
                        + "requesterContact = null, itemisation = null, replacedValueSha256 = null, certificatePdf = null "
                        + "where recordingId = :id",
                Parameters.with("at", deletedAt).and("id", recordingId));
    }

    private void logCertificate(Staff viewer, Rectification r) {
        log.record(viewer, CERTIFICATE, r.recordingId, Map.of("rectification", List.of(r.id.toString())),
                List.of(r.recordingId), 1);
    }

    private static String changed(CallField field, String old, String changeType, String value) {
        return switch (changeType) {
            case "delete" -> null;
            case "complete" -> old == null ? value : old + (field == CallField.SERVICE_NOTES ? "\n" : " ") + value;
            default -> value;
        };
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
