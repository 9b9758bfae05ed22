package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import fi.hel.callrec.commons.testing.Wavs;
import fi.hel.callrec.events.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Caller data stays in its home: unique canary values (a name, a number, a plate, a note, an
 * address) go through every path, good and malformed, over HTTP and Kafka, and afterwards no
 * service's log holds any of them.
 */
class CanaryLogIT {

    /** The local stack's logs: ./local/up writes each part's output there. */
    private static final Path LOGS = Infra.LOGS;

    @Test
    void no_service_logs_a_callers_data_on_any_path() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(LOGS), "the services' logs are not at " + LOGS
                + " (set CALLREC_LOCAL_LOGS when the stack was not started by ./local/up)");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String name = "Kanarialintu" + CatalogFixtures.uniqueWord();
        String digits = String.valueOf(1_000_000 + random.nextInt(8_999_999));
        String number = "+35840" + digits;
        String plate = "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26)) + "K-" + (100 + random.nextInt(900));
        String note = "kanarianote" + CatalogFixtures.uniqueWord();
        String address = "Kanariankatu " + CatalogFixtures.uniqueWord();
        List<String> canaries = List.of(name, digits, plate, plate.replace("-", ""), note, address.split(" ")[1]);

        // HTTP: a good upload, then a search by each value, then malformed uploads and searches carrying them.
        String recorder = Tokens.forRecorder();
        String good = metadata(name, number, plate, note, address, "\"announcementPlayed\": true");
        String id = Recorder.upload(recorder, good, Wavs.alaw8k(16_000, System.nanoTime())).statusCode(201)
                .extract().path("recordingId");
        CatalogFixtures.awaitIndexed(name, List.of(id));
        String supervisor = Tokens.forUser("supervisor1");
        CatalogFixtures.search(supervisor, "name", name).then().statusCode(200);
        CatalogFixtures.search(supervisor, "callerNumber", number).then().statusCode(200);
        CatalogFixtures.search(supervisor, "plate", plate).then().statusCode(200);
        CatalogFixtures.search(supervisor, "notes", note).then().statusCode(200);
        CatalogFixtures.search(supervisor, "callerNumber", name).then().statusCode(400);
        CatalogFixtures.search(supervisor, "from", note).then().statusCode(400);
        Recorder.upload(recorder, metadata(name, number, plate, note, address, "\"announcementPlayed\": \"" + name + "\""),
                Wavs.alaw8k(8_000, System.nanoTime())).statusCode(400);
        Recorder.upload(recorder, metadata(name, name, plate, note, address, "\"announcementPlayed\": true"),
                Wavs.alaw8k(8_000, System.nanoTime())).statusCode(400);
        Recorder.upload(recorder, good.substring(0, good.indexOf(note) + note.length()), Wavs.alaw8k(8_000, System.nanoTime()))
                .statusCode(400);
        given().auth().oauth2(Tokens.forUser("manager1")).contentType("application/json")
                .body("{\"subjectNumber\": \"" + name + "\", \"subjectName\": \"" + name + "\"}")
                .when().post(Stack.CATALOG + "/subject-access-requests").then().statusCode(400);

        // Kafka: records that no consumer can read, carrying the values where a parser would quote them.
        UUID forged = UUID.randomUUID();
        String start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
        List<String> poison = List.of(
                "{\"type\":\"call-recorded\",\"version\":1,\"eventId\":\"" + name + "\",\"recordingId\":\"" + plate + "\"}",
                "{\"type\":\"call-recorded\",\"version\":1,\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + start
                        + "\",\"recordingId\":\"" + forged + "\",\"startedAt\":\"" + note + "\",\"callerNumber\":\"" + number
                        + "\",\"callerProvided\":{\"name\":\"" + name + "\",\"address\":\"" + address + "\"}}",
                "{\"type\":\"call-recorded\",\"callerProvided\":{\"name\":\"" + name);
        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = CatalogFixtures.producer()) {
            for (String value : poison) {
                sent.add(CatalogFixtures.send(producer, Topics.CALL_RECORDED, forged.toString(), value.getBytes(StandardCharsets.UTF_8)));
            }
            sent.add(CatalogFixtures.send(producer, Topics.RECORDING_DELETED, forged.toString(),
                    ("{\"type\":\"recording-deleted\",\"version\":1,\"objectKey\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8)));
        }
        RecordMetadata last = sent.get(poison.size() - 1);
        for (String group : List.of("catalog-service", "access-service", "retention-service")) {
            Infra.awaitConsumed(group, last, Duration.ofSeconds(90));
        }
        Infra.awaitConsumed("access-service", sent.get(sent.size() - 1), Duration.ofSeconds(90));

        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.list(LOGS)) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
                for (int i = 0; i < lines.size(); i++) {
                    for (String canary : canaries) {
                        if (lines.get(i).contains(canary)) {
                            hits.add(log.getFileName() + ":" + (i + 1) + " holds a caller's " + describe(canaries.indexOf(canary)));
                        }
                    }
                }
            }
        }
        assertThat(hits).as("log lines with caller data under " + LOGS).isEmpty();
    }

    private static String metadata(String name, String number, String plate, String note, String address, String announcement) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(2)).minusMinutes(15).truncatedTo(ChronoUnit.SECONDS);
        return """
                {"callId": "canary-%s", "startedAt": "%s", "endedAt": "%s", "callerNumber": "%s",
                 "agentExtension": "1001", "serviceLine": "parking-and-fines",
                 "callerProvided": {"name": "%s", "address": "%s", "vehicleRegistration": "%s"},
                 "serviceNotes": "%s", %s}
                """.formatted(UUID.randomUUID(), start, start.plusSeconds(1), number, name, address, plate, note, announcement);
    }

    private static String describe(int canary) {
        return List.of("name", "number", "plate", "plate", "note", "address").get(canary);
    }
}
