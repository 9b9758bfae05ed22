package fi.hel.callrec.catalog.rest;

import java.util.List;

/**
 * A page of search results, newest first.
 *
 * @param nextCursor pass as {@code cursor} with the same filters for the next page; null on the last page
 */
public record CallPage(List<CallSummary> items, int limit, String nextCursor) {
}
