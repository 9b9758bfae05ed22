package fi.hel.callrec.catalog.rest;

import fi.hel.callrec.catalog.service.CallFilters;
import fi.hel.callrec.catalog.service.Cursor;
import fi.hel.callrec.catalog.service.SearchKeys;
import fi.hel.callrec.commons.phone.PhoneNumbers;
import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.problem.ProblemException;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.lang3.StringUtils;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The filters of a search and a count, read as text and checked here, so that every mistake
 * answers one 400 naming each wrong parameter (a failed JAX-RS conversion would answer 404).
 */
public class SearchQuery {

    /** Dates without a time are days in Helsinki, where the calls are taken. */
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final int MAX_TEXT = 200;

    @QueryParam("from") @Parameter(description = "start at or after: a date (in Helsinki) or date-time with offset")
    String from;
    @QueryParam("to") @Parameter(description = "start before: a date (that day included) or a date-time with offset")
    String to;
    @QueryParam("callerNumber") @Parameter(description = "any Finnish or E.164 spelling, or anonymous")
    String callerNumber;
    @QueryParam("agentExtension") @Parameter(description = "the answering agent's extension (digits)")
    String agentExtension;
    @QueryParam("plate") @Parameter(description = "vehicle plate; separators and case ignored")
    String plate;
    @QueryParam("name") @Parameter(description = "words starting the caller's name's words; case, accents ignored")
    String name;
    @QueryParam("notes") @Parameter(description = "words starting words of the service notes; case, accents ignored")
    String notes;
    @QueryParam("serviceLine") @Parameter(description = "a service-line code")
    String serviceLine;
    @QueryParam("held") @Parameter(description = "true: on hold; false: not")
    String held;
    @QueryParam("flagged") @Parameter(description = "true: any flag; false: none")
    String flagged;
    @QueryParam("flag") @Parameter(description = "repeatable: has this flag (no-announcement, duration-mismatch)")
    List<String> flag;

    private final List<Problem.FieldError> errors = new ArrayList<>();

    /** The normalised filters; a 400 naming every parameter that is not valid. */
    CallFilters filters() {
        Instant start = time("from", from, false);
        Instant end = time("to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add(new Problem.FieldError("to", "must be after from"));
        }
        String number = text("callerNumber", callerNumber);
        if (number != null) {
            try {
                number = PhoneNumbers.normalize(number);
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("callerNumber", e.getMessage()));
            }
        }
        String extension = text("agentExtension", agentExtension);
        if (extension != null && !extension.matches("[0-9]{1,16}")) {
            errors.add(new Problem.FieldError("agentExtension", "must be digits"));
        }
        String plateText = text("plate", plate);
        String plateKey = SearchKeys.plate(plateText);
        if (plateText != null && plateKey == null) {
            errors.add(new Problem.FieldError("plate", "must have letters or digits"));
        }
        String line = text("serviceLine", serviceLine);
        List<String> flags = flag == null ? List.of() : flag.stream().filter(StringUtils::isNotBlank)
                .map(f -> f.strip().toLowerCase(Locale.ROOT)).toList();
        CallFilters filters = new CallFilters(start, end, number, extension, plateKey, words("name", name),
                words("notes", notes), line == null ? null : line.toLowerCase(Locale.ROOT), bool("held", held),
                bool("flagged", flagged), flags);
        if (!errors.isEmpty()) {
            List<Problem.FieldError> sorted = errors.stream().sorted(Comparator.comparing(Problem.FieldError::field))
                    .toList();
            throw new ProblemException(400, "The search is not valid: " + sorted.size() + " parameter(s) rejected.",
                    sorted);
        }
        return filters;
    }

    /** Where the previous page ended; null when not given. */
    static Cursor cursor(String value) {
        if (StringUtils.isBlank(value)) {
            return null;
        }
        try {
            return Cursor.decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "The cursor is not valid; start again without one.",
                    List.of(new Problem.FieldError("cursor", e.getMessage())));
        }
    }

    /** The parameter as a whole number from min to max, the fallback when not given; 400 otherwise. */
    public static int wholeNumber(String name, String value, int fallback, int min, int max) {
        if (StringUtils.isBlank(value)) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw new ProblemException(400, "Query parameter '" + name + "' must be a whole number from " + min + " to "
                + max + ".", List.of(new Problem.FieldError(name, "must be " + min + ".." + max)));
    }

    private String text(String name, String value) {
        if (StringUtils.isBlank(value)) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            errors.add(new Problem.FieldError(name, "longer than " + MAX_TEXT + " characters"));
            return null;
        }
        return value.strip();
    }

    private String words(String name, String value) {
        String text = text(name, value);
        if (text == null) {
            return null;
        }
        String tsquery = SearchKeys.wordQuery(text);
        if (tsquery.isEmpty()) {
            errors.add(new Problem.FieldError(name, "must have at least one word of letters or digits"));
            return null;
        }
        return tsquery;
    }

    /** An instant with offset, or a date: the start of that day, or for {@code to} the end of it. */
    private Instant time(String name, String value, boolean endOfDay) {
        String text = text(name, value);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(HELSINKI).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(name, "must be a date (2026-03-31) or a date-time with offset "
                    + "(2026-03-31T08:00:00+03:00)"));
            return null;
        }
    }

    private Boolean bool(String name, String value) {
        String text = text(name, value);
        if (text != null && !text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            errors.add(new Problem.FieldError(name, "must be true or false"));
            return null;
        }
        return text == null ? null : Boolean.valueOf(text);
    }
}
