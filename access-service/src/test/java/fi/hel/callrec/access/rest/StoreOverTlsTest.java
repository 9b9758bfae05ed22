package fi.hel.callrec.access.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import fi.hel.callrec.access.Fixtures;
import fi.hel.callrec.access.StoreStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A store reached over TLS: the audio arrives through the TLS connection, from a store whose
 * certificate the JVM's trust store holds and which names the host the service connects to.
 * The store is a bare TLS socket server with a certificate made for the test by the JDK's keytool.
 */
@QuarkusTest
@TestProfile(StoreOverTlsTest.TrustedStore.class)
class StoreOverTlsTest {

    static final int SIZE = 300_000;

    @AfterAll
    static void forgetTheStore() {
        TlsStore.forget();
    }

    @Test
    void the_audio_comes_whole_over_tls() {
        UUID id = Fixtures.projected("recordings/tls/{id}.wav", SIZE);
        byte[] body = given().auth().oauth2(Fixtures.token("supervisor1")).queryParam("purpose", "quality")
                .get("/recordings/" + id + "/audio").then().statusCode(200).extract().asByteArray();
        assertThat(body).hasSize(SIZE).containsOnly((byte) 'b');
    }

    /** The store at {@code https://127.0.0.1}, its certificate in the JVM's trust store. */
    public static class TrustedStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TlsStore.INSTANCE.trustIt();
            return Map.of("callrec.s3.endpoint", "https://127.0.0.1:" + TlsStore.INSTANCE.port());
        }
    }

    /**
     * Answers every GET with status 206 and {@link #SIZE} bytes over TLS, with a certificate that
     * names 127.0.0.1 only, and keeps the connection for the next request.
     */
    static final class TlsStore {
        private static final char[] PASSWORD = "test-only-store-keystore".toCharArray();
        static final TlsStore INSTANCE = new TlsStore();

        private final Path keystore;
        private final StoreStub stub;

        private TlsStore() {
            try {
                keystore = Files.createTempDirectory("callrec-tls-store").resolve("store.p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "store", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                        "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                        "-keystore", keystore.toString(), "-storepass", new String(PASSWORD))
                        .redirectErrorStream(true).start();
                String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (keytool.waitFor() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(keystore)) {
                    keys.load(in, PASSWORD);
                }
                KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                managers.init(keys, PASSWORD);
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(managers.getKeyManagers(), null, null);
                stub = new StoreStub(tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                        (target, request, out) -> {
                            StoreStub.answer206(out, SIZE, SIZE, (byte) 'b');
                            return true;
                        });
            } catch (Exception e) {
                throw new IllegalStateException("could not start the TLS store", e);
            }
        }

        int port() {
            return stub.port();
        }

        /** Puts the store's certificate into the JVM's trust store, which TLS contexts made from now on use. */
        void trustIt() {
            System.setProperty("javax.net.ssl.trustStore", keystore.toString());
            System.setProperty("javax.net.ssl.trustStorePassword", new String(PASSWORD));
            System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        }

        /** Gives the JVM its own trust store back, for the tests that follow. */
        static void forget() {
            System.clearProperty("javax.net.ssl.trustStore");
            System.clearProperty("javax.net.ssl.trustStorePassword");
            System.clearProperty("javax.net.ssl.trustStoreType");
        }
    }
}
