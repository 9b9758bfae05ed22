package fi.hel.callrec.ingest.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.hel.callrec.commons.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartStreamTest {

    private static final String TYPE = "multipart/form-data; boundary=b0und4ry";
    private static final byte[] META = "{\"callId\":\"c-1\"}".getBytes(StandardCharsets.UTF_8);

    /** Reads a body whose parts have the given contents, at most {@code chunk} bytes per read of the request. */
    private static List<byte[]> parts(String type, byte[] body, int chunk) throws IOException {
        MultipartStream stream = MultipartStream.of(type, new Chunked(body, chunk));
        List<byte[]> contents = new ArrayList<>();
        for (MultipartStream.Part part = stream.next(); part != null; part = stream.next()) {
            contents.add(part.body().readAllBytes());
        }
        return contents;
    }

    private static byte[] body(String boundary, byte[]... contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < contents.length; i++) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"p" + i
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(contents[i]);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "{0} byte(s) per read")
    @ValueSource(ints = {1, 2, 3, 7, 13, 64, 4096, 100_000})
    void parts_come_out_exactly_however_the_body_is_cut(int chunk) throws IOException {
        // Bytes that look like the delimiter's beginning, or the boundary without its CRLF, are data.
        byte[] tricky = ascii("\r\n--b0und4r\r\n-\r\n--b0und4\r--b0und4ry\n--b0und4ry\r\n--\r\n-- b0und4ry\r\n");
        byte[] audio = new byte[150_000];
        new Random(7).nextBytes(audio);
        List<byte[]> read = parts(TYPE, body("b0und4ry", META, tricky, audio, new byte[0]), chunk);
        assertEquals(4, read.size());
        assertArrayEquals(META, read.get(0));
        assertArrayEquals(tricky, read.get(1));
        assertArrayEquals(audio, read.get(2));
        assertArrayEquals(new byte[0], read.get(3));
    }

    @Test
    void random_bodies_with_delimiter_fragments_come_out_exactly() throws IOException {
        Random random = new Random(42);
        byte[] delimiter = ascii("\r\n--b0und4ry");
        for (int round = 0; round < 300; round++) {
            byte[][] contents = new byte[1 + random.nextInt(3)][];
            for (int p = 0; p < contents.length; p++) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                int pieces = random.nextInt(20);
                for (int i = 0; i < pieces; i++) {
                    byte[] noise = new byte[random.nextInt(200)];
                    random.nextBytes(noise);
                    content.writeBytes(noise);
                    // Every proper prefix of the delimiter, never the whole of it.
                    content.write(delimiter, 0, random.nextInt(delimiter.length));
                }
                contents[p] = content.toByteArray();
            }
            byte[] body = body("b0und4ry", contents);
            if (countOf(body, delimiter) != contents.length) {
                continue; // the noise made a real delimiter: not a body a client may send
            }
            List<byte[]> read = parts(TYPE, body, 1 + random.nextInt(300));
            assertEquals(contents.length, read.size(), "round " + round);
            for (int p = 0; p < contents.length; p++) {
                assertArrayEquals(contents[p], read.get(p), "round " + round + " part " + p);
            }
        }
    }

    @Test
    void names_types_preamble_epilogue_and_padding() throws IOException {
        byte[] body = ascii("This is the preamble.\r\n--xyz  \t\r\n"
                + "content-disposition: form-data; name=\"meta\\\"data\"; filename=\"a;b.json\"\r\n"
                + "CONTENT-TYPE: application/json\r\n\r\n{}\r\n"
                + "--xyz\r\nContent-Disposition: form-data; name=audio\r\n\r\nRIFF\r\n"
                + "--xyz--\r\nThis is the epilogue, --xyz\r\n");
        MultipartStream stream = MultipartStream.of("multipart/form-data; charset=utf-8; boundary=\"xyz\"",
                new ByteArrayInputStream(body));
        MultipartStream.Part meta = stream.next();
        assertEquals("meta\"data", meta.name());
        assertEquals("application/json", meta.contentType());
        assertArrayEquals(ascii("{}"), meta.body().readAllBytes());
        MultipartStream.Part audio = stream.next();
        assertEquals("audio", audio.name());
        assertNull(audio.contentType());
        assertArrayEquals(ascii("RIFF"), audio.body().readAllBytes());
        assertNull(stream.next());
        assertNull(stream.next());
    }

    @Test
    void a_part_left_unread_is_skipped_and_no_longer_readable() throws IOException {
        byte[] audio = new byte[200_000];
        new Random(3).nextBytes(audio);
        MultipartStream stream = MultipartStream.of(TYPE, new Chunked(body("b0und4ry", audio, META), 5000));
        MultipartStream.Part first = stream.next();
        assertTrue(first.body().read() >= 0);
        MultipartStream.Part second = stream.next();
        assertEquals(-1, first.body().read());
        assertArrayEquals(META, second.body().readAllBytes());
        assertNull(stream.next());
    }

    @Test
    void a_body_cut_short_is_an_end_of_file_in_the_part_or_between_parts() throws IOException {
        byte[] whole = body("b0und4ry", META, new byte[10_000]);
        byte[] inAudio = Arrays.copyOf(whole, whole.length - 5_000);
        MultipartStream stream = MultipartStream.of(TYPE, new ByteArrayInputStream(inAudio));
        stream.next().body().readAllBytes();
        InputStream audio = stream.next().body();
        assertThrows(EOFException.class, audio::readAllBytes);

        byte[] noClose = Arrays.copyOf(whole, whole.length - "--\r\n".length());
        MultipartStream open = MultipartStream.of(TYPE, new ByteArrayInputStream(noClose));
        open.next().body().readAllBytes();
        open.next().body().readAllBytes();
        assertThrows(EOFException.class, open::next);

        assertThrows(EOFException.class, () -> MultipartStream.of(TYPE, new ByteArrayInputStream(new byte[0])).next());
        assertThrows(EOFException.class, () -> MultipartStream.of(TYPE, new ByteArrayInputStream(ascii("no delimiter at all"))).next());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "--b0und4ryX\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--b0und4ry--\r\n",
        "--b0und4ry\r\nContent-Disposition form-data\r\n\r\nx\r\n--b0und4ry--\r\n",
        "--b0und4ry\r\nContent-Type: text/plain\r\n\r\nx\r\n--b0und4ry--\r\n",
        "--b0und4ry\r\nContent-Disposition: attachment; name=a\r\n\r\nx\r\n--b0und4ry--\r\n",
        "--b0und4ry\r\nContent-Disposition: form-data; name=a\n\nx\r\n--b0und4ry--\r\n",
    })
    void broken_syntax_is_a_problem_400_that_says_what(String body) {
        ProblemException e = assertThrows(ProblemException.class, () -> parts(TYPE, ascii(body), 3));
        assertEquals(400, e.problem().status());
        assertTrue(e.problem().detail().startsWith("The multipart body is malformed: "), e.problem().detail());
    }

    @Test
    void headers_longer_than_the_limit_are_refused_before_they_fill_memory() {
        String huge = "--b0und4ry\r\nContent-Disposition: form-data; name=a\r\nX-Filler: " + "f".repeat(20_000) + "\r\n\r\n";
        ProblemException e = assertThrows(ProblemException.class, () -> parts(TYPE, ascii(huge), 4096));
        assertTrue(e.problem().detail().contains("headers are longer than"), e.problem().detail());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "audio/wav", "multipart/form-data", "multipart/form-data; boundary=", "not a type"})
    void a_content_type_without_a_boundary_is_a_problem_400(String type) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> MultipartStream.of(type, new ByteArrayInputStream(new byte[0])));
        assertEquals(400, e.problem().status());
        assertTrue(e.problem().detail().contains("boundary"), e.problem().detail());
    }

    @Test
    void a_boundary_far_longer_than_the_standard_allows_is_refused() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> MultipartStream.of("multipart/form-data; boundary=" + "b".repeat(201), new ByteArrayInputStream(new byte[0])));
        assertEquals(400, e.problem().status());
    }

    @Test
    void header_parameters_are_read_as_clients_write_them() {
        assertEquals(Map.of("", "form-data", "name", "audio", "filename", "call; 1.wav"),
                MultipartStream.parameters("form-data; NAME=\"audio\" ;filename=\"call; 1.wav\""));
        assertEquals(Map.of("", "form-data", "name", "a"), MultipartStream.parameters("form-data;name=a;;junk"));
        assertEquals(Map.of("", "form-data"), MultipartStream.parameters("form-data"));
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int countOf(byte[] data, byte[] pattern) {
        int count = 0;
        for (int i = indexOf(data, pattern, 0); i >= 0; i = indexOf(data, pattern, i + 1)) {
            count++;
        }
        return count;
    }

    /** A request body that arrives a few bytes at a time, as a network hands it over. */
    private static final class Chunked extends FilterInputStream {
        private final int chunk;

        Chunked(byte[] body, int chunk) {
            super(new ByteArrayInputStream(body));
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
