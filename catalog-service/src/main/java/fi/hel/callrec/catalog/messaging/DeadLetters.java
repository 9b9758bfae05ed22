package fi.hel.callrec.catalog.messaging;

import fi.hel.callrec.events.DeadLetterHeaders;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends records that are no valid event to {@code catalog-service.dlq}, unchanged, with the
 * headers the connector's dead-letter strategy writes; returns once Kafka has acknowledged them.
 */
@ApplicationScoped
public class DeadLetters {

    /** A record and why it was refused. */
    public record Rejected(ConsumerRecord<String, byte[]> record, Throwable reason) {
    }

    private final MutinyEmitter<byte[]> emitter;

    public DeadLetters(@Channel("dead-letters") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public void send(List<Rejected> rejected) {
        for (Rejected r : rejected) {
            ConsumerRecord<String, byte[]> record = r.record();
            RecordHeaders headers = new RecordHeaders();
            record.headers().forEach(headers::add);
            header(headers, DeadLetterHeaders.REASON, String.valueOf(r.reason().getMessage()));
            header(headers, DeadLetterHeaders.EXCEPTION_CLASS_NAME, r.reason().getClass().getName());
            Throwable cause = r.reason().getCause();
            if (cause != null) {
                header(headers, DeadLetterHeaders.CAUSE, String.valueOf(cause.getMessage()));
                header(headers, DeadLetterHeaders.CAUSE_CLASS_NAME, cause.getClass().getName());
            }
            header(headers, DeadLetterHeaders.TOPIC, record.topic());
            header(headers, DeadLetterHeaders.PARTITION, Integer.toString(record.partition()));
            header(headers, DeadLetterHeaders.OFFSET, Long.toString(record.offset()));
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(record.key()).withHeaders(headers).build();
            emitter.sendMessageAndAwait(Message.of(record.value()).addMetadata(metadata));
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
