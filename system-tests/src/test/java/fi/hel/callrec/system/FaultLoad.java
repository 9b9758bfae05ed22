package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;

import fi.hel.callrec.commons.testing.Wavs;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded upload load for the fault tests: {@code clients} telephony clients upload
 * {@code uploads} calls between them, each retrying a failed upload with the same call id and
 * bytes until ingest-service acknowledges it, as the platform does. The fault runs once, when a
 * third of the uploads are acknowledged, while the others go on.
 */
final class FaultLoad {

    /** An acknowledged upload: what the checks look for everywhere. */
    record Acknowledged(String callId, String recordingId, String sha256) {
    }

    /** What a run did: the acknowledged uploads, the failed attempts by answer, and any answer that must never be given. */
    record Outcome(List<Acknowledged> acknowledged, Map<String, Integer> failures, List<String> forbidden, long faultAtNanos) {
    }

    private FaultLoad() {
    }

    static Outcome run(int uploads, int clients, Runnable fault) throws Exception {
        String token = Tokens.forRecorder();
        List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();
        ConcurrentMap<String, Integer> failures = new ConcurrentHashMap<>();
        List<String> forbidden = new CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger();
        long[] faultAt = new long[1];
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        try {
            Future<?> faulting = pool.submit(() -> {
                while (acknowledged.size() < uploads / 3) {
                    sleep(20);
                }
                faultAt[0] = System.nanoTime();
                fault.run();
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < uploads; i = next.getAndIncrement()) {
                        acknowledged.add(uploadUntilAcknowledged(token, i, failures, forbidden));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            faulting.get();
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(List.copyOf(acknowledged), Map.copyOf(failures), List.copyOf(forbidden), faultAt[0]);
    }

    private static Acknowledged uploadUntilAcknowledged(String token, int i, Map<String, Integer> failures, List<String> forbidden)
            throws Exception {
        String callId = "fault-" + UUID.randomUUID();
        String metadata = Recorder.metadata(callId, 1, "1001", "040 333 " + (1000 + i % 9000));
        byte[] wav = Wavs.alaw8k(8_000, i);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            String outcome;
            try {
                Response answer = given().auth().oauth2(token)
                        .multiPart("metadata", "metadata.json", metadata.getBytes(StandardCharsets.UTF_8), "application/json")
                        .multiPart("audio", "call.wav", wav, "audio/wav")
                        .when().post(Stack.INGEST + "/recordings");
                int status = answer.statusCode();
                if (status == 201 || status == 200) {
                    return new Acknowledged(callId, answer.path("recordingId"), sha256(wav));
                }
                String body = answer.asString();
                if (status >= 500 && status != 503 || body.contains("Exception") || body.contains("\tat ")) {
                    forbidden.add(status + ": " + body.substring(0, Math.min(200, body.length())));
                }
                outcome = String.valueOf(status);
            } catch (Exception e) {
                // Refused or cut connections (RestAssured throws the client's IOExceptions unchecked).
                outcome = "no answer";
            }
            failures.merge(outcome, 1, Integer::sum);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("upload " + callId + " not acknowledged within 3 minutes; last: " + outcome);
            }
            sleep(250);
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
