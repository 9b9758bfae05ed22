package fi.hel.callrec.ingest.rest;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds upload requests as the telephony platform sends them. */
final class Uploads {

    private Uploads() {
    }

    /** Valid metadata for a call of the given length starting at the given time. */
    static Map<String, Object> metadata(String callId, OffsetDateTime startedAt, int seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callId", callId);
        m.put("startedAt", startedAt.toString());
        m.put("endedAt", startedAt.plusSeconds(seconds).toString());
        m.put("callerNumber", "040 123 4567");
        m.put("agentExtension", "1001");
        m.put("serviceLine", "parking-and-fines");
        m.put("callerProvided", Map.of("name", "Matti Meikäläinen", "vehicleRegistration", "ABC-123"));
        m.put("serviceNotes", "Asked about a parking fine, case HEL-2026-42");
        m.put("announcementPlayed", true);
        return m;
    }

    static ValidatableResponse post(String metadataJson, byte[] audio, String audioType) {
        var request = given();
        if (metadataJson != null) {
            request = request.multiPart("metadata", "metadata.json", metadataJson.getBytes(StandardCharsets.UTF_8), "application/json");
        }
        if (audio != null) {
            request = request.multiPart("audio", "call.wav", audio, audioType);
        }
        return request.when().post("/recordings").then();
    }

    /** Audio first, metadata after it: the order this service refuses, because it stores the audio as it arrives. */
    static ValidatableResponse postAudioFirst(String metadataJson, byte[] audio) {
        return given()
                .multiPart("audio", "call.wav", audio, "audio/wav")
                .multiPart("metadata", "metadata.json", metadataJson.getBytes(StandardCharsets.UTF_8), "application/json")
                .when().post("/recordings").then();
    }

    /** A multipart body written by hand, for bodies no client library would produce. */
    static ValidatableResponse postRaw(String boundary, byte[] body) {
        return given()
                .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("multipart/form-data; boundary=" + boundary)
                .body(body)
                .when().post("/recordings").then();
    }

    /** The bytes of a well-formed body with the metadata and then the audio part, ending with the closing boundary. */
    static byte[] body(String boundary, String metadataJson, byte[] audio) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head(boundary, metadataJson));
        out.writeBytes(audio);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Everything of a body before the first audio byte. */
    static byte[] head(String boundary, String metadataJson) {
        return ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + metadataJson + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"audio\"; filename=\"call.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static String json(Map<String, Object> metadata) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(metadata);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
