package fi.hel.callrec.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import fi.hel.callrec.ingest.config.IngestConfig;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PartBuffersTest {

    private static final int PART = 5 * 1024 * 1024;

    private static PartBuffers kept(int count) {
        return new PartBuffers(new IngestConfig() {
            @Override public MemorySize maxAudioSize() { return new MemorySize(BigInteger.valueOf(16L << 20)); }
            @Override public MemorySize partSize() { return new MemorySize(BigInteger.valueOf(PART)); }
            @Override public int partBuffersKept() { return count; }
            @Override public Duration durationTolerance() { return Duration.ofSeconds(5); }
            @Override public Duration clockSkew() { return Duration.ofMinutes(5); }
            @Override public Duration orphanGrace() { return Duration.ofHours(1); }
            @Override public Duration processLease() { return Duration.ofSeconds(20); }
            @Override public String cleanupInterval() { return "off"; }
            @Override public int retryAfterSeconds() { return 30; }
        });
    }

    @Test
    void kept_buffers_are_whole_parts_and_come_back_to_the_next_upload() {
        PartBuffers buffers = kept(2);
        byte[] a = buffers.take(2_400_000);
        byte[] b = buffers.take(-1);
        assertEquals(PART, a.length);
        assertEquals(PART, b.length);
        buffers.give(a);
        assertSame(a, buffers.take(100));
        buffers.give(b);
        assertSame(b, buffers.take(2_400_000));
    }

    @Test
    void uploads_beyond_the_kept_buffers_get_one_no_larger_than_their_request() {
        PartBuffers buffers = kept(1);
        byte[] kept = buffers.take(2_400_000);
        byte[] small = buffers.take(2_400_000);
        byte[] unknown = buffers.take(-1);
        assertEquals(2_400_000, small.length);
        assertEquals(PART, unknown.length);
        buffers.give(small);
        buffers.give(unknown);
        buffers.give(kept);
        // Only one part-size buffer is kept; the others went to the collector.
        assertSame(unknown, buffers.take(1));
        assertNotSame(kept, buffers.take(1));
    }

    @Test
    void none_kept_means_one_per_upload() {
        PartBuffers buffers = kept(0);
        byte[] a = buffers.take(1_000);
        assertEquals(1_000, a.length);
        byte[] part = buffers.take(-1);
        buffers.give(part);
        assertNotSame(part, buffers.take(-1));
    }
}
