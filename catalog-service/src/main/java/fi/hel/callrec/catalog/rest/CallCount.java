package fi.hel.callrec.catalog.rest;

/** How many calls the viewer may see match; with {@code upTo} at most that many, {@code more} if further match. */
public record CallCount(long count, boolean more) {
}
