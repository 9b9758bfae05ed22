package fi.hel.callrec.events;

/** Kafka value deserializer for {@link CallRecorded} ({@code value.deserializer} of an incoming channel). */
public class CallRecordedDeserializer extends EventDeserializer<CallRecorded> {

    public CallRecordedDeserializer() {
        super(CallRecorded.class);
    }
}
