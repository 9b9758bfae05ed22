package fi.hel.callrec.catalog.rights;

import fi.hel.callrec.catalog.CallRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The fields of a call a rectification may concern, named as in the call's detail. Caller-provided
 * data, notes and the service line may be changed; times, numbers and the audio are evidence of
 * what happened, so a request about them can only be refused (or the recording erased).
 */
public enum CallField {

    CALLER_NAME("callerProvided.name", c -> c.callerName, (c, v) -> c.callerName = v),
    CALLER_ADDRESS("callerProvided.address", c -> c.callerAddress, (c, v) -> c.callerAddress = v),
    VEHICLE_REGISTRATION("callerProvided.vehicleRegistration", c -> c.vehicleRegistration,
            (c, v) -> c.vehicleRegistration = v),
    CALLER_CONTACT("callerProvided.contact", c -> c.callerContact, (c, v) -> c.callerContact = v),
    SERVICE_NOTES("serviceNotes", c -> c.serviceNotes, (c, v) -> c.serviceNotes = v),
    SERVICE_LINE("serviceLine", c -> c.serviceLine, (c, v) -> c.serviceLine = v),
    STARTED_AT("startedAt", null, null),
    ENDED_AT("endedAt", null, null),
    CALLER_NUMBER("callerNumber", null, null),
    AGENT_EXTENSION("agentExtension", null, null),
    AUDIO("audio", null, null);

    private final String path;
    private final Function<CallRecord, String> getter;
    private final BiConsumer<CallRecord, String> setter;

    CallField(String path, Function<CallRecord, String> getter, BiConsumer<CallRecord, String> setter) {
        this.path = path;
        this.getter = getter;
        this.setter = setter;
    }

    public String path() {
        return path;
    }

    public String label(String lang) {
        return Labels.of(lang).get("field." + path);
    }

    /** False for evidence: times, numbers and the audio. */
    public boolean rectifiable() {
        return setter != null;
    }

    public String get(CallRecord call) {
        return getter.apply(call);
    }

    public void set(CallRecord call, String value) {
        setter.accept(call, value);
    }

    public static Optional<CallField> fromPath(String path) {
        return Arrays.stream(values()).filter(f -> f.path.equals(path)).findFirst();
    }

    public static List<String> paths() {
        return Arrays.stream(values()).map(CallField::path).toList();
    }
}
