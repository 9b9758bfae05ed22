package fi.hel.callrec.ingest.rest;

import fi.hel.callrec.commons.problem.ProblemException;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a {@code multipart/form-data} body (RFC 7578, RFC 2046 5.1) as they arrive, each a
 * stream: nothing is spooled to disk or held beyond one buffer. Every audio byte passes the search
 * for the next delimiter, so the search skips (Boyer-Moore-Horspool) instead of comparing each byte.
 */
final class MultipartStream {

    /** One part: its form field name, its Content-Type (null when not sent) and its body. */
    record Part(String name, String contentType, InputStream body) {
    }

    /** RFC 2046 allows 70 characters; a little more is tolerated, far more is not a boundary. */
    private static final int MAX_BOUNDARY = 200;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DASH = '-';
    /** {@code ;name=value} or {@code ;name="quoted"}, where a backslash escapes the next character. */
    private static final Pattern PARAMETER =
            Pattern.compile(";\\s*([^;=\\s]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"?|([^;]*))");

    private final InputStream in;
    /** CRLF "--" boundary: the delimiter that ends every part's body (RFC 2046). */
    private final byte[] delimiter;
    /** How far the search may move on when the delimiter's last position holds a given byte. */
    private final int[] skip = new int[256];
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int head;
    private int tail;
    /** Bytes before this index are known to belong to the current body: no delimiter starts there. */
    private int bodyEnd;
    private boolean bodyDone;
    private boolean closed;
    private PartBody current;

    private MultipartStream(InputStream in, byte[] boundary) {
        this.in = in;
        this.delimiter = new byte[boundary.length + 4];
        delimiter[0] = CR;
        delimiter[1] = LF;
        delimiter[2] = DASH;
        delimiter[3] = DASH;
        System.arraycopy(boundary, 0, delimiter, 4, boundary.length);
        Arrays.fill(skip, delimiter.length);
        for (int i = 0; i < delimiter.length - 1; i++) {
            skip[delimiter[i] & 0xff] = delimiter.length - 1 - i;
        }
        // A CRLF in front lets the one search find a first delimiter that opens the body (no preamble).
        buffer[0] = CR;
        buffer[1] = LF;
        tail = 2;
        current = new PartBody();
    }

    /** @throws ProblemException 400 when the Content-Type is not multipart or names no usable boundary */
    static MultipartStream of(String contentType, InputStream body) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null || !"multipart".equalsIgnoreCase(type.getType())) {
            throw new ProblemException(400, "The request is not multipart/form-data with a boundary: Content-Type is '"
                    + contentType + "'.");
        }
        String boundary = type.getParameters().get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
            throw new ProblemException(400, "The request is not multipart/form-data with a boundary: the Content-Type "
                    + "needs a boundary parameter of 1 to " + MAX_BOUNDARY + " characters.");
        }
        return new MultipartStream(body, boundary.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * The next part, skipping the unread rest of the one before; null after the closing delimiter.
     *
     * @throws IOException the body ended before its closing delimiter, or the client went away
     */
    Part next() throws IOException {
        if (closed) {
            return null;
        }
        current.transferTo(OutputStream.nullOutputStream());
        // After a delimiter: "--" closes the body, otherwise optional padding and CRLF start a part.
        int first = readByte();
        int second = readByte();
        if (first == DASH && second == DASH) {
            closed = true;
            return null;
        }
        while (first == ' ' || first == '\t') {
            first = second;
            second = readByte();
        }
        if (first != CR || second != LF) {
            throw malformed("a delimiter is not followed by CRLF");
        }
        Map<String, String> headers = readHeaders();
        String disposition = headers.get("content-disposition");
        if (disposition == null) {
            throw malformed("a part has no Content-Disposition header");
        }
        Map<String, String> parameters = parameters(disposition);
        if (!"form-data".equalsIgnoreCase(parameters.get(""))) {
            throw malformed("a part's Content-Disposition is not form-data");
        }
        bodyEnd = head;
        bodyDone = false;
        current = new PartBody();
        return new Part(parameters.get("name"), headers.get("content-type"), current);
    }

    /** The header block of a part, names in lower case; ends with an empty line. */
    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new HashMap<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            bytes.reset();
            int b;
            while ((b = readByte()) != LF) {
                if (++total > MAX_HEADER_BYTES) {
                    throw malformed("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
                }
                bytes.write(b);
            }
            int length = bytes.size();
            if (length == 0 || bytes.toByteArray()[length - 1] != CR) {
                throw malformed("a part's header line does not end with CRLF");
            }
            if (length == 1) {
                return headers;
            }
            String line = new String(bytes.toByteArray(), 0, length - 1, StandardCharsets.UTF_8);
            int colon = line.indexOf(":");
            if (colon <= 0) {
                throw malformed("a part's header line has no name");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
    }

    /**
     * The value of a header such as Content-Disposition under the key "", and its parameters by
     * lower-case name, quoted strings unquoted; the first of a name counts.
     */
    static Map<String, String> parameters(String header) {
        Map<String, String> parameters = new HashMap<>();
        int semicolon = header.indexOf(';');
        parameters.put("", (semicolon < 0 ? header : header.substring(0, semicolon)).strip());
        Matcher m = PARAMETER.matcher(header);
        while (m.find()) {
            String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
            parameters.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), value.strip());
        }
        return parameters;
    }

    private int readByte() throws IOException {
        if (head == tail && !fill()) {
            throw new EOFException("the body ended before its closing delimiter");
        }
        return buffer[head++] & 0xff;
    }

    /** Keeps the unread bytes, moved to the front, and reads more after them; false at the end of the body. */
    private boolean fill() throws IOException {
        if (head > 0) {
            System.arraycopy(buffer, head, buffer, 0, tail - head);
            bodyEnd -= head;
            tail -= head;
            head = 0;
        }
        int n = in.read(buffer, tail, buffer.length - tail);
        if (n < 0) {
            return false;
        }
        tail += n;
        return true;
    }

    /**
     * Moves {@link #bodyEnd} to the delimiter when it is in the buffer (the body is then complete),
     * else to where one could still start; the byte under the delimiter's end tells how far to skip.
     */
    private void scan() {
        int last = delimiter.length - 1;
        int at = Math.max(head, bodyEnd);
        while (at + last < tail) {
            int j = last;
            while (j >= 0 && buffer[at + j] == delimiter[j]) {
                j--;
            }
            if (j < 0) {
                bodyEnd = at;
                bodyDone = true;
                return;
            }
            at += skip[buffer[at + last] & 0xff];
        }
        bodyEnd = at;
    }

    /** The body of the current part; ends at its delimiter. */
    private final class PartBody extends InputStream {
        private final byte[] one = new byte[1];
        private boolean ended;

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            java.util.Objects.checkFromIndexSize(offset, length, into.length);
            if (current != this || ended) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            while (bodyEnd <= head) {
                if (bodyDone) {
                    // The delimiter is consumed with the body: what follows it belongs to next().
                    head += delimiter.length;
                    ended = true;
                    return -1;
                }
                scan();
                // Nothing more is known to be body: fewer bytes than a delimiter, or its beginning, are left.
                if (bodyEnd <= head && !bodyDone && !fill()) {
                    throw new EOFException("the body ended before its closing delimiter");
                }
            }
            int n = Math.min(length, bodyEnd - head);
            System.arraycopy(buffer, head, into, offset, n);
            head += n;
            return n;
        }
    }

    private static ProblemException malformed(String what) {
        return new ProblemException(400, "The multipart body is malformed: " + what + ".");
    }
}
