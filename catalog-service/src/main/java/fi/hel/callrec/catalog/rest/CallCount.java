package fi.hel.callrec.catalog.rest;

/**
 * How many calls the viewer may see match the filters; with {@code upTo}, at most that many, and
 * {@code more} tells that further calls match beyond it.
 */
public record CallCount(long count, boolean more) {
}
