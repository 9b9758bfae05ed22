package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.commons.testing.KafkaTools;
import fi.hel.callrec.events.CallrecEvent;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.Topics;
import io.restassured.specification.RequestSpecification;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Helpers of the access-service system tests: a recording uploaded and known to access, and listening to it. */
final class AccessListener {

    private AccessListener() {
    }

    /** An uploaded recording: its id and bytes. */
    record Uploaded(String id, byte[] wav, String sha256, String objectKey) {
    }

    /** Uploads an 8 kHz A-law WAV through the running ingest-service and waits until access-service has projected it. */
    static Uploaded upload(String agentExtension, byte[] wav) throws Exception {
        return upload(agentExtension, wav, Math.max(1, (wav.length - 44) / 8000));
    }

    /** Uploads a WAV of {@code seconds} of audio and waits until access-service has projected it. */
    static Uploaded upload(String agentExtension, byte[] wav, int seconds) throws Exception {
        var receipt = Recorder.upload(Tokens.forRecorder(),
                Recorder.metadata("access-it-" + UUID.randomUUID(), seconds, agentExtension, "040 123 4567"), wav)
                .statusCode(201).extract();
        String id = receipt.path("recordingId");
        String supervisor = Tokens.forUser("supervisor1");
        // HEAD answers 404 until the call-recorded event has reached access-service.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                given().auth().oauth2(supervisor).queryParam("purpose", "quality")
                        .head(Stack.ACCESS + "/recordings/" + id + "/audio").statusCode() == 200);
        return new Uploaded(id, wav, sha256(wav), receipt.path("objectKey"));
    }

    static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.forUser(user));
    }

    static String audio(String id) {
        return Stack.ACCESS + "/recordings/" + id + "/audio";
    }

    /** Publishes an event to its real topic, the way its producer service does. */
    static void publish(CallrecEvent event) throws Exception {
        Properties props = new Properties();
        props.putAll(KafkaTools.client());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(Topics.topicOf(event), event.kafkaKey(), EventJson.write(event))).get();
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
