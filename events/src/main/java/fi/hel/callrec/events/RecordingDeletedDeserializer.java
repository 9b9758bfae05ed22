package fi.hel.callrec.events;

/** Kafka value deserializer for {@link RecordingDeleted} ({@code value.deserializer} of an incoming channel). */
public class RecordingDeletedDeserializer extends EventDeserializer<RecordingDeleted> {

    public RecordingDeletedDeserializer() {
        super(RecordingDeleted.class);
    }
}
