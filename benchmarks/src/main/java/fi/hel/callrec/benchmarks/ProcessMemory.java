package fi.hel.callrec.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resident memory of another process as the kernel counts it (/proc/PID/status, Linux): the
 * figure that decides whether a container is killed, heap, metaspace, threads and buffers alike.
 */
final class ProcessMemory implements AutoCloseable {

    private final long pid;
    private final ScheduledExecutorService sampler;
    private final AtomicLong peakKb = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();

    private ProcessMemory(long pid, long intervalMillis) {
        this.pid = pid;
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rss-" + pid);
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Samples VmRSS every {@code intervalMillis} until closed. */
    static ProcessMemory sample(long pid, long intervalMillis) {
        return new ProcessMemory(pid, intervalMillis);
    }

    /** A field of /proc/PID/status in kB (VmRSS now, VmHWM the peak since start); -1 when gone. */
    static long read(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process ended between two samples.
        }
        return -1;
    }

    private void sample() {
        long kb = read(pid, "VmRSS");
        if (kb >= 0) {
            peakKb.accumulateAndGet(kb, Math::max);
            samples.incrementAndGet();
        }
    }

    long peakKb() {
        return peakKb.get();
    }

    long samples() {
        return samples.get();
    }

    @Override
    public void close() throws InterruptedException {
        sampler.shutdown();
        sampler.awaitTermination(5, TimeUnit.SECONDS);
        sample();
    }
}
