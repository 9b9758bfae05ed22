package fi.hel.callrec.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bare HTTP/1.1 server in place of the object store, for what the real store cannot be made
 * to do (end an answer early, fall silent, close a kept connection, present a chosen
 * certificate). Each connection has a thread of its own; each request on it is given to the
 * {@link Behaviour} with its target, until the behaviour ends the connection.
 */
public final class StoreStub {

    public interface Behaviour {
        /** Answers the {@code request}-th request (from 1) on its connection; false closes the connection. */
        boolean answer(String target, int request, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Behaviour behaviour;

    /** Serves on {@code server} (plain or TLS) from now on, on daemon threads. */
    public StoreStub(ServerSocket server, Behaviour behaviour) {
        this.server = server;
        this.behaviour = behaviour;
        Thread acceptor = new Thread(this::accept, "store-stub");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Writes a 206 head for {@code length} bytes, then {@code sent} bytes of {@code fill}. */
    public static void answer206(OutputStream out, int length, int sent, byte fill) throws IOException {
        out.write(("HTTP/1.1 206 Partial Content\r\nContent-Type: audio/wav\r\nContent-Length: " + length
                + "\r\nContent-Range: bytes 0-" + (length - 1) + "/" + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, fill);
        for (int left = sent; left > 0; left -= chunk.length) {
            out.write(chunk, 0, Math.min(left, chunk.length));
        }
        out.flush();
    }

    private void accept() {
        while (true) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> serve(socket), "store-stub-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int request = 1; ; request++) {
                String head = readHead(in);
                if (head == null || !behaviour.answer(head.split(" ")[1], request, out)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // A failed handshake, or the service closed its end: nothing more to serve.
        }
    }

    /** One request's head, or null at the end of the connection. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
