package fi.hel.callrec.training.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A 1 GiB call is copied by a JVM whose heap is an eighth of it: memory does not follow the call's length. */
class LargeCopyTest {

    private static final long SOURCE_BYTES = 1L << 30;

    @Test
    void oneGibibyteWith128MbHeap() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                LargeCopyMain.class.getName(), Long.toString(SOURCE_BYTES))
                .redirectErrorStream(true).start();
        try {
            boolean ended = child.waitFor(5, TimeUnit.MINUTES);
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(ended).as("finished within 5 minutes").isTrue();
            assertThat(child.exitValue()).as(output).isZero();
            long frames = (SOURCE_BYTES - 44) / 2;
            assertThat(output).isEqualTo("frames=" + frames + " announced=" + (44 + 2 * frames) + " written=" + (44 + 2 * frames));
        } finally {
            child.destroyForcibly();
        }
    }
}
