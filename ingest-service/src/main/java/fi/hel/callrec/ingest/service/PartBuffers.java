package fi.hel.callrec.ingest.service;

import fi.hel.callrec.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The buffers uploads read into: up to {@code callrec.ingest.part-buffers-kept} part-size buffers
 * are kept for the next uploads, because a fresh one is a humongous object for G1
 * (docs/decisions/0020). Uploads beyond them get their own, no larger than their request.
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

    /** A part-size buffer, or one of {@code needed} bytes (-1: not known) when no kept one is free. */
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
            idle.offer(buffer);
        }
    }
}
