package fi.hel.callrec.console.view;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** How the pages show times and durations: in Helsinki time, with the offset, in every language. */
@TemplateExtension(namespace = "fmt")
public final class Formats {

    public static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private Formats() {
    }

    /** An instant or a date-time with offset, as the services write them, in Helsinki time; other text as it is. */
    public static String time(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        try {
            return TIME.format(OffsetDateTime.parse(text).atZoneSameInstant(HELSINKI));
        } catch (DateTimeParseException notOffset) {
            try {
                return TIME.format(Instant.parse(text).atZone(HELSINKI));
            } catch (DateTimeParseException notInstant) {
                return text;
            }
        }
    }

    /** Seconds as h:mm:ss or m:ss. */
    public static String seconds(Object seconds) {
        return seconds instanceof Number number ? duration(number.longValue() * 1000) : "";
    }

    /** Milliseconds as h:mm:ss or m:ss. */
    public static String duration(Object millis) {
        if (!(millis instanceof Number number)) {
            return "";
        }
        Duration d = Duration.ofMillis(number.longValue());
        long h = d.toHours();
        return h > 0 ? String.format("%d:%02d:%02d", h, d.toMinutesPart(), d.toSecondsPart())
                : String.format("%d:%02d", d.toMinutesPart(), d.toSecondsPart());
    }
}
