package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The telephony platform: sends recordings to the running ingest-service with its own token. */
final class Recorder {

    private Recorder() {
    }

    static String metadata(String callId, int seconds, String agentExtension, String callerNumber) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(2)).minusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
        return """
                {"callId": "%s", "startedAt": "%s", "endedAt": "%s", "callerNumber": "%s",
                 "agentExtension": "%s", "serviceLine": "parking-permits",
                 "callerProvided": {"name": "Maija Mehiläinen", "vehicleRegistration": "XYZ-789"},
                 "serviceNotes": "Resident parking permit renewal", "announcementPlayed": true}
                """.formatted(callId, start, start.plusSeconds(seconds), callerNumber, agentExtension);
    }

    static ValidatableResponse upload(String token, String metadata, byte[] wav) {
        var request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request
                .multiPart("metadata", "metadata.json", metadata.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json")
                .multiPart("audio", "call.wav", wav, "audio/wav")
                .when().post(Stack.INGEST + "/recordings")
                .then();
    }
}
