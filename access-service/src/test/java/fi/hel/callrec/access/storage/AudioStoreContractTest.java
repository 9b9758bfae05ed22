package fi.hel.callrec.access.storage;

import static org.assertj.core.api.Assertions.assertThat;

import fi.hel.callrec.access.storage.StoredAudio.Outcome;
import fi.hel.callrec.access.storage.StoredAudio.Sent;
import fi.hel.callrec.commons.storage.S3Config;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link AudioStore} promises the listening path, against the real S3 server: exactly the
 * bytes of the range asked for, ended once whole; empty for a missing object; the store paused
 * while the listener is behind; and a read given up frees its connection.
 */
@QuarkusTest
class AudioStoreContractTest {

    private static final int SIZE = 3_000_000;

    @Inject
    AudioStore store;
    @Inject
    MinioClient minio;
    @Inject
    S3Config s3;
    @ConfigProperty(name = "callrec.access.store-connections")
    int connections;

    private static String key;
    private static byte[] audio;

    @BeforeEach
    void storeAnObject() throws Exception {
        if (key == null) {
            audio = new byte[SIZE];
            new Random(17).nextBytes(audio);
            key = "contract/" + UUID.randomUUID() + ".wav";
            minio.putObject(PutObjectArgs.builder().bucket(s3.bucket()).object(key)
                    .stream(new ByteArrayInputStream(audio), SIZE, -1).build());
        }
    }

    @Test
    void a_range_comes_exactly_and_is_ended_once_whole() throws Exception {
        StoredAudio read = open(key, 1000, 5000).orElseThrow();
        assertThat(read.length()).isEqualTo(5000);
        Listener listener = new Listener(false);
        assertThat(await(read.pipeTo(listener))).isEqualTo(new Sent(5000, Outcome.WHOLE));
        assertThat(listener.received.getBytes()).isEqualTo(Arrays.copyOfRange(audio, 1000, 6000));
        assertThat(listener.ended).isTrue();
    }

    @Test
    void the_whole_object_comes_while_the_listener_keeps_up_and_waits_while_it_is_behind() throws Exception {
        Listener behind = new Listener(true);
        Future<Sent> piped = open(key, 0, SIZE).orElseThrow().pipeTo(behind);
        Thread.sleep(300);
        // Behind from the first write: the store is paused after it, and resumed when the listener drains.
        assertThat(piped.isComplete()).isFalse();
        assertThat(behind.received.length()).isLessThan(SIZE);
        behind.drain();
        assertThat(await(piped)).isEqualTo(new Sent(SIZE, Outcome.WHOLE));
        assertThat(behind.received.getBytes()).isEqualTo(audio);
    }

    @Test
    void a_missing_object_is_empty() throws Exception {
        assertThat(open("contract/" + UUID.randomUUID() + ".wav", 0, 10)).isEmpty();
    }

    @Test
    void a_read_given_up_frees_its_connection_and_a_pipe_under_way_ends_as_disconnected() throws Exception {
        for (int i = 0; i < connections + 4; i++) {
            open(key, 0, SIZE).orElseThrow().discard();
        }
        StoredAudio read = open(key, 0, SIZE).orElseThrow();
        Future<Sent> piped = read.pipeTo(new Listener(true));
        Thread.sleep(300);
        read.discard();
        Sent sent = await(piped);
        assertThat(sent.outcome()).isEqualTo(Outcome.CLIENT_DISCONNECTED);
        assertThat(sent.bytes()).isBetween(1L, SIZE - 1L);
    }

    private Optional<StoredAudio> open(String object, long offset, long length) throws Exception {
        return store.open(s3.bucket(), object, offset, length).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Sent await(Future<Sent> piped) throws Exception {
        return piped.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A listener's connection that keeps what it is given; one that is behind until drained. */
    private static final class Listener implements WriteStream<Buffer> {
        final Buffer received = Buffer.buffer();
        volatile boolean behind;
        volatile boolean ended;
        private Handler<Void> drained;

        Listener(boolean behind) {
            this.behind = behind;
        }

        synchronized void drain() {
            behind = false;
            if (drained != null) {
                drained.handle(null);
            }
        }

        @Override
        public synchronized Future<Void> write(Buffer data) {
            received.appendBuffer(data);
            return Future.succeededFuture();
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            handler.handle(write(data));
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            ended = true;
            handler.handle(Future.succeededFuture());
        }

        @Override
        public boolean writeQueueFull() {
            return behind;
        }

        @Override
        public synchronized WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            drained = handler;
            return this;
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }
    }
}
