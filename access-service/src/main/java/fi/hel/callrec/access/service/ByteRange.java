package fi.hel.callrec.access.service;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one byte range of a request (RFC 9110 §14): {@code bytes=a-b}, {@code bytes=a-},
 * {@code bytes=-n}. A Range header that is malformed, of another unit, or asks for several
 * ranges is ignored and the whole object is sent, as the RFC allows; players ask for one range.
 *
 * @param start first byte, inclusive
 * @param end   last byte, inclusive
 */
public record ByteRange(long start, long end) {

    private static final Pattern SINGLE = Pattern.compile("bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");

    /** What a Range header means for an object of a given size. */
    public sealed interface Parsed permits Whole, Partial, Unsatisfiable {
    }

    /** No usable Range: send the whole object with 200. */
    public record Whole() implements Parsed {
    }

    /** Send this range with 206. */
    public record Partial(ByteRange range) implements Parsed {
    }

    /** A well-formed range that lies outside the object: 416. */
    public record Unsatisfiable() implements Parsed {
    }

    public long length() {
        return end - start + 1;
    }

    /** The Content-Range value of this range in an object of {@code size} bytes. */
    public String contentRange(long size) {
        return "bytes " + start + "-" + end + "/" + size;
    }

    public static Parsed parse(String header, long size) {
        if (header == null || header.isBlank()) {
            return new Whole();
        }
        Matcher m = SINGLE.matcher(header.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new Whole();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    return new Unsatisfiable();
                }
                return new Partial(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(m.group(1));
            Long last = m.group(2).isEmpty() ? null : Long.parseLong(m.group(2));
            if (last != null && last < first) {
                return new Whole();
            }
            if (first >= size) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(first, last == null ? size - 1 : Math.min(last, size - 1)));
        } catch (NumberFormatException tooLong) {
            // Digits beyond a long: no object is that large.
            return m.group(1).isEmpty() ? new Whole() : new Unsatisfiable();
        }
    }
}
