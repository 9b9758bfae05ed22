package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.commons.testing.Wavs;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Calls for the console's browser tests: uploaded through ingest and known to every service before a test looks. */
final class ConsoleFixtures {

    private ConsoleFixtures() {
    }

    /** An uploaded call: its id, the caller's name word, plate and number as the metadata spelled them. */
    record Call(String id, String nameWord, String plate, String callerNumber) {

        /** The same plate as a person might type it: lower case, a space for the dash. */
        String plateOtherSpelling() {
            return plate.toLowerCase().replace('-', ' ');
        }
    }

    /** Uploads a call of {@code seconds} of 16-bit PCM at 8 kHz, which every browser plays. */
    static Call upload(String agentExtension, int seconds, String callerNumber) {
        String nameWord = CatalogFixtures.uniqueWord();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String plate = "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26)) + "Q-" + (100 + random.nextInt(900));
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(2)).minusMinutes(30).truncatedTo(ChronoUnit.SECONDS);
        String metadata = """
                {"callId": "console-it-%s", "startedAt": "%s", "endedAt": "%s", "callerNumber": "%s",
                 "agentExtension": "%s", "serviceLine": "parking-and-fines",
                 "callerProvided": {"name": "Maija %s", "address": "Mannerheimintie 1", "vehicleRegistration": "%s"},
                 "serviceNotes": "Pysäköintivirhemaksu, oikaisuvaatimus", "announcementPlayed": true}
                """.formatted(UUID.randomUUID(), start, start.plusSeconds(seconds), callerNumber, agentExtension, nameWord, plate);
        String id = Recorder.upload(Tokens.forRecorder(), metadata,
                        Wavs.wav(1, 1, 8000, 16, seconds * 16_000, System.nanoTime()))
                .statusCode(201).extract().path("recordingId");
        CatalogFixtures.awaitIndexed(nameWord, List.of(id));
        String supervisor = Tokens.forUser("supervisor1");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                given().auth().oauth2(supervisor).queryParam("purpose", "quality")
                        .head(Stack.ACCESS + "/recordings/" + id + "/audio").statusCode() == 200
                        && given().auth().oauth2(supervisor).get(Stack.RETENTION + "/recordings/" + id + "/hold")
                        .statusCode() == 200);
        return new Call(id, nameWord, plate, callerNumber);
    }

    static Call upload(String agentExtension, int seconds) {
        return upload(agentExtension, seconds, "040 " + SubjectRightsFixtures.subjectDigits());
    }
}
