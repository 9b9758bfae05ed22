package fi.hel.callrec.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Sends recordings to ingest-service the way the telephony platform does. */
final class IngestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Calls are answered in Helsinki: the metadata carries the local offset, as the platform's does.
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    record Answer(int status, String body) {
    }

    /*
     * OkHttp, the HTTP client inside the MinIO client that makes the direct PUTs: the ratio then
     * compares the service with the store, not two client libraries.
     */
    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofMinutes(10)).writeTimeout(Duration.ofMinutes(10))
            .build();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final MediaType WAV_TYPE = MediaType.get("audio/wav");

    private final String recordings;

    IngestClient(String ingestUrl) {
        this.recordings = ingestUrl.replaceAll("/+$", "") + "/recordings";
    }

    /**
     * Uploads one WAV under a new {@code bench-} call id, metadata first. The file goes into the
     * body straight from disk, so uploads of any size cost the sender no heap.
     */
    Answer upload(Path wav, long audioBytes, String token, Duration timeout) throws IOException {
        MultipartBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("metadata", null, RequestBody.create(metadata(audioBytes), JSON_TYPE))
                .addFormDataPart("audio", "call.wav", RequestBody.create(wav.toFile(), WAV_TYPE))
                .build();
        Request request = new Request.Builder().url(recordings)
                .header("Authorization", "Bearer " + token)
                .post(body)
                .build();
        try (Response response = HTTP.newBuilder().callTimeout(timeout).build().newCall(request).execute()) {
            return new Answer(response.code(), response.body().string());
        }
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
