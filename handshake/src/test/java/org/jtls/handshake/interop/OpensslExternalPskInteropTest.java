package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.ExternalPsk;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 external PSKs (RFC 8446 §4.2.11) against {@code openssl s_server -psk -psk_identity -nocert}
 * and {@code openssl s_client -psk -psk_identity}, in both directions; OpenSSL 3 binds a
 * {@code -psk} key to SHA-256 in TLS 1.3. No certificates on either side. Skipped without openssl.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpensslExternalPskInteropTest {
    private static final byte[] HTTP_GET = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String IDENTITY = "jtls-client";
    private static final String KEY_HEX = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final ExternalPsk PSK = ExternalPsk.sha256(IDENTITY.getBytes(StandardCharsets.US_ASCII),
            HexFormat.of().parseHex(KEY_HEX));

    @TempDir
    static Path directory;

    @BeforeAll
    static void requireOpenssl() {
        PeerProcess.assumeInstalled("openssl", "preinstalled on Debian; apt-get install openssl");
    }

    private static TlsConfig.Builder tls13() {
        return Interop.defaults().versions(List.of(ProtocolVersion.TLS_1_3));
    }

    private static void assertExternalPsk(SessionInfo session) {
        assertArrayEquals(PSK.identity(), session.pskIdentity().orElseThrow(() -> new AssertionError(
                "not authenticated by the external PSK: " + session)));
        assertTrue(session.peerCertificates().isEmpty());
        assertTrue(!session.resumed());
    }

    @Test
    void ourClientWithOpensslServer() throws Exception {
        try (PeerProcess peer = PeerProcess.listen(new PeerProcess.Command("openssl", "s_server", "-accept",
                "127.0.0.1:" + PeerProcess.PORT, "-tls1_3", "-nocert", "-psk", KEY_HEX, "-psk_identity", IDENTITY,
                "-naccept", "1", "-www"), "ACCEPT", directory)) {
            TlsEngine engine = TlsEngine.client(tls13().externalPsk(PSK).build(), "localhost");
            try (SocketTlsConnection connection = SocketTlsConnection.connect(engine, peer.port())) {
                assertExternalPsk(connection.handshake());
                connection.write(HTTP_GET);
                String page = new String(connection.readUntilClosed(), StandardCharsets.ISO_8859_1);
                assertTrue(page.contains("TLSv1.3"), page);
            }
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
        }
    }

    @Test
    void opensslClientWithOurServer() throws Exception {
        TlsConfig config = tls13().externalPskLookup(identity -> PSK.hasIdentity(identity)
                ? java.util.Optional.of(PSK) : java.util.Optional.empty()).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(List.of("openssl", "s_client", "-connect",
                        "127.0.0.1:" + server.port(), "-tls1_3", "-psk", KEY_HEX, "-psk_identity", IDENTITY),
                        directory)) {
            peer.writeToStdin(Interop.PING);
            assertExternalPsk(server.await());
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), peer.describe());
        }
    }

    /**
     * s_client prefers TLS_AES_256_GCM_SHA384 but its -psk key is SHA-256: our server, though in
     * client-preference order, picks the PSK's hash (TLS_AES_128_GCM_SHA256) rather than skip the PSK.
     */
    @Test
    void ourServerPicksASuiteOfThePsksHash() throws Exception {
        TlsConfig config = tls13().serverCipherPreference(false).externalPskLookup(identity -> PSK.hasIdentity(identity)
                ? java.util.Optional.of(PSK) : java.util.Optional.empty()).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(List.of("openssl", "s_client", "-connect",
                        "127.0.0.1:" + server.port(), "-tls1_3", "-psk", KEY_HEX, "-psk_identity", IDENTITY,
                        "-ciphersuites", "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256"), directory)) {
            peer.writeToStdin(Interop.PING);
            SessionInfo session = server.await();
            assertExternalPsk(session);
            assertEquals(CipherSuite.TLS_AES_128_GCM_SHA256, session.cipherSuite());
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
        }
    }
}
