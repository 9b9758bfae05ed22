package fi.hel.callrec.ingest.service;

import fi.hel.callrec.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The buffers uploads read into. Up to {@code callrec.ingest.part-buffers-kept} part-size buffers
 * are kept for the next uploads instead of allocated for each: a buffer of a part is larger than
 * half a G1 heap region, so a fresh one per upload is allocated straight into the old generation
 * (a humongous object) and zeroed, and those allocations start concurrent marking cycles. With a
 * new buffer per upload, that marking was a fifth of the service's CPU per upload
 * (IngestBenchmark, async-profiler). Uploads beyond the kept buffers get one of their own, no
 * larger than their request, so memory is bounded as before.
 */
@ApplicationScoped
public class PartBuffers {

    private final int size;
    private final int kept;
    private final AtomicInteger created = new AtomicInteger();
    private final ArrayBlockingQueue<byte[]> idle;

    public PartBuffers(IngestConfig config) {
        this.size = (int) config.partSize().asLongValue();
        this.kept = config.partBuffersKept();
        this.idle = new ArrayBlockingQueue<>(Math.max(1, kept));
    }

    /**
     * A buffer of one part, or of {@code needed} bytes when fewer are needed and no kept buffer is
     * free; its content is whatever the upload before left in it.
     *
     * @param needed an upper bound of the bytes to hold, or -1 when not known
     */
    public byte[] take(long needed) {
        byte[] buffer = idle.poll();
        if (buffer != null) {
            return buffer;
        }
        if (created.getAndUpdate(n -> n < kept ? n + 1 : n) < kept) {
            return new byte[size];
        }
        return new byte[(int) Math.min(size, needed > 0 ? needed : size)];
    }

    /** Only once nothing reads or writes the buffer any more, not even a part still on its way. */
    public void give(byte[] buffer) {
        if (kept > 0 && buffer != null && buffer.length == size) {
            // Refused only when more part-size buffers are out than are kept: the collector takes it.
            idle.offer(buffer);
        }
    }
}
