package fi.hel.callrec.catalog.rest;

import fi.hel.callrec.catalog.service.CallFilters;
import fi.hel.callrec.catalog.service.Cursor;
import fi.hel.callrec.catalog.service.SearchKeys;
import fi.hel.callrec.commons.phone.PhoneNumbers;
import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.problem.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the query string of a search into normalised filters, and that of the access-log review
 * by the same rules. Parameters are read as text and checked here, so every mistake answers 400
 * with the field named (a JAX-RS conversion failure would answer 404), and an unknown parameter is
 * refused rather than silently widening the search.
 */
final class SearchParameters {

    static final Set<String> FILTERS = Set.of("from", "to", "callerNumber", "agentExtension", "plate", "name",
            "notes", "serviceLine", "held", "flagged", "flag");
    static final Set<String> PAGING = Set.of("cursor", "limit");
    static final Set<String> COUNTING = Set.of("upTo");
    /** The most a count may be asked to stop at: beyond it, an exact count is as cheap as any. */
    static final int MAX_UP_TO = 1_000_000;
    private static final String USERNAME = "username";
    static final int MAX_USERNAMES = 200;
    /** Keycloak's limit for a username. */
    private static final int MAX_USERNAME_LENGTH = 255;
    /** Dates without a time are days in Helsinki, where the calls are taken. */
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private final MultivaluedMap<String, String> query;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    private SearchParameters(MultivaluedMap<String, String> query) {
        this.query = query;
    }

    /** The filters of a search; {@code alsoKnown} names the parameters of the endpoint beside them. */
    static CallFilters filters(MultivaluedMap<String, String> query, Set<String> alsoKnown) {
        SearchParameters p = new SearchParameters(query);
        Set<String> known = new HashSet<>(FILTERS);
        known.addAll(alsoKnown);
        p.rejectUnknown(known, Set.of("flag"));
        CallFilters filters = p.read();
        p.failOnErrors("The search");
        return filters;
    }

    /**
     * The distinct usernames of {@code username}, in the order first asked: the only parameter,
     * repeatable, 1 to {@link #MAX_USERNAMES} values of 1 to 255 characters each.
     */
    static List<String> usernames(MultivaluedMap<String, String> query) {
        SearchParameters p = new SearchParameters(query);
        p.rejectUnknown(Set.of(USERNAME), Set.of(USERNAME));
        List<String> values = query.getOrDefault(USERNAME, List.of());
        if (values.isEmpty()) {
            p.errors.add(new Problem.FieldError(USERNAME, "is required"));
        } else if (values.size() > MAX_USERNAMES) {
            p.errors.add(new Problem.FieldError(USERNAME, "at most " + MAX_USERNAMES + " values"));
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String value : values) {
            String name = value == null ? "" : value.strip();
            distinct.add(name);
            if (name.isEmpty() || name.length() > MAX_USERNAME_LENGTH) {
                p.errors.add(new Problem.FieldError(USERNAME, "each value must be 1 to " + MAX_USERNAME_LENGTH
                        + " characters"));
                break;
            }
        }
        p.failOnErrors("The query");
        return List.copyOf(distinct);
    }

    static Cursor cursor(MultivaluedMap<String, String> query) {
        String value = query.getFirst("cursor");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Cursor.decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "The cursor is not valid; start again without one.",
                    List.of(new Problem.FieldError("cursor", e.getMessage())));
        }
    }

    static int limit(MultivaluedMap<String, String> query, int defaultSize, int maxSize) {
        Integer limit = wholeNumber(query, "limit", maxSize, "The limit");
        return limit == null ? defaultSize : limit;
    }

    /** Where a count may stop: {@code upTo}, 1 to {@link #MAX_UP_TO}; without it, the count is exact. */
    static Integer upTo(MultivaluedMap<String, String> query) {
        return wholeNumber(query, "upTo", MAX_UP_TO, "upTo");
    }

    /** The parameter as a whole number from 1 to {@code max}, null when not given; 400 otherwise. */
    private static Integer wholeNumber(MultivaluedMap<String, String> query, String name, int max, String subject) {
        String value = query.getFirst(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(400, subject + " must be a whole number from 1 to " + max + ".",
                List.of(new Problem.FieldError(name, "must be 1.." + max)));
    }

    private void rejectUnknown(Set<String> known, Set<String> repeatable) {
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                errors.add(new Problem.FieldError(name, "unknown parameter"));
            }
        }
        for (String name : query.keySet()) {
            if (!repeatable.contains(name) && query.get(name).size() > 1) {
                errors.add(new Problem.FieldError(name, "given more than once"));
            }
        }
    }

    private CallFilters read() {
        Instant from = time("from", false);
        Instant to = time("to", true);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new Problem.FieldError("to", "must be after from"));
        }
        String callerNumber = text("callerNumber");
        if (callerNumber != null) {
            try {
                callerNumber = PhoneNumbers.normalize(callerNumber);
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("callerNumber", e.getMessage()));
            }
        }
        String agentExtension = text("agentExtension");
        if (agentExtension != null && !agentExtension.matches("[0-9]{1,16}")) {
            errors.add(new Problem.FieldError("agentExtension", "must be digits"));
        }
        String plate = text("plate");
        String plateKey = SearchKeys.plate(plate);
        if (plate != null && plateKey == null) {
            errors.add(new Problem.FieldError("plate", "must have letters or digits"));
        }
        String name = words("name");
        String notes = words("notes");
        String serviceLine = text("serviceLine");
        if (serviceLine != null) {
            serviceLine = serviceLine.toLowerCase(Locale.ROOT);
        }
        Boolean held = bool("held");
        Boolean flagged = bool("flagged");
        List<String> flags = new ArrayList<>();
        for (String flag : query.getOrDefault("flag", List.of())) {
            if (flag != null && !flag.isBlank()) {
                flags.add(flag.strip().toLowerCase(Locale.ROOT));
            }
        }
        return new CallFilters(from, to, callerNumber, agentExtension, plateKey, name, notes, serviceLine, held,
                flagged, flags);
    }

    private String text(String name) {
        String value = query.getFirst(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 200) {
            errors.add(new Problem.FieldError(name, "longer than 200 characters"));
            return null;
        }
        return value.strip();
    }

    private String words(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        String tsquery = SearchKeys.wordQuery(value);
        if (tsquery.isEmpty()) {
            errors.add(new Problem.FieldError(name, "must have at least one word of letters or digits"));
            return null;
        }
        return tsquery;
    }

    /** An instant with offset, or a date (the start of that day, or for {@code to} the end of it). */
    private Instant time(String name, boolean endOfDay) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(HELSINKI).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(name, "must be a date (2026-03-31) or a date-time with offset (2026-03-31T08:00:00+03:00)"));
            return null;
        }
    }

    private Boolean bool(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                errors.add(new Problem.FieldError(name, "must be true or false"));
                yield null;
            }
        };
    }

    private void failOnErrors(String what) {
        if (!errors.isEmpty()) {
            List<Problem.FieldError> sorted = errors.stream()
                    .sorted(java.util.Comparator.comparing(Problem.FieldError::field)).toList();
            throw new ProblemException(400, what + " is not valid: " + sorted.size() + " parameter(s) rejected.", sorted);
        }
    }
}
