package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.EventJson;
import fi.hel.callrec.events.Topics;
import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults under a bounded upload load, against the running stack: kill -9 of each service, the
 * Kafka broker and the S3 server, each restarted by {@code local/up}; and ingest-service's database
 * connections terminated. After each, every acknowledged upload has one receipt, one intact
 * object, a catalog row, an access projection and a retention row; no pending upload and no object
 * without a receipt is left; no answer was a 500 or carried a stack trace; repeated events on the
 * topic are counted. One report row per fault goes to {@code target/faults-report.md}.
 */
class FaultsIT {

    private static final int UPLOADS = Integer.getInteger("callrec.it.faults.uploads", 40);
    private static final int CLIENTS = 4;
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    private static final Map<String, String> REPORT = new TreeMap<>();
    private static final java.util.regex.Pattern RECORDING_KEY =
            java.util.regex.Pattern.compile("recordings/\\d{4}/\\d{2}/\\d{2}/[0-9a-f-]{36}\\.wav");

    @ParameterizedTest(name = "kill -9 {0}")
    @ValueSource(strings = {"ingest-service", "catalog-service", "access-service", "retention-service", "kafka", "s3proxy"})
    void every_acknowledged_upload_survives_a_kill(String part) throws Exception {
        check("kill -9 " + part, () -> {
            kill9(part);
            Infra.local("up");
        });
    }

