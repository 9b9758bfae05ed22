package fi.hel.callrec.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The one JSON mapping of the events, shared by producers, consumers and tests so that every
 * service reads exactly what another wrote.
 *
 * <p>Choices, and why:
 * <ul>
 *   <li>Times are ISO-8601 strings: readable in a topic dump and independent of Jackson's numeric
 *       timestamp conventions. An {@code OffsetDateTime} keeps the offset it was written with,
 *       because the caller's local time of day is part of the call's record.</li>
 *   <li>Unknown properties are ignored, so a producer may add a field within a version without
 *       breaking consumers built against the older class.</li>
 *   <li>Null fields are written as {@code null}, not omitted: every message shows the whole shape
 *       of its version, and "absent" then only ever means "written by a producer that did not know
 *       the field yet".</li>
 *   <li>Required fields must be present and scalars must have their JSON type (no "1" for 1, no 1
 *       for "1", no null for a boolean): a defaulted {@code held=false} or a coerced value would
 *       silently change what a consumer does, so such a record belongs in the dead-letter topic.</li>
 * </ul>
 */
public final class EventJson {

    private record Contract(String type, int version, Class<? extends CallrecEvent> eventClass) {
    }

    private static final List<Contract> CONTRACTS = List.of(
            new Contract(CallRecorded.TYPE, CallRecorded.VERSION, CallRecorded.class),
            new Contract(RecordingHoldChanged.TYPE, RecordingHoldChanged.VERSION, RecordingHoldChanged.class),
            new Contract(RecordingDeleted.TYPE, RecordingDeleted.VERSION, RecordingDeleted.class),
            new Contract(TrainingCopyMade.TYPE, TrainingCopyMade.VERSION, TrainingCopyMade.class));

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, textual -> textual
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS))
            .build();

    private EventJson() {
    }

    /** The event as UTF-8 JSON. */
    public static byte[] write(CallrecEvent event) {
        Objects.requireNonNull(event, "event");
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            // Records of Strings, numbers and java.time cannot fail to serialize; if they do, it is a bug.
            throw new IllegalStateException("cannot write " + event.type() + " event " + event.eventId(), e);
        }
    }

    /** The event as a JSON string, for example for an outbox column. */
    public static String writeString(CallrecEvent event) {
        return new String(write(event), StandardCharsets.UTF_8);
    }

    /**
     * Reads an event of the given class, or of whichever class its {@code type} names when
     * {@code eventClass} is {@link CallrecEvent}.
     *
     * @throws InvalidEventException when the payload is empty or malformed JSON, is of another type
     *                               or an unsupported version, or misses or breaks a required field
     */
    public static <T extends CallrecEvent> T read(byte[] json, Class<T> eventClass) {
        Objects.requireNonNull(eventClass, "eventClass");
        if (json == null || json.length == 0) {
            throw new InvalidEventException("empty payload, expected a JSON event");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            // Jackson's own message quotes the payload; the position is what a triage needs.
            throw new InvalidEventException("malformed JSON" + position(e));
        }
        return fromTree(tree, eventClass);
    }

    /** As {@link #read(byte[], Class)}, from a JSON string. */
    public static <T extends CallrecEvent> T read(String json, Class<T> eventClass) {
        return read(json == null ? null : json.getBytes(StandardCharsets.UTF_8), eventClass);
    }

    private static <T extends CallrecEvent> T fromTree(JsonNode tree, Class<T> eventClass) {
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException("expected a JSON object but got " + describe(tree));
        }
        String type = typeOf(tree);
        Contract contract = eventClass == CallrecEvent.class ? contractForType(type) : contractForClass(eventClass);
        if (!contract.type().equals(type)) {
            throw new InvalidEventException("expected type '" + contract.type() + "' but got " + quoteName(type)
                    + eventIdSuffix(tree));
        }
        checkVersion(tree, contract);
        try {
            return eventClass.cast(MAPPER.treeToValue(tree, contract.eventClass()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // No cause: Jackson's exceptions quote the values they could not read.
            throw new InvalidEventException("invalid " + contract.type() + " event: " + abbreviate(explain(e), 300)
                    + eventIdSuffix(tree));
        }
    }

    private static String typeOf(JsonNode tree) {
        JsonNode node = tree.get("type");
        if (node == null || node.isNull()) {
            throw new InvalidEventException("missing field 'type'" + eventIdSuffix(tree));
        }
        if (!node.isTextual()) {
            throw new InvalidEventException("field 'type' must be a string but was " + describe(node) + eventIdSuffix(tree));
        }
        return node.textValue();
    }

    private static void checkVersion(JsonNode tree, Contract contract) {
        JsonNode node = tree.get("version");
        if (node == null || node.isNull()) {
            throw new InvalidEventException("missing field 'version' in " + contract.type() + " event" + eventIdSuffix(tree));
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidEventException("field 'version' must be an integer but was " + describe(node) + eventIdSuffix(tree));
        }
        // A version is a different schema; guessing at it could misread a field, so only the known one is read.
        if (node.intValue() != contract.version()) {
            throw new InvalidEventException("unsupported version " + node.intValue() + " of " + contract.type()
                    + " (this code reads version " + contract.version() + "; a newer callrec-events is needed)"
                    + eventIdSuffix(tree));
        }
    }

    private static Contract contractForType(String type) {
        return CONTRACTS.stream()
                .filter(c -> c.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new InvalidEventException("unknown event type " + quoteName(type)));
    }

    private static Contract contractForClass(Class<?> eventClass) {
        return CONTRACTS.stream()
                .filter(c -> c.eventClass() == eventClass)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event class: " + eventClass.getName()));
    }

    /** What is wrong, naming the field; never the value, which may be a caller's name or number. */
    private static String explain(Exception e) {
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            // The record constructor's own message names the field (and quotes only codes and numbers).
            return e.getCause().getMessage();
        }
        String message = originalMessage(e);
        if (e instanceof JsonMappingException mapping) {
            String path = path(mapping);
            if (e instanceof MismatchedInputException && message.startsWith("Missing required creator property")) {
                return "missing required field '" + path + "'";
            }
            if (!path.isEmpty()) {
                return "field '" + path + "' is not of the type or format of the contract";
            }
        }
        return "a value is not of the type or format of the contract";
    }

    private static String position(IOException e) {
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
            return " at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr();
        }
        return "";
    }

    /** An event type as written, when it looks like one; anything else may be a forged value and is not quoted. */
    private static String quoteName(String name) {
        return name != null && name.matches("[a-z][a-z0-9-]{0,39}") ? "'" + name + "'" : "a value that is no event type";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String originalMessage(Exception e) {
        if (e instanceof JsonProcessingException jpe && jpe.getOriginalMessage() != null) {
            return jpe.getOriginalMessage();
        }
        return String.valueOf(e.getMessage());
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The event's id for the dead-letter triage, when it is one: a forged id could hold anything. */
    private static String eventIdSuffix(JsonNode tree) {
        JsonNode id = tree.get("eventId");
        if (id == null || !id.isTextual()) {
            return "";
        }
        try {
            return " [eventId " + java.util.UUID.fromString(id.textValue()) + "]";
        } catch (IllegalArgumentException notAnId) {
            return "";
        }
    }

    // Payloads carry personal data and messages end up in logs and dead-letter headers: quote nothing of them.
    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
