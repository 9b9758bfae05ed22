package fi.hel.callrec.ingest.service;

import fi.hel.callrec.commons.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The audio part as it arrives, in buffers that go to the store as they are, hashed and counted once. */
final class AudioInput {

    private final PushbackInputStream in;
    private final long maxSize;
    private final MessageDigest digest;
    private long size;
    private boolean ended;
    private String sha256;

    AudioInput(InputStream in, long maxSize) {
        this.in = new PushbackInputStream(in, 1);
        this.maxSize = maxSize;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Fills {@code buffer} from {@code from} until it is full or the audio ends; returns how many
     * bytes it holds. One byte more is looked at, so that {@link #ended()} tells the last buffer.
     *
     * @throws ProblemException 413 as soon as the audio is larger than the limit
     */
    int fill(byte[] buffer, int from) throws IOException {
        int filled = from;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                ended = true;
                break;
            }
            count(buffer, filled, n);
            filled += n;
        }
        if (!ended) {
            int next = in.read();
            if (next < 0) {
                ended = true;
            } else {
                in.unread(next);
            }
        }
        return filled;
    }

    /** Reads the rest without keeping it: for an upload whose bytes only need their checksum. */
    void drain(byte[] scratch) throws IOException {
        while (!ended) {
            fill(scratch, 0);
        }
    }

    boolean ended() {
        return ended;
    }

    long size() {
        return size;
    }

    /** The hex SHA-256 of everything read; only once the audio has ended. */
    String sha256() {
        if (!ended) {
            throw new IllegalStateException("the audio has not been read to its end");
        }
        if (sha256 == null) {
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
        return sha256;
    }

    private void count(byte[] buffer, int off, int n) {
        size += n;
        if (size > maxSize) {
            throw new ProblemException(413, "The audio is larger than the limit of " + maxSize + " bytes.");
        }
        digest.update(buffer, off, n);
    }
}
