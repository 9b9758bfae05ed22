package fi.hel.callrec.events;

/** Kafka value deserializer for {@link RecordingHoldChanged} ({@code value.deserializer} of an incoming channel). */
public class RecordingHoldChangedDeserializer extends EventDeserializer<RecordingHoldChanged> {

    public RecordingHoldChangedDeserializer() {
        super(RecordingHoldChanged.class);
    }
}
