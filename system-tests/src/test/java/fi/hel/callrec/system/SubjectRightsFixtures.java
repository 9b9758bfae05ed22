package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;

import fi.hel.callrec.commons.testing.Wavs;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Calls of one data subject sent through ingest, and the manager's requests about them. */
final class SubjectRightsFixtures {

    private SubjectRightsFixtures() {
    }

    /** A mobile number no other run uses, as seven digits after 040. */
    static String subjectDigits() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
    }

    /** Uploads a call from this number (any spelling) through the running ingest-service; returns its recording id. */
    static String upload(String callerNumber, String callerName, int minutesAgo) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(2)).minusMinutes(minutesAgo)
                .truncatedTo(ChronoUnit.SECONDS);
        String metadata = """
                {"callId": "subject-rights-it-%s", "startedAt": "%s", "endedAt": "%s", "callerNumber": "%s",
                 "agentExtension": "1001", "serviceLine": "parking-permits",
                 "callerProvided": {"name": "%s", "address": "Mannerheimintie 1"},
                 "serviceNotes": "Asukaspysäköintitunnuksen uusiminen", "announcementPlayed": true}
                """.formatted(UUID.randomUUID(), start, start.plusSeconds(2), callerNumber, callerName);
        return Recorder.upload(Tokens.forRecorder(), metadata, Wavs.alaw8k(16_000, System.nanoTime()))
                .statusCode(201).extract().path("recordingId");
    }

    static Response registerRequest(String token, String number) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"subjectNumber": "%s", "subjectName": "Aino Ähtäri", "channel": "in-person",
                 "identityVerifiedBy": "manager1", "identityVerifiedHow": "driving licence",
                 "receivedOn": "%s"}
                """.formatted(number, java.time.LocalDate.now(java.time.ZoneId.of("Europe/Helsinki"))))
                .when().post(Stack.CATALOG + "/subject-access-requests");
    }

    static Response report(String token, String requestId, String accept, String lang) {
        return given().auth().oauth2(token).accept(accept).queryParam("lang", lang)
                .when().get(Stack.CATALOG + "/subject-access-requests/" + requestId + "/report");
    }

    static Response rectify(String token, String recordingId, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(Stack.CATALOG + "/calls/" + recordingId + "/rectifications");
    }

    static Response decide(String token, String rectificationId, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(Stack.CATALOG + "/rectifications/" + rectificationId + "/decision");
    }

    static String pdfText(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