    @Test
    void every_acknowledged_upload_survives_its_database_connections_cut() throws Exception {
        check("ingest's PostgreSQL connections terminated ×5", () -> {
            for (int i = 0; i < 5; i++) {
                try (Connection db = Infra.ingestDb(); PreparedStatement cut = db.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'callrec_ingest'"
                                + " AND datname = 'callrec_ingest' AND pid <> pg_backend_pid()")) {
                    cut.execute();
                }
                Thread.sleep(300);
            }
        });
    }

    @AfterAll
    static void report() throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "| fault | uploads acknowledged | failed attempts by answer | recovery | lost | duplicated events | objects without receipt: at first / left |",
                "|---|---|---|---|---|---|---|"));
        lines.addAll(REPORT.values());
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "faults-report.md"), lines);
        lines.forEach(System.out::println);
    }

    interface Fault {
        void inject() throws Exception;
    }

    private static void check(String name, Fault fault) throws Exception {
        Instant since = Instant.now().minusSeconds(2);
        List<String> ids = new ArrayList<>();
        FaultLoad.Outcome run;
        try (Infra.TopicReader topic = new Infra.TopicReader(Topics.CALL_RECORDED)) {
            run = FaultLoad.run(UPLOADS, CLIENTS, () -> {
                try {
                    fault.inject();
                } catch (Exception e) {
                    throw new IllegalStateException(name + " could not be done", e);
                }
            });
            run.acknowledged().forEach(a -> ids.add(a.recordingId()));
            long consistent = awaitEverywhere(run.acknowledged());
            List<ConsumerRecord<String, byte[]>> events = topic.awaitKeys(ids, Duration.ofSeconds(60));
            events.addAll(topic.drain(ids, Duration.ofSeconds(2)));
            long duplicated = events.size() - events.stream().map(r -> EventJson.read(r.value(), CallRecorded.class).eventId())
                    .distinct().count();
            List<String> lost = lostUploads(run.acknowledged());
            List<String> orphansFirst = orphans(since);
            awaitNoPendingUploads();
            List<String> orphansLeft = orphans(since);
            REPORT.put(name, "| " + name + " | " + run.acknowledged().size() + " | " + run.failures() + " | "
                    + String.format("%.1f s", (consistent - run.faultAtNanos()) / 1e9) + " | " + lost.size() + " | "
                    + duplicated + " | " + orphansFirst.size() + " / " + orphansLeft.size() + " |");

            assertThat(run.acknowledged()).as("every upload acknowledged once").hasSize(UPLOADS);
            assertThat(run.forbidden()).as("answers that were a 500 or carried a stack trace").isEmpty();
            assertThat(lost).as("acknowledged uploads without exactly one receipt or their bytes").isEmpty();
            assertThat(events.stream().map(ConsumerRecord::key).distinct().toList()).as("an event for each")
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(orphansLeft).as("objects no receipt knows, once the failed uploads are settled").isEmpty();
        }
    }

    /** Waits until the catalog, access-service and retention-service all know every upload; returns when. */
    private static long awaitEverywhere(List<FaultLoad.Acknowledged> uploads) {
        String supervisor = Tokens.forUser("supervisor1");
        Set<String> known = new HashSet<>();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).ignoreExceptionsInstanceOf(ConnectException.class)
                .until(() -> {
                    for (FaultLoad.Acknowledged a : uploads) {
                        if (!known.contains(a.recordingId())
                                && given().auth().oauth2(supervisor).get(Stack.CATALOG + "/calls/" + a.recordingId()).statusCode() == 200
                                && given().auth().oauth2(supervisor).queryParam("purpose", "quality")
                                .head(Stack.ACCESS + "/recordings/" + a.recordingId() + "/audio").statusCode() == 200
                                && given().auth().oauth2(supervisor).get(Stack.RETENTION + "/recordings/" + a.recordingId() + "/hold")
                                .statusCode() == 200) {
                            known.add(a.recordingId());
                        }
                    }
                    return known.size() == uploads.size();
                });
        return System.nanoTime();
    }

    /** Uploads without exactly one receipt of their call, naming their recording, or whose object lost its bytes. */
    private static List<String> lostUploads(List<FaultLoad.Acknowledged> uploads) throws Exception {
        List<String> lost = new ArrayList<>();
        try (Connection db = Infra.ingestDb(); PreparedStatement receipts = db.prepareStatement(
                "SELECT id::text, object_key FROM recording WHERE call_id = ?")) {
            for (FaultLoad.Acknowledged a : uploads) {
                receipts.setString(1, a.callId());
                List<String[]> rows = new ArrayList<>();
                try (ResultSet row = receipts.executeQuery()) {
                    while (row.next()) {
                        rows.add(new String[] {row.getString(1), row.getString(2)});
                    }
                }
                if (rows.size() != 1 || !rows.get(0)[0].equals(a.recordingId()) || !a.sha256().equals(Infra.sha256Of(rows.get(0)[1]))) {
                    lost.add(a.callId());
                }
            }
        }
        return lost;
    }

    /**
     * Recordings written since the run began that no receipt names. Only keys of recordings count:
     * S3Proxy's filesystem store, killed while writing, leaves its temporary file ({@code <key>-<uuid>})
     * in the listing, which a real S3 store does not.
     */
    private static List<String> orphans(Instant since) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> result : Infra.S3.listObjects(ListObjectsArgs.builder().bucket(Infra.BUCKET).prefix("recordings/")
                .recursive(true).build())) {
            Item item = result.get();
            if (!item.lastModified().toInstant().isBefore(since) && RECORDING_KEY.matcher(item.objectName()).matches()) {
                keys.add(item.objectName());
            }
        }
        List<String> orphans = new ArrayList<>();
        try (Connection db = Infra.ingestDb(); PreparedStatement receipt = db.prepareStatement("SELECT 1 FROM recording WHERE object_key = ?")) {
            for (String key : keys) {
                receipt.setString(1, key);
                try (ResultSet row = receipt.executeQuery()) {
                    if (!row.next()) {
                        orphans.add(key);
                    }
                }
            }
        }
        return orphans;
    }

    private static void awaitNoPendingUploads() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            try (Connection db = Infra.ingestDb(); PreparedStatement count = db.prepareStatement("SELECT count(*) FROM pending_upload");
                    ResultSet row = count.executeQuery()) {
                row.next();
                assertThat(row.getLong(1)).as("pending uploads left").isZero();
            }
        });
    }

    /** SIGKILL to the part's process group (local/up starts each part in its own session), then waits for it to be gone. */
    private static void kill9(String part) throws Exception {
        long pid = Long.parseLong(Files.readString(ROOT.resolve(".local/pid/" + part + ".pid")).strip());
        new ProcessBuilder("kill", "-9", "--", "-" + pid).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }
}
