package fi.hel.callrec.events;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka value serializer for every callrec event ({@code value.serializer} of an outgoing channel).
 */
public class EventSerializer implements Serializer<CallrecEvent> {

    @Override
    public byte[] serialize(String topic, CallrecEvent event) {
        // These topics never carry tombstones; a null here is a producer bug, better seen at once.
        if (event == null) {
            throw new InvalidEventException("refusing to write a null event to topic " + topic);
        }
        return EventJson.write(event);
    }
}
