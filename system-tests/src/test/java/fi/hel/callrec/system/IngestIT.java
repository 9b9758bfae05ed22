package fi.hel.callrec.system;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import fi.hel.callrec.commons.testing.Wavs;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A recording sent to the running ingest-service is stored in S3 and announced on the real topic. */
class IngestIT {

    @Test
    void an_upload_is_stored_and_announced_once() throws Exception {
        String token = Tokens.forRecorder();
        byte[] wav = Wavs.alaw8k(24_000, System.nanoTime());
        String callId = "it-" + UUID.randomUUID();
        try (Infra.TopicReader topic = new Infra.TopicReader(Topics.CALL_RECORDED)) {
            String id = Recorder.upload(token, Recorder.metadata(callId, 3, "1001", "09 310 1234"), wav)
                    .statusCode(201).extract().path("recordingId");

            List<ConsumerRecord<String, byte[]>> records = topic.awaitKeys(List.of(id), Duration.ofSeconds(60));
            assertThat(records).hasSize(1);
            CallRecorded event = EventJson.read(records.get(0).value(), CallRecorded.class);
            assertThat(event.callId()).isEqualTo(callId);
            assertThat(event.callerNumber()).isEqualTo("+35893101234");
            assertThat(event.agentExtension()).isEqualTo("1001");
            assertThat(event.audio().durationMillis()).isEqualTo(3000);
            assertThat(event.sha256()).isEqualTo(sha256(wav));
            assertThat(Infra.sha256Of(event.objectKey())).isEqualTo(sha256(wav));

            // The same call again answers the first receipt and announces nothing: a later call's
            // event arrives and none for the repeat came before it (the relay keeps order).
            Recorder.upload(token, Recorder.metadata(callId, 3, "1001", "09 310 1234"), wav)
                    .statusCode(200).body("recordingId", equalTo(id));
            String later = Recorder.upload(token, Recorder.metadata("it-" + UUID.randomUUID(), 1, "1002", "anonymous"),
                    Wavs.alaw8k(8_000, System.nanoTime())).statusCode(201).extract().path("recordingId");
            List<ConsumerRecord<String, byte[]>> after = topic.awaitKeys(List.of(id, later), List.of(later), Duration.ofSeconds(60));
            assertThat(after).extracting(ConsumerRecord::key).containsExactly(later);
        }
    }

    @Test
    void a_call_larger_than_one_part_streams_to_the_store_and_is_announced_with_its_checksum() throws Exception {
        String token = Tokens.forRecorder();
        // Above the 8 MiB part size: stored as a multipart upload while it arrives.
        byte[] wav = Wavs.alaw8k(9_000_000, System.nanoTime());
        String callId = "it-" + UUID.randomUUID();
        try (Infra.TopicReader topic = new Infra.TopicReader(Topics.CALL_RECORDED)) {
            String id = Recorder.upload(token, Recorder.metadata(callId, 1_125, "1003", "+358 9 310 1111"), wav)
                    .statusCode(201).body("sha256", equalTo(sha256(wav))).extract().path("recordingId");

            List<ConsumerRecord<String, byte[]>> records = topic.awaitKeys(List.of(id), Duration.ofSeconds(60));
            CallRecorded event = EventJson.read(records.get(0).value(), CallRecorded.class);
            assertThat(event.sizeBytes()).isEqualTo(wav.length);
            assertThat(event.sha256()).isEqualTo(sha256(wav));
            assertThat(Infra.sha256Of(event.objectKey())).isEqualTo(sha256(wav));
        }
    }

    @Test
    void audio_sent_before_its_metadata_is_refused_and_records_nothing() {
        String token = Tokens.forRecorder();
        byte[] wav = Wavs.alaw8k(8_000, System.nanoTime());
        String callId = "it-" + UUID.randomUUID();
        String metadata = Recorder.metadata(callId, 1, "1001", "040 123 4567");
        given().auth().oauth2(token)
                .multiPart("audio", "call.wav", wav, "audio/wav")
                .multiPart("metadata", "metadata.json", metadata.getBytes(StandardCharsets.UTF_8), "application/json")
                .when().post(Stack.INGEST + "/recordings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("before the part 'audio'"));
        // Nothing was recorded under the call id: sent in the right order it is new (201, not 200).
        Recorder.upload(token, metadata, wav).statusCode(201);
    }

    @Test
    void only_the_recorder_service_account_may_upload() {
        byte[] wav = Wavs.alaw8k(8_000, 1);
        String metadata = Recorder.metadata("it-" + UUID.randomUUID(), 1, "1001", "040 123 4567");
        Recorder.upload(Tokens.forUser("supervisor1"), metadata, wav).statusCode(403);
        Recorder.upload(Tokens.forUser("agent1"), metadata, wav).statusCode(403);
        Recorder.upload(null, metadata, wav).statusCode(401);
        String forged = Tokens.forRecorder();
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        Recorder.upload(forged, metadata, wav).statusCode(401);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
