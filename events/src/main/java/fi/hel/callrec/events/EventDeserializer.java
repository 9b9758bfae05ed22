package fi.hel.callrec.events;

import org.apache.kafka.common.serialization.Deserializer;

import java.util.Objects;

/**
 * Base of the Kafka value deserializers, one subclass per event because Kafka instantiates a
 * deserializer by class name with no arguments.
 *
 * <p>Every failure throws {@link InvalidEventException}, including a null value: these topics never
 * carry tombstones, so a null is as broken as malformed JSON, and the consumer's failure strategy
 * sends the record to its dead-letter topic instead of handing the application a null.
 */
public abstract class EventDeserializer<T extends CallrecEvent> implements Deserializer<T> {

    private final Class<T> eventClass;

    protected EventDeserializer(Class<T> eventClass) {
        this.eventClass = Objects.requireNonNull(eventClass, "eventClass");
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            throw new InvalidEventException("null value on topic " + topic + ", expected a JSON event");
        }
        return EventJson.read(data, eventClass);
    }
}
