package fi.hel.callrec.retention.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How long a recording is kept after its call started: an ISO-8601 period with a date part
 * ({@code P6M}), a time part ({@code PT5S}) or both ({@code P5MT12H}). The register allows at most
 * six months, so a longer period cannot be created and the service does not start with one.
 * Dates are counted in UTC, so a due time never moves with daylight saving.
 */
public final class RetentionPeriod {

    /** Reads the configuration explicitly: an implicit converter would hide why a period was refused. */
    public static class Converter implements org.eclipse.microprofile.config.spi.Converter<RetentionPeriod> {
        @Override
        public RetentionPeriod convert(String value) {
            return parse(value);
        }
    }

    /** The register's maximum (§12 of the register description): six calendar months. */
    public static final Period REGISTER_MAXIMUM = Period.ofMonths(6);

    private final String text;
    private final Period date;
    private final Duration time;

    private RetentionPeriod(String text, Period date, Duration time) {
        this.text = text;
        this.date = date;
        this.time = time;
    }

    /**
     * Parses and checks a retention; throws IllegalArgumentException naming what is wrong. Also the
     * configuration's converter, so a period over six months stops the service at start-up.
     */
    public static RetentionPeriod parse(CharSequence value) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("the retention period is empty; expected an ISO-8601 period such as P6M");
        }
        String text = value.toString().strip().toUpperCase(Locale.ROOT);
        Period date;
        Duration time;
        try {
            int t = text.indexOf('T');
            if (!text.startsWith("P") || t == 1 && text.length() == 2) {
                throw new DateTimeParseException("not a period", text, 0);
            }
            date = t < 0 ? Period.parse(text) : t == 1 ? Period.ZERO : Period.parse(text.substring(0, t));
            time = t < 0 ? Duration.ZERO : Duration.parse("PT" + text.substring(t + 1));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the retention period '" + value + "' is not an ISO-8601 period such as P6M or PT30S");
        }
        RetentionPeriod period = new RetentionPeriod(text, date, time);
        period.check();
        return period;
    }

    /** When a call that started at {@code startedAt} is due for destruction. */
    public Instant dueAt(OffsetDateTime startedAt) {
        return startedAt.withOffsetSameInstant(ZoneOffset.UTC).plus(date).plus(time).toInstant();
    }

    /** The latest call start whose recording is due at {@code now}. */
    public Instant startedBefore(Instant now) {
        return now.atOffset(ZoneOffset.UTC).minus(date).minus(time).toInstant();
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Month lengths differ, so "at most six months" is checked against every start day of a full
     * leap-year cycle: a period such as P5M30D fits from some days and not from others, and is
     * refused because the law holds for every call.
     */
    private void check() {
        if (date.isNegative() || time.isNegative() || date.isZero() && time.isZero()) {
            throw new IllegalArgumentException("the retention period '" + text + "' must be longer than zero");
        }
        LocalDate first = LocalDate.of(2024, 1, 1);
        for (LocalDate day = first; day.isBefore(first.plusYears(4)); day = day.plusDays(1)) {
            LocalDateTime start = day.atStartOfDay();
            LocalDateTime due;
            try {
                due = start.plus(date).plus(time);
            } catch (DateTimeException | ArithmeticException e) {
                throw new IllegalArgumentException("the retention period '" + text + "' is out of range");
            }
            if (due.isAfter(start.plus(REGISTER_MAXIMUM))) {
                throw new IllegalArgumentException("the retention period '" + text + "' is longer than the register's maximum of six months ("
                        + REGISTER_MAXIMUM + "): a call started on " + day + " would be kept until " + due.toLocalDate()
                        + " instead of " + start.plus(REGISTER_MAXIMUM).toLocalDate());
            }
        }
    }
}
