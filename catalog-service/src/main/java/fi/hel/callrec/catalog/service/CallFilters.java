package fi.hel.callrec.catalog.service;

import java.time.Instant;
import java.util.List;

/**
 * A validated, normalised search: every field null (or empty) when that filter is not used.
 *
 * @param from           calls that started at or after this instant
 * @param to             calls that started before this instant
 * @param callerNumber   E.164, or {@code anonymous}
 * @param agentExtension the answering agent's extension
 * @param plateKey       {@link SearchKeys#plate}
 * @param nameQuery      {@link SearchKeys#wordQuery} of the caller's name
 * @param notesQuery     {@link SearchKeys#wordQuery} of words in the service notes
 * @param serviceLine    a service-line code
 * @param held           on hold now, or not
 * @param flagged        has any flag, or none
 * @param flags          has every one of these flags
 */
public record CallFilters(Instant from, Instant to, String callerNumber, String agentExtension, String plateKey,
                          String nameQuery, String notesQuery, String serviceLine, Boolean held, Boolean flagged,
                          List<String> flags) {

    public CallFilters {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    public static CallFilters none() {
        return new CallFilters(null, null, null, null, null, null, null, null, null, null, List.of());
    }
}
