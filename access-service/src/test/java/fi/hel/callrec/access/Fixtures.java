package fi.hel.callrec.access;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.commons.testing.KafkaTools;
import fi.hel.callrec.commons.testing.Wavs;
import fi.hel.callrec.events.AudioFormat;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.CallrecEvent;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.ObjectKeys;
import fi.hel.callrec.events.RecordingDeleted;
import fi.hel.callrec.events.Topics;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The real servers as the tests use them: recordings put into the test bucket and announced on
 * the real topics, the way ingest-service and retention-service do, and real Keycloak tokens.
 */
public final class Fixtures {

    /** Tokens live five minutes in the realm; one is reused for at most four. */
    private static final Map<String, Fetched> TOKENS = new ConcurrentHashMap<>();

    private record Fetched(String token, long at) {
        boolean fresh() {
            return System.nanoTime() - at < Duration.ofMinutes(4).toNanos();
        }
    }
    private static KafkaProducer<String, byte[]> producer;

    private Fixtures() {
    }

    /** A stored and announced recording: its id, bytes and checksum. */
    public record Stored(UUID id, String key, byte[] wav, String sha256) {
    }

    /** Puts a WAV into the bucket, publishes its call-recorded event and waits until the projection has it. */
    public static Stored recording(MinioClient minio, String bucket, String agentExtension, int audioBytes) throws Exception {
        UUID id = UUID.randomUUID();
        byte[] wav = Wavs.alaw8k(audioBytes, id.getMostSignificantBits());
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(2)).minusMinutes(5);
        String key = ObjectKeys.of(id, start);
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(wav), wav.length, -1).contentType("audio/wav").build());
        String sha = sha256(wav);
        publish(CallRecorded.of(id, "test-" + id, bucket, key, sha, wav.length,
                new AudioFormat(AudioFormat.ALAW, 8000, 1, 8, audioBytes / 8), start, start.plusSeconds(audioBytes / 8000),
                "+358401234567", agentExtension, "parking-permits", null, null, true, List.of()));
        awaitProjection(id, false);
        return new Stored(id, key, wav, sha);
    }

    /**
     * Writes a projection row for an object the test bucket does not have, as if its event had
     * been applied: for tests whose store is not the real one.
     */
    public static UUID projected(String objectKey, long sizeBytes) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Recording r = new Recording();
            r.id = id;
            r.bucket = "recordings-test";
            r.objectKey = objectKey.replace("{id}", id.toString());
            r.agentExtension = "1001";
            r.sha256 = "0".repeat(64);
            r.sizeBytes = sizeBytes;
            r.codec = "alaw";
            r.sampleRateHz = 8000;
            r.channels = 1;
            r.bitsPerSample = 8;
            r.durationMillis = 1000L;
            r.recordedAt = Instant.now();
            r.persist();
        });
        return id;
    }

    public static void delete(Stored stored) {
        publish(RecordingDeleted.of(stored.id(), stored.key(), "retention", Instant.now(), Instant.now()));
        awaitProjection(stored.id(), true);
    }

    public static void awaitProjection(UUID id, boolean deleted) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> {
                    Recording r = Recording.findById(id);
                    return r != null && r.deleted() == deleted && (deleted || r.recorded());
                }));
    }

    public static synchronized void publish(CallrecEvent event) {
        send(Topics.topicOf(event), event.kafkaKey(), EventJson.write(event));
    }

    public static synchronized void send(String topic, String key, byte[] value) {
        if (producer == null) {
            Properties props = new Properties();
            props.putAll(KafkaTools.client());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** A user's access token from the callrec realm (password grant of the portal client, test-only). */
    public static String token(String username) {
        return cached(username, () -> given()
                .formParam("grant_type", "password")
                .formParam("client_id", "callrec-portal")
                .formParam("client_secret", "test-only-portal-secret")
                .formParam("username", username)
                .formParam("password", "test-password")
                .when().post(realm() + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token"));
    }

    /** The recorder service account's token. */
    public static String recorderToken() {
        return cached("service-account-callrec-recorder", () -> given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "callrec-recorder")
                .formParam("client_secret", "test-only-recorder-secret")
                .when().post(realm() + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token"));
    }

    private static String cached(String who, java.util.function.Supplier<String> fetch) {
        Fetched current = TOKENS.get(who);
        if (current == null || !current.fresh()) {
            current = new Fetched(fetch.get(), System.nanoTime());
            TOKENS.put(who, current);
        }
        return current.token();
    }

    private static String realm() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class).replaceAll("/+$", "");
    }

    public static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
