package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.commons.testing.KafkaTools;
import fi.hel.callrec.commons.testing.Wavs;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Calls for the catalog's system tests: sent through ingest, or as raw records on the real topics. */
final class CatalogFixtures {

    static final Duration INDEXED_WITHIN = Duration.ofSeconds(60);

    private CatalogFixtures() {
    }

    /** A word no other run uses, to find exactly this test's calls by caller name. */
    static String uniqueWord() {
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    /** Uploads a call through the running ingest-service with the recorder's token; returns its recording id. */
    static String upload(String agentExtension, String callerName, String plate, String notes) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(2)).minusMinutes(20).truncatedTo(ChronoUnit.SECONDS);
        String metadata = """
                {"callId": "catalog-it-%s", "startedAt": "%s", "endedAt": "%s", "callerNumber": "040 765 4321",
                 "agentExtension": "%s", "serviceLine": "parking-and-fines",
                 "callerProvided": {"name": "%s", "vehicleRegistration": "%s"},
                 "serviceNotes": "%s", "announcementPlayed": true}
                """.formatted(UUID.randomUUID(), start, start.plusSeconds(2), agentExtension, callerName, plate, notes);
        return Recorder.upload(Tokens.forRecorder(), metadata, Wavs.alaw8k(16_000, System.nanoTime()))
                .statusCode(201).extract().path("recordingId");
    }

    static Response search(String token, Object... params) {
        var request = given().auth().oauth2(token);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam((String) params[i], params[i + 1]);
        }
        return request.when().get(Stack.CATALOG + "/calls");
    }

    static Response detail(String token, String id) {
        return given().auth().oauth2(token).when().get(Stack.CATALOG + "/calls/" + id);
    }

    /** Waits until a supervisor's search by name finds exactly these recordings. */
    static void awaitIndexed(String nameWord, List<String> ids) {
        String supervisor = Tokens.forUser("supervisor1");
        await().atMost(INDEXED_WITHIN).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<String> found = search(supervisor, "name", nameWord).then().statusCode(200)
                    .extract().path("items.recordingId");
            return found.size() == ids.size() && found.containsAll(ids);
        });
    }

    static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.putAll(KafkaTools.client());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props);
    }

    static org.apache.kafka.clients.producer.RecordMetadata send(KafkaProducer<String, byte[]> producer, String topic, String key,
            byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
}
