package fi.hel.callrec.ingest.service;

import fi.hel.callrec.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The part-size buffers uploads read into, kept for the next upload instead of allocated for each.
 * A buffer of a part is larger than half a G1 heap region: a fresh one per upload is allocated
 * straight into the old generation (a humongous object) and zeroed, and those allocations start
 * concurrent marking cycles. With a new buffer per upload, that marking was a fifth of the
 * service's CPU per upload (IngestBenchmark, async-profiler).
 */
@ApplicationScoped
public class PartBuffers {

    private final int size;
    private final ArrayBlockingQueue<byte[]> idle;

    public PartBuffers(IngestConfig config) {
        this.size = (int) config.partSize().asLongValue();
        this.idle = new ArrayBlockingQueue<>(config.partBuffersKept());
    }

    /** A buffer of one part; its content is whatever the upload before left in it. */
    public byte[] take() {
        byte[] buffer = idle.poll();
        return buffer != null ? buffer : new byte[size];
    }

    /** Only once nothing reads or writes the buffer any more, not even a part still on its way. */
    public void give(byte[] buffer) {
        if (buffer != null && buffer.length == size) {
            idle.offer(buffer);
        }
    }
}
