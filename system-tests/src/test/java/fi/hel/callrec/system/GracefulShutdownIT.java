package fi.hel.callrec.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.hel.callrec.commons.testing.Wavs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM during an upload, as Kubernetes stops a pod: the upload in flight still ends with a
 * receipt and its bytes stored, and the process then exits by itself. A second ingest-service is
 * started for this (relay and cleanup off; the running one's relay announces the call).
 */
class GracefulShutdownIT {

    private static final int AUDIO_BYTES = 1_200_000;

    @Test
    void an_upload_in_flight_when_the_service_is_told_to_stop_is_finished() throws Exception {
        try (SecondProcess ingest = SecondProcess.start("ingest-service", List.of(),
                Map.of("CALLREC_OUTBOX_INTERVAL", "off", "CALLREC_INGEST_CLEANUP_INTERVAL", "off"))) {
            ingest.awaitReady();
            byte[] wav = Wavs.alaw8k(AUDIO_BYTES, System.nanoTime());
            String boundary = "callrec-" + UUID.randomUUID();
            String metadata = Recorder.metadata("shutdown-" + UUID.randomUUID(), AUDIO_BYTES / 8000, "1001", "040 123 4567");
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"; filename=\"metadata.json\"\r\n"
                    + "Content-Type: application/json\r\n\r\n" + metadata + "\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"call.wav\"\r\nContent-Type: audio/wav\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(ingest.url() + "/recordings"))
                    .header("Authorization", "Bearer " + Tokens.forRecorder())
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .timeout(Duration.ofSeconds(90))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                            new SequenceInputStream(new ByteArrayInputStream(head), new Slow(wav, 300_000)),
                            new ByteArrayInputStream(tail))))
                    .build();
            CompletableFuture<HttpResponse<String>> upload = HttpClient.newHttpClient()
                    .sendAsync(request, HttpResponse.BodyHandlers.ofString());

            Thread.sleep(1_500); // some of the audio is on its way, most is not
            assertThat(upload).as("the upload is still in flight when SIGTERM comes").isNotDone();
            Integer exit = ingest.terminate(Duration.ofSeconds(45));

            HttpResponse<String> answer = upload.get();
            assertThat(answer.statusCode()).as("answer: %s; service output:%n%s", answer.body(), ingest.output())
                    .isEqualTo(201);
            JsonNode receipt = new ObjectMapper().readTree(answer.body());
            assertThat(Infra.sha256Of(receipt.path("objectKey").asText())).isEqualTo(AccessListener.sha256(wav));
            assertThat(exit).as("the service exits by itself once the upload is done").isNotNull();
        }
    }

    /** The WAV at about {@code bytesPerSecond}, as a slow line sends it. */
    private static final class Slow extends InputStream {

        private final byte[] bytes;
        private final int bytesPerSecond;
        private final long started = System.nanoTime();
        private int position;

        Slow(byte[] bytes, int bytesPerSecond) {
            this.bytes = bytes;
            this.bytesPerSecond = bytesPerSecond;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= bytes.length) {
                return -1;
            }
            long allowed = (System.nanoTime() - started) * bytesPerSecond / 1_000_000_000L + 16_384;
            while (allowed <= position) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                allowed = (System.nanoTime() - started) * bytesPerSecond / 1_000_000_000L + 16_384;
            }
            int n = (int) Math.min(Math.min(length, bytes.length - position), allowed - position);
            System.arraycopy(bytes, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
