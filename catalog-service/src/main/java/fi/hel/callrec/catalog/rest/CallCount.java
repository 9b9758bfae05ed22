package fi.hel.callrec.catalog.rest;

/** How many calls the viewer may see match the filters. */
public record CallCount(long count) {
}
