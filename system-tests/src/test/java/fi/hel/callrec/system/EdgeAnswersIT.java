package fi.hel.callrec.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests too large for a service, in their request line, headers or body, answer an RFC 9457
 * problem body like every other error, and the request's own values are not echoed back.
 * Sent over a plain socket, so that the test controls exactly what reaches the server.
 */
class EdgeAnswersIT {

    private static final List<String> SERVICES = List.of(Stack.INGEST, Stack.CATALOG, Stack.ACCESS, Stack.RETENTION);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_request_line_over_the_limit_is_414_with_a_problem_body() throws Exception {
        String value = "canary" + "x".repeat(9_000);
        for (String service : SERVICES) {
            Answer answer = send(service, "GET /calls?name=" + value + " HTTP/1.1", "");
            assertProblem(answer, 414, service);
            assertThat(answer.body()).doesNotContain("canary");
        }
    }

    @Test
    void headers_over_the_limit_are_431_with_a_problem_body() throws Exception {
        String header = "X-Padding: canary" + "x".repeat(30_000) + "\r\n";
        for (String service : SERVICES) {
            Answer answer = send(service, "GET /q/health/live HTTP/1.1", header);
            assertProblem(answer, 431, service);
            assertThat(answer.body()).doesNotContain("canary");
        }
    }

    @Test
    void a_body_over_the_limit_is_413_with_a_problem_body_before_it_is_read() throws Exception {
        // 3 GB announced: more than any service takes, ingest-service's uploads included.
        for (String service : SERVICES) {
            Answer answer = send(service, "PUT /recordings/00000000-0000-0000-0000-000000000000/hold HTTP/1.1",
                    "Content-Type: application/json\r\nContent-Length: 3000000000\r\n");
            assertProblem(answer, 413, service);
        }
    }

    @Test
    void requests_within_the_limits_still_pass() throws Exception {
        for (String service : SERVICES) {
            Answer answer = send(service, "GET /q/health/live?x=" + "y".repeat(2_000) + " HTTP/1.1",
                    "X-Padding: " + "z".repeat(10_000) + "\r\n");
            assertThat(answer.status()).as(service).isEqualTo(200);
        }
    }

    private static void assertProblem(Answer answer, int status, String service) throws Exception {
        assertThat(answer.status()).as("%s status; answer:%n%s", service, answer.head()).isEqualTo(status);
        assertThat(answer.head().toLowerCase()).as(service).contains("content-type: application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).as(service).isNotBlank();
    }

    private record Answer(int status, String head, String body) {
    }

    /** Sends one request and reads the answer until the server closes the connection. */
    private static Answer send(String service, String requestLine, String extraHeaders) throws Exception {
        URI uri = URI.create(service);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n" + extraHeaders
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = answer.indexOf("\r\n\r\n");
            assertThat(split).as("%s answered:%n%s", service, answer).isPositive();
            String head = answer.substring(0, split);
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, answer.substring(split + 4));
        }
    }
}
