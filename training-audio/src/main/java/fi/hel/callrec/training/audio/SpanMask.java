package fi.hel.callrec.training.audio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The marked spans as sorted, merged frame ranges {@code [round(start × rate), round(end × rate))},
 * with a cursor that walks them forwards, since the copy visits frames in order only.
 */
final class SpanMask {

    private final long[] starts;
    private final long[] ends;

    SpanMask(List<Span> spans, int sampleRateHz, long frames) {
        List<long[]> ranges = new ArrayList<>();
        for (Span span : spans) {
            long start = Math.round(span.startSeconds() * sampleRateHz);
            long end = Math.round(span.endSeconds() * sampleRateHz);
            if (end > frames) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "span %.3f–%.3f s ends after the end of the audio at %.3f s",
                        span.startSeconds(), span.endSeconds(), (double) frames / sampleRateHz));
            }
            if (end > start) {
                ranges.add(new long[] {start, end});
            }
        }
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] r : ranges) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1]) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(r);
            }
        }
        starts = merged.stream().mapToLong(r -> r[0]).toArray();
        ends = merged.stream().mapToLong(r -> r[1]).toArray();
    }

    Cursor cursor() {
        return new Cursor();
    }

    /** Visits, in order, the parts of the spans that fall in a window of frames; windows must not go backwards. */
    final class Cursor {

        private int next;

        /** Number of spans overlapping {@code [from, from + n)}; read them with {@link #start}/{@link #end} from index 0. */
        int overlaps(long from, int n) {
            while (next < starts.length && ends[next] <= from) {
                next++;
            }
            int count = 0;
            while (next + count < starts.length && starts[next + count] < from + n) {
                count++;
            }
            return count;
        }

        long start(int i) {
            return starts[next + i];
        }

        long end(int i) {
            return ends[next + i];
        }
    }
}
