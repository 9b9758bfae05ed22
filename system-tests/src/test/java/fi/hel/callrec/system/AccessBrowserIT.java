package fi.hel.callrec.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fi.hel.callrec.commons.testing.Wavs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A real browser plays a recording in an {@code <audio>} element and seeks to its middle.
 *
 * <p>An {@code <audio>} element cannot send a bearer token, so the page is served, as the portal
 * would serve it, by a small backend that adds the user's token to the requests it forwards to
 * access-service, Range headers included. That backend throttles the audio so that the browser
 * has not buffered the middle yet when it seeks, and must ask for it with a range request.
 *
 * <p>Needs headless Chromium: Debian's {@code chromium} package ({@code /usr/bin/chromium}, or the
 * path in {@code CALLREC_CHROMIUM}). Without it the test is skipped and says so.
 */
class AccessBrowserIT {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CALLREC_CHROMIUM", "/usr/bin/chromium"));

    private static final String PAGE = """
            <!doctype html>
            <html><body>
            <audio id="player" preload="auto" src="/audio"></audio>
            <script>
              const a = document.getElementById('player');
              let sought = false;
              const report = r => fetch('/result', {method: 'POST', body: r});
              a.addEventListener('error', () => report('error ' + (a.error ? a.error.code + ' ' + a.error.message : '')));
              a.addEventListener('loadedmetadata', () => { sought = true; a.currentTime = a.duration / 2; });
              a.addEventListener('seeked', () => a.play().catch(e => report('play-failed ' + e)));
              a.addEventListener('timeupdate', () => {
                if (sought && a.currentTime > a.duration / 2 + 0.5) report('playing-at ' + a.currentTime + ' of ' + a.duration);
              });
            </script>
            </body></html>
            """;

    /** A request the browser made for the audio, and what access-service answered. */
    record Seen(String range, int status) {
    }

    @Test
    void a_browser_plays_and_seeks_with_range_requests() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "headless Chromium is not installed (" + CHROMIUM + "): install Debian's 'chromium' package "
                        + "(apt-get install -y chromium) or set CALLREC_CHROMIUM to run this test");

        // Ten minutes of 16-bit PCM at 8 kHz (9.6 MB): a format every browser decodes.
        AccessListener.Uploaded call = AccessListener.upload("1001", Wavs.wav(1, 1, 8000, 16, 9_600_000, System.nanoTime()), 600);
        String token = Tokens.forUser("supervisor1");
        List<Seen> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<String> result = new CompletableFuture<>();
        HttpClient http = HttpClient.newHttpClient();

        HttpServer portal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        portal.setExecutor(Executors.newCachedThreadPool());
        portal.createContext("/", exchange -> respond(exchange, 200, "text/html", PAGE.getBytes(StandardCharsets.UTF_8)));
        portal.createContext("/result", exchange -> {
            result.complete(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(exchange, 204, null, null);
        });
        portal.createContext("/audio", exchange -> forward(exchange, http, call.id(), token, seen));
        portal.start();
        Process browser = null;
        Path profile = Files.createTempDirectory("access-chromium");
        try {
            String page = "http://127.0.0.1:" + portal.getAddress().getPort() + "/";
            browser = new ProcessBuilder(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--mute-audio", "--autoplay-policy=no-user-gesture-required", "--no-first-run",
                    "--user-data-dir=" + profile, page)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String outcome = result.get(90, TimeUnit.SECONDS);

            assertThat(outcome).startsWith("playing-at");
            assertThat(seen).as("requests the browser made").isNotEmpty();
            assertThat(seen).extracting(Seen::status).allMatch(s -> s == 200 || s == 206);
            long middle = call.wav().length / 2;
            assertThat(seen).as("a range request for the middle, answered 206")
                    .anyMatch(s -> s.status() == 206 && s.range() != null && startOf(s.range()) > middle / 2);
        } finally {
            if (browser != null) {
                browser.destroy();
                if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                    browser.destroyForcibly();
                }
            }
            portal.stop(0);
            Trees.delete(profile);
        }
    }

    /** The portal backend: the browser's request with the user's token added, and the answer streamed back slowly. */
    private static void forward(HttpExchange exchange, HttpClient http, String id, String token, List<Seen> seen) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(AccessListener.audio(id) + "?purpose=training"))
                .header("Authorization", "Bearer " + token);
        for (String name : List.of("Range", "If-Range", "If-None-Match")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        seen.add(new Seen(range, answer.statusCode()));
        for (String name : List.of("Content-Type", "Content-Range", "Accept-Ranges", "ETag", "Content-Disposition")) {
            answer.headers().firstValue(name).ifPresent(v -> exchange.getResponseHeaders().set(name, v));
        }
        long length = answer.headers().firstValueAsLong("Content-Length").orElse(0);
        exchange.sendResponseHeaders(answer.statusCode(), length == 0 ? -1 : length);
        try (InputStream in = answer.body(); OutputStream out = exchange.getResponseBody()) {
            byte[] buffer = new byte[32 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                // About 1.5 MB/s: the middle is not buffered by the time the page seeks to it.
                Thread.sleep(20);
            }
        } catch (IOException | InterruptedException browserMovedOn) {
            // A player drops a request when it seeks; that is part of what is tested, not a failure.
        } finally {
            exchange.close();
        }
    }

    private static long startOf(String range) {
        String spec = range.replaceFirst("^bytes=", "");
        return spec.startsWith("-") ? Long.MAX_VALUE : Long.parseLong(spec.substring(0, spec.indexOf('-')));
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, body == null ? -1 : body.length);
        if (body != null) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
