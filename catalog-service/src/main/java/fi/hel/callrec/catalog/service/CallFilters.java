package fi.hel.callrec.catalog.service;

import java.time.Instant;
import java.util.List;

/**
 * A validated, normalised search; a filter not used is null (or empty). {@code from} is inclusive,
 * {@code to} exclusive; {@code callerNumber} is E.164 or {@code anonymous}; {@code plateKey} is a
 * {@link SearchKeys#plate}, the queries {@link SearchKeys#wordQuery}s; a call must have every one
 * of {@code flags}.
 */
public record CallFilters(Instant from, Instant to, String callerNumber, String agentExtension, String plateKey,
                          String nameQuery, String notesQuery, String serviceLine, Boolean held, Boolean flagged,
                          List<String> flags) {
}
