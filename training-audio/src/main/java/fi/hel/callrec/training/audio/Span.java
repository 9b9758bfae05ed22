package fi.hel.callrec.training.audio;

/**
 * A stretch of the call, in seconds from its start, to be replaced by the tone: a supervisor marks
 * one wherever a name, number, plate or address is spoken, because the pitch shift alone leaves the
 * words audible.
 *
 * @param startSeconds where the stretch begins, at least 0
 * @param endSeconds   where it ends (exclusive), after {@code startSeconds}
 */
public record Span(double startSeconds, double endSeconds) {

    public Span {
        if (!Double.isFinite(startSeconds) || !Double.isFinite(endSeconds)) {
            throw new IllegalArgumentException("span " + startSeconds + "–" + endSeconds + " s: start and end must be finite");
        }
        if (startSeconds < 0) {
            throw new IllegalArgumentException("span " + startSeconds + "–" + endSeconds + " s starts before the call");
        }
        if (startSeconds >= endSeconds) {
            throw new IllegalArgumentException("span " + startSeconds + "–" + endSeconds + " s does not end after it starts");
        }
    }
}
