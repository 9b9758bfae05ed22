package fi.hel.callrec.catalog.rest;

import java.util.List;

/** A page of search results, newest first; {@code nextCursor} (null on the last) asks for the next. */
public record CallPage(List<CallSummary> items, int limit, String nextCursor) {
}
