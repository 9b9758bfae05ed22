package fi.hel.callrec.access.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import fi.hel.callrec.access.audit.AuditEntry;
import fi.hel.callrec.access.Fixtures;
import fi.hel.callrec.access.Fixtures.Stored;
import fi.hel.callrec.commons.storage.S3Config;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.Topics;
import fi.hel.callrec.events.TrainingCopyMade;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Making, listing and hearing training copies with real tokens, store and database. */
@QuarkusTest
class TrainingCopyResourceTest {

    @Inject
    MinioClient minio;
    @Inject
    S3Config s3;
    @Inject
    EntityManager em;

    private static Stored source;
    private static String copyId;

    @BeforeEach
    void aCopyOfAnAgent1Call() throws Exception {
        if (source == null) {
            // 40,000 a-law bytes at 8 kHz: a five-second call.
            source = Fixtures.recording(minio, s3.bucket(), "1001", 40_000);
            copyId = make(source, "supervisor1").then().statusCode(201).extract().path("id");
        }
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Fixtures.token(user));
    }

    private static Response make(Stored s, String user) {
        return as(user).contentType(ContentType.JSON)
                .body(Map.of("title", "Parking permit renewal, calm caller", "spans", List.of(Map.of("start", 1.0, "end", 2.5))))
                .post("/recordings/" + s.id() + "/training-copies");
    }

    @Test
    void the_copy_is_a_new_16_bit_wav_with_only_fmt_and_data_and_its_event_is_queued() throws Exception {
        TrainingCopy copy = QuarkusTransaction.requiringNew().call(() -> TrainingCopy.findById(UUID.fromString(copyId)));
        assertThat(copy.state).isEqualTo(TrainingCopy.READY);
        assertThat(copy.objectKey).isEqualTo("training/" + copyId + ".wav").doesNotContain(source.id().toString());
        byte[] wav;
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(s3.bucket()).object(copy.objectKey).build())) {
            wav = in.readAllBytes();
        }
        assertThat(chunks(wav)).containsExactly("fmt ", "data");
        ByteBuffer fmt = ByteBuffer.wrap(wav, 20, 16).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(fmt.getShort(20)).isEqualTo((short) 1);
        assertThat(fmt.getInt(24)).isEqualTo(8000);
        assertThat(fmt.getShort(34)).isEqualTo((short) 16);
        assertThat(wav.length).isEqualTo(44 + 2 * 40_000).isEqualTo((int) copy.sizeBytes);
        assertThat(Fixtures.sha256(wav)).isEqualTo(copy.sha256);

        List<TrainingCopyMade> queued = queued(source.id()).stream().filter(e -> e.copyId().toString().equals(copyId)).toList();
        assertThat(queued).singleElement().satisfies(e -> {
            assertThat(e.objectKey()).isEqualTo(copy.objectKey);
            assertThat(e.kafkaKey()).isEqualTo(source.id().toString());
        });
    }

    @ParameterizedTest
    @CsvSource({"agent1, 403", "auditor1, 403", "admin1, 403", "manager1, 201"})
    void only_supervisors_and_the_manager_make_copies(String user, int status) {
        make(source, user).then().statusCode(status);
    }

    @ParameterizedTest
    @CsvSource({"agent2, 200", "supervisor1, 200", "manager1, 200", "auditor1, 403", "admin1, 403"})
    void agents_supervisors_and_the_manager_list_and_hear_copies(String user, int status) {
        as(user).get("/training-copies").then().statusCode(status);
        as(user).header("Range", "bytes=0-99").get("/training-copies/" + copyId + "/audio")
                .then().statusCode(status == 200 ? 206 : status);
    }

    @Test
    void an_agent_sees_title_and_date_but_nothing_that_leads_to_the_source() {
        String listing = as("agent2").get("/training-copies").then().statusCode(200).extract().asString();
        String one = as("agent2").get("/training-copies/" + copyId).then().statusCode(200).extract().asString();
        assertThat(listing).contains(copyId).contains("Parking permit renewal").doesNotContain(source.id().toString())
                .doesNotContain("sourceRecordingId");
        assertThat(one).doesNotContain(source.id().toString());
        as("supervisor1").get("/training-copies/" + copyId).then().statusCode(200)
                .body("sourceRecordingId", org.hamcrest.Matchers.equalTo(source.id().toString()));
    }

    @Test
    void hearing_a_copy_is_audited_under_its_id_for_training_only() {
        as("agent2").header("Range", "bytes=0-99").get("/training-copies/" + copyId + "/audio").then().statusCode(206)
                .header("Content-Range", "bytes 0-99/" + (44 + 2 * 40_000));
        as("agent2").queryParam("purpose", "quality").get("/training-copies/" + copyId + "/audio").then().statusCode(400)
                .body("detail", containsString("training"));
        // Entries are sealed into the chain a moment after they are committed.
        List<AuditEntry> entries = await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                AuditEntry.<AuditEntry>list("recordingId = ?1 and username = ?2 order by seq", copyId, "agent2")),
                list -> list.stream().map(e -> e.status).toList().containsAll(List.of(206, 400)));
        assertThat(entries).extracting(e -> e.purpose).containsOnly("training", "quality");
        assertThat(entries).filteredOn(e -> e.status == 206).extracting(e -> e.purpose).containsOnly("training");
    }

    @Test
    void bad_requests_say_what_is_wrong_and_make_nothing() {
        long before = count();
        as("supervisor1").contentType(ContentType.JSON).body(Map.of("title", "Too long", "spans", List.of(Map.of("start", 4.0, "end", 9.0))))
                .post("/recordings/" + source.id() + "/training-copies").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("spans"));
        as("supervisor1").contentType(ContentType.JSON).body(Map.of("title", "Backwards", "spans", List.of(Map.of("start", 3.0, "end", 2.0))))
                .post("/recordings/" + source.id() + "/training-copies").then().statusCode(400);
        as("supervisor1").contentType(ContentType.JSON).body(Map.of("spans", List.of()))
                .post("/recordings/" + source.id() + "/training-copies").then().statusCode(400)
                .contentType("application/problem+json");
        as("supervisor1").contentType(ContentType.JSON).body(Map.of("title", "x", "spans", List.of(), "pitch", 1.0))
                .post("/recordings/" + source.id() + "/training-copies").then().statusCode(400);
        as("supervisor1").contentType(ContentType.JSON).body(Map.of("title", "x", "spans", List.of()))
                .post("/recordings/" + UUID.randomUUID() + "/training-copies").then().statusCode(404);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void when_the_source_is_deleted_its_copies_can_no_longer_be_heard() throws Exception {
        Stored gone = Fixtures.recording(minio, s3.bucket(), "1001", 32_000);
        String id = make(gone, "supervisor1").then().statusCode(201).extract().path("id");

        Fixtures.delete(gone);

        assertThat(as("agent1").get("/training-copies").then().statusCode(200).extract().asString()).doesNotContain(id);
        as("agent1").get("/training-copies/" + id + "/audio").then().statusCode(410);
        make(gone, "supervisor1").then().statusCode(410);
    }

    private long count() {
        return QuarkusTransaction.requiringNew().call(() -> TrainingCopy.count());
    }

    @SuppressWarnings("unchecked")
    private List<TrainingCopyMade> queued(UUID sourceId) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<byte[]>) em.createNativeQuery(
                        "SELECT payload FROM outbox_event WHERE record_key = ?1 AND topic = ?2")
                .setParameter(1, sourceId.toString()).setParameter(2, Topics.TRAINING_COPY_MADE).getResultList())
                .stream().map(p -> EventJson.read(p, TrainingCopyMade.class)).toList());
    }

    /** The RIFF chunk ids of a WAV, in order. */
    private static List<String> chunks(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        List<String> ids = new ArrayList<>();
        int pos = 12;
        while (pos + 8 <= wav.length) {
            ids.add(new String(wav, pos, 4, StandardCharsets.US_ASCII));
            pos += 8 + b.getInt(pos + 4) + (b.getInt(pos + 4) & 1);
        }
        return ids;
    }
}
