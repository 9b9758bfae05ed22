package fi.hel.callrec.access.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.access.audit.AuditEntry;
import fi.hel.callrec.access.Fixtures;
import fi.hel.callrec.access.StoreStub;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How a read ends when the store misbehaves after it has begun to answer, which the real store
 * cannot be made to do: a store that cuts its answer short, one that falls silent, and one that
 * closes a kept-alive connection as the next request arrives; and a listener who stops reading. The store here is a bare socket
 * server speaking just enough HTTP; everything else (tokens, database, audit) is real.
 */
@QuarkusTest
@TestProfile(StoreFailuresTest.MisbehavingStore.class)
class StoreFailuresTest {

    private static final int SIZE = 100_000;
    private static final int CUT_AFTER = 30_000;
    /** More than the loopback's socket buffers hold, so a listener who stops reading holds the service up. */
    private static final int BIG = 64_000_000;

    @Test
    void a_store_that_ends_early_cuts_the_listener_off_and_is_audited_as_short() throws Exception {
        UUID id = recording("short", SIZE);
        Cut cut = readToTheEnd(id);
        assertThat(cut.body()).isEqualTo(CUT_AFTER);
        assertThat(cut.body()).isLessThan(SIZE);
        assertThat(audit(id)).containsExactly("access 200 sent " + SIZE, "interrupted 200 store-short " + CUT_AFTER);
    }

    @Test
    void a_store_that_falls_silent_is_given_up_after_the_store_timeout() throws Exception {
        UUID id = recording("silent", SIZE);
        Cut cut = readToTheEnd(id);
        assertThat(cut.body()).isEqualTo(CUT_AFTER);
        assertThat(audit(id)).containsExactly("access 200 sent " + SIZE, "interrupted 200 store-failed " + CUT_AFTER);
    }

    @Test
    void a_listener_who_stops_reading_is_cut_off_after_the_store_timeout() throws Exception {
        UUID id = recording("big", BIG);
        try (Socket socket = listen(id)) {
            InputStream in = socket.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 200");
            in.readNBytes(64 * 1024);
            // The player pauses: nothing is read for longer than the store timeout (1 s here).
            Thread.sleep(3_000);
        }
        List<String> entries = audit(id);
        assertThat(entries).hasSize(2);
        assertThat(entries.get(1)).startsWith("interrupted 200 client-stalled ");
        long sent = Long.parseLong(entries.get(1).substring(entries.get(1).lastIndexOf(' ') + 1));
        assertThat(sent).isBetween(64L * 1024, BIG - 1L);
    }

    @Test
    void a_kept_connection_the_store_has_closed_is_replaced_without_the_listener_noticing() throws Exception {
        UUID id = recording("once", 5_000);
        int before = FakeStore.INSTANCE.closedUnanswered.get();
        // More reads than the service has event loops, each with its own pool: some loop reuses a connection.
        for (int i = 0; i < 12; i++) {
            byte[] body = given().auth().oauth2(Fixtures.token("supervisor1")).queryParam("purpose", "quality")
                    .get("/recordings/" + id + "/audio").then().statusCode(200).extract().asByteArray();
            assertThat(body).hasSize(5_000).containsOnly((byte) 'a');
        }
        assertThat(FakeStore.INSTANCE.closedUnanswered.get()).isGreaterThan(before);
    }

    private record Cut(String head, int body) {
    }

    /** Asks for the whole recording on a raw socket. */
    private static Socket listen(UUID id) throws IOException {
        Socket socket = new Socket(RestAssured.baseURI.replace("http://", ""), RestAssured.port);
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /recordings/" + id + "/audio?purpose=quality HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + Fixtures.token("supervisor1") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Reads a whole answer off a raw socket: the head, then the body until the service closes the connection. */
    private static Cut readToTheEnd(UUID id) throws IOException {
        try (Socket socket = listen(id)) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200").contains("content-length: " + SIZE);
            int body = 0;
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    body += n;
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the service kept the listener waiting after " + body + " bytes", e);
            } catch (IOException reset) {
                // A reset is as good as a close: either tells the listener the body is incomplete.
            }
            return new Cut(head, body);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("no answer: " + head);
            }
            head.append((char) b);
        }
        return head.toString().toLowerCase().replace("http/1.1", "HTTP/1.1");
    }

    private static UUID recording(String behaviour, int size) {
        return Fixtures.projected("recordings/" + behaviour + "/{id}.wav", size);
    }

    private static List<String> audit(UUID id) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(
                () -> QuarkusTransaction.requiringNew().call(() ->
                                AuditEntry.<AuditEntry>list("recordingId = ?1 order by seq", id.toString())).stream()
                        .map(e -> e.kind + " " + e.status + " " + e.outcome + " " + e.bytes).toList(),
                entries -> entries.size() >= 2);
    }

    /** The service with its store at {@link FakeStore}, and a short silence limit. */
    public static class MisbehavingStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callrec.s3.endpoint", "http://127.0.0.1:" + FakeStore.INSTANCE.port(),
                    "callrec.access.store-timeout", "PT1S");
        }
    }

    /**
     * Answers every GET with status 206 and the Content-Length of the recording the key names:
     * "short" sends 30,000 bytes and closes; "silent" sends 30,000 bytes and then nothing; "big"
     * sends 64 MB as fast as it is read; "once" sends the whole body, and closes its connection
     * when a second request comes on it.
     */
    static final class FakeStore {
        static final FakeStore INSTANCE = new FakeStore();

        final AtomicInteger closedUnanswered = new AtomicInteger();
        private final StoreStub stub;

        private FakeStore() {
            try {
                stub = new StoreStub(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), this::answer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return stub.port();
        }

        private boolean answer(String target, int request, OutputStream out) throws IOException, InterruptedException {
            if (target.contains("/once/")) {
                if (request > 1) {
                    closedUnanswered.incrementAndGet();
                    return false;
                }
                StoreStub.answer206(out, 5_000, 5_000, (byte) 'a');
                return true;
            } else if (target.contains("/short/")) {
                StoreStub.answer206(out, SIZE, CUT_AFTER, (byte) 'a');
            } else if (target.contains("/big/")) {
                StoreStub.answer206(out, BIG, BIG, (byte) 'a');
            } else if (target.contains("/silent/")) {
                StoreStub.answer206(out, SIZE, CUT_AFTER, (byte) 'a');
                Thread.sleep(10_000);
            }
            return false;
        }
    }
}
