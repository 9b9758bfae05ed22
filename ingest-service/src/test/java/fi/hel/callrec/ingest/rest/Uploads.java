package fi.hel.callrec.ingest.rest;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
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
            request = request.multiPart("metadata", "metadata.json", metadataJson.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
        }
        if (audio != null) {
            request = request.multiPart("audio", "call.wav", audio, audioType);
        }
        return request.when().post("/recordings").then();
    }

    static String json(Map<String, Object> metadata) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(metadata);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
