package fi.hel.callrec.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Sends recordings to ingest-service the way the telephony platform does. */
final class IngestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Calls are answered in Helsinki: the metadata carries the local offset, as the platform's does.
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    record Answer(int status, String body) {
    }

    private final HttpClient http;
    private final URI recordings;

    IngestClient(HttpClient http, String ingestUrl) {
        this.http = http;
        this.recordings = URI.create(ingestUrl.replaceAll("/+$", "") + "/recordings");
    }

    /**
     * Uploads one WAV under a new {@code bench-} call id. The file goes into the body straight from
     * disk, so uploads of any size cost the sender no heap.
     */
    Answer upload(Path wav, long audioBytes, String token, Duration timeout) throws IOException, InterruptedException {
        String boundary = "bench-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + metadata(audioBytes) + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"audio\"; filename=\"call.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(recordings)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.concat(BodyPublishers.ofByteArray(head), BodyPublishers.ofFile(wav),
                        BodyPublishers.ofByteArray(tail)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** A call that ended a minute ago and lasted as long as its audio, so that it is not flagged. */
    private static String metadata(long audioBytes) throws IOException {
        Duration length = Wav.duration(audioBytes);
        OffsetDateTime ended = OffsetDateTime.now(HELSINKI).minusMinutes(1).truncatedTo(ChronoUnit.MILLIS);
        OffsetDateTime started = ended.minus(length);
        ObjectNode m = JSON.createObjectNode();
        m.put("callId", "bench-" + UUID.randomUUID());
        m.put("startedAt", started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        m.put("endedAt", ended.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        m.put("callerNumber", "+358401234567");
        m.put("agentExtension", "1001");
        m.put("serviceLine", "feedback");
        m.put("announcementPlayed", true);
        return JSON.writeValueAsString(m);
    }
}
